"""The help page's answer to 怎么申请补贴、到哪里办理: for each field of the plan (a working group of
measure 五十), the department that leads it and how to reach it, the measures of the field whose
text promises residents something (``Measure.offers``, marked in the data), and the implementing
documents recorded for the field. The site is not a guide to claiming subsidies: it points to
whom to ask and what was issued."""

from __future__ import annotations

from dataclasses import dataclass

from plansite.data.follow_up import RelatedDocument
from plansite.data.model import Measure, WorkingGroup
from plansite.site.catalog import Catalog


@dataclass(frozen=True, kw_only=True, slots=True)
class HelpField:
    group: WorkingGroup
    # Its measures that promise residents a subsidy, a purchase incentive or a service.
    offering: tuple[Measure, ...]
    # The implementing documents (配套文件、实施细则) recorded for its measures, newest first.
    documents: tuple[RelatedDocument, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Help:
    fields: tuple[HelpField, ...]
    # Measures that promise residents something but stand in no field: each with its own lead.
    elsewhere: tuple[Measure, ...]


def build(catalog: Catalog) -> Help:
    plan = catalog.plan
    fields = []
    placed: set[str] = set()
    for group in plan.working_groups:
        chapters = {c.id for c in group.chapters}
        ids = {m.id for m in group.measures}
        measures = tuple(m for m in plan.measures if m.id in ids or m.chapter.id in chapters)
        placed |= {m.id for m in measures}
        documents = {d.id: d for m in measures for d in catalog.measures[m.id].documents if d.kind == "implementing"}
        fields.append(
            HelpField(
                group=group,
                offering=tuple(m for m in measures if m.offers),
                documents=tuple(sorted(documents.values(), key=lambda d: d.date, reverse=True)),
            )
        )
    return Help(
        fields=tuple(fields),
        elsewhere=tuple(m for m in plan.measures if m.offers and m.id not in placed),
    )
