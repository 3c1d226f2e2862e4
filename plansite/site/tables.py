"""The open-data tables: measures.csv, targets.csv, departments.csv and documents.csv, one row per record.

Each table's columns are declared once, with the description the downloads page prints, so the
page documents exactly the columns the files hold. Column names are a public contract: add new
columns at the end and never rename one. Files are UTF-8 with a byte-order mark, which Excel needs
to read Chinese, and CRLF line ends (RFC 4180); the same data always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from plansite import urls
from plansite.data import numerals
from plansite.data.model import Department, Measure
from plansite.site.catalog import Catalog
from plansite.site.entries import MeasureEntry

# Lists inside a cell: ids with a semicolon, names with the Chinese enumeration comma.
ID_SEPARATOR = ";"
NAME_SEPARATOR = "、"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    description: str
    value: Callable[[Any], object]
    # The value is a site-relative path, written out as a full address on the published site.
    link: bool = False
    # The value is the data's as-of date, the same on every row: what its statuses and flags were
    # computed at, so that a saved file keeps its meaning.
    as_of: bool = False


AS_OF = Column("as_of", "数据截至日期：本表的状态和“已到期”“未按期填报”都是按这一天计算的", lambda _: "", as_of=True)


@dataclass(frozen=True, kw_only=True, slots=True)
class Table:
    file: str
    title: str
    row: str
    columns: tuple[Column, ...]


def _ids(departments: Iterable[Department]) -> str:
    return ID_SEPARATOR.join(d.id for d in departments)


def _names(departments: Iterable[Department]) -> str:
    return NAME_SEPARATOR.join(d.name for d in departments)


def _measure_ids(measures: Iterable[Measure]) -> str:
    return ID_SEPARATOR.join(m.id for m in measures)


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _latest_columns(of: Callable[[Any], Any]) -> tuple[Column, ...]:
    """The date and note of the latest report on a row's target or measure (``of`` finds it)."""
    return (
        Column("reported_on", "最近一次报告的日期；未填报为空", lambda r: _check(of(r), "reported_on")),
        Column("note", "最近一次报告的说明", lambda r: _check(of(r), "report_note")),
    )


def _check_columns(of: Callable[[Any], Any], description: str) -> tuple[Column, ...]:
    """What the office found of the latest report on a row's target or measure."""
    return (
        Column("check", description, lambda r: of(r).latest.check if of(r).latest else ""),
        Column("check_label", "最近一次报告的核实：已核实、核实不属实、待核实", lambda r: _check(of(r), "label")),
        Column("checked_on", "核实日期", lambda r: _check(of(r), "date")),
        Column("checked_by", "核实单位简称", lambda r: _check(of(r), "by")),
    )


MEASURES = Table(
    file="measures.csv",
    title="措施",
    row="每项措施一行",
    columns=(
        Column("measure_id", "措施编号，网址的一部分，永不改变", lambda e: e.measure.id),
        Column("number", "措施序号（1–53）", lambda e: e.measure.number),
        Column("label", "原文中的序号写法，如（十二）", lambda e: e.measure.label),
        Column("chapter_id", "所属部分的编号", lambda e: e.measure.chapter.id),
        Column("chapter", "所属部分的序号和标题，如“二、……”", lambda e: e.measure.chapter.heading),
        Column("title", "措施标题（原文）", lambda e: e.measure.title),
        Column("text", "措施正文（原文）", lambda e: e.measure.text),
        Column("lead", "牵头单位简称，以“、”分隔", lambda e: _names(e.measure.lead)),
        Column("lead_ids", "牵头单位编号，以“;”分隔", lambda e: _ids(e.measure.lead)),
        Column("supporting", "配合单位简称", lambda e: _names(e.measure.supporting)),
        Column("supporting_ids", "配合单位编号", lambda e: _ids(e.measure.supporting)),
        Column("responsible", "责任单位简称（原文只写“责任单位”的措施）", lambda e: _names(e.measure.responsible)),
        Column("responsible_ids", "责任单位编号", lambda e: _ids(e.measure.responsible)),
        Column("topics", "专题名称，以“、”分隔", lambda e: NAME_SEPARATOR.join(t.name for t in e.measure.topics)),
        Column("topic_ids", "专题编号，以“;”分隔", lambda e: ID_SEPARATOR.join(t.id for t in e.measure.topics)),
        Column("targets", "目标任务数", lambda e: len(e.commitments)),
        Column("url", "本项措施在本站的网址", lambda e: e.measure.url, link=True),
        Column(
            "status",
            "措施整体的进度状态编号：unreported、not-started、in-progress、ongoing、completed",
            lambda e: e.measure.status,
        ),
        Column(
            "status_label",
            "措施整体的进度状态：未填报、未启动、推进中、持续推进、已完成",
            lambda e: e.measure.status_label,
        ),
        *_latest_columns(lambda e: e.measure),
        *_check_columns(lambda e: e.measure, "最近一次报告的核实编号：verified、disputed、awaiting；未填报为空"),
        Column(
            "late",
            "截至数据截至日期，未在上一个报送周期内填报（已完成的除外）：是或否；数据未设定报送周期时为否",
            lambda e: _yes_no(e.late),
        ),
        AS_OF,
    ),
)

