"""Rendered pages: held to golden files, escaped, linked relatively, and generated safely."""

import dataclasses
import re

import markupsafe
import pytest
import yaml

from plansite import build, urls, write
from plansite.data import departments
from plansite.data.read import read_plan
from plansite.site import catalog, markup
from tests.golden_pages import GOLDEN, ROOT, SAMPLE, SITE, rendered_pages

PAGES = rendered_pages()
PAGE_KINDS = [
    "index.md",
    "full-text/index.md",
    "measures/index.md",
    "measures/m01.md",
    "departments/index.md",
    "departments/industry-it.md",
    "sectors/index.md",
    "sectors/general/index.md",
    "sectors/industry/index.md",
    "topics/index.md",
    "topics/organisation.md",
    "years/index.md",
    "years/2026.md",
    ".config.yml",
    "downloads/plan.json",
]


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_page_renders_as_its_golden_file(path, golden):
    golden(GOLDEN / path, PAGES[path])


def test_the_golden_set_is_complete():
    assert sorted(PAGES) == sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert set(PAGE_KINDS) <= set(PAGES)


@pytest.mark.parametrize(
    "target,current,expected",
    [
        ("departments/housing.md", "measures/m12.md", "../departments/housing.md"),
        ("", "measures/m12.md", "../"),
        ("measures/m12.md#m12-t1", "measures/m12.md", "#m12-t1"),
        ("measures/m12.md#m12-t1", "years/2025.md", "../measures/m12.md#m12-t1"),
        ("measures/m12.md#m12-t1", "sectors/general/index.md", "../../measures/m12.md#m12-t1"),
        ("downloads/plan.json", "index.md", "downloads/plan.json"),
        ("sectors/index.md", "index.md", "sectors/index.md"),
        ("index.md", "index.md", "index.md"),
        ("", "index.md", "./"),
    ],
)
def test_links_go_from_one_source_file_to_another(target, current, expected):
    assert urls.link(target, current) == expected


@pytest.mark.parametrize(
    "path,url",
    [
        ("index.md", ""),
        ("measures/m12.md", "measures/m12/"),
        ("sectors/industry/index.md", "sectors/industry/"),
        ("measures/m12.md#m12-t1", "measures/m12/#m12-t1"),
        ("downloads/plan.json", "downloads/plan.json"),
    ],
)
def test_page_urls_follow_directory_urls(path, url):
    assert urls.published(path) == url


def test_every_kind_of_page_has_one_path_pattern_and_no_two_collide():
    paths = [urls.source(kind, "x") for kind in urls.PATHS]
    assert len(set(paths)) == len(paths)


def test_text_is_data_never_markup():
    plan = read_plan(SAMPLE, "curated.yaml")
    hostile = "<script>alert(1)</script> *强调* [链接](javascript:alert(1)) & “引号”"
    measure = dataclasses.replace(plan.measures[0], text=hostile, title="更新<b>落后</b>设备")
    chapter = dataclasses.replace(plan.chapters[1], title="工业 *设备* 更新 {#x}")
    plan = dataclasses.replace(plan, measures=(measure, *plan.measures[1:]))
    pages = build.site_files(catalog.build(plan), SITE)
    page = pages["measures/m01.md"]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "更新&lt;b&gt;落后&lt;/b&gt;设备" in page
    # Front matter too: MkDocs prints page titles and descriptions without escaping them.
    front_matter = page.split("---")[1]
    assert "<" not in front_matter and 'title: "（一）更新&lt;b&gt;落后&lt;/b&gt;设备"' in front_matter
    heading = markup.md(chapter.heading)
    assert str(heading) == "二、工业 \\*设备\\* 更新 \\{\\#x\\}"


def test_a_hand_written_page_never_yields_to_a_generated_one(tmp_path):
    (tmp_path / "measures").mkdir()
    (tmp_path / "measures" / "m01.md").write_text("# 手写\n", encoding="utf-8")
    with pytest.raises(build.PageConflict, match="measures/m01.md"):
        build.build(SAMPLE, ROOT / "mkdocs.yml", "curated.yaml", hand_written=tmp_path)


def test_the_generator_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.md").write_text("# 手写首页\n", encoding="utf-8")
    with pytest.raises(write.NotGeneratedFolder):
        write.publish(tmp_path / "out", {"index.md": b"generated"})
    assert (tmp_path / "out" / "index.md").read_text(encoding="utf-8") == "# 手写首页\n"


