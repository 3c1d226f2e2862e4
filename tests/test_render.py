"""Rendered pages: held to golden files, escaped, linked relatively, and generated safely."""

import dataclasses

import pytest

from plansite import catalog, render, write
from plansite.cli import read_plan
from tests.golden_pages import GOLDEN, SAMPLE, SITE, rendered_pages

PAGES = rendered_pages()
PAGE_KINDS = ["index.md", "full-text/index.md", "measures/index.md", "measures/m01.md", "departments/index.md",
              "departments/industry-it.md", "sectors/index.md", "sectors/general/index.md",
              "sectors/industry/index.md", "topics/index.md", "topics/organisation.md", "years/index.md",
              "years/2026.md", ".nav.yml", "downloads/plan.json"]


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_every_page_kind_renders_as_its_golden_file(path):
    """Regenerate with `.venv/bin/python tests/regenerate_golden.py`, then read the diff."""
    assert PAGES[path] == (GOLDEN / path).read_text(encoding="utf-8")


def test_the_golden_set_is_complete():
    assert sorted(PAGES) == sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert set(PAGE_KINDS) <= set(PAGES)


@pytest.mark.parametrize("target,current,expected", [
    ("departments/housing/", "measures/m12/", "../../departments/housing/"),
    ("", "measures/m12/", "../../"),
    ("measures/m12/#m12-t1", "measures/m12/", "#m12-t1"),
    ("measures/m12/#m12-t1", "years/2025/", "../../measures/m12/#m12-t1"),
    ("downloads/plan.json", "", "downloads/plan.json"),
    ("sectors/", "", "sectors/"),
    ("", "", "./"),
])
def test_links_are_relative_to_the_page(target, current, expected):
    assert render.relative_url(target, current) == expected


def test_links_from_a_page_agree_with_posixpath_whichever_way_they_are_worked_out():
    import posixpath
    pages = ["", "measures/", "measures/m12/", "measures/m1/", "sectors/general/", "sectors/", "years/2025/",
             "departments/housing/", "departments/"]
    targets = pages + ["measures/m12", "measures/m12/#t1", "sectors/general/#m12", "downloads/plan.json",
                       "downloads/calendars/all.ics", "measures/m12/extra/"]
    for current in pages:
        for target in targets:
            path, _, anchor = target.partition("#")
            expected = posixpath.relpath(path or ".", current or ".")
            if path.endswith("/") or not path:
                expected = "./" if expected == "." else expected + "/"
            expected = "#" + anchor if anchor and path == current else expected + ("#" + anchor if anchor else "")
            assert render.relative_url(target, current) == expected, (target, current)


def test_relative_paths_agree_with_posixpath_on_every_pair_of_site_paths():
    import posixpath
    paths = ["", "measures/", "measures/m12/", "measures/m12", "sectors/general/", "downloads/plan.json",
             "downloads/calendars/all.ics", "years/2025/", "departments/housing/"]
    for target in paths:
        for current in paths:
            assert render._relative_path(target, current) == posixpath.relpath(target or ".", current or ".")


@pytest.mark.parametrize("path,url", [("index.md", ""), ("measures/m12.md", "measures/m12/"),
                                      ("sectors/industry/index.md", "sectors/industry/")])
def test_page_urls_follow_mkdocs_directory_urls(path, url):
    assert render.page_url(path) == url


def test_text_is_data_never_markup():
    plan = read_plan(SAMPLE, "curated.yaml")
    hostile = "<script>alert(1)</script> *强调* [链接](javascript:alert(1)) & “引号”"
    measure = dataclasses.replace(plan.measures[0], text=hostile, title="更新<b>落后</b>设备")
    chapter = dataclasses.replace(plan.chapters[1], title="工业 *设备* 更新 {#x}")
    plan = dataclasses.replace(plan, measures=(measure, *plan.measures[1:]))
    pages = render.render_site(catalog.build(plan), SITE)
    page = pages["measures/m01.md"]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "更新&lt;b&gt;落后&lt;/b&gt;设备" in page
    # Front matter too: MkDocs prints page titles and descriptions without escaping them.
    front_matter = page.split("---")[1]
    assert "<" not in front_matter and 'title: "（一）更新&lt;b&gt;落后&lt;/b&gt;设备"' in front_matter
    heading = render._markdown_inline(chapter.heading)
    assert str(heading) == "二、工业 \\*设备\\* 更新 \\{\\#x\\}"


def test_a_hand_written_page_never_yields_to_a_generated_one(tmp_path, monkeypatch):
    from plansite import cli

    (tmp_path / "measures").mkdir()
    (tmp_path / "measures" / "m01.md").write_text("# 手写\n", encoding="utf-8")
    monkeypatch.setattr(cli, "HAND_WRITTEN", tmp_path)
    with pytest.raises(cli.PageConflict, match="measures/m01.md"):
        cli.site_files(read_plan(SAMPLE, "curated.yaml"), SITE)


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
        write.MARKER, "a.md", "c.md"]
    # Unchanged files keep their timestamp, so a watching server rebuilds only what changed.
    assert (out / "a.md").stat().st_mtime_ns == stamp
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1


def test_two_pages_at_one_path_are_refused():
    built = catalog.build(read_plan(SAMPLE, "curated.yaml"))
    entry = next(iter(built.topics.values()))
    twins = dataclasses.replace(built, topics={"a": entry, "b": entry})
    with pytest.raises(ValueError, match=f"two pages render to topics/{entry.topic.id}.md"):
        render.render_site(twins, SITE)
