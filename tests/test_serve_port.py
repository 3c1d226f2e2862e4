"""``make serve PORT=…``: the preview serves on the port given; a port it cannot use is one line in
Chinese, said before anything is generated or announced as served."""

import contextlib
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from plansite.commands import serve
from plansite.tools.browser import free_port
from tests.conftest import ROOT, project_copy

# make as an editor runs it: no port, or make flags, inherited from a make that runs the tests.
MAKE_ENV = {k: v for k, v in os.environ.items() if k not in {"PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
BUSY = re.compile(r"端口 (\d+) 已被占用（可能另一个预览还开着）：关掉它，或换一个端口：make serve PORT=(\d+)")


def make_command(target: str, *variables: str) -> list[str]:
    """The command ``make target`` runs, as ``make -n`` prints it (without the shell's ``||`` tail)."""
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", target, *variables],
        cwd=ROOT,
        env=MAKE_ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in dry.stdout.splitlines() if line.startswith(".venv/bin/python scripts/"))
    return shlex.split(line.split(" || ")[0])


@contextlib.contextmanager
def held_port() -> Iterator[int]:
    """A port another program listens on, as another preview would."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def bindable(port: int) -> bool:
    return serve.port_problem(f"127.0.0.1:{port}") is None


def test_make_passes_the_port_and_each_server_has_its_own_default():
    assert make_command("serve") == [".venv/bin/python", "scripts/serve.py", "--dev-addr", "127.0.0.1:8000"]
    assert make_command("serve", "PORT=8701")[-2:] == ["--dev-addr", "127.0.0.1:8701"]
    assert make_command("serve-nginx") == [".venv/bin/python", "scripts/serve_nginx.py", "--port", "8080"]
    assert make_command("serve-nginx", "PORT=9000")[-2:] == ["--port", "9000"]


def test_make_serve_on_a_busy_port_says_so_in_one_line_and_serves_nothing():
    with held_port() as port:
        # The preview refuses before it generates anything: it writes nothing here. Should it
        # ever serve instead, its process group is stopped after the timeout.
        make = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=ROOT,
            env=MAKE_ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = make.communicate(timeout=60)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(make.pid, signal.SIGTERM)
    assert make.returncode != 0
    assert stdout == ""
    # One line, the preview's: no traceback, and not make's own "Error 1" as a second problem.
    [line] = stderr.splitlines()
    found = BUSY.fullmatch(line)
    assert found, line
    assert int(found[1]) == port
    suggested = int(found[2])
    assert suggested != port and bindable(suggested)


def test_a_port_that_is_no_port_is_one_line_too(capsys):
    for address in ("127.0.0.1:abc", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:８０００"):
        assert serve.main(["--dev-addr", address]) == 1
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith("无法预览：端口应是 1 到 65535 之间的数字"), line


def test_the_suggested_port_is_free_even_if_the_next_one_is_busy():
    with held_port() as port, socket.socket() as next_one:
        try:
            next_one.bind(("127.0.0.1", port + 1))
            next_one.listen()
        except OSError:
            pytest.skip(f"port {port + 1} is in use by another program")
        message = serve.port_problem(f"127.0.0.1:{port}")
    found = BUSY.fullmatch(message or "")
    assert found, message
    assert int(found[2]) > port + 1


def test_a_port_a_stopped_preview_left_waiting_is_free():
    """MkDocs' server binds with SO_REUSEADDR, so a port whose last connection is still waiting
    out its close (TIME_WAIT), as after a preview stopped a moment ago, is free to it: the check
    must not call it busy."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server's end closes first: it is the one left waiting
    client.close()
    assert bindable(port)


@pytest.mark.site
def test_make_serve_serves_on_the_port_given(tmp_path):
    """What ``make serve PORT=…`` runs, on a free port, in a copy of the project."""
    project = project_copy(tmp_path / "project")
    port = free_port()
    command = make_command("serve", f"PORT={port}")
    log = tmp_path / "preview.log"
    with log.open("w") as output:
        # The copy has no .venv: the same interpreter, by its full name.
        preview = subprocess.Popen([sys.executable, "-u", *command[1:]], cwd=project, stdout=output, stderr=output)
        try:
            served = ""
            deadline = time.monotonic() + 60
            while not served and preview.poll() is None and time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                        served = response.read().decode("utf-8")
                except OSError:
                    time.sleep(0.2)
        finally:
            preview.terminate()
            preview.wait()
    assert "<h1" in served, log.read_text(encoding="utf-8")[-2000:]
    assert f"[预览] 网站在 http://127.0.0.1:{port}/ " in log.read_text(encoding="utf-8")
