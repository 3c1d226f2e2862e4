from pathlib import Path

import pytest

from plansite.cli import read_plan

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "measures.yaml"
SOURCE = ROOT / "data" / "source" / "changzhi-equipment-renewal-plan-2024.txt"


@pytest.fixture(scope="session")
def plan():
    return read_plan(DATA, "data/measures.yaml")


@pytest.fixture(scope="session")
def official_lines():
    """The official document's paragraphs: everything after the news report's '全文如下:'."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("全文如下")) + 1
    return [line for line in lines[start:] if line.strip()]
