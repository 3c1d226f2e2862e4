"""Every dated change the data records: a department's report on a target, and a correction of
a measure's text. They are listed newest first on /changes/ and on each measure page, and told
in Atom feeds (RFC 4287), one for the whole plan and one per department.

An entry's id is a tag URI built from the site's host, the plan's signing date and the change's
own permanent ids (target and date, or measure, date and place), so a feed reader is told about
each change once, however often the site is rebuilt.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass

from plansite import urls
from plansite.data.history import CHINA
from plansite.data.model import Department, Measure
from plansite.data.targets import STATUS_LABELS, ProgressRecord
from plansite.site.catalog import Catalog, Commitment

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, kw_only=True, slots=True)
class Change:
    date: datetime.date
    kind: str  # 进度 or 更正
    key: str  # permanent: progress/<target>/<date> or correction/<measure>/<date>/<n>
    title: str
    summary: str
    page: str  # the source page and anchor that shows it
    measure: Measure | None
    departments: tuple[Department, ...]  # those it concerns: who answers for or helps with it

    @property
    def url(self) -> str:
        path, _, anchor = self.page.partition("#")
        return urls.published(path) + (f"#{anchor}" if anchor else "")


def changes(catalog: Catalog) -> tuple[Change, ...]:
    """Every change, newest first; on one day, in the plan's order."""
    concerned: dict[str, list[Department]] = {}
    for entry in catalog.departments.values():
        for row in entry.ledger:
            if row.commitment:
                concerned.setdefault(row.commitment.target.id, []).append(entry.department)
    found = [_report(c, record, concerned) for c in catalog.commitments for record in c.target.history]
    for measure in catalog.plan.measures:
        units = tuple(dict.fromkeys((*measure.lead, *measure.responsible, *measure.supporting)))
        for index, correction in enumerate(measure.corrections):
            found.append(
                Change(
                    date=correction.date,
                    kind="更正",
                    key=f"correction/{measure.id}/{correction.date.isoformat()}/{index + 1}",
                    title=f"第{measure.label}项“{measure.title}”：更正",
                    summary=correction.note,
                    page=f"{measure.page}#corrections",
                    measure=measure,
                    departments=units,
                )
            )
    order = {change.key: position for position, change in enumerate(found)}
    return tuple(sorted(found, key=lambda change: (-change.date.toordinal(), order[change.key])))


def _report(commitment: Commitment, record: ProgressRecord, concerned: dict[str, list[Department]]) -> Change:
    target = commitment.target
    where = f"第{commitment.measure.label}项" if commitment.measure else commitment.source_label
    return Change(
        date=record.date,
        kind="进度",
        key=f"progress/{target.id}/{record.date.isoformat()}",
        title=f"{where}·{target.year}年目标“{target.indicator}”：{STATUS_LABELS[record.status]}",
        summary=record.note or "",
        page=commitment.page,
        measure=commitment.measure,
        departments=tuple(concerned.get(target.id, ())),
    )


def of_department(all_changes: Sequence[Change], department: Department) -> tuple[Change, ...]:
    return tuple(change for change in all_changes if department in change.departments)


def of_measure(all_changes: Sequence[Change], measure: Measure) -> tuple[Change, ...]:
    return tuple(change for change in all_changes if change.measure is measure)


def feed(catalog: Catalog, entries: Sequence[Change], site_url: str, path: str, title: str, about: str) -> str:
    """An Atom feed of ``entries`` at ``path``, about the page ``about``."""
    plan = catalog.plan
    host = urls.host(site_url)
    tag = f"tag:{host},{plan.document.signed.isoformat()}:"
    root = ElementTree.Element("feed", xmlns=ATOM)
    root.set("xml:lang", "zh-CN")
    _text(root, "id", tag + path)
    _text(root, "title", title)
    newest = entries[0].date if entries else plan.document.signed
    _text(root, "updated", _stamp(newest))
    author = ElementTree.SubElement(root, "author")
    _text(author, "name", plan.document.issuer)
    ElementTree.SubElement(root, "link", rel="self", type="application/atom+xml", href=site_url + path)
    ElementTree.SubElement(root, "link", rel="alternate", type="text/html", href=site_url + urls.published(about))
    for change in entries:
        entry = ElementTree.SubElement(root, "entry")
        _text(entry, "id", tag + change.key)
        _text(entry, "title", change.title)
        _text(entry, "updated", _stamp(change.date))
        ElementTree.SubElement(entry, "link", rel="alternate", type="text/html", href=site_url + change.url)
        ElementTree.SubElement(entry, "category", term=change.kind)
        _text(entry, "summary", change.summary or change.title)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """The plan's feed and each department's: path → text."""
    everything = changes(catalog)
    title = catalog.plan.document.title
    out = {
        urls.source("feed"): feed(
            catalog, everything, site_url, urls.source("feed"), f"《{title}》落实进度和更正", urls.source("changes")
        )
    }
    for entry in catalog.departments.values():
        path = urls.source("department-feed", entry.department.id)
        name = entry.department.name
        out[path] = feed(
            catalog,
            of_department(everything, entry.department),
            site_url,
            path,
            f"{name}：《{title}》落实进度和更正",
            entry.page,
        )
    return out


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, tag).text = text


def _stamp(date: datetime.date) -> str:
    return datetime.datetime.combine(date, datetime.time(), CHINA).isoformat()
