"""Rewrite the expected report of every fixture under tests/fixtures/errors/, and the table
of errors in CONTRIBUTING.md made from them.

Run it only when a message was changed on purpose, then read the diff of every
``.expected`` file before committing: each one is the exact text an editor will see.

    .venv/bin/python tests/regenerate_expected.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.contributing_errors import CONTRIBUTING, with_error_table  # noqa: E402
from tests.error_cases import ERRORS, report_for  # noqa: E402

for fixture in sorted(ERRORS.glob("*.yaml")):
    fixture.with_suffix(".expected").write_text(report_for(fixture) + "\n", encoding="utf-8")
    print(f"wrote {fixture.with_suffix('.expected').name}")
CONTRIBUTING.write_text(with_error_table(CONTRIBUTING.read_text(encoding="utf-8")), encoding="utf-8")
print("wrote the error table of CONTRIBUTING.md")
