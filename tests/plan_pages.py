"""The pages the browser tests visit, picked from whatever plan data/ holds: the richest measure,
the busiest department, the year with most targets. Picked by rule, so that the tests check any
city's site; a plan without something (a first draft has no targets or topics yet) has None."""

from plansite import urls
from plansite.data.read import read_plan
from plansite.site import catalog
from tests.conftest import DATA

PLAN = read_plan(DATA, "data/measures.yaml")
CATALOG = catalog.build(PLAN)

# A measure with a lead and supporting units and the most targets, with neighbours on both sides
# where the plan has them.
MEASURE = max(
    PLAN.measures[1:-1] or PLAN.measures,
    key=lambda m: (bool(m.lead and m.supporting), len(m.targets)),
)
MEASURE_ENTRY = CATALOG.measures[MEASURE.id]
# Its second target (its first if it has one only), and that target's year.
TARGET = MEASURE.targets[min(1, len(MEASURE.targets) - 1)] if MEASURE.targets else None
YEAR = next((g for g in CATALOG.years if TARGET and g.year == TARGET.year), None)
YEAR_URL = urls.published(YEAR.page) if YEAR else None
# The measure with the most targets: the longest page of its kind.
LONGEST = max(PLAN.measures, key=lambda m: len(m.targets))
LEAD = CATALOG.departments[MEASURE.lead[0].id] if MEASURE.lead else None
BUSIEST = max(CATALOG.departments.values(), key=lambda entry: len(entry.leads))
# The department answering for most targets: the fullest tables and ledger.
MOST_TARGETS = max(CATALOG.departments.values(), key=lambda entry: (entry.target_count, len(entry.ledger)))
TOPIC = next(iter(CATALOG.topics.values()), None)

PAGE_KINDS = {
    "home": "",
    "measure": MEASURE.url,
    "measures": "measures/",
    "departments": "departments/",
    "department": BUSIEST.url,
    "ledger": urls.published(MOST_TARGETS.ledger_page),
    "sectors": "sectors/",
    "sector": urls.published(MEASURE.chapter.page),
    "goals": urls.published(PLAN.chapters[0].page),
    "topics": "topics/",
    **({"topic": urls.published(TOPIC.page)} if TOPIC else {}),
    "years": "years/",
    **({"year": YEAR_URL} if YEAR_URL else {}),
    "full-text": "full-text/",
    "documents": "documents/",
    "progress": "progress/",
    "changes": "changes/",
    "downloads": "downloads/",
    "about": "about/",
    "not-found": "404.html",
}
# Pages that list targets in tables, where the plan has targets.
TARGET_TABLES = [YEAR_URL, MOST_TARGETS.url, "progress/"] if YEAR_URL else []


def unique_part_of_a_name() -> tuple[str, str]:
    """Two characters of one department's name found in no other's names: what a reader types
    to find it, and the name it finds."""
    for entry in CATALOG.departments.values():
        name = entry.department.name
        for start in range(1, len(name) - 1):
            part = name[start : start + 2]
            if sum(any(part in n for n in other.department.names) for other in CATALOG.departments.values()) == 1:
                return part, name
    raise AssertionError("every department shares its name's parts with another")