TARGETS = Table(
    file="targets.csv",
    title="目标任务",
    row="每项目标任务一行（含第一部分的主要目标）",
    columns=(
        Column("target_id", "目标编号，也是其所在页面的锚点，永不改变", lambda c: c.target.id),
        Column("year", "完成年份", lambda c: c.target.year),
        Column("deadline", "截止日期：完成年份的12月31日", lambda c: c.target.deadline.isoformat()),
        Column("indicator", "指标", lambda c: c.target.indicator),
        Column(
            "value",
            "目标数值；定性目标为空",
            lambda c: "" if c.target.value is None else numerals.figure(c.target.value),
        ),
        Column("unit", "单位，如 %、个、台", lambda c: c.target.unit or ""),
        Column("qualifier", "数值的限定词：以上、左右、超过、约、力争", lambda c: c.target.qualifier or ""),
        Column("baseline_year", "比较的基准年份，如“较2023年”中的2023", lambda c: c.target.baseline_year or ""),
        Column("text", "目标原文", lambda c: c.target.text),
        Column("source_id", "出处编号：措施编号，或主要目标的段落编号", lambda c: (c.measure or c.goal).id),
        Column("source", "出处：措施标题，或“主要目标（到某年）”", lambda c: c.source_label),
        Column("chapter_id", "所属部分的编号", lambda c: c.chapter.id),
        Column("lead", "牵头（或责任）单位简称；主要目标为空", lambda c: _names(c.lead)),
        Column("lead_ids", "牵头（或责任）单位编号", lambda c: _ids(c.lead)),
        Column(
            "status", "进度状态编号：unreported、not-started、in-progress、completed、missed", lambda c: c.target.status
        ),
        Column("status_label", "进度状态：未填报、未启动、推进中、已完成、未按期完成", lambda c: c.target.status_label),
        *_latest_columns(lambda c: c.target),
        Column(
            "due_not_completed", "截至数据截至日期已到期且未报告完成：是或否", lambda c: _yes_no(c.due_not_completed)
        ),
        Column("url", "本目标在本站的网址，含目标锚点", lambda c: c.url, link=True),
        *_check_columns(
            lambda c: c.target,
            "最近一次报告的核实编号：verified（已核实）、disputed（核实不属实）、awaiting（待核实）；未填报为空",
        ),
        Column("check_note", "核实情况的说明", lambda c: _check(c.target, "note")),
        AS_OF,
    ),
)


def _check(reported: Any, field: str) -> str:
    """A field of a target's or a measure's latest report, or of its check, or nothing."""
    latest = reported.latest
    if latest is None:
        return ""
    report = {"reported_on": latest.date.isoformat(), "report_note": latest.note or "", "label": latest.check_label}
    if field in report:
        return report[field]
    check = latest.verification
    if check is None:
        return ""
    return {"date": check.date.isoformat(), "by": check.by.name, "note": check.note or ""}[field]


def _of_commitment(value: Callable[[Any], object]) -> Callable[[Any], object]:
    """A targets.csv column's value, read from a ledger row's target."""
    return lambda row: value(row.commitment)


# A department's own file: its role, then the columns of targets.csv, one row per target of its ledger.
DEPARTMENT_TARGETS = Table(
    file="departments/<id>-targets.csv",
    title="各单位的目标任务",
    row="该单位牵头、负责或配合的每项目标任务一行",
    columns=(
        Column("role", "本单位的角色：牵头、负责、配合，或牵头（某专项工作组）", lambda r: r.role),
        *(Column(c.name, c.description, _of_commitment(c.value), link=c.link, as_of=c.as_of) for c in TARGETS.columns),
    ),
)

