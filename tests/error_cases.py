"""The corpus of bad inputs, each with ``errors/NAME.expected``, the exact report an editor sees.

Most cases break the sample plan one way, so each is kept as that one change:
``errors/NAME.diff``, a unified diff against ``sample/curated.yaml`` whose first lines say what it
breaks. Make one with ``diff -U2 tests/fixtures/sample/curated.yaml yours.yaml``. A case that is no
sample at all (an empty file, bytes that are not UTF-8, an alias bomb) is a whole ``NAME.yaml``.

A diff that no longer applies to the sample fails its test, so a case cannot drift from the sample
it breaks; the reports' line numbers are those of the sample with the change applied.
"""

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plansite.data.read import read_plan
from plansite.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
ERRORS = ROOT / "tests" / "fixtures" / "errors"
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"
_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@")


@dataclass(frozen=True)
class Case:
    name: str
    # Where the case's data would stand: the official text it names is found beside it.
    path: Path

    @property
    def display(self) -> str:
        return f"{self.name}.yaml"

    def data(self) -> bytes:
        """The bad input: the whole file, or the sample with the change applied."""
        diff = ERRORS / f"{self.name}.diff"
        if not diff.exists():
            return self.path.read_bytes()
        # Bytes decoded, not read as text: a carriage return inside a line stays one.
        return changed(SAMPLE.read_bytes().decode(), diff.read_bytes().decode(), diff.name).encode()

    def write(self, folder: Path) -> Path:
        """The bad input as a file in ``folder``, for the commands that take a path."""
        written = folder / self.display
        written.write_bytes(self.data())
        return written

    @property
    def expected(self) -> Path:
        return ERRORS / f"{self.name}.expected"


def cases() -> list[Case]:
    names = sorted({p.stem for p in ERRORS.iterdir() if p.suffix in (".diff", ".yaml")})
    return [Case(name, ERRORS / f"{name}.yaml") for name in names]


def case(name: str) -> Case:
    return Case(name, ERRORS / f"{name}.yaml")


def changed(base: str, diff: str, name: str) -> str:
    """``base`` with the unified ``diff`` applied; every context and removed line must match."""
    source = base.split("\n")
    lines = diff.split("\n")
    out: list[str] = []
    at = 0
    index = next((i for i, line in enumerate(lines) if line.startswith("@@")), len(lines))
    while index < len(lines) and lines[index].startswith("@@"):
        found = _HUNK.match(lines[index])
        assert found, f"{name}: unreadable hunk header {lines[index]!r}"
        old_count = int(found[2] or 1)
        new_count = int(found[3] or 1)
        start = int(found[1]) - (1 if old_count else 0)
        out += source[at:start]
        at = start
        index += 1
        while old_count or new_count:
            line = lines[index]
            mark, text = (line[:1], line[1:]) if line else (" ", "")
            if mark in " -":
                assert source[at] == text, f"{name}: line {at + 1} of the sample is no longer {text!r}"
                at += 1
                old_count -= 1
            if mark in " +":
                out.append(text)
                new_count -= 1
            index += 1
    return "\n".join(out + source[at:])


def report_for(bad: Case) -> str:
    data = bad.data()
    try:
        text = _plain_text(data)
        if text is not None:
            read_plan(bad.path, bad.display, text=text)
        else:
            with tempfile.TemporaryDirectory() as folder:
                read_plan(bad.write(Path(folder)), bad.display)
    except DataError as error:
        return error.report()
    raise AssertionError(f"{bad.name} is valid, but every case under errors/ must fail")


def _plain_text(data: bytes) -> str | None:
    """The case's text, or None for bytes a file read refuses (a byte-order mark, bytes that are
    not UTF-8): those are read from a file, as an editor's would be."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if text.startswith("\ufeff") else text
