"""Measure the live preview: from a save to the browser showing it.

    make bench-preview      (needs chromium)

Starts the preview in a copy of the project, opens a page in Chromium, then saves five kinds
of change (``saves``: a department's full name, a measure's topics, a chapter title the
navigation shows, a hand-written page, a target's report; a first draft has no topics or targets
to save) and prints how long each took to appear. tests/test_preview.py makes the same saves and
compares the result with a clean build.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from plansite import urls
from plansite.data.model import Measure
from plansite.data.read import read_plan
from plansite.repository import ROOT
from plansite.tools.browser import CHROMIUM_ARGS, free_port, require_chromium


def edited_measure(data: Path) -> Measure:
    """The first measure with a lead department: its page shows that department's full name."""
    return next(m for m in read_plan(data, str(data)).measures if m.lead)


def with_marker(text: str, measure: Measure, marker: str) -> str:
    """The data with ``marker`` added to the full name of ``measure``'s lead department, or given
    as its full name where a draft has none: not official text, so free to change."""
    department = measure.lead[0]
    record = text.index(f"- id: {department.id}\n")
    if department.full_name:
        line = f"  full_name: {department.full_name}\n"
        at = text.index(line, record) + len(line) - 1
        return text[:at] + marker + text[at:]
    after_name = text.index("\n", text.index("\n  name: ", record) + 1) + 1
    return text[:after_name] + f"  full_name: {marker}\n" + text[after_name:]


# What a project needs for the preview to run in it (the package itself is installed).
PROJECT_PARTS = ("mkdocs.yml", "templates", "overrides", "schema", "data", "docs/pages", "scripts")


def project_copy(work: Path) -> Path:
    """The parts of this project the preview reads, copied to ``work``: the saves edit the copy."""
    for part in PROJECT_PARTS:
        source, target = ROOT / part, work / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return work


@dataclass(frozen=True)
class Save:
    what: str
    # The page (site-relative URL) that shows it, and a text it shows there once saved.
    url: str
    marker: str
    # Writes the change.
    apply: Callable[[], None]


def saves(project: Path) -> Iterator[Save]:
    """Saves of five kinds in ``project``, one at a time, as an editor makes them (the topics and
    the report only where the plan has topics and targets). Each is written by its ``apply``,
    which must run before the next is asked for."""
    data = project / "data" / "measures.yaml"
    plan = read_plan(data, str(data))
    measure = edited_measure(data)
    original = data.read_text(encoding="utf-8")

    def writing(path: Path, text: str) -> Callable[[], None]:
        def write() -> None:
            path.write_text(text, encoding="utf-8")

        return write

    text = with_marker(original, measure, "【全称】")
    yield Save("a department's full name", measure.url, "【全称】", writing(data, text))
    tagged = next((m for m in plan.measures if 0 < len(m.topics) < len(plan.topics)), None)
    if tagged:
        at = text.index(f"\n- id: {tagged.id}\n")
        topics_end = text.index("]", text.index("\n  topics: [", at))
        topic = next(t for t in plan.topics if t not in tagged.topics)
        text = text[:topics_end] + f", {topic.id}" + text[topics_end:]
        yield Save("a measure's topics", urls.published(topic.page), f'data-measure="{tagged.id}"', writing(data, text))
    # A chapter's title is official text: the text beside the data changes with it.
    chapter = plan.chapters[0]
    source = next((project / "data" / "source").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8").replace(chapter.heading, chapter.heading + "甲", 1))
    text = text.replace(f"  title: {chapter.title}\n", f"  title: {chapter.title}甲\n", 1)
    yield Save("a chapter's title, in the navigation", measure.url, chapter.heading + "甲", writing(data, text))
    about = project / "docs" / "pages" / "about.md"
    page = about.read_text(encoding="utf-8") + "\n【手写页面】\n"
    yield Save("a hand-written page", "about/", "【手写页面】", writing(about, page))
    reported = next((m for m in plan.measures if m.targets and not m.targets[-1].history), None)
    if reported:
        last_target = text.index(f"\n  - id: {reported.targets[-1].id}\n") + 1
        target_end = text.index("\n- id: ", last_target)
        report = "    progress:\n    - date: 2026-06-30\n      status: 推进中\n      note: 【进度报告】\n"
        text = text[: target_end + 1] + report + text[target_end + 1 :]
        yield Save("a target's report", reported.url, "【进度报告】", writing(data, text))


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    project = project_copy(work / "project")
    address = f"127.0.0.1:{free_port()}"
    preview = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--dev-addr", address],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            deadline = time.monotonic() + 120
            while True:
                try:
                    page.goto(f"http://{address}/")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            page.wait_for_selector("h1")
            time.sleep(2)  # let the first build's watchers settle
            for save in saves(project):
                # The page is open before the save, as an editor's is: the preview reloads it.
                if not page.url.endswith("/" + save.url):
                    page.goto(f"http://{address}/{save.url}")
                    page.wait_for_selector("h1")
                saved, saved_wall = time.monotonic(), time.time()
                save.apply()
                page.wait_for_function(
                    "marker => !!document.body && document.body.innerHTML.includes(marker)",
                    arg=save.marker,
                    timeout=30000,
                )
                latencies.append(time.monotonic() - saved)
                began = page.evaluate("performance.timeOrigin") / 1000 - saved_wall
                print(f"{save.what}: shown after {latencies[-1]:.2f} s (reload began after {began:.2f} s)", flush=True)
                time.sleep(1)
            browser.close()
    finally:
        preview.terminate()
        preview.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"preview latency over {len(latencies)} saves of different kinds: median {statistics.median(latencies):.2f} s, "
        f"max {max(latencies):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
