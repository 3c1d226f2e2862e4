"""The built site as the public gets it: through Debian's nginx with the shipped configuration
(deploy/site.conf and the content policy make site writes), every kind of file with its type,
compressed, cached as it should be, the site's own 404 page, and only the site's own scripts.
Every browser test loads its pages through the same server (conftest.site_url), and fails on any
content policy violation (test_browser)."""

import gzip
import http.client
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from plansite import urls
from plansite.site.serving import POLICY_FILE, policy
from plansite.tools import nginx
from tests.conftest import ROOT
from tests.plan_pages import BUSIEST, MEASURE

pytestmark = pytest.mark.site

ONE = BUSIEST.department.id
# A file of each kind the site publishes (paths from the output table), and the type it must have.
KINDS = {
    "": "text/html; charset=utf-8",
    MEASURE.url: "text/html; charset=utf-8",
    "assets/stylesheets/plan.css": "text/css; charset=utf-8",
    "assets/javascripts/plan.js": "text/javascript; charset=utf-8",
    urls.source("search-index"): "application/json; charset=utf-8",
    urls.source("plan-json"): "application/json; charset=utf-8",
    urls.source("table", "targets.csv"): "text/csv; charset=utf-8",
    urls.source("department-targets", ONE): "text/csv; charset=utf-8",
    urls.source("calendar", ONE): "text/calendar; charset=utf-8",
    urls.source("plan-calendar"): "text/calendar; charset=utf-8",
    urls.source("feed"): "application/atom+xml; charset=utf-8",
    urls.source("department-feed", ONE): "application/atom+xml; charset=utf-8",
    urls.source("department-ledger-book", ONE): "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sitemap.xml": "application/xml; charset=utf-8",
}


@pytest.fixture(scope="module")
def server(built_site):
    if not shutil.which(nginx.NGINX):
        pytest.fail(f"No nginx at {nginx.NGINX}: apt-get install nginx (.ci/run does)")
    with nginx.serve(built_site) as url:
        yield urlsplit(url).port


def get(port: int, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    """The response to GET /``path``, as sent (redirects are not followed)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/" + path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize("path", KINDS)
def test_each_kind_of_file_has_its_type_and_text_comes_compressed(server, built_site, path):
    response, body = get(server, path, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Type") == KINDS[path]
    on_disk = (built_site / path / "index.html") if not path or path.endswith("/") else built_site / path
    if path.endswith(".xlsx"):
        assert response.getheader("Content-Encoding") is None and body == on_disk.read_bytes()
    else:
        assert response.getheader("Content-Encoding") == "gzip" and gzip.decompress(body) == on_disk.read_bytes()
        assert response.getheader("Vary") == "Accept-Encoding"
    # A reader whose browser takes no gzip gets the file itself.
    plain, body = get(server, path)
    assert plain.getheader("Content-Encoding") is None and body == on_disk.read_bytes()


def test_hashed_assets_are_kept_a_year_and_pages_are_checked_each_visit(server, built_site):
    files = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*.min.*s"))
    hashed = [path for path in files if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", path)]
    assert len(hashed) >= 3  # Material's bundle, its style sheet and its palette
    for path in hashed:
        assert get(server, path)[0].getheader("Cache-Control") == "max-age=31536000", path
    for path in (
        "",
        MEASURE.url,
        "assets/javascripts/plan.js",
        urls.source("search-index"),
        urls.source("feed"),
        *sorted(set(files) - set(hashed))[:3],
    ):
        assert get(server, path)[0].getheader("Cache-Control") == "no-cache", path


def test_unknown_addresses_get_the_sites_404_page_and_folders_are_never_listed(server, built_site):
    not_found = (built_site / "404.html").read_bytes()
    for path in ("no-such-page/", "measures/m9999/", "assets/", "downloads/calendars/", POLICY_FILE, ".git/config"):
        response, body = get(server, path)
        assert response.status == 404 and body == not_found, path


def test_an_address_without_its_final_slash_is_redirected_to_it(server):
    response, _ = get(server, MEASURE.url.rstrip("/"))
    assert response.status == 301 and response.getheader("Location") == "/" + MEASURE.url


def test_every_response_carries_the_content_policy_and_the_security_headers(server, built_site):
    expected = policy(built_site)
    assert "'unsafe-inline'" not in expected and "'unsafe-eval'" not in expected
    assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/]+=')+(;|$)", expected)
    for path in (
        "",
        MEASURE.url,
        urls.source("search-index"),
        urls.source("feed"),
        "no-such-page/",
        MEASURE.url.rstrip("/"),
    ):
        response, _ = get(server, path)
        assert response.getheader("Content-Security-Policy") == expected, path
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
        assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin", path
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'"):
        assert directive in expected


def test_the_calendar_subscription_address_is_served_as_a_calendar(server, built_site):
    page = (built_site / BUSIEST.url / "index.html").read_text(encoding="utf-8")
    subscription = re.search(r'href="(webcal://[^"]+)"', page).group(1)
    response, body = get(server, urlsplit(subscription).path.lstrip("/"))
    assert response.status == 200 and response.getheader("Content-Type") == "text/calendar; charset=utf-8"
    assert body.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.browser
def test_an_inline_handler_slipped_into_a_page_does_not_run(built_site, browser, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(built_site / POLICY_FILE, site / POLICY_FILE)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    slipped = (
        '<img src="x" onerror="document.title = \'pwned\'"><a id="go" href="#" onclick="document.title=\'pwned\'">x</a>'
    )
    (site / "index.html").write_text(home.replace("</article>", slipped + "</article>", 1), encoding="utf-8")
    with nginx.serve(site) as url:
        page = browser.new_page()
        violations = []
        page.expose_function("reportViolation", lambda text: violations.append(text))
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => window.reportViolation(e.violatedDirective))"
        )
        page.goto(url)
        page.click("#go")
        page.wait_for_timeout(200)
        assert page.title() != "pwned"
        page.close()
    assert any(directive.startswith("script-src") for directive in violations)


def test_the_public_servers_configuration_is_accepted_by_nginx(built_site, tmp_path):
    """deploy/nginx.conf as a city fills in its SETTING lines (a certificate made here)."""
    key, certificate = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=plan.example.gov.cn"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    settings = {
        "/etc/ssl/plan/fullchain.pem": certificate,
        "/etc/ssl/plan/privkey.pem": key,
        "/srv/plan/site": built_site.resolve(),
        "/etc/nginx/plan-site.conf": ROOT / "deploy" / "site.conf",
    }
    for placeholder, value in settings.items():
        assert placeholder in text
        text = text.replace(placeholder, str(value))
    work = tmp_path / "nginx"
    work.mkdir()
    main = f"pid {work / 'nginx.pid'};\nerror_log stderr;\nevents {{}}\n"
    conf = f"{main}http {{\n{nginx.temporary_paths(work)}\n{text}\n}}\n"
    (work / "nginx.conf").write_text(conf, encoding="utf-8")
    result = subprocess.run(
        [nginx.NGINX, "-t", "-p", str(work), "-e", "stderr", "-c", str(work / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "test is successful" in result.stderr, result.stderr
