"""Charts drawn at build time as inline SVG: no script, no chart library, nothing fetched.

Each chart is an image with a text alternative (its <title> and <desc>); the page shows the same
numbers as a table. Colours come from classes styled in plan.css for each colour scheme and for
print; statuses are also told apart by the shape of their icon, never by colour alone. Every drawn
number carries a data- attribute so the tests can read the chart back and compare it with the data.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from markupsafe import Markup, escape

from plansite.data.numerals import zh_date
from plansite.data.targets import ALL_STATUS_LABELS, STATUS_LABELS, Status
from plansite.site.catalog import Catalog
from plansite.site.entries import YearGroup
from plansite.site.progress import STATUSES, Tally


def status_icon(status: str, *, size: int = 16) -> Markup:
    """The status's icon as an inline SVG, hidden from screen readers: its label is always beside it."""
    return Markup(
        f'<svg class="plan-status-icon plan-status-icon--{status}" width="{size}" height="{size}" '
        f'viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">{_icon_shapes(status, 6.5)}</svg>'
    )


def _icon_shapes(status: str, r: float) -> str:
    """The icon centred on 0,0 with radius ``r``: dashed ring, ring, half-filled, ring with a dot,
    tick, cross."""
    ring = f'<circle r="{r:g}" class="plan-icon-ring"/>'
    half = r * 0.55
    if status == "unreported":
        return f'<circle r="{r:g}" class="plan-icon-ring plan-icon-ring--dashed"/>'
    if status == "not-started":
        return ring
    if status == "in-progress":
        return ring + f'<path d="M0 {-r:g}A{r:g} {r:g} 0 0 0 0 {r:g}Z" class="plan-icon-fill"/>'
    if status == "ongoing":
        return ring + f'<circle r="{r * 0.45:g}" class="plan-icon-fill"/>'
    if status == "completed":
        return (
            f'<circle r="{r:g}" class="plan-icon-fill"/>'
            f'<path d="M{-half:g} 0L{-half / 3:g} {half * 0.7:g}L{half:g} {-half * 0.6:g}" class="plan-icon-mark"/>'
        )
    return (
        f'<circle r="{r:g}" class="plan-icon-fill"/>'
        f'<path d="M{-half:g} {-half:g}L{half:g} {half:g}M{half:g} {-half:g}L{-half:g} {half:g}" '
        'class="plan-icon-mark"/>'
    )


