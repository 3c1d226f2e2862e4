"""The live preview regenerates on save, survives a broken save and recovers, saying so (not timed:
`make bench-preview` measures the latency)."""

import difflib
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from plansite.tools.bench_preview import edited_measure, saves, with_marker
from plansite.tools.browser import free_port
from tests.conftest import DATA, ROOT, project_copy

# Builds the site with MkDocs: not in make quick.
pytestmark = pytest.mark.site

MEASURE = edited_measure(DATA)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def preview(tmp_path):
    # The preview writes the edited plan's pages into its project's docs/generated: a copy's.
    project = project_copy(tmp_path / "project")
    data = project / "data" / "measures.yaml"
    address = f"127.0.0.1:{free_port()}"
    log = tmp_path / "preview.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-u", "scripts/serve.py", "--dev-addr", address],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            page = f"http://{address}/{MEASURE.url}"
            wait_until(lambda: "<h1>" in fetch(page))
            yield data, page, log
        finally:
            process.terminate()
            process.wait()


def test_a_save_shows_a_broken_save_keeps_the_last_good_site_and_a_fix_recovers(preview):
    data, page, log = preview
    text = data.read_text(encoding="utf-8")
    # The preview links the measure's place in the data, printed by the theme from front matter.
    assert f"在数据文件中修改本项</a>（data/measures.yaml 第{MEASURE.source_line}行）" in fetch(page)

    data.write_text(with_marker(text, MEASURE, "【预览一】"), encoding="utf-8")
    wait_until(lambda: "【预览一】" in fetch(page))

    broken = with_marker(text, MEASURE, "【预览二】").replace("\n  supporting: [", "\n  supportng: [", 1)
    data.write_text(broken, encoding="utf-8")
    wait_until(lambda: "未知字段 'supportng'：是不是 'supporting'？" in log.read_text(encoding="utf-8"))
    report = log.read_text(encoding="utf-8")
    assert re.search(r"data/measures\.yaml:\d+:3: 措施 m\d\d 的 supportng：未知字段", report)
    assert "网页仍显示上一个正确的版本" in report
    time.sleep(1)
    assert "【预览一】" in fetch(page) and "【预览二】" not in fetch(page)

    # The editor undoes the mistake: no file changes, and the preview says the site is current again.
    data.write_text(with_marker(text, MEASURE, "【预览一】"), encoding="utf-8")
    wait_until(lambda: "已修好" in log.read_text(encoding="utf-8"))
    recovered = log.read_text(encoding="utf-8")
    assert re.search(r"\n\[预览\] 已修好：网站已按最新数据更新（用时 \d+ 毫秒，0 个文件有变化，0 个删除）\n", recovered)

    data.write_text(with_marker(text, MEASURE, "【预览三】"), encoding="utf-8")
    wait_until(lambda: "【预览三】" in fetch(page))
    # Said once, after the failure: a good save after a good one is an ordinary regeneration.
    assert log.read_text(encoding="utf-8").count("已修好") == 1


def test_a_save_in_two_writes_is_read_once_the_file_is_whole(tmp_path, monkeypatch):
    """Editors save by emptying the file and then filling it: the preview waits for both."""
    from plansite.commands import serve as preview

    data = tmp_path / "measures.yaml"
    data.write_text("", encoding="utf-8")
    settings = preview.Settings(
        data=data, out=tmp_path / "out", config=ROOT / "mkdocs.yml", address="", watched=(data,)
    )
    emptied = preview.watching.stamps(settings.watched)
    # The second write lands while the preview waits for the file to settle (its first wait),
    # however busy the machine: the wait itself writes it.
    waits = []

    def wait(seconds):
        waits.append(seconds)
        if len(waits) == 1:
            data.write_bytes(DATA.read_bytes())

    monkeypatch.setattr(preview.time, "sleep", wait)
    seen = preview._settled(settings, emptied)
    # What the preview would read is the whole file, not the empty one it first noticed.
    assert seen[data][1] == len(DATA.read_bytes())
    assert waits == [preview.SETTLE_SECONDS] * 2


def test_the_preview_plugin_is_installed_and_added_to_the_preview_only(tmp_path):
    """make installs the package with its MkDocs plugin; the preview adds it to the plugins the
    configuration names, and mkdocs.yml, which every other build reads, does not name it."""
    from mkdocs.config import load_config

    from plansite.commands import preview_mkdocs

    assert preview_mkdocs.installed()
    assert preview_mkdocs.PLUGIN not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for plugins in ("[search]", "{search: {}}"):
        config_file = tmp_path / "mkdocs.yml"
        config_file.write_text(f"site_name: 预览\nplugins: {plugins}\n", encoding="utf-8")
        (tmp_path / "docs").mkdir(exist_ok=True)
        assert list(preview_mkdocs.load_config(config_file).plugins) == ["search", preview_mkdocs.PLUGIN]
        assert list(load_config(str(config_file)).plugins) == ["search"]


