"""Which search a plan gets: the site's own (``search_index``), or Pagefind for a large plan.

The site's own search loads its whole index with the first query: about 0.4 KB gzipped per
measure. Beyond this many measures that is more than a reader should download before a first
query, and the plan is searched with Pagefind instead, which fetches only the index chunks a
query needs, on a search page of its own. This is the one place the choice is made.
"""

from __future__ import annotations

from plansite.data.model import Plan

OWN_SEARCH_MEASURES = 300


def engine(plan: Plan) -> str:
    """'own' (the search box in every page's header) or 'pagefind' (a search page)."""
    return "own" if len(plan.measures) <= OWN_SEARCH_MEASURES else "pagefind"
