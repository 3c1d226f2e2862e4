"""Rewrite the golden pages of the sample plan (tests/fixtures/sample/golden/).

Run it only when a template changed on purpose, then read the diff of every page before
committing: the golden files are what the tests hold the templates to.

    .venv/bin/python tests/regenerate_golden.py
"""

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.golden_pages import GOLDEN, rendered_pages  # noqa: E402

shutil.rmtree(GOLDEN, ignore_errors=True)
for path, text in rendered_pages().items():
    (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
    (GOLDEN / path).write_text(text, encoding="utf-8")
    print(f"wrote {path}")
