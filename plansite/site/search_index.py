"""The site's own search index: one entry per page a reader may be looking for, from the catalog.

Search runs in the reader's browser over this index (``overrides/assets/javascripts/search.js``,
ranked by ``search-rank.js``), which also names the pages the box suggests when nothing is
found (``search-rank.js`` says how it ranks). Each entry states the words that name its page
exactly (``keys``: a measure's number in the ways people write it, a department's names) and a
weight, so that a measure page ranks above an index page listing it. Beside the pages go the
data's everyday words and what a reader's keyboard makes of the plan's characters (``sounds``,
``traditional``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import yaml

from plansite import urls
from plansite.data.numerals import from_int
from plansite.site import sounds, traditional
from plansite.site.catalog import Catalog, DepartmentEntry

# Pages a reader wants first: the measure, department, document, chapter, topic or year itself;
# then the pages listing them, which repeat their names.
WEIGHTS = {
    "措施": 1.0, "单位": 1.0, "文件": 0.95, "领域": 0.9, "专题": 0.9, "年份": 0.9,
    "指引": 1.0, "页面": 0.7, "全文": 0.5,
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    kind: str
    keys: tuple[str, ...]
    text: str
    context: str = ""  # shown under the title: the chapter of a measure, the kind of a department
    lead: tuple[str, ...] = ()  # a measure's lead departments, by short and full name
    units: tuple[str, ...] = ()  # its supporting departments: found, but not shown as its text

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind]


def entries(catalog: Catalog) -> list[Entry]:
    plan = catalog.plan
    city = plan.document.issuer.removesuffix("人民政府")
    # Listed in the order a tie is broken in: measures first.
    found = []
    for entry in catalog.measures.values():
        m = entry.measure
        # Every way a reader writes its number: （五十）, 第五十项, 第50项, 第五十条, 第50条, 五十, 50, 措施50,
        # 措施五十
        # (brackets and punctuation are dropped before matching: 第（五十）项 and （50） match too).
        spoken = from_int(m.number)
        numbers: tuple[str, ...] = (m.label, f"第{spoken}项", f"第{m.number}项", f"第{spoken}条", f"第{m.number}条")
        numbers += (spoken, str(m.number), f"措施{m.number}", f"措施{spoken}")
        lead = tuple(name for d in m.lead for name in d.names)
        units = tuple(name for d in m.supporting for name in d.names)
        found.append(Entry(m.url, m.heading, "措施", numbers, m.text, m.chapter.heading, lead, units))
    stems = department_stems(catalog)
    for department in catalog.departments.values():
        d = department.department
        names = (*d.names, d.title.removeprefix(city), d.name.removeprefix("市"), *stems.get(d.name, ()))
        # Found by its names alone; its result says what it does, not its names once more.
        context = " · ".join(filter(None, (d.kind_label, duties(department))))
        found.append(Entry(department.url, d.title, "单位", names, "", context))
    for chapter in catalog.chapters.values():
        c = chapter.chapter
        goals = "".join(goal.text for goal in c.goals)
        text = " ".join((*c.principle_paragraphs, goals))
        found.append(Entry(urls.published(c.page), c.heading, "领域", (c.title,), text))
    for topic in catalog.topics.values():
        found.append(Entry(urls.published(topic.page), topic.topic.name, "专题", (topic.topic.name,), ""))
    for group in catalog.years:
        targets = "；".join(c.target.indicator for c in group.commitments)
        years = (str(group.year), f"{group.year}年")
        found.append(Entry(urls.published(group.page), f"{group.year}年目标任务", "年份", years, targets))
    # A document issued about the plan: found by its title and number, as a reader who heard of it types them.
    for document in plan.documents:
        keys = (document.title, *((document.number,) if document.number else ()))
        issued = f"{document.issuer_name}印发"
        found.append(Entry(urls.published(document.anchor), document.title, "文件", keys, issued, document.kind_label))
    for kind, output in urls.OUTPUTS.items():
        if output.search_words:
            found.append(Entry(urls.url(kind), output.title, "页面", (output.title,), output.search_words))
    found.append(Entry(urls.url("help"), urls.OUTPUTS["help"].title, "指引", (), HELP_TEXT))
    notice = plan.document.notice
    found.append(Entry("", plan.document.title, "页面", ("首页",), plan.document.preamble))
    found.append(
        Entry(
            urls.url("full-text"),
            "方案全文",
            "全文",
            ("全文", "原文"),
            " ".join((notice.title or "", *notice.paragraphs)),
        )
    )
    return found


# The page's gist, in the words people use when they ask what the plan does not answer.
HELP_TEXT = (
    "本站不是补贴申领或办事指南。补贴怎么申请、以旧换新补贴在哪里申请、怎么领取、到哪里办理、"
    "要什么条件、带哪些材料、咨询电话和热线，请向负责的部门咨询，以各部门发布的实施细则和通知为准。"
)


def hand_written_entry(path: str, content: bytes) -> Entry:
    """A hand-written Markdown page: its front matter's title (or first heading) and its words,
    without the Markdown marks."""
    text = content.decode("utf-8")
    title = ""
    if text.startswith("---\n") and (end := text.find("\n---\n", 4)) != -1:
        try:
            front = yaml.safe_load(text[4:end])
        except yaml.YAMLError:  # MkDocs reports it; the heading names the page meanwhile
            front = None
        title = str(front.get("title", "")) if isinstance(front, dict) else ""
        text = text[end + 5 :]
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    title = title or (heading.group(1).strip() if heading else path)
    words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link's words, not its address
    words = re.sub(r"<[^>]+>|\{[^}]*\}|^#+\s*|^\s*[-*+]\s+|[*_`>|]", "", words, flags=re.M)
    # A line break inside Chinese text is no space: the words run on.
    words = re.sub(r"(?<=[^\x00-\x7f])[ \t]*\n[ \t]*(?=[^\x00-\x7f])", "", words)
    return Entry(urls.published(path), title, "页面", (title,), " ".join(words.split()))


def examples(catalog: Catalog) -> dict[str, str]:
    """What the search box suggests when nothing is found, taken from this plan: the department
    that leads most measures, a measure's number, and a target's year with a word of its indicator."""
    plan = catalog.plan
    found: dict[str, str] = {}
    if catalog.departments:
        busiest = max(catalog.departments.values(), key=lambda entry: len(entry.leads))
        found["unit"] = busiest.department.name
    if plan.measures:
        measure = plan.measures[len(plan.measures) // 3]
        found |= {"number": str(measure.number), "label": measure.label}
    if plan.targets and (word := re.match(r"[\u4e00-\u9fff]{2}", plan.targets[0].indicator)):
        found["year_query"] = f"{plan.targets[0].year} {word.group()}"
    return found


# Where a reader whose words found nothing can look instead.
ELSEWHERE = ("departments", "years", "full-text")


def duties(department: DepartmentEntry) -> str:
    """What a department's result says of it: how many measures it leads, answers for and supports."""
    counted = (("牵头", department.leads), ("负责", department.responsible_for), ("配合", department.supports))
    return "、".join(f"{role}{len(measures)}项" for role, measures in counted if measures)


