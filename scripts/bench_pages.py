#!/usr/bin/env python3
"""The page budget: what a first visit to each main page costs, measured in Chromium.

    make bench-pages        (builds the site; needs chromium)

Serves site/ on 127.0.0.1 with gzip, as the README's nginx configuration does, and loads each
page in a fresh browser (empty cache). For each it prints the bytes transferred with and
without the search index, the number of requests and the time to first contentful paint.
Budget: a measure page under 150 KB transferred, search index excluded.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM_ARGS, require_chromium, serve  # noqa: E402

PAGES = {"home": "", "measure": "measures/m12/", "department": "departments/industry-it/", "year": "years/2025/"}
SEARCH_INDEX = "search/search_index.json"
BUDGET = 150 * 1024


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


def main() -> int:
    results = {}
    with serve(ROOT / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            results[name] = measure(browser, base + path)
        browser.close()
    print(f"{'page':<12}{'transferred':>14}{'without index':>16}{'requests':>10}{'FCP':>10}")
    for name, result in results.items():
        print(f"{name:<12}{result['bytes'] / 1024:>11.1f} KB{result['bytes_without_index'] / 1024:>13.1f} KB"
              f"{result['requests']:>10}{result['fcp_ms']:>8.0f} ms")
    measure_page = results["measure"]["bytes_without_index"]
    verdict = "within" if measure_page <= BUDGET else "OVER"
    print(f"measure page, search index excluded: {measure_page / 1024:.1f} KB, {verdict} the 150 KB budget")
    (ROOT / "site" / "page-budget.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
