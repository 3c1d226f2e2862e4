"""The plan's own rules about its records: characters, ids, numbering and references.
They read the data with ``fields``' helpers, since it may still be malformed; the rules about
departments and working groups are in ``unit_rules``."""

from __future__ import annotations

from plansite import urls
from plansite.data import characters
from plansite.data.fields import UNIT_ROLES, int_of, list_of, mapping_of, records, targets_of, text_of, unknown
from plansite.data.load import DataPath
from plansite.data.reporter import Reporter


def unique_ids(report: Reporter, data: dict) -> None:
    for key in ("departments", "topics", "documents"):
        _report_repeated_ids(report, [((key, index), record) for index, record in records(data, key)])
    # Chapters, goals, measures and targets are anchors of the same pages (the full text, a
    # sector's page): one id each among all of them.
    anchors: list[tuple[DataPath, dict]] = []
    for index, chapter in records(data, "chapters"):
        anchors.append((("chapters", index), chapter))
        anchors += [(("chapters", index, "goals", n), goal) for n, goal in enumerate(list_of(chapter, "goals"))]
    anchors += [(("measures", index), measure) for index, measure in records(data, "measures")]
    _report_repeated_ids(report, [(path, r) for path, r in anchors if isinstance(r, dict)] + list(targets_of(data)))
    # A document's anchor is its id, on the documents page.
    for path, record in [*anchors, *((("documents", index), d) for index, d in records(data, "documents"))]:
        anchor = text_of(record, "id") if isinstance(record, dict) else None
        if anchor in urls.ANCHORS:
            report(
                path + ("id",), f"编号 '{anchor}' 不能使用：页面上已有同名的锚点 #{anchor}；请换一个编号", "reserved-id"
            )
    for key in urls.RECORD_PATHS:
        for index, record in records(data, key):
            record_id = text_of(record, "id")
            reason = urls.taken(key, record_id) if record_id else None
            if reason:
                report((key, index, "id"), f"编号 '{record_id}' 不能使用：{reason}；请换一个编号", "reserved-id")


def _report_repeated_ids(report: Reporter, records: list[tuple[DataPath, dict]]) -> None:
    seen: dict[str, int] = {}
    for path, record in records:
        record_id = text_of(record, "id")
        if record_id is None:
            continue
        if record_id in seen:
            report(
                path + ("id",),
                f"编号 '{record_id}' 重复（第{seen[record_id]}行已经用过）",
                "duplicate-id",
            )
        else:
            seen[record_id] = report.line_of(path + ("id",))


def numbering(report: Reporter, data: dict) -> None:
    """Chapters and measures are numbered 1, 2, 3… in the order the document gives them."""
    for key, name in (("chapters", "部分"), ("measures", "措施")):
        seen: dict[int, int] = {}
        sequence_reported = False
        for position, (index, record) in enumerate(records(data, key), start=1):
            number = int_of(record, "number")
            if number is None:
                continue
            if number in seen:
                report(
                    (key, index, "number"),
                    f"{name}序号 {number} 重复（第{seen[number]}行已经用过）",
                    "duplicate-number",
                )
            # One break in the sequence shifts everything after it: report only the first.
            elif number != position and not sequence_reported:
                sequence_reported = True
                report(
                    (key, index, "number"),
                    f"{name}按原文顺序编号 1、2、3……：这里应当是 {position}，实际是 {number}",
                    "numbering",
                )
            seen.setdefault(number, report.line_of((key, index, "number")))


def references(report: Reporter, data: dict) -> None:
    chapters = {text_of(c, "id"): int_of(c, "number") for _, c in records(data, "chapters")}
    departments = {d["id"]: d for _, d in records(data, "departments") if isinstance(d.get("id"), str)}
    topics = {text_of(t, "id") for _, t in records(data, "topics")}
    names = {
        name: department_id
        for department_id, department in departments.items()
        for name in [
            text_of(department, "name"),
            text_of(department, "full_name"),
            *list_of(department, "aliases"),
            *(mapping_of(f).get(key) for f in list_of(department, "former_names") for key in ("name", "full_name")),
        ]
        if isinstance(name, str)
    }
    used_topics: set[str] = set()
    last_chapter_number = 0
    # A missing or malformed registry is reported by the schema; checking against it would only echo that.
    present = {key for key in ("chapters", "departments", "topics") if isinstance(data.get(key), list)}
    for index, measure in records(data, "measures"):
        chapter = text_of(measure, "chapter")
        if chapter is not None and chapter not in chapters and "chapters" in present:
            report(("measures", index, "chapter"), unknown("chapters", chapter, chapters), "unknown-reference")
        elif chapter in chapters and (chapters[chapter] or 0) < last_chapter_number:
            report(
                ("measures", index, "chapter"),
                f"部分 '{chapter}' 排在上一项措施所属的部分之前：措施要按原文顺序排列",
                "chapter-order",
            )
        if chapter in chapters:
            last_chapter_number = max(last_chapter_number, chapters[chapter] or 0)
        for role in UNIT_ROLES:
            for position, department in enumerate(list_of(measure, role)):
                if isinstance(department, str) and department not in departments and "departments" in present:
                    named = names.get(department)
                    report(
                        ("measures", index, role, position),
                        f"'{department}' 是单位 '{named}' 的名称，这里要写它的编号：{named}"
                        if named
                        else unknown("departments", department, departments),
                        "unknown-reference",
                        explains=bool(named),
                    )
        for position, topic in enumerate(list_of(measure, "topics")):
            if isinstance(topic, str) and topic not in topics and "topics" in present:
                report(("measures", index, "topics", position), unknown("topics", topic, topics), "unknown-reference")
            if isinstance(topic, str):
                used_topics.add(topic)
        _written_as(report, index, measure, departments)
    for index, topic in records(data, "topics"):
        if text_of(topic, "id") and topic["id"] not in used_topics:
            report(
                ("topics", index, "id"),
                f"专题 '{topic['id']}' 没有被任何措施使用：给相关措施加上它，或删除这个专题",
                "unused-topic",
            )
    local = data.get("document", {}).get("local_governments") if isinstance(data.get("document"), dict) else None
    measure_ids = {text_of(m, "id") for _, m in records(data, "measures")}
    if isinstance(local, dict) and isinstance(local.get("stated_in"), str) and local["stated_in"] not in measure_ids:
        report(
            ("document", "local_governments", "stated_in"),
            unknown("measures", local["stated_in"], measure_ids),
            "unknown-reference",
        )


