"""Live preview for editors: ``make serve``.

Generates the site, serves it with MkDocs' live-reload server (``preview_mkdocs``) and watches
the data, the templates, the schema and the hand-written pages. A save regenerates the site; only
the files whose content changed get a new timestamp, and MkDocs, building incrementally, rebuilds
just those pages and reloads the browser. A save that fails validation prints every problem and leaves the
last good site in place, so the browser keeps showing it until the next good save, which says so.

The port is checked before anything is generated or announced (MkDocs' server binds it only when
it starts serving, after the first build): a busy one is a line saying how to choose another.

This watcher is the generator's own, not an MkDocs hook, so it survives a move to Zensical.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from plansite import build, repository, write
from plansite.commands import errors, preview_mkdocs, watching
from plansite.commands.generate import display_path
from plansite.data import model, read
from plansite.problems import DataError
from plansite.site import pages

POLL_SECONDS = preview_mkdocs.POLL_SECONDS
# An editor may save in several writes (empty the file, then fill it): a change is read once the
# watched files have stayed the same this long.
SETTLE_SECONDS = 0.02
NAVIGATION = pages.INHERITED_CONFIG


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    data: Path
    out: Path
    config: Path
    address: str
    watched: tuple[Path, ...]

    @property
    def read_inputs(self) -> tuple[Path, ...]:
        """What reading the data reads: its folder (the official text is beside it) and the schema."""
        return (self.data.parent, repository.DATA_SCHEMA.parent)


def settings(data: Path, address: str) -> Settings:
    return Settings(
        data=data,
        out=repository.GENERATED,
        config=repository.MKDOCS_YML,
        address=address,
        watched=(data, repository.TEMPLATES, repository.DATA_SCHEMA.parent, repository.HAND_WRITTEN),
    )


def read_unless_unchanged(inputs: tuple[Path, ...]) -> Callable[[Path, str], model.Plan]:
    """``read.read_plan``, or the plan it last gave while the files it reads (``inputs``) hold the
    same bytes: a save of a page or a template reads no data again."""
    last: dict[tuple[Path, str], tuple[dict[Path, bytes], model.Plan]] = {}

    def read_plan(data: Path, display: str) -> model.Plan:
        try:
            read_from = {file: file.read_bytes() for file in watching.files(inputs)}
        except OSError:  # a file went as it was read: read the data as if nothing were kept
            return read.read_plan(data, display)
        kept = last.get((data, display))
        if kept is None or kept[0] != read_from:
            last[(data, display)] = kept = (read_from, read.read_plan(data, display))
        return kept[1]

    return read_plan


def regenerate(
    config: Settings,
    *,
    after_failure: bool = False,
    read_plan: Callable[[Path, str], model.Plan] = read.read_plan,
) -> write.Publication | None:
    """One generation; prints what happened. None if it could not publish. ``after_failure``: the
    previous one failed, so a success says that the site is current again, even if no file changed."""
    started = time.monotonic()
    try:
        output = build.build(config.data, config.config, display_path(config.data), editing=True, read_plan=read_plan)
        published = write.publish(config.out, output.files)
    except Exception as error:  # the preview keeps running and showing the last good site
        message, _ = errors.explain(error)
        if isinstance(error, DataError):
            print(f"\n[预览] {display_path(config.data)} 有问题，网页仍显示上一个正确的版本：", file=sys.stderr)
        else:
            message += "网页仍显示上一个正确的版本。"
        print(message, file=sys.stderr, flush=True)
        return None
    if NAVIGATION in published.changed:
        # Titles or chapters changed: every page's navigation must be rebuilt, not just the edited ones.
        _touch(config.out.resolve().rglob("*.md"))
    elapsed = (time.monotonic() - started) * 1000
    done = "已修好：网站已按最新数据更新" if after_failure else "已生成"
    print(
        f"[预览] {done}（用时 {elapsed:.0f} 毫秒，{len(published.changed)} 个文件有变化，"
        f"{len(published.removed)} 个删除）",
        flush=True,
    )
    return published


def _touch(paths: Iterable[Path]) -> None:
    now = time.time()
    for path in paths:
        os.utime(path, (now, now))


def run(config: Settings) -> int:
    """Generate, serve and regenerate on every save, at an address ``main`` found free."""
    if not preview_mkdocs.installed():
        print("[预览] 本项目的 MkDocs 预览插件还没有安装：请用 make serve 启动（它先重新安装本项目）", file=sys.stderr)
        return errors.FAILED
    stamps = watching.stamps(config.watched)
    read_plan = read_unless_unchanged(config.read_inputs)
    failed = regenerate(config, read_plan=read_plan) is None
    while failed and not config.out.exists():
        # No good version to show yet: wait for a save that fixes the data.
        stamps = _wait_for_change(config, stamps)
        failed = regenerate(config, after_failure=True, read_plan=read_plan) is None
    site = preview_mkdocs.Site(
        config.config, config.address, watched=(repository.OVERRIDES,), inherited=(config.out / NAVIGATION,)
    )
    # Checked again before the site is announced: another program may have taken the port since.
    if _refuse(config.address):
        site.shutdown()
        return errors.FAILED

    def watch_data() -> None:
        current, broken = stamps, failed
        while True:
            current = _wait_for_change(config, current)
            published = regenerate(config, after_failure=broken, read_plan=read_plan)
            broken = published is None
            if published and (published.changed or published.removed):
                site.rebuild()

    threading.Thread(target=watch_data, daemon=True).start()
    print(
        f"[预览] 网站在 http://{config.address}/ ；正在监视 {display_path(config.data)}、"
        "templates/、schema/、docs/pages/ 和 overrides/，保存即更新（按 Ctrl-C 停止）",
        flush=True,
    )
    try:
        site.server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as error:  # the port taken between the check and the bind
        print(port_problem(config.address) or f"无法在 {config.address} 上预览（{error}）", file=sys.stderr)
        return errors.FAILED
    finally:
        site.shutdown()
    return 0


def _refuse(address: str) -> bool:
    """Print why the preview cannot serve at ``address`` and return True; False if it can."""
    problem = port_problem(address)
    if problem:
        print(problem, file=sys.stderr, flush=True)
    return problem is not None


def port_problem(address: str) -> str | None:
    """None if the preview can serve at ``address``; else one line: why not, and what to do."""
    host, _, port = address.rpartition(":")
    if not (host and port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return f"无法预览：端口应是 1 到 65535 之间的数字，而这里是“{port}”：例如 make serve PORT=8001"
    error = _bind_error(host, int(port))
    if error is None:
        return None
    other = f"make serve PORT={_free_port_after(host, int(port))}"
    if error.errno == errno.EADDRINUSE:
        return f"端口 {port} 已被占用（可能另一个预览还开着）：关掉它，或换一个端口：{other}"
    if error.errno == errno.EACCES:
        return f"端口 {port} 需要管理员权限才能使用：换一个 1024 以上的端口：{other}"
    return f"无法在 {address} 上预览（{error.strerror or error}）：换一个地址或端口，例如 {other}"


def _bind_error(host: str, port: int) -> OSError | None:
    """What binding ``host:port`` as MkDocs' server does (socketserver's allow_reuse_address)
    raises: a port that a stopped preview left waiting (TIME_WAIT) is free, a listened one is not."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        return error
    return None


