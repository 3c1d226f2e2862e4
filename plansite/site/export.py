"""Stage 5: the plan as ``plan.json``, a public contract described by ``schema/plan.schema.json``.

The output is deterministic: the same data gives the same bytes, so diffs show real changes.
"""

from __future__ import annotations

import json
from typing import Any

from plansite.data.model import Measure, Plan
from plansite.data.targets import Evidence, ProgressRecord, Target


def plan_json(plan: Plan) -> str:
    return json.dumps(plan_dict(plan), ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def plan_dict(plan: Plan) -> dict[str, Any]:
    document = plan.document
    local, validity = document.local_governments, document.validity
    return {
        "draft": plan.draft,
        "document": {
            "title": document.title,
            "issuer": document.issuer,
            "signed": document.signed.isoformat(),
            "published": document.published.isoformat() if document.published else None,
            "disclosure": document.disclosure,
            "number": document.number,
            "index_number": document.index_number,
            "subject": document.subject,
            "official_page": document.official_page,
            "bases": [{"title": basis.title, "number": basis.number} for basis in document.bases],
            "target_years": {"from": document.first_year, "to": document.last_year},
            "local_governments": {"name": local.name, "clause": local.clause} if local else None,
            "validity": {
                "status": validity.status,
                "since": validity.since.isoformat(),
                "by": validity.by.id if validity.by else None,
            }
            if validity
            else None,
        },
        "progress": {
            "as_of": plan.as_of.isoformat() if plan.as_of else None,
            "verifier": plan.verifier.id if plan.verifier else None,
            "cycle": {"period": plan.cycle.period, "day": plan.cycle.day} if plan.cycle else None,
        },
        "documents": [
            {
                "id": d.id,
                "kind": d.kind,
                "kind_label": d.kind_label,
                "title": d.title,
                "number": d.number,
                "issuer": d.issuer.id if d.issuer else None,
                "issuer_name": d.issuer_name,
                "date": d.date.isoformat(),
                "url": d.url,
                "measures": [m.id for m in d.measures],
            }
            for d in plan.documents
        ],
        "departments": [
            {
                "id": d.id,
                "name": d.name,
                "full_name": d.full_name,
                "aliases": list(d.aliases),
                "kind": d.kind,
                "website": d.website,
                "phone": d.phone,
                "former_names": [
                    {"name": f.name, "full_name": f.full_name, "date": f.date.isoformat()} for f in d.former_names
                ],
            }
            for d in plan.departments
        ],
        "topics": [{"id": t.id, "name": t.name} for t in plan.topics],
        "chapters": [{"number": c.number, "id": c.id, "title": c.title} for c in plan.chapters],
        "goals": [_target(plan, t) for goal in plan.goals for t in goal.targets],
        "working_groups": [
            {
                "id": g.id,
                "name": g.name,
                "lead": g.lead.id,
                "chapters": [c.id for c in g.chapters],
                "measures": [m.id for m in g.measures],
                "stated_in": g.stated_in.id,
            }
            for g in plan.working_groups
        ],
        "measures": [_measure(plan, m) for m in plan.measures],
    }


def _measure(plan: Plan, measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.id,
        "number": measure.number,
        "chapter": measure.chapter.number,
        "title": measure.title,
        "text": measure.text,
        "lead": [d.id for d in measure.lead],
        "supporting": [d.id for d in measure.supporting],
        "responsible": [d.id for d in measure.responsible],
        "topics": [t.id for t in measure.topics],
        "corrections": [{"date": c.date.isoformat(), "note": c.note} for c in measure.corrections],
        "url": measure.url,
        "targets": [_target(plan, t) for t in measure.targets],
        "status": measure.status,
        "status_label": measure.status_label,
        "progress": [_record(record) for record in measure.history],
        "offers": list(measure.offers),
    }


def _target(plan: Plan, target: Target) -> dict[str, Any]:
    return {
        "id": target.id,
        "year": target.year,
        "text": target.text,
        "indicator": target.indicator,
        "value": target.value,
        "unit": target.unit,
        "qualifier": target.qualifier,
        "baseline_year": target.baseline_year,
        "deadline": target.deadline.isoformat(),
        "status": target.status,
        "status_label": target.status_label,
        "due": plan.is_due(target),
        "progress": [_record(record) for record in target.history],
        "working_group": target.working_group,
    }


def _record(record: ProgressRecord) -> dict[str, Any]:
    return {
        "date": record.date.isoformat(),
        "status": record.status,
        "status_label": record.status_label,
        "note": record.note,
        "by": record.by.id if record.by else None,
        "evidence": _evidence(record.evidence),
        "check": record.check,
        "verification": {
            "date": check.date.isoformat(),
            "by": check.by.id,
            "result": check.result,
            "note": check.note,
            "evidence": _evidence(check.evidence),
        }
        if (check := record.verification)
        else None,
    }


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, str]]:
    return [{"url": e.url, "title": e.title} for e in evidence]
