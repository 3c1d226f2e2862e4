"""The reader's first visit, measured: `make bench-pages`.

Serves site/ through nginx with deploy/site.conf, as it is published (gzip copies, caching,
content policy). For home, a measure, a department, the dashboard and a year page, in normal
mode and in 长辈模式, Lighthouse (pinned: ``LIGHTHOUSE_VERSION``, the newest that runs on the
machine's Node 20) loads the page in Debian's chromium with an empty cache under its mobile
throttling and reports bytes transferred, requests, first and largest contentful paint, total
blocking time, and the performance and accessibility scores. The search index a reader fetches
on using the box is added to the first visit's bytes. Then, with Chromium's CPU slowed four
times, the time from the first key typed in the search box (or the first word an input method
commits) to the first results, the index fetch included (Playwright's own scripts are put into
the page before the clock starts).

Budgets (printed as within or OVER): first visit with the index ≤ 150 KB, performance ≥ 95,
accessibility 100, first results ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from plansite.repository import ROOT
from plansite.tools import nginx
from plansite.tools.browser import CHROMIUM_ARGS, free_port, require_chromium

PAGES = {
    "home": "",
    "measure": "measures/m12/",
    "department": "departments/industry-it/",
    "dashboard": "progress/",
    "year": "years/2025/",
}
MODES = ("normal", "长辈模式")
SEARCH_INDEX = "search.json"
# Lighthouse 13 needs Node 22; 12.2.3 is the last release that runs on Node 20.
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = ROOT / ".cache" / f"lighthouse-{LIGHTHOUSE_VERSION}" / "node_modules" / ".bin" / "lighthouse"
BUDGET_BYTES = 150 * 1024
BUDGET_PERFORMANCE = 95
BUDGET_ACCESSIBILITY = 100
BUDGET_SEARCH_MS = 100
# First keys a reader types: a department, a thing, a number.
SEARCH_KEYS = ("商", "汽", "电", "五", "1")
# First words, as an input method commits them whole (one input event of two or more characters):
# a thing and a department. The first query of two characters is the one that counts pieces.
SEARCH_WORDS = ("汽车", "商务局")
# A file of the site with nothing to load beside it: where 长辈模式 is switched on before a run,
# leaving the cache as good as empty.
PLAIN_FILE = "downloads/plan.schema.json"
ELDER_MODE = "localStorage.setItem('plan-elder-mode', 'on')"


def lighthouse(url: str, origin: str, elder: bool, keep: Path | None = None) -> dict:
    """One Lighthouse run of ``url`` in a fresh chromium: its figures (and its whole report, into
    ``keep``, when given: the profile of its main thread is there)."""
    port = free_port()
    profile = tempfile.mkdtemp(prefix="bench-pages-")
    browser = subprocess.Popen(
        [
            require_chromium(),
            "--headless=new",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={profile}",
            *CHROMIUM_ARGS,
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_devtools(port)
        if elder:
            with sync_playwright() as playwright:
                connected = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
                page = connected.contexts[0].new_page()
                page.goto(origin + PLAIN_FILE)
                page.evaluate(ELDER_MODE)
                page.close()
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report.json"
            run = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    url,
                    f"--port={port}",
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--only-categories=performance,accessibility",
                    # The profile is fresh: only 长辈模式's switch is kept, and the plain file's few bytes.
                    "--disable-storage-reset",
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            if run.returncode:
                raise RuntimeError(f"lighthouse failed on {url}: {run.stderr.strip()[-400:]}")
            result = json.loads(report.read_text(encoding="utf-8"))
            if keep:
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(report, keep)
        if elder:
            # The switch outlived the run (no storage reset), so the page Lighthouse loaded read it.
            with sync_playwright() as playwright:
                connected = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
                page = connected.contexts[0].new_page()
                page.goto(origin + PLAIN_FILE)
                assert page.evaluate("localStorage.getItem('plan-elder-mode')") == "on"
                page.close()
    finally:
        browser.terminate()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)
    audits, categories = result["audits"], result["categories"]
    return {
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
    }


def _wait_for_devtools(port: int) -> None:
    import urllib.request

    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# Records, as window.planFirstResults, the milliseconds from the first character typed (an input
# method commits it as one input event) to the first result shown. The clock starts before the
# page's own handlers see the character (on the window, capturing): they may show results at once.
_WATCH_FIRST_RESULTS = """
() => {
  let pressed = null;
  window.addEventListener('input', () => { pressed = performance.now(); }, {capture: true, once: true});
  new MutationObserver((_, observer) => {
    if (pressed !== null && document.querySelector('.md-search-result__item')) {
      observer.disconnect();
      window.planFirstResults = performance.now() - pressed;
    }
  }).observe(document.body, {childList: true, subtree: true});
}
"""


def search_latency(browser, origin: str, key: str) -> tuple[float, int]:
    """Milliseconds from the first key (or word) to the first results on a page just loaded, with
    the CPU slowed four times and the index not yet fetched; and the index's bytes transferred."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    index_bytes = []

    def finished(request) -> None:
        if request.url.endswith(SEARCH_INDEX):
            sizes = request.sizes()
            index_bytes.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", finished)
    page.goto(origin + PAGES["measure"], wait_until="networkidle")
    # Playwright's own scripts, which it puts into the page on first use (60-90 ms of the main
    # thread at 4x, in the middle of the search otherwise), are in place before the clock starts.
    page.locator("input.md-search__input").wait_for()
    page.wait_for_function("() => true")
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.evaluate(_WATCH_FIRST_RESULTS)
    page.locator("input.md-search__input").focus()
    if len(key) == 1:
        page.keyboard.type(key)
    else:
        page.keyboard.insert_text(key)
    elapsed = page.wait_for_function("() => window.planFirstResults", timeout=30000).json_value()
    page.wait_for_load_state("networkidle")
    context.close()
    return elapsed, sum(index_bytes)