def _open(kind: str, chart_id: str, width: int, height: int, title: str, description: str) -> tuple[str, str]:
    """The <svg> start tag with its title and description; ``chart_id`` must be unique on its page."""
    start = (
        f'<svg class="plan-chart plan-chart--{kind}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return start, "</svg>"


# Wide enough for the legend's five statuses.
_LEGEND_WIDTH = 440


def _legend(y: int, statuses: Sequence[Status] = STATUSES) -> str:
    parts, x = [], 0
    for status in statuses:
        label = ALL_STATUS_LABELS[status]
        parts.append(
            f'<g transform="translate({x + 8} {y})" class="plan-chart__status--{status}">'
            f'{_icon_shapes(status, 6)}</g><text x="{x + 20}" y="{y + 5}">{label}</text>'
        )
        x += 20 + 14 * len(label) + 18
    return "".join(parts)


BAR_WIDTH = 560
# Each row: its label on a line of its own, whole (a label beside the bar would have to be cut),
# then the bar across the chart's width.
_ROW = 50
_LABEL_CHARACTERS = 38


def status_bars(rows: Sequence[Tally], *, chart_id: str, title: str) -> Markup:
    """One horizontal bar per group, split by status, under the group's name, with its total at its end."""
    longest = max((row.total for row in rows), default=0) or 1
    scale = (BAR_WIDTH - 50) / longest
    height = 34 + _ROW * len(rows)
    summary = "；".join(
        f"{row.label}：共{row.total}项，"
        + "，".join(f"{share.label}{share.count}项" for share in row.shares if share.count)
        for row in rows
    )
    start, end = _open("bars", chart_id, BAR_WIDTH, height, title, summary + "。")
    body = [_legend(12, rows[0].statuses if rows else STATUSES)]
    for index, row in enumerate(rows):
        y = 30 + index * _ROW
        label = row.label if len(row.label) <= _LABEL_CHARACTERS else row.label[: _LABEL_CHARACTERS - 1] + "…"
        body.append(
            f'<g class="plan-chart__row" data-label="{escape(row.label)}" data-total="{row.total}">'
            f'<text class="plan-chart__label" x="0" y="{y + 14}">{escape(label)}</text>'
        )
        x = 0.0
        bar = y + 22
        for share in row.shares:
            if not share.count:
                continue
            width = share.count * scale
            body.append(
                f'<rect class="plan-chart__status--{share.status}" x="{x:.1f}" y="{bar}" '
                f'width="{width:.1f}" height="20" data-status="{share.status}" data-count="{share.count}">'
                f"<title>{escape(row.label)}：{share.label}{share.count}项</title></rect>"
            )
            # A lone segment's count is the total printed at the bar's end.
            if width >= 18 and share.count != row.total:
                body.append(
                    f'<text class="plan-chart__value plan-chart__value--{share.status}" '
                    f'x="{x + width / 2:.1f}" y="{bar + 15}" text-anchor="middle">{share.count}</text>'
                )
            x += width
        body.append(f'<text class="plan-chart__total" x="{x + 6:.1f}" y="{bar + 15}">{row.total}</text></g>')
    return Markup(start + "".join(body) + end)


_YEAR_WIDTH = 76
_DOT = 15
_DOTS_PER_ROW = 4


def timeline(groups: Sequence[YearGroup], as_of: datetime.date | None) -> Markup:
    """Every target as a dot in its year's column, shaped by status, with the as-of date marked
    (a first draft, which collects no progress yet, has none)."""
    rows = max((-(-len(g.commitments) // _DOTS_PER_ROW) for g in groups), default=1) or 1
    width = max(24 + _YEAR_WIDTH * len(groups), _LEGEND_WIDTH)
    base = 78 + rows * _DOT
    height = base + 30
    summary = "；".join(f"{g.year}年{len(g.commitments)}项" for g in groups)
    first = groups[0].year if groups else 0
    start, end = _open(
        "timeline",
        "plan-chart-timeline",
        width,
        height,
        "目标任务时间轴",
        f"按完成年份排列的全部目标任务：{summary}。" + (f"数据截至{as_of.isoformat()}。" if as_of else ""),
    )
    body = [_legend(12)]
    for index, group in enumerate(groups):
        left = 24 + index * _YEAR_WIDTH
        body.append(
            f'<g class="plan-chart__year" data-year="{group.year}" data-count="{len(group.commitments)}">'
            f'<line class="plan-chart__axis" x1="{left}" x2="{left + _YEAR_WIDTH - 6}" y1="{base + 4}" '
            f'y2="{base + 4}"/><text x="{left + (_YEAR_WIDTH - 6) / 2:g}" y="{base + 22}" '
            f'text-anchor="middle">{group.year}</text>'
        )
        if group.commitments:
            top_row = -(-len(group.commitments) // _DOTS_PER_ROW)
            body.append(
                f'<text class="plan-chart__total" x="{left + (_YEAR_WIDTH - 6) / 2:g}" '
                f'y="{base - top_row * _DOT - 6}" text-anchor="middle">{len(group.commitments)}</text>'
            )
        for position, commitment in enumerate(group.commitments):
            column, row = position % _DOTS_PER_ROW, position // _DOTS_PER_ROW
            status = commitment.target.status
            body.append(
                f'<g class="plan-chart__status--{status}" data-status="{status}" transform="translate('
                f'{left + 9 + column * _DOT} {base - 8 - row * _DOT})"><title>{group.year}年：'
                f"{escape(commitment.target.indicator)}（{STATUS_LABELS[status]}）</title>"
                f"{_icon_shapes(status, 6)}</g>"
            )
        body.append("</g>")
    offset = (as_of.year - first) + (as_of - datetime.date(as_of.year, 1, 1)).days / 366 if as_of else -1
    if as_of and 0 <= offset <= len(groups):
        x = 24 + offset * _YEAR_WIDTH
        # The label reads away from the middle, so it stays inside the chart at either end.
        anchor, shift = ("start", 4) if x < width / 2 else ("end", -4)
        body.append(
            f'<g class="plan-chart__as-of" data-as-of="{as_of.isoformat()}"><line x1="{x:.1f}" x2="{x:.1f}" '
            f'y1="30" y2="{base + 8}"/><text x="{x + shift:.1f}" y="44" text-anchor="{anchor}">'
            f"数据截至{zh_date(as_of)}</text></g>"
        )
    return Markup(start + "".join(body) + end)


_CELL = 40


def responsibility_matrix(catalog: Catalog) -> Markup:
    """Departments × chapters: in each cell, the measures the department leads and those it supports."""
    chapters = catalog.matrix_chapters
    label_width = 16 + 15 * max((len(row.department.name) for row in catalog.matrix), default=4)
    width = label_width + _CELL * len(chapters) + 8
    height = 60 + 26 * len(catalog.matrix)
    start, end = _open(
        "matrix",
        "plan-chart-matrix",
        width,
        height,
        "责任单位与方案各部分的分工矩阵",
        "每一行是一个单位，每一列是方案的一个部分；格中深色左半格的数字是该单位在这一部分牵头"
        "（含作为责任单位）的措施数，浅色右半格的数字是配合的措施数。",
    )
    body = [
        '<g class="plan-chart__legend"><rect class="plan-chart__lead" x="0" y="4" width="14" height="14"/>'
        '<text x="20" y="16">牵头（含责任单位）</text><rect class="plan-chart__support" x="170" y="4" width="14" '
        'height="14"/><text x="190" y="16">配合</text></g>'
    ]
    for column, entry in enumerate(chapters):
        x = label_width + column * _CELL + _CELL / 2
        body.append(
            f'<text class="plan-chart__column" x="{x:g}" y="46" text-anchor="middle">'
            f"<title>{escape(entry.chapter.heading)}</title>{escape(entry.chapter.heading.split('、')[0])}</text>"
        )
    for index, row in enumerate(catalog.matrix):
        y = 56 + index * 26
        department = row.department
        body.append(
            f'<g data-department="{department.id}"><text class="plan-chart__label" x="{label_width - 8}" '
            f'y="{y + 17}" text-anchor="end">{escape(department.name)}</text>'
        )
        for column, cell in enumerate(row.cells):
            led, supported = cell.lead, cell.support
            x = label_width + column * _CELL
            body.append(
                f'<g data-chapter="{cell.chapter.id}" data-lead="{led}" data-support="{supported}">'
                f'<rect class="plan-chart__cell" x="{x + 1}" y="{y + 1}" width="{_CELL - 2}" height="24"/>'
            )
            for half, count, kind in ((0, led, "lead"), (1, supported, "support")):
                if count:
                    left = x + 1 + half * (_CELL - 2) / 2
                    body.append(
                        f'<rect class="plan-chart__{kind}" x="{left:g}" y="{y + 1}" width="{(_CELL - 2) / 2:g}" '
                        f'height="24"/><text class="plan-chart__value plan-chart__value--{kind}" '
                        f'x="{left + (_CELL - 2) / 4:g}" y="{y + 18}" text-anchor="middle">{count}</text>'
                    )
            body.append("</g>")
        body.append("</g>")
    return Markup(start + "".join(body) + end)