DEPARTMENTS = Table(
    file="departments.csv",
    title="责任单位",
    row="每个单位一行",
    columns=(
        Column("department_id", "单位编号，网址的一部分，永不改变", lambda e: e.department.id),
        Column("name", "简称（方案印发后更名的单位，是新的简称）", lambda e: e.department.name),
        Column("full_name", "全称", lambda e: e.department.full_name),
        Column("aliases", "原文中的其他写法，以“、”分隔", lambda e: NAME_SEPARATOR.join(e.department.aliases)),
        Column("kind", "类别编号", lambda e: e.department.kind),
        Column("kind_label", "类别", lambda e: e.department.kind_label),
        Column("leads", "牵头的措施数", lambda e: len(e.leads)),
        Column("supports", "配合的措施数", lambda e: len(e.supports)),
        Column("responsible_for", "作为责任单位的措施数", lambda e: len(e.responsible_for)),
        Column("targets", "牵头或负责的措施中的目标任务数", lambda e: e.target_count),
        Column("url", "本单位在本站的网址", lambda e: e.url, link=True),
        Column(
            "calendar_url",
            "本单位目标任务截止日期的日历（iCalendar）网址",
            lambda e: urls.url("calendar", e.department.id),
            link=True,
        ),
        Column("reports_on", "牵头或负责、要报告整体落实情况的措施数", lambda e: len(e.reported_measures)),
        Column("late", "其中未在上一个报送周期内填报的措施数（数据未设定报送周期时为0）", lambda e: len(e.late)),
        AS_OF,
    ),
)

DOCUMENTS = Table(
    file="documents.csv",
    title="相关文件",
    row="方案印发后与它相关的每份文件一行：政策解读、配套文件和实施细则、修订废止和替代文件",
    columns=(
        Column("document_id", "文件编号，也是它在“相关文件”页面的锚点，永不改变", lambda d: d.id),
        Column("kind", "类别编号：interpretation、implementing、amendment", lambda d: d.kind),
        Column("kind_label", "类别", lambda d: d.kind_label),
        Column("title", "文件标题", lambda d: d.title),
        Column("number", "发文字号；没有的为空", lambda d: d.number or ""),
        Column("issuer", "发文单位", lambda d: d.issuer_name),
        Column("issuer_id", "发文单位编号；方案的发文机关为空", lambda d: d.issuer.id if d.issuer else ""),
        Column("date", "日期", lambda d: d.date.isoformat()),
        Column("official_url", "文件原文的网址（发文单位网站）", lambda d: d.url),
        Column(
            "measure_ids",
            "涉及的措施编号，以“;”分隔；涉及整个方案的为空",
            lambda d: ID_SEPARATOR.join(m.id for m in d.measures),
        ),
        Column("url", "本文件在本站“相关文件”页面的网址", lambda d: urls.published(d.anchor), link=True),
    ),
)

TABLES = (MEASURES, TARGETS, DEPARTMENTS, DOCUMENTS)


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one that could start a formula is prefixed with an
    apostrophe, as OWASP recommends; the downloads page says so."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_text(table: Table, rows: Sequence[Any], site_url: str, as_of: str = "") -> str:
    """The table's file; ``as_of``: the data's as-of date, for the column that carries it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    for row in rows:
        writer.writerow(_value(column, row, site_url, as_of) for column in table.columns)
    return "\ufeff" + buffer.getvalue()


def _value(column: Column, row: Any, site_url: str, as_of: str) -> object:
    if column.as_of:
        return as_of
    return f"{site_url}{column.value(row)}" if column.link else cell(column.value(row))


def files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Every table; each department's targets (its role, then the columns of targets.csv); each
    year's targets in the columns of targets.csv: path → text."""
    measures: Sequence[MeasureEntry] = tuple(catalog.measures.values())
    as_of = catalog.plan.as_of.isoformat() if catalog.plan.as_of else ""
    departments = tuple(catalog.departments.values())
    out = {
        urls.source("table", MEASURES.file): csv_text(MEASURES, measures, site_url, as_of),
        urls.source("table", TARGETS.file): csv_text(TARGETS, catalog.commitments, site_url, as_of),
        urls.source("table", DEPARTMENTS.file): csv_text(DEPARTMENTS, departments, site_url, as_of),
        urls.source("table", DOCUMENTS.file): csv_text(DOCUMENTS, catalog.plan.documents, site_url),
    }
    for entry in departments:
        rows = [row for row in entry.ledger if row.commitment]
        path = urls.source("department-targets", entry.department.id)
        out[path] = csv_text(DEPARTMENT_TARGETS, rows, site_url, as_of)
    for group in catalog.years:
        out[urls.source("year-targets", group.year)] = csv_text(TARGETS, group.commitments, site_url, as_of)
    return out
