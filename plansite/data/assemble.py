"""Stage 3: the typed, frozen ``Plan`` (``model``) assembled from data that passed validation."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from plansite.data.departments import KIND_LABELS, UNSORTED_LABEL, Department, FormerName
from plansite.data.document import Basis, Document, LocalGovernments, Notice
from plansite.data.follow_up import RelatedDocument, Validity
from plansite.data.measures import Chapter, Correction, Goal, Measure, Topic
from plansite.data.model import Plan, WorkingGroup
from plansite.data.numerals import from_int
from plansite.data.reporting import Cycle
from plansite.data.targets import progress_history, target_from


def plan(data: Mapping[str, Any], measure_lines: Mapping[str, int] | None = None) -> Plan:
    """The plan from validated data; ``measure_lines`` gives each measure's line in the data file."""
    kind_labels = MappingProxyType({**KIND_LABELS, **data.get("department_kinds", {})})
    departments = {
        d["id"]: Department(
            id=d["id"],
            name=d["name"],
            full_name=d.get("full_name"),
            aliases=tuple(d.get("aliases", ())),
            kind=d.get("kind"),
            kind_label=kind_labels[d["kind"]] if "kind" in d else UNSORTED_LABEL,
            website=d.get("website"),
            phone=d.get("phone"),
            former_names=tuple(
                FormerName(name=f["name"], full_name=f.get("full_name"), date=datetime.date.fromisoformat(f["date"]))
                for f in d.get("former_names", ())
            ),
        )
        for d in data["departments"]
    }
    topics = {t["id"]: Topic(id=t["id"], name=t["name"]) for t in data.get("topics", ())}
    chapters = {c["id"]: _chapter(c, departments) for c in data["chapters"]}
    labels = measure_labels(data["measures"], data["document"].get("measure_numbering"))
    measures = tuple(
        _measure(m, label, chapters, departments, topics, (measure_lines or {}).get(m["id"], 0))
        for m, label in zip(data["measures"], labels, strict=True)
    )
    by_id = {m.id: m for m in measures}
    groups = data.get("working_groups") or {"stated_in": None, "groups": ()}
    working_groups = tuple(
        WorkingGroup(
            id=g["id"],
            name=g["name"],
            lead=departments[g["lead"]],
            chapters=tuple(chapters[c] for c in g.get("chapters", ())),
            measures=tuple(by_id[m] for m in g.get("measures", ())),
            stated_in=by_id[groups["stated_in"]],
        )
        for g in groups["groups"]
    )
    documents = {
        d["id"]: RelatedDocument(
            id=d["id"],
            kind=d["kind"],
            title=d["title"],
            number=d.get("number"),
            issuer=departments.get(d["issuer"]),
            issuer_name=departments[d["issuer"]].name if d["issuer"] in departments else d["issuer"],
            date=datetime.date.fromisoformat(d["date"]),
            url=d["url"],
            measures=tuple(by_id[m] for m in d["measures"]),
        )
        for d in data.get("documents", ())
    }
    progress = data.get("progress", {})
    return Plan(
        document=_document(data["document"], documents),
        departments=tuple(departments.values()),
        topics=tuple(topics.values()),
        chapters=tuple(chapters.values()),
        measures=measures,
        as_of=_date(progress.get("as_of")),
        working_groups=working_groups,
        kind_labels=kind_labels,
        draft=data.get("draft", False),
        site_name=data.get("site_name") or data["document"]["title"],
        documents=tuple(documents.values()),
        verifier=departments[progress["verifier"]] if "verifier" in progress else None,
        search_terms=tuple((t["word"], tuple(t["means"])) for t in data.get("search_terms", ())),
        cycle=Cycle(period=progress["cycle"]["period"], day=progress["cycle"]["day"]) if "cycle" in progress else None,
    )


def _document(d: Mapping[str, Any], documents: Mapping[str, RelatedDocument]) -> Document:
    local, validity = d.get("local_governments"), d.get("validity")
    return Document(
        title=d["title"],
        issuer=d["issuer"],
        signed=datetime.date.fromisoformat(d["signed"]),
        signed_as_written=d.get("signed_as_written"),
        published=_date(d.get("published")),
        disclosure=d.get("disclosure"),
        bases=tuple(Basis(**basis) for basis in d["bases"]),
        first_year=d["target_years"]["from"],
        last_year=d["target_years"]["to"],
        notice=Notice(**d["notice"]),
        preamble=d["preamble"],
        local_governments=LocalGovernments(**local) if local else None,
        title_break=d.get("title_break"),
        number=d.get("number"),
        index_number=d.get("index_number"),
        subject=d.get("subject"),
        official_page=d.get("official_page"),
        validity=Validity(
            status=validity["status"],
            since=datetime.date.fromisoformat(validity["since"]),
            by=documents[validity["by"]] if "by" in validity else None,
        )
        if validity
        else None,
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _chapter(c: Mapping[str, Any], departments: Mapping[str, Department]) -> Chapter:
    goals = tuple(
        Goal(
            id=g["id"],
            year=g["year"],
            text=g["text"],
            targets=tuple(target_from(t, departments) for t in g["targets"]),
        )
        for g in c.get("goals", ())
    )
    return Chapter(
        id=c["id"],
        number=c["number"],
        title=c["title"],
        principles=c.get("principles"),
        goals=goals,
        goals_in_principles=c.get("goals_in_principles", False),
    )


def measure_labels(measures: Sequence[Mapping[str, Any]], numbering: str | None) -> list[str]:
    """Each measure's number as the text writes it: （十二） straight through, （一） again in each
    chapter (per-chapter), 12. (arabic) or 12、 (arabic-comma)."""
    if numbering in ("arabic", "arabic-comma"):
        mark = "、" if numbering == "arabic-comma" else "."
        return [f"{m['number']}{mark}" for m in measures]
    if numbering == "per-chapter":
        in_chapter: dict[str, int] = {}
        labels = []
        for m in measures:
            in_chapter[m["chapter"]] = in_chapter.get(m["chapter"], 0) + 1
            labels.append(f"（{from_int(in_chapter[m['chapter']])}）")
        return labels
    return [f"（{from_int(m['number'])}）" for m in measures]


def _measure(
    m: Mapping[str, Any],
    label: str,
    chapters: Mapping[str, Chapter],
    departments: Mapping[str, Department],
    topics: Mapping[str, Topic],
    source_line: int,
) -> Measure:
    def named(role: str) -> tuple[Department, ...]:
        return tuple(departments[d] for d in m.get(role, ()))

    return Measure(
        id=m["id"],
        number=m["number"],
        label=label,
        chapter=chapters[m["chapter"]],
        title=m["title"],
        text=m["text"],
        lead=named("lead"),
        supporting=named("supporting"),
        responsible=named("responsible"),
        written_as=MappingProxyType(dict(m.get("written_as", {}))),
        units_clause_ends_with_period=m.get("units_clause_ends_with_period", False),
        units_clause_on_own_line=m.get("units_clause_on_own_line", False),
        units_roles_after_names=m.get("units_roles_after_names", False),
        units_separator=m.get("units_separator", "。"),
        responsible_wording=m.get("responsible_wording"),
        corrections=tuple(
            Correction(
                date=datetime.date.fromisoformat(c["date"]),
                note=c["note"],
                official=c.get("official"),
                corrected=c.get("corrected"),
            )
            for c in m.get("corrections", ())
        ),
        topics=tuple(topics[t] for t in m.get("topics", ())),
        targets=tuple(target_from(t, departments) for t in m["targets"]),
        source_line=source_line,
        history=progress_history(m, departments),
        offers=tuple(m.get("offers", ())),
    )