def test_the_preview_compiles_a_template_once_and_again_when_it_changed(tmp_path):
    """MkDocs makes a new Jinja environment for every build: the plugin keeps what the last one
    compiled, and Jinja compiles a template again when its source changed."""
    import jinja2

    from plansite.commands.preview_mkdocs import PreviewPlugin

    compiled = []

    class Environment(jinja2.Environment):
        def compile(self, source, name=None, filename=None, *args, **kwargs):
            compiled.append(name)
            return super().compile(source, name, filename, *args, **kwargs)

    template = tmp_path / "main.html"
    plugin = PreviewPlugin()
    plugin.on_startup(command="serve", dirty=True)
    rendered = []
    for source in ("<h1>{{ title }}</h1>", "<h1>{{ title }}</h1>", "<h2>{{ title }}</h2>"):
        template.write_text(source, encoding="utf-8")
        environment = Environment(loader=jinja2.FileSystemLoader(tmp_path), auto_reload=False)
        environment = plugin.on_env(environment, config=None, files=None)
        rendered.append(environment.get_template("main.html").render(title="标题"))
    assert rendered == ["<h1>标题</h1>", "<h1>标题</h1>", "<h2>标题</h2>"]
    assert compiled == ["main.html", "main.html"]


def without_live_reload(content: bytes) -> bytes:
    """A page as the preview serves it, without the script MkDocs' server puts before </body>."""
    end = content.rfind(b"</body>")
    if end == -1:
        return content
    start = content.rfind(b"<script>", 0, end)
    return content[:start] + content[end:] if start != -1 and b"livereload" in content[start:end] else content


def first_difference(clean: bytes, served: bytes) -> str:
    """Where a served file first departs from the clean build's: enough to see why."""
    lines = difflib.unified_diff(
        clean.decode(errors="replace").split("\n"), served.decode(errors="replace").split("\n"), n=0
    )
    return "\n".join(list(lines)[2:8])


# A clean build of a project as the preview shows it: generated for editing, built by MkDocs at
# the preview's address.
CLEAN_BUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from plansite.commands import serve
address, site = sys.argv[1], sys.argv[2]
assert serve.regenerate(serve.settings(Path("data/measures.yaml"), address)) is not None
config = load_config("mkdocs.yml", site_dir=site, dev_addr=address)
config.site_url = f"http://{address}/"
build(config)
"""


@pytest.mark.plan
def test_after_saves_of_every_kind_the_preview_shows_what_a_clean_build_shows(preview, tmp_path):
    """The benchmark's saves (a department's full name, a measure's topics, a chapter title
    the navigation shows, a hand-written page, a target's report), then every file a clean build
    of the result makes is served by the preview, byte for byte."""
    data, page, log = preview
    project = data.parent.parent
    address = page.split("/")[2]
    for save in saves(project):
        save.apply()
        wait_until(lambda save=save: save.marker in fetch(f"http://{address}/{save.url}"))

    clean = project_copy(tmp_path / "clean")
    for edited in ("data", "docs/pages"):
        shutil.rmtree(clean / edited)
        shutil.copytree(project / edited, clean / edited)
    site = tmp_path / "clean-site"
    built = subprocess.run(
        [sys.executable, "-c", CLEAN_BUILD, address, str(site)], cwd=clean, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr[-2000:]
    differ = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        path = file.relative_to(site).as_posix()
        with urllib.request.urlopen(f"http://{address}/{path}", timeout=5) as response:
            served = response.read()
        if without_live_reload(served) != file.read_bytes():
            differ.append((path, first_difference(file.read_bytes(), without_live_reload(served))))
    assert differ == []
    # Pages handed back from the preview's cache keep their anchors: no link to one is reported missing.
    assert "does not contain an anchor" not in log.read_text(encoding="utf-8")


def test_the_preview_reads_the_data_again_only_when_a_file_it_reads_changed(tmp_path, monkeypatch):
    """A save of a page or a template reads no data again; a save of the data, or of the official
    text beside it, does."""
    from plansite.commands import serve
    from plansite.data import read

    data, text = tmp_path / "data" / "measures.yaml", tmp_path / "data" / "source" / "plan.txt"
    text.parent.mkdir(parents=True)
    data.write_text("a", encoding="utf-8")
    text.write_text("b", encoding="utf-8")
    read_from = []
    monkeypatch.setattr(read, "read_plan", lambda path, display: read_from.append(path.read_text(encoding="utf-8")))
    read_plan = serve.read_unless_unchanged((data.parent,))
    for change in (None, None, (data, "c"), None, (text, "d"), (text, "d")):
        if change:
            change[0].write_text(change[1], encoding="utf-8")
        read_plan(data, "measures.yaml")
    assert read_from == ["a", "c", "c"]


def test_the_preview_loads_its_configuration_again_only_when_a_file_it_reads_changed(tmp_path, monkeypatch):
    """The configuration is kept from one build to the next, and loaded again after a change to
    mkdocs.yml, to the theme's overrides or to the generated navigation it inherits."""
    from plansite.commands import watching
    from plansite.commands.preview_mkdocs import Site

    files = [tmp_path / "mkdocs.yml", tmp_path / "overrides" / "main.html", tmp_path / "generated" / ".config.yml"]
    for file in files:
        file.parent.mkdir(exist_ok=True)
        file.write_text("1", encoding="utf-8")
    loads = []
    site = Site.__new__(Site)
    monkeypatch.setattr(site, "_load", lambda: loads.append(1) or len(loads))
    site._config_inputs = (files[0], files[1].parent, files[2])
    site._loaded = (watching.stamps(site._config_inputs), 0)
    given = [site._config()]
    for file in files:
        given.append(site._config())
        file.write_text("22", encoding="utf-8")
        given.append(site._config())
    assert given == [0, 0, 1, 1, 2, 2, 3]