def _free_port_after(host: str, port: int) -> int:
    """A free port a little after ``port``, to suggest."""
    nearby = range(max(port + 1, 1024), min(port + 50, 65535) + 1)
    return next((p for p in nearby if _bind_error(host, p) is None), nearby.start if nearby else 8001)


def _wait_for_change(config: Settings, stamps: dict) -> dict:
    while True:
        time.sleep(POLL_SECONDS)
        current = watching.stamps(config.watched)
        if current != stamps:
            return _settled(config, current)


def _settled(config: Settings, current: dict) -> dict:
    while True:
        time.sleep(SETTLE_SECONDS)
        again = watching.stamps(config.watched)
        if again == current:
            return current
        current = again


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="serve.py", description="Preview the site, regenerating on every save.")
    parser.add_argument("--data", type=Path, default=repository.DATA)
    parser.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (host:port), as mkdocs serve takes it"
    )
    args = parser.parse_args(argv)
    if _refuse(args.dev_addr):
        return errors.FAILED
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_log()
    return errors.guarded(lambda: run(settings(args.data, args.dev_addr)))


# MkDocs' messages an editor does not need to see on every save.
_QUIET = ("A 'dirty' build is being performed", "The following pages exist in the docs directory")


def _show_mkdocs_log() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[mkdocs] %(message)s"))
    handler.addFilter(lambda record: not record.getMessage().startswith(_QUIET))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
