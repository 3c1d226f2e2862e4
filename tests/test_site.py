"""The real site, built with --strict, and checked page by page."""

import html as html_module
import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from plansite.site import catalog as catalog_module
from tests.site_build import build_site, measure_ids, parse, section

# Builds the site with MkDocs: not in make quick.
pytestmark = pytest.mark.site

EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


@pytest.fixture(scope="module")
def catalog(plan):
    return catalog_module.build(plan)


def html_pages(site):
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def parsed(site):
    """Every page's ids, links and resources, parsed once for the tests that read them."""
    return {path: parse(read(path)) for path in html_pages(site)}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def content(html: str) -> str:
    """The page's own content, without the navigation around it."""
    return html[html.index("<article") : html.index("</article>")]


def test_every_measure_has_its_page_at_its_permanent_url(site, plan):
    pages = sorted(p.parent.name for p in (site / "measures").glob("m*/index.html"))
    assert pages == sorted(m.id for m in plan.measures)
    for measure in plan.measures:
        html = read(site / measure.url / "index.html")
        assert f"<h1>{html_module.escape(measure.heading, quote=False)}</h1>" in html
        assert all(f'id="{target.id}"' in html for target in measure.targets)


def test_every_department_page_lists_exactly_its_measures(site, catalog):
    for entry in catalog.departments.values():
        html = read(site / "departments" / entry.department.id / "index.html")
        assert html_module.escape(entry.department.title, quote=False) in html
        for anchor, measures in (
            ("leads", entry.leads),
            ("supports", entry.supports),
            ("responsible", entry.responsible_for),
        ):
            listed = measure_ids(section(html, anchor)) if measures else []
            assert listed == [m.id for m in measures], (entry.department.id, anchor)
    referenced = {d.id for m in catalog.plan.measures for d in m.lead + m.supporting + m.responsible}
    pages = {p.parent.name for p in (site / "departments").glob("*/index.html")}
    assert referenced <= pages


DEPARTMENT_FILES = ("任务台账", "填报台账（Excel）", "目标任务表（CSV）", "截止日期日历（.ics）")


def test_every_department_links_its_ledger_files_and_calendar_subscription(site, catalog):
    for entry in catalog.departments.values():
        page = site / "departments" / entry.department.id / "index.html"
        html = read(page)
        listed = html[html.index('<ul class="plan-files"') : html.index("</ul>", html.index('<ul class="plan-files"'))]
        links = {
            html_module.unescape(text): html_module.unescape(href)
            for href, text in re.findall(r'<a [^>]*?href="([^"]*)"[^>]*>([^<]*)</a>', listed)
        }
        assert set(DEPARTMENT_FILES) | {"在日历软件中订阅"} <= links.keys(), entry.department.id
        assert links["在日历软件中订阅"].startswith("webcal://"), entry.department.id
        for name in DEPARTMENT_FILES:
            target = (page.parent / links[name]).resolve()
            assert (target / "index.html" if target.is_dir() else target).is_file(), (entry.department.id, name)
        assert len(re.findall(r'class="plan-citation__text">[^<]*\.ics<', html)) == 1, entry.department.id


def test_every_year_page_lists_exactly_the_targets_of_that_year(site, catalog):
    for group in catalog.years:
        html = read(site / "years" / str(group.year) / "index.html")
        listed = re.findall(r'href="[^"]*#((?:m\d+|g\d+)-t\d+)"', html)
        assert listed == [c.target.id for c in group.commitments], group.year
    year_pages = sorted(int(p.parent.name) for p in (site / "years").glob("*/index.html"))
    assert year_pages == [group.year for group in catalog.years]


def test_sector_pages_list_their_measures(site, catalog):
    for entry in catalog.chapters.values():
        html = read(site / "sectors" / entry.chapter.id / "index.html")
        assert measure_ids(section(html, "measures")) == [m.id for m in entry.measures] if entry.measures else True
    for entry in catalog.chapters.values():
        html = read(site / "sectors" / entry.chapter.id / "index.html")
        assert all(f'id="{t.id}"' in html for goal in entry.chapter.goals for t in goal.targets)


def test_full_text_holds_every_official_paragraph_and_links_every_measure(site, official_lines, plan):
    article = content(read(site / "full-text" / "index.html"))
    text = unicodedata.normalize("NFKC", html_module.unescape(re.sub(r"<[^>]+>", "", article)))
    missing = [line for line in official_lines if unicodedata.normalize("NFKC", line) not in text]
    assert missing == []
    measure_links = [link for link in parse(article).links if re.fullmatch(r"\.\./measures/m\d+/", link)]
    assert measure_links == [f"../{m.url}" for m in plan.measures]


def test_the_search_index_has_every_measure_and_department_and_only_pages_that_exist(site, plan):
    entries = json.loads(read(site / "search.json"))["pages"]
    urls = [entry["url"] for entry in entries]
    assert len(urls) == len(set(urls))
    assert {m.url for m in plan.measures} | {f"departments/{d.id}/" for d in plan.departments} <= set(urls)
    assert [url for url in urls if not (site / url / "index.html").is_file()] == []
    about = next(entry for entry in entries if entry["url"] == "about/")
    assert about["title"] == "关于本站" and "以发文机关发布的原文为准" in about["text"]
    last = plan.measures[-1]
    entry = next(entry for entry in entries if entry["url"] == last.url)
    assert entry["text"] == last.text and last.label in entry["keys"]


