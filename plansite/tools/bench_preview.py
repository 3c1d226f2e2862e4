"""Measure the live preview: from saving a one-line change in the data to the browser showing it.

    make bench-preview      (needs chromium)

Starts the preview on a copy of data/measures.yaml, opens a measure page in Chromium, then
edits one line of the copy several times and prints how long each change took to appear.
Restores the generated site from the real data at the end.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from plansite.data.model import Measure
from plansite.data.read import read_plan
from plansite.repository import ROOT
from plansite.tools.browser import CHROMIUM_ARGS, free_port, require_chromium

ROUNDS = 6


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


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    data = work / "measures.yaml"
    shutil.copy(ROOT / "data" / "measures.yaml", data)
    shutil.copytree(ROOT / "data" / "source", work / "source")
    measure = edited_measure(data)
    address = f"127.0.0.1:{free_port()}"
    preview = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--data", str(data), "--dev-addr", address],
        cwd=ROOT,
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
                    page.goto(f"http://{address}/{measure.url}")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            page.wait_for_selector("h1")
            time.sleep(2)  # let the first build's watchers settle
            text = data.read_text(encoding="utf-8")
            for round_number in range(1, ROUNDS + 1):
                marker = f"【第{round_number}次修改】"
                saved, saved_wall = time.monotonic(), time.time()
                data.write_text(with_marker(text, measure, marker), encoding="utf-8")
                page.wait_for_function(
                    "marker => !!document.body && document.body.innerText.includes(marker)", arg=marker, timeout=30000
                )
                latencies.append(time.monotonic() - saved)
                # When the browser began loading the new page: the server's part ends there.
                reload_began = page.evaluate("performance.timeOrigin") / 1000 - saved_wall
                print(
                    f"change {round_number}: shown after {latencies[-1]:.2f} s "
                    f"(reload began after {reload_began:.2f} s)",
                    flush=True,
                )
                time.sleep(1)
            browser.close()
    finally:
        preview.terminate()
        preview.wait()
        subprocess.run([sys.executable, "scripts/generate.py"], cwd=ROOT, stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"preview latency for a one-line change over {ROUNDS} saves: median {statistics.median(latencies):.2f} s, "
        f"max {max(latencies):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
