"""How well search answers: every query of the evaluation set typed into the built site's box.

    make bench-search       (builds the site; needs chromium)

Serves site/ on 127.0.0.1 and types each query of tests/this_plan.yaml, the phrases
plansite/tools/search_eval.py draws from the plan and the residents' queries mistyped as a pinyin
keyboard may (search_eval.mistyped), into the search box in Chromium. Prints each query's
first three results with the rank of the first expected page, then per kind of query the mean
reciprocal rank (MRR: 1 when an expected page comes first, 1/2 second, 0 when missing), the
share answered first and within the first three, and the share that found nothing at all.
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

from plansite.data.read import read_plan
from plansite.repository import ROOT
from plansite.tools.browser import CHROMIUM_ARGS, SearchBox, require_chromium, serve
from plansite.tools.search_eval import drawn_phrases, mistyped, reciprocal_rank, written_queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "measures.yaml")
    parser.add_argument("--misses", action="store_true", help="print only the queries not answered first")
    args = parser.parse_args()
    if not (args.site / "search.json").is_file():
        print(f"{args.site} has no search index: build the site first (make site)", file=sys.stderr)
        return 2
    written = written_queries()
    index = json.loads((args.site / "search.json").read_text(encoding="utf-8"))
    queries = written + drawn_phrases(read_plan(args.data, str(args.data)), per_measure=2) + mistyped(written, index)
    ranks: dict[str, list[float]] = defaultdict(list)
    empty: dict[str, int] = defaultdict(int)
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        box = SearchBox(browser.new_page(viewport={"width": 1280, "height": 900}), url)
        for query in queries:
            results = box.results(query.text)
            rank = reciprocal_rank(results, query.expected)
            ranks[query.kind].append(rank)
            empty[query.kind] += not results
            if not args.misses or rank < 1:
                shown = "  ".join(f"/{page}" for page in results[:3]) or "(nothing found)"
                place = f"#{round(1 / rank)}" if rank else "miss"
                print(f"{query.kind:9} {place:>5}  {query.text:<16} {shown}")
        browser.close()
    print(f"\n{'kind':9} {'queries':>7} {'MRR':>6} {'first':>6} {'top 3':>6} {'none':>6}")
    empty["all"] = sum(empty.values())
    for kind, values in [*ranks.items(), ("all", [v for vs in ranks.values() for v in vs])]:
        first = sum(v == 1 for v in values) / len(values)
        top3 = sum(v >= 1 / 3 for v in values) / len(values)
        none = empty[kind] / len(values)
        print(f"{kind:9} {len(values):7} {sum(values) / len(values):6.3f} {first:6.0%} {top3:6.0%} {none:6.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