def test_internal_links_and_anchors_all_resolve(site, parsed):
    pages = parsed
    broken, anchors_checked = [], 0
    for path, page in pages.items():
        for link in page.links:
            if EXTERNAL.match(link) or link.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(link)
            # The 404 page links from the site root: it is served at any depth.
            base = site if parts.path.startswith("/") else path.parent
            target = Path(os.path.normpath(base / unquote(parts.path.lstrip("/")))) if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids
                anchors_checked += 1
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    assert broken == []
    assert anchors_checked > 5 * len(pages)  # sections and headings of every page: the check really ran


def test_every_markdown_link_was_turned_into_a_link(site):
    """An element marked markdown inside one that is not keeps its Markdown as text: the reader
    would see '[市工信局](../departments/industry-it.md)' and a 'markdown' attribute would remain."""
    leftovers = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        article = html[html.find("<article") : html.find("</article>")]
        if re.search(r"\]\([^)\s]*\.md[#)]", article) or re.search(r"<[a-z0-9]+ [^>]*\bmarkdown\b", article):
            leftovers.append(page.relative_to(site).as_posix())
    assert not leftovers, leftovers


def test_only_links_to_the_data_file_the_licence_and_evidence_leave_the_site(parsed, plan):
    """Links, not requests: the browser tests prove nothing is fetched from elsewhere."""
    evidence = {urlsplit(e.url).netloc for t in plan.targets for r in t.history for e in r.evidence}
    hosts = Counter()
    for page in parsed.values():
        for link in page.links:
            if EXTERNAL.match(link):
                hosts[urlsplit(link).netloc] += 1
    official = {urlsplit(plan.document.official_page).netloc} if plan.document.official_page else set()
    assert set(hosts) <= {"code.example", "changzhi-plan.example", "creativecommons.org"} | evidence | official
    assert hosts["creativecommons.org"] == 1


def test_no_page_loads_anything_from_another_host(site, parsed):
    offenders = []
    for path, page in parsed.items():
        for tag, attribute, value in page.resources:
            if EXTERNAL.match(value):
                offenders.append(f"{path.relative_to(site)}: <{tag} {attribute}={value}>")
    for path in site.rglob("*.css"):
        offenders += [
            f"{path.relative_to(site)}: {url}"
            for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", read(path))
        ]
    assert offenders == []


def test_no_page_holds_a_mermaid_diagram(site):
    # Material's script fetches mermaid from unpkg.com only for such a page (see mkdocs.yml).
    assert not [p for p in html_pages(site) if 'class="mermaid"' in read(p)]


def test_system_fonts_only(site):
    home = read(site / "index.html")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_the_404_page_speaks_chinese(site):
    page = read(site / "404.html")
    assert "页面不存在" in page
    # A reader who came for a subsidy is shown the way to ask.
    assert '/help/">怎么申请补贴、到哪里办理</a>' in page


def test_the_export_is_published(site, plan):
    published = json.loads(read(site / "downloads" / "plan.json"))
    assert [m["id"] for m in published["measures"]] == [m.id for m in plan.measures]
    assert (site / "downloads" / "plan.schema.json").is_file()


def test_measure_pages_carry_short_and_full_department_names(site, plan):
    for measure in plan.measures:
        html = read(site / measure.url / "index.html")
        for department in measure.lead + measure.supporting + measure.responsible:
            assert html_module.escape(department.name, quote=False) in html
            if department.full_name:
                assert f"（{html_module.escape(department.full_name, quote=False)}）" in html
        if measure.lead:
            assert 'class="plan-unit plan-unit--lead"' in html and "plan-badge" in html


def test_the_built_site_is_reproducible_apart_from_mkdocs_dates(site, tmp_path):
    again = tmp_path / "again"
    assert build_site(again).returncode == 0
    stamped = {"sitemap.xml", "sitemap.xml.gz"}  # MkDocs dates every page with the build day
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    differing = [f for f in files if (site / f).read_bytes() != (again / f).read_bytes()]
    assert set(differing) <= stamped


def test_every_page_carries_a_card_for_chat_apps_and_its_canonical_address(site, plan):
    for path in sorted(site.rglob("index.html")):
        page = read(path)
        meta = dict(re.findall(r'<meta (?:property|name)="([a-z:_]+)" content="([^"]*)"', page))
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
        assert canonical and meta["og:url"] == canonical[1], path
        title = html_module.unescape(re.search(r"<title>(.*?)</title>", page, re.S)[1])
        assert html_module.unescape(meta["og:title"]) in title, path
        assert meta["og:description"] and meta["og:description"] == meta["description"], path
        assert html_module.unescape(meta["og:site_name"]) in title and meta["og:locale"] == "zh_CN", path
    measure = read(site / plan.measures[0].url / "index.html")
    assert f'property="og:title" content="{plan.measures[0].heading}"' in measure


def test_the_card_a_page_names_is_the_sites_own_png(site):
    home = read(site / "index.html")
    address = re.search(r'<meta property="og:image" content="([^"]+)"', home)[1]
    assert address.startswith("https://") and (site / urlsplit(address).path.lstrip("/")).read_bytes().startswith(
        b"\x89PNG"
    )