def _written_as(report: Reporter, index: int, measure: dict, departments: dict[str, dict]) -> None:
    spellings = measure.get("written_as")
    if not isinstance(spellings, dict):
        return
    named = {d for role in UNIT_ROLES for d in list_of(measure, role)}
    for department_id, spelling in spellings.items():
        path = ("measures", index, "written_as", department_id)
        if department_id not in named:
            report(path, f"'{department_id}' 不是本项措施的单位", "unknown-reference", at_key=True)
        elif department_id in departments and spelling not in list_of(departments[department_id], "aliases"):
            report(
                path,
                f"'{spelling}' 不是单位 '{department_id}' 登记的别名：请先把它加入该单位的 aliases",
                "unknown-alias",
            )


def holds_paragraphs(path: DataPath) -> bool:
    """The texts made of several paragraphs, each on its own line (the model splits them): the
    notice's body, and a chapter's principles."""
    return path == ("document", "notice", "body") or (len(path) == 3 and path[::2] == ("chapters", "principles"))


def visible_characters(report: Reporter, data: dict) -> None:
    """Every text holds only characters a reader sees: no control, zero-width or direction
    characters, and no line breaks (each text is one line or one paragraph)."""

    def walk(value: object, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str):
            lines = value.split("\n") if holds_paragraphs(path) else [value]
            if len(lines) > 1 and any(not line.strip() for line in lines):
                report(path, "这段文字中有空行，或以换行开头或结尾：删除空行", "bad-character")
            text = "".join(lines)
            found = characters.first_unseen(text)
            if found is not None:
                char = text[found]
                advice = "：删除它" if char != "\n" else "：文字要写在一行内（块写法“|”会在末尾留下换行，去掉它）"
                report(path, f"第{found + 1}个字符是 {characters.describe(char)}{advice}", "bad-character")

    walk(data, ())


def plan_words(data: dict) -> str:
    """The plan's words an everyday word may stand for: measures' titles and texts, chapters'
    titles and goals, and the departments' names (城管局 for 市城市管理局: search finds the
    department by them)."""
    texts = [text_of(m, field) or "" for _, m in records(data, "measures") for field in ("title", "text")]
    texts += [text_of(c, "title") or "" for _, c in records(data, "chapters")]
    goals = [g for _, c in records(data, "chapters") for g in list_of(c, "goals") if isinstance(g, dict)]
    texts += [text_of(g, "text") or "" for g in goals]
    for _, department in records(data, "departments"):
        texts += [text_of(department, "name") or "", text_of(department, "full_name") or ""]
        texts += [alias for alias in list_of(department, "aliases") if isinstance(alias, str)]
    return "\n".join(texts)


def held_search_terms(terms: object, data: dict) -> list[dict]:
    """The entries of ``terms`` (a search_terms list) with only the plan's words ``data`` holds,
    those left with none dropped: what another plan, or part of this one, keeps."""
    words = plan_words(data)
    held = []
    for term in terms if isinstance(terms, list) else []:
        means = [meant for meant in list_of(mapping_of(term), "means") if isinstance(meant, str) and meant in words]
        if means:
            held.append({"word": term["word"], "means": means})
    return held


def search_terms(report: Reporter, data: dict) -> None:
    """Each everyday word is listed once, and stands for words the plan's text holds: search
    must lead from a reader's word to what the plan says, never to what it does not."""
    words = plan_words(data)
    seen: dict[str, int] = {}
    for index, term in records(data, "search_terms"):
        word = text_of(term, "word")
        if word is not None and word in seen:
            repeated = f"日常用语“{word}”在第{seen[word]}行已经有了：把两条合并"
            report(("search_terms", index, "word"), repeated, "search-term")
        elif word is not None:
            seen[word] = report.line_of(("search_terms", index, "word"))
        for position, meant in enumerate(list_of(term, "means")):
            if isinstance(meant, str) and meant.strip() and words and meant not in words:
                report(
                    ("search_terms", index, "means", position),
                    f"“{meant}”不在方案的措施、目标和单位名称中："
                    "means 要写方案原文里的说法或单位的名称，读者搜日常用语时才能找到",
                    "search-term",
                )


RULES = (visible_characters, unique_ids, numbering, references, search_terms)
