"""A ledger's date cells read as clerks type dates, and a date that names no single day refused at
its cell with the text as it was typed."""

import datetime
import shutil

import pytest

from plansite.ledger import merge
from plansite.ledger.dates import UnreadableDate, date_in
from tests.test_ledger import SAMPLE, fill, ledger, run_import

DAY = datetime.date(2026, 12, 1)


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "measures.yaml"
    shutil.copy(SAMPLE, copy)
    return copy


@pytest.mark.parametrize(
    "typed",
    [
        datetime.datetime(2026, 12, 1, 9, 30),  # a cell Excel holds as a date
        datetime.date(2026, 12, 1),
        "2026-12-01",
        "2026-12-1",
        "2026/12/1",
        "2026.12.1",
        "2026年12月1日",
        "2026年12月1号",
        "2026年12月01日",
        "2026 年 12 月 1 日",
        "20261201",
        20261201,  # typed into a cell Excel takes for a number
        20261201.0,
        "２０２６年１２月１日",
        "２０２６／１２／１",
        "２０２６－１２－０１",
        "  2026-12-01 ",
        "\u30002026/12/1\u3000",
        "2026-12-01 09:30",
        "2026-12-01T09:30:00",
        "2026/12/1 9:30:15",
        "2026年12月1日 09：30",
        "二〇二六年十二月一日",
        "二○二六年十二月一号",
        # A Chinese input method's full stop, enumeration comma and dash for "." and "-".
        "2026。12。1",
        "2026、12、1",
        "2026—12—01",
        "2026 12 1",
        "2026年12月1日。",
        "2026.12.01.",
        # The weekday after it, which must be the date's own.
        "2026年12月1日（星期二）",
        "2026-12-01(周二)",
        "2026/12/1 礼拜二",
    ],
)
def test_a_date_reads_however_a_clerk_types_it(typed):
    assert date_in(typed) == DAY


@pytest.mark.parametrize(
    "typed,reason",
    [
        ("12月初", "“12月初”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"),
        ("下周一", "“下周一”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"),
        ("2026-12/1", "“2026-12/1”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"),
        ("2026年2月30日", "“2026年2月30日”不是一个存在的日期：请核对月和日"),
        ("2026-13-01", "“2026-13-01”不是一个存在的日期：请核对月和日"),
        ("20260230", "“20260230”不是一个存在的日期：请核对月和日"),
        ("26-12-1", "“26-12-1”的年份只有两位，看不出是哪一年：请写成 2026-12-01 这样的年-月-日"),
        ("26年12月1日", "“26年12月1日”的年份只有两位，看不出是哪一年：请写成 2026-12-01 这样的年-月-日"),
        ("12月1日", "“12月1日”没有写年份：请写成 2026-12-01 这样的年-月-日"),
        ("12/1", "“12/1”没有写年份：请写成 2026-12-01 这样的年-月-日"),
        (
            "2026年12月1日（星期三）",
            "“2026年12月1日（星期三）”的日期和星期对不上（2026-12-01 是星期二）：请写成 2026-12-01 这样的年-月-日",
        ),
        ("2026121", "“2026121”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"),
        ("2026年12月", "“2026年12月”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"),
        ("", "是空的：请写成 2026-12-01 这样的年-月-日"),
        (None, "是空的：请写成 2026-12-01 这样的年-月-日"),
    ],
)
def test_a_date_that_names_no_single_day_is_refused_with_the_text_as_typed(typed, reason):
    with pytest.raises(UnreadableDate) as caught:
        date_in(typed)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    "typed",
    [datetime.datetime(2027, 3, 25), "2027年3月25日", "２０２７／３／２５", "2027/3/25 9:30", "二〇二七年三月二十五日"],
    ids=["excel-date", "chinese", "full-width", "with-time", "numerals"],
)
def test_a_ledger_date_as_typed_becomes_the_report_date(data, tmp_path, typed):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    filled = fill(path, {"m01-t1": {"状态": "推进中", "填报日期": typed, "进展说明": "又完成1个。"}})
    merged = merge.merge(data, [filled])
    assert [report.record["date"] for report in merged.added] == [datetime.date(2027, 3, 25)]
    assert "    - date: 2027-03-25\n      status: 推进中\n      note: 又完成1个。\n" in merged.text


@pytest.mark.parametrize(
    "typed,line",
    [
        ("12月初", "industry-it.xlsx!F7: 填报日期“12月初”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"),
        ("2027年2月30日", "industry-it.xlsx!F7: 填报日期“2027年2月30日”不是一个存在的日期：请核对月和日"),
        ("3月25日", "industry-it.xlsx!F7: 填报日期“3月25日”没有写年份：请写成 2026-12-01 这样的年-月-日"),
    ],
)
def test_an_unreadable_date_is_refused_at_its_cell_and_nothing_is_written(data, tmp_path, typed, line):
    before = data.read_bytes()
    filled = fill(ledger(data, "industry-it", tmp_path / "industry-it.xlsx"), {"m01-t1": {"填报日期": typed}})
    result = run_import(filled, "--data", data)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [line, "共 1 个问题，数据没有改动"]
    assert data.read_bytes() == before