def _padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns of a terminal, where a Chinese character takes two."""
    return text + " " * (width - sum(2 if ord(char) > 0x2E7F else 1 for char in text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on the main pages, and the search's first results")
    parser.add_argument("--reports", type=Path, help="keep each page's Lighthouse report (JSON) in this folder")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"lighthouse {LIGHTHOUSE_VERSION} is not installed in .cache/: make bench-pages installs it with npm")
        return 1
    os.environ.setdefault("CHROME_PATH", require_chromium())
    runs: dict[str, dict[str, dict]] = {}
    with nginx.serve(ROOT / "site") as origin:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
            searches = [search_latency(browser, origin, key) for key in SEARCH_KEYS + SEARCH_WORDS]
            browser.close()
        index_bytes = max(size for _, size in searches)
        for name, path in PAGES.items():
            runs[name] = {
                mode: lighthouse(
                    origin + path, origin, mode != "normal", args.reports and args.reports / f"{name}-{mode}.json"
                )
                for mode in MODES
            }
    print(
        f"{'page':<11}{'mode':<9}{'first visit':>12}{'+ index':>10}{'requests':>9}{'FCP':>8}{'LCP':>8}{'TBT':>7}"
        f"{'perf':>6}{'a11y':>6}"
    )
    over = []
    for name, modes in runs.items():
        for mode, r in modes.items():
            with_index = r["bytes"] + index_bytes
            print(
                f"{name:<11}{_padded(mode, 9)}{r['bytes'] / 1024:>9.1f} KB{with_index / 1024:>7.1f} KB"
                f"{r['requests']:>9}{r['fcp_ms']:>6.0f}ms{r['lcp_ms']:>6.0f}ms{r['tbt_ms']:>5.0f}ms"
                f"{r['performance']:>6}{r['accessibility']:>6}"
            )
            if with_index > BUDGET_BYTES:
                over.append(f"{name} {mode}: {with_index / 1024:.1f} KB with the index")
            if r["performance"] < BUDGET_PERFORMANCE:
                over.append(f"{name} {mode}: performance {r['performance']}")
            if r["accessibility"] < BUDGET_ACCESSIBILITY:
                over.append(f"{name} {mode}: accessibility {r['accessibility']}")
    latencies = [ms for ms, _ in searches]
    timed = [f"{key} {ms:.0f} ms" for key, (ms, _) in zip(SEARCH_KEYS + SEARCH_WORDS, searches, strict=True)]
    print(
        f"search index: {index_bytes / 1024:.1f} KB transferred; first results, CPU 4x slower, after the first key: "
        + ", ".join(timed[: len(SEARCH_KEYS)])
        + "; after a first word: "
        + ", ".join(timed[len(SEARCH_KEYS) :])
        + f" (median {statistics.median(latencies):.0f} ms, worst {max(latencies):.0f} ms)"
    )
    if max(latencies) > BUDGET_SEARCH_MS:
        over.append(f"search: first results after {max(latencies):.0f} ms")
    print("budgets: " + ("all within" if not over else "OVER: " + "; ".join(over)))
    (ROOT / "site" / "page-budget.json").write_text(
        json.dumps(
            {"lighthouse": LIGHTHOUSE_VERSION, "pages": runs, "search_ms": latencies, "index_bytes": index_bytes},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
