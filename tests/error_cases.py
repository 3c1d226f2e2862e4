"""The corpus of bad inputs: each ``errors/NAME.yaml`` breaks the sample plan one way,
and ``errors/NAME.expected`` is the exact report an editor sees for it."""

from pathlib import Path

from plansite.data.read import read_plan
from plansite.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
ERRORS = ROOT / "tests" / "fixtures" / "errors"


def report_for(fixture: Path) -> str:
    try:
        read_plan(fixture, fixture.relative_to(ROOT).as_posix())
    except DataError as error:
        return error.report()
    raise AssertionError(f"{fixture.name} is valid, but every fixture under errors/ must fail")
