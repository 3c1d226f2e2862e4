"""The words at the top of a ledger, above its header row: what it is and as of when, to whom and
by when it goes back, and how to fill it in, from the data (the office that verifies, the
reporting cycle, the as-of date) so that a clerk needs nothing else to return it."""

from __future__ import annotations

from plansite.data.numerals import zh_date
from plansite.site.catalog import Catalog

KEEP_THE_FILE = "交回：填好后仍保存为 .xlsx 格式，把这个文件发回；不要复制到新表，也不要另存为其他格式。"


def heading(title: str, catalog: Catalog) -> str:
    """The sheet's heading: its title and the data's as-of date."""
    as_of = catalog.plan.as_of
    return f"{title}（数据截至{zh_date(as_of)}）" if as_of else f"{title}（尚无进度报告）"


def office(catalog: Catalog) -> str:
    """The office the departments' ledgers go back to, as the plan names it."""
    plan = catalog.plan
    return plan.office if plan.verifier else "本方案的工作专班办公室"


def by_when(catalog: Catalog) -> str:
    """When the next report is due, by the reporting cycle: "2027年4月10日前"; "" without a cycle."""
    reporting = catalog.reporting
    return f"{zh_date(reporting.next_due)}前" if reporting else ""


def department_return(catalog: Catalog) -> str:
    """To whom and by when a department's ledger goes back."""
    to = office(catalog)
    reporting = catalog.reporting
    if reporting is None:
        return f"报送：请按工作专班办公室要求的时间填好本表，交回{to}。"
    return f"报送：请于{by_when(catalog)}填好本表，交回{to}；此后{reporting.cycle.text}报送一次。"


def office_return(catalog: Catalog) -> str:
    """To whom and by when the office's ledger goes back: the editors who maintain the site."""
    when = f"请于{by_when(catalog)}" if catalog.reporting else "请"
    return f"报送：{when}填好本表，交回维护本站的编辑，由编辑导入本站。"