def test_a_publication_holds_exactly_its_files_and_keeps_unchanged_ones(tmp_path):
    out = tmp_path / "out"
    first = write.publish(out, {"a.md": b"a", "old/b.md": b"b"})
    stamp = (out / "a.md").stat().st_mtime_ns
    second = write.publish(out, {"a.md": b"a", "c.md": b"c"})
    assert first.changed == (write.MARKER, "a.md", "old/b.md")
    assert (second.changed, second.removed) == (("c.md",), ("old/b.md",))
    assert sorted(p.relative_to(out.resolve()).as_posix() for p in out.resolve().rglob("*") if p.is_file()) == [
        write.MARKER,
        "a.md",
        "c.md",
    ]
    # Unchanged files keep their timestamp, so a watching server rebuilds only what changed.
    assert (out / "a.md").stat().st_mtime_ns == stamp
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1


def test_two_pages_at_one_path_are_refused():
    built = catalog.build(read_plan(SAMPLE, "curated.yaml"))
    entry = next(iter(built.topics.values()))
    twins = dataclasses.replace(built, topics={"a": entry, "b": entry})
    with pytest.raises(build.PageConflict, match=f"生成的页面 topics/{entry.topic.id}.md 与生成的页面 topics/"):
        build.site_files(twins, SITE)


def test_data_text_inside_markdown_elements_reaches_the_reader_as_typed():
    """Pages are Markdown: where an element is parsed as Markdown for its links, the data text in
    it must still read as exactly its characters once Python-Markdown has built the HTML."""
    import html
    import re

    import markdown

    plan = read_plan(SAMPLE, "curated.yaml")
    typed = "*强调* _下划_ `代码` [链接](javascript:alert(1)) {#x .y} # 1. + - ! \\ &amp; <i>"
    first = plan.measures[0]
    measure = dataclasses.replace(first, title=typed, text=typed)
    department = dataclasses.replace(first.lead[0], name=typed)
    measure = dataclasses.replace(measure, lead=(department,))
    others = tuple(d for d in plan.departments if d.id != department.id)
    plan = dataclasses.replace(plan, measures=(measure, *plan.measures[1:]), departments=(department, *others))
    pages = build.site_files(catalog.build(plan), SITE)
    for path in ("full-text/index.md", "measures/index.md", "measures/m02.md", "departments/index.md"):
        source = pages[path].split("---", 2)[2]
        converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "plansite.site.markdown_tables", "tables"])
        rendered = converter.convert(source)
        assert "<em>" not in rendered and "<code>" not in rendered and 'href="javascript' not in rendered, path
        text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
        assert typed in text, path


def test_the_public_site_names_no_data_file_line_and_the_preview_links_each_measure_in_the_data():
    public = build.build(SAMPLE, ROOT / "mkdocs.yml", "data/measures.yaml")
    preview = build.build(SAMPLE, ROOT / "mkdocs.yml", "data/measures.yaml", editing=True)
    pages = [path for path in public.files if path.startswith("measures/m")]
    assert pages
    for path in pages:
        assert "data/measures.yaml" not in public.files[path].decode() and "纠错" in public.files[path].decode()
        assert re.search(r"data/measures\.yaml 第\d+行", preview.files[path].decode()), path


def test_the_official_record_is_shown_with_a_link_to_the_original(plan):
    """Each field of the record the data holds has its row on home, and a field it lacks has none
    (a first draft may lack most: tests/test_this_plan.py holds which this plan has)."""
    page = build.build(ROOT / "data" / "measures.yaml", ROOT / "mkdocs.yml", "data/measures.yaml").files["index.md"]
    text = page.decode()
    document = plan.document
    for label, value in (
        ("发文机关", document.issuer),
        ("索引号", document.index_number),
        ("主题分类", document.subject),
        ("发文字号", document.number),
    ):
        if value:
            assert f"{label}</dt><dd>{markupsafe.escape(value)}" in text, label
        else:
            assert f"{label}</dt>" not in text, label
    assert (f'href="{document.official_page}"' in text) if document.official_page else "查看原文" not in text


def test_a_plan_words_the_kinds_of_department_its_own_way(plan):
    # The data may word a kind as its readers know it (中央和省驻长单位 in 长治); a kind it does not
    # word keeps the general label.
    worded = yaml.safe_load((ROOT / "data" / "measures.yaml").read_text(encoding="utf-8")).get("department_kinds", {})
    for department in plan.departments:
        if department.kind:
            assert department.kind_label == worded.get(department.kind, departments.KIND_LABELS[department.kind])
    sample = read_plan(ROOT / "tests" / "fixtures" / "sample" / "curated.yaml", "curated.yaml")
    assert {d.kind_label for d in sample.departments if d.kind == "central-branch"} == {"中央和省驻市单位"}
