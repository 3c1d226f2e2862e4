"""The built site through Debian's nginx with the shipped configuration (deploy/site.conf and the
policy make site wrote), on 127.0.0.1, in the foreground, without root: `make serve-nginx`, and
the server the browser and download tests use.

    .venv/bin/python scripts/serve_nginx.py [--port 8080] [--site-dir site]
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from plansite.repository import ROOT
from plansite.site.serving import POLICY_FILE

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
SITE_CONF = ROOT / "deploy" / "site.conf"


def config(site: Path, port: int, work: Path, log: str = "stderr") -> str:
    """nginx.conf for serving ``site`` on ``port``, with every file nginx writes in ``work`` and
    its errors in ``log``."""
    site = site.resolve()
    if not (site / POLICY_FILE).is_file():
        raise SystemExit(f"{site} 中没有 {POLICY_FILE}：请先运行 make site")
    # As root, nginx would hand the requests to "nobody", who may not read a private folder.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    temporary = temporary_paths(work)
    return f"""{user}worker_processes 1;
pid {work / "nginx.pid"};
error_log {log} warn;
events {{
    worker_connections 256;
}}
http {{
    access_log off;
{temporary}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {site / POLICY_FILE};
        include {SITE_CONF};
    }}
}}
"""


def temporary_paths(work: Path) -> str:
    """Where nginx keeps what it buffers: in ``work``, not in /var/lib/nginx, which needs root."""
    return "\n".join(
        f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )


def command(site: Path, port: int, work: Path, log: str = "stderr") -> list[str]:
    work.mkdir(parents=True, exist_ok=True)
    (work / "nginx.conf").write_text(config(site, port, work, log), encoding="utf-8")
    return [NGINX, "-p", str(work), "-e", "stderr", "-c", str(work / "nginx.conf"), "-g", "daemon off;"]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` at http://127.0.0.1:<free port>/ for the duration of the block."""
    with tempfile.TemporaryDirectory(prefix="plan-nginx-") as work:
        log = Path(work) / "error.log"
        # A port free when probed may be taken by another server before nginx binds it: then
        # nginx gives up, and another port is tried.
        for _ in range(3):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            server = subprocess.Popen(command(site, port, Path(work), str(log)), stderr=subprocess.DEVNULL)
            try:
                if _listening(port, server, Path(work) / "nginx.pid", log):
                    yield f"http://127.0.0.1:{port}/"
                    return
            finally:
                server.terminate()
                server.wait()
        raise RuntimeError(f"nginx found no free port: {log.read_text(encoding='utf-8', errors='replace')}")


def _listening(port: int, server: subprocess.Popen[bytes], pid_file: Path, log: Path) -> bool:
    """Whether ``server`` itself listens on ``port``: nginx writes its pid file only once it has
    bound its ports, so a connection alone could reach another server that holds the port."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.poll() is not None:
            if "Address already in use" in log.read_text(encoding="utf-8", errors="replace"):
                return False
            raise RuntimeError(f"nginx stopped: {log.read_text(encoding='utf-8', errors='replace')}")
        ours = pid_file.is_file() and pid_file.read_text(encoding="utf-8").strip() == str(server.pid)
        if ours:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        time.sleep(0.05)
    if "Address already in use" in log.read_text(encoding="utf-8", errors="replace"):
        return False
    raise RuntimeError(f"nginx did not listen on port {port}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not shutil.which(NGINX):
        print(f"找不到 {NGINX}：请先安装 nginx（Debian：apt-get install nginx）", file=sys.stderr)
        return 1
    run = command(args.site_dir, args.port, ROOT / ".cache" / "nginx")
    print(f"http://127.0.0.1:{args.port}/ （nginx，配置 deploy/site.conf；按 Ctrl+C 停止）", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        return subprocess.run(run).returncode
    return 0