def department_stems(catalog: Catalog) -> dict[str, tuple[str]]:
    """A department's short name without 市 and its 局, 委, 办 or 社 (住建, 发改, 卫健: two to four
    characters), where the plan's measures say it of nothing else: a reader types it for the
    department, and a stem the text uses as a word (教育, 能源, 财政) stays that word's."""
    departments = [entry.department for entry in catalog.departments.values()]
    names = sorted({name for d in departments for name in (*d.names, d.title)}, key=len, reverse=True)
    said = re.sub("|".join(map(re.escape, names)), " ", " ".join(m.title + m.text for m in catalog.plan.measures))
    stems = {}
    for d in departments:
        short = d.name.removeprefix("市")
        stem = short[:-1]
        if short[-1:] in ("局", "委", "办", "社") and 2 <= len(stem) <= 4 and stem not in said:
            stems[d.name] = (stem,)
    return stems


def index_json(catalog: Catalog, hand_written: Sequence[tuple[str, bytes]] = ()) -> str:
    pages = [hand_written_entry(path, content) for path, content in hand_written if path.endswith(".md")]
    everything = [*entries(catalog), *pages]
    words = [word for word, _ in catalog.plan.search_terms]
    texts = [text for e in everything for text in (e.title, e.text, *e.keys, *e.lead, *e.units)]
    return json.dumps(
        {
            "examples": examples(catalog),
            "elsewhere": [{"title": urls.OUTPUTS[kind].title, "url": urls.url(kind)} for kind in ELSEWHERE],
            "help": {"title": urls.OUTPUTS["help"].title, "url": urls.url("help")},
            "pages": [{**asdict(e), "weight": e.weight} for e in everything],
            # Everyday words and the plan's words each stands for (search_terms in the data).
            "terms": [[word, list(means)] for word, means in catalog.plan.search_terms],
            # What a reader's keyboard makes of the plan's characters: the characters each syllable
            # types (a mistyped 点梯, letters left as dianti) and their traditional forms (電梯).
            "readings": {
                "sounds": sounds.syllables_of(texts + words),
                "simplified": "".join(
                    written + simplified for written, simplified in traditional.simplified_of(texts).items()
                ),
            },
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
