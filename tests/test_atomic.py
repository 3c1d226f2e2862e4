"""Generation is all or nothing: killed at any point, it leaves the previous output as it was."""

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansite import build, write
from tests.conftest import DATA, ROOT, tree

STOPPING = ROOT / "tests" / "stopping_generate.py"


def generate(data: Path, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/generate.py", "--data", str(data), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Two valid datasets and the output of each (as the generator publishes it): the one
    published, and the one a run is writing."""
    base = tmp_path_factory.mktemp("atomic")
    changed = base / "changed.yaml"
    # A copy elsewhere, with a changed text: not compared with the official text.
    text = re.sub(r"\n  source: .*", "", DATA.read_text(encoding="utf-8"), count=1)
    changed.write_text(
        text.replace("加快推进城镇生活污水处理设施提质增效", "加快推进城镇生活污水处理设施提质增效【修改】", 1).replace(
            "  name: 工业升级\n", "  name: 工业升级改造\n", 1
        ),
        encoding="utf-8",
    )
    old_out, new_out = base / "old", base / "new"
    publish(DATA, old_out)
    publish(changed, new_out)
    assert tree(old_out) != tree(new_out)
    return changed, tree(old_out), tree(new_out)


def publish(data: Path, out: Path) -> None:
    """What a run of the generator on ``data`` publishes, without starting one."""
    write.publish(out, build.build(data, ROOT / "mkdocs.yml", data.name).files)


@pytest.mark.parametrize("share_written", [0.02, 0.5, 0.95])
def test_a_run_killed_while_writing_leaves_the_previous_output_exactly(tmp_path, versions, share_written):
    changed, old, new = versions
    out = tmp_path / "out"
    publish(DATA, out)
    assert tree(out) == old
    # Only files whose content changed are written (the others are linked): kill within those.
    files_to_write = sum(1 for path, content in new.items() if old.get(path) != content)
    run = subprocess.Popen(
        [
            sys.executable,
            str(STOPPING),
            str(int(files_to_write * share_written)),
            "--data",
            str(changed),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert run.stdout.readline().strip() == "stopped", run.stderr.read() if run.poll() is not None else ""
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert tree(out) == old
    # The next run cleans up what the killed one left, and publishes in full.
    publish(changed, out)
    assert tree(out) == new
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1


def test_runs_killed_at_random_moments_leave_old_or_new_output_never_a_mix(tmp_path, versions):
    changed, old, new = versions
    out = tmp_path / "out"
    publish(DATA, out)
    # Spread the kills over a whole run's duration, and past its end, however fast this machine is.
    started = time.monotonic()
    generate(changed, tmp_path / "timing")
    duration = time.monotonic() - started
    seen = set()
    # The last run is let finish before the kill: on a loaded machine a run may outlast any
    # multiple of the timed one, and the kill must also land after the switch.
    for delay in [*(duration * share for share in (0, 0.35, 0.7, 1.05)), None]:
        run = subprocess.Popen(
            [sys.executable, "scripts/generate.py", "--data", str(changed), "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if delay is None:
            run.wait(timeout=120)
        else:
            time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        result = tree(out)
        assert result in (old, new), f"killed after {delay}s: a mix of old and new output"
        seen.add("new" if result == new else "old")
        if result == new:
            publish(DATA, out)
    assert seen == {"old", "new"}  # kills landed both before and after the switch
