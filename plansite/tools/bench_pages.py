"""The page budget: what a first visit to each main page costs, measured in Chromium.

    make bench-pages        (builds the site; needs chromium)

Serves site/ on 127.0.0.1 with gzip, as the README's nginx configuration does, and loads each
page in a fresh browser (empty cache). For each it prints the bytes transferred with and
without the search index, the number of requests and the time to first contentful paint.
Budget: a measure page under 150 KB transferred, search index excluded.

Where Lighthouse is installed (`make bench-pages` installs it into .cache/ with npm), it also
prints Lighthouse's four scores for the home and a measure page, run with Debian's chromium.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from plansite.repository import ROOT
from plansite.tools.browser import CHROMIUM_ARGS, require_chromium, serve

PAGES = {"home": "", "measure": "measures/m12/", "department": "departments/industry-it/", "year": "years/2025/"}
SEARCH_INDEX = "/search.json"
BUDGET = 150 * 1024
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def measure(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    sizes = []
    for request in responses:
        size = request.sizes()
        sizes.append((request.url, size["responseBodySize"] + size["responseHeadersSize"]))
    context.close()
    total = sum(size for _, size in sizes)
    index = sum(size for url, size in sizes if url.endswith(SEARCH_INDEX))
    return {"requests": len(sizes), "bytes": total, "bytes_without_index": total - index, "fcp_ms": paint}


def lighthouse_scores(url: str) -> dict[str, int] | None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        run = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
            ],
            env={**os.environ, "CHROME_PATH": require_chromium()},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode:
            print(f"lighthouse failed on {url}: {run.stderr.strip()[-300:]}")
            return None
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in LIGHTHOUSE_CATEGORIES}


def main() -> int:
    results = {}
    scores = {}
    with serve(ROOT / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            results[name] = measure(browser, base + path)
        browser.close()
        if LIGHTHOUSE.exists():
            for name in ("home", "measure"):
                scores[name] = lighthouse_scores(base + PAGES[name])
    print(f"{'page':<12}{'transferred':>14}{'without index':>16}{'requests':>10}{'FCP':>10}")
    for name, result in results.items():
        print(
            f"{name:<12}{result['bytes'] / 1024:>11.1f} KB{result['bytes_without_index'] / 1024:>13.1f} KB"
            f"{result['requests']:>10}{result['fcp_ms']:>8.0f} ms"
        )
    measure_page = results["measure"]["bytes_without_index"]
    verdict = "within" if measure_page <= BUDGET else "OVER"
    print(f"measure page, search index excluded: {measure_page / 1024:.1f} KB, {verdict} the 150 KB budget")
    for name, page_scores in scores.items():
        if page_scores:
            print(f"lighthouse, {name} (simulated mobile): " + ", ".join(f"{k} {v}" for k, v in page_scores.items()))
    if not LIGHTHOUSE.exists():
        print("lighthouse: not installed (make bench-pages installs it with npm), scores skipped")
    (ROOT / "site" / "page-budget.json").write_text(
        json.dumps({"pages": results, "lighthouse": scores}, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
