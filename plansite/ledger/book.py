"""A department's task ledger (任务台账) as a spreadsheet: one row per measure it leads or is
responsible for, reported on as a whole, and one per target it answers for or helps with, for
the department to fill in and send back (scripts/import_progress.py reads it).

Measures and targets share one id space (m31, m31-t1), so the 编号 column tells the two kinds of
row apart. Notes above the header row (``notes``) say to whom, how and by when the ledger goes
back; the header row holds ``HEADERS`` exactly, context columns follow. Only the report's cells
(状态, 填报日期, 进展说明, 佐证材料链接) are open, pre-filled with the latest report; 状态 is a
drop-down of the statuses a report on that kind of item may give. ``sheet`` makes the workbook.
"""

from __future__ import annotations

from plansite import urls
from plansite.data.targets import MEASURE_STATUS_LABELS, STATUS_LABELS, ProgressRecord
from plansite.ledger import notes
from plansite.ledger.sheet import Row, Sheet, protected_workbook
from plansite.site.catalog import Catalog
from plansite.site.entries import Commitment, DepartmentEntry, LedgerRow

SHEET = "任务台账"
HEADERS = ("编号", "事项", "目标值", "期限", "状态", "填报日期", "进展说明", "佐证材料链接")
# The headers of a ledger downloaded before measures had rows of their own: still read.
PREVIOUS_HEADERS = ("目标编号", "指标", "目标值", "期限", "状态", "填报日期", "进展说明", "佐证材料链接")
CONTEXT = ("角色", "出处", "原文", "网址")
# The columns a department fills in; every other cell is locked.
REPORT_COLUMNS = ("状态", "填报日期", "进展说明", "佐证材料链接")
# What a report may say: 未填报 is the absence of a report, never written. A target may be
# reported missed once its year is over; a measure, which has no deadline, may be a standing duty.
TARGET_STATUSES = tuple(label for status, label in STATUS_LABELS.items() if status != "unreported")
MEASURE_STATUSES = tuple(label for status, label in MEASURE_STATUS_LABELS.items() if status != "unreported")
# Column widths, in characters: the printed columns (all but 网址) fit A4 landscape at a readable size.
WIDTHS = {
    "编号": 10,
    "事项": 22,
    "目标值": 9,
    "期限": 11,
    "状态": 9,
    "填报日期": 11,
    "进展说明": 32,
    "佐证材料链接": 18,
    "角色": 12,
    "出处": 16,
    "原文": 30,
    "网址": 40,
}


def files(catalog: Catalog, site_url: str) -> dict[str, bytes]:
    """Each department's ledger workbook, by path."""
    return {
        urls.source("department-ledger-book", entry.department.id): workbook(catalog, entry, site_url)
        for entry in catalog.departments.values()
    }


def workbook(catalog: Catalog, entry: DepartmentEntry, site_url: str) -> bytes:
    """The ledger of ``entry``'s department, as .xlsx bytes."""
    rows = [
        _measure_row(row, site_url) if row.commitment is None else _target_row(row, row.commitment, site_url)
        for row in entry.ledger
        if row.commitment or row.reports_measure
    ]
    title = f"{entry.department.name}任务台账"
    return protected_workbook(
        catalog,
        Sheet(
            name=SHEET,
            notes=_notes(title, catalog, entry) if rows else (notes.heading(title, catalog), NOTHING_TO_FILL),
            columns=(*HEADERS, *CONTEXT),
            open_columns=REPORT_COLUMNS,
            widths=WIDTHS,
            choice_column="状态",
            title=title,
            # Which department's ledger this is: what import_progress.py reads it by.
            identifier=entry.department.id,
        ),
        rows,
    )


NOTHING_TO_FILL = (
    "本单位在本方案中没有需要填报的事项（只配合没有目标任务的措施，整项措施的进展由牵头单位报告），不用交回本表。"
)
WRITING = (
    "填报日期写所报告情况截至的日期，写成年-月-日，如 2027-03-31；进展说明写成一段，200字以内，"
    "不要在格子里按 Alt+Enter 换行；佐证材料链接只填一个以 https:// 或 http:// 开头的网址。"
)


def _notes(title: str, catalog: Catalog, entry: DepartmentEntry) -> tuple[str, ...]:
    """What the ledger is, to whom and by when it goes back, how to fill it in and to keep it."""
    goals = (
        "；编号以 g 开头的（如 g2025-t1）是方案第一部分的主要目标"
        if any(r.measure is None for r in entry.ledger)
        else ""
    )
    return (
        notes.heading(title, catalog),
        notes.department_return(catalog),
        "填写：只填黄色的四列（状态、填报日期、进展说明、佐证材料链接），不要改动其他格子；已填的是各项最新的报告，"
        f"没有新进展的保持原样。编号如 m01 的行报告整项措施的进展，如 m01-t1 的行报告措施中的一项目标{goals}。"
        + WRITING,
        notes.KEEP_THE_FILE,
    )


def _measure_row(row: LedgerRow, site_url: str) -> Row:
    """A measure reported on as a whole: it has neither a figure nor a deadline."""
    measure = row.measure
    assert measure is not None  # a department's line for a measure it reports on
    values = (
        measure.id,
        f"{measure.heading}（整项措施）",
        "",
        "",
        *_latest(measure.latest),
        row.role,
        measure.chapter.heading,
        measure.text,
        site_url + measure.url,
    )
    return Row(values, MEASURE_STATUSES)


def _target_row(row: LedgerRow, commitment: Commitment, site_url: str) -> Row:
    target = commitment.target
    values = (
        target.id,
        target.indicator,
        target.value_text or "",
        target.deadline,
        *_latest(target.latest),
        row.role,
        commitment.source_label,
        target.text,
        site_url + commitment.url,
    )
    return Row(values, TARGET_STATUSES)


def _latest(report: ProgressRecord | None) -> tuple[object, ...]:
    """The report columns, pre-filled with the latest report: sent back untouched, it adds nothing."""
    if report is None:
        return ("", None, "", "")
    return (report.status_label, report.date, report.note or "", report.evidence[0].url if report.evidence else "")
