"""Stage 6: put finished output in place so that no run, failed or killed, leaves it half-written.

The generated folder (``docs/generated``) and the built site (``site``) are symbolic links to
one complete version of their output. A run writes a whole new version beside the current one,
then switches the link to it with a single ``os.replace``, atomic on POSIX file systems: until
that instant the previous output is untouched, and after it the new one is complete. In the
generated folder, files that did not change are hard links to the previous version's, so they
keep their timestamps and a watching server rebuilds only the pages that changed.

One run writes at a time: each holds an exclusive lock beside the link (``.generated.lock``)
while it writes and, in ``make site``, while MkDocs reads what it wrote. Versions are removed
only under the lock, so the live one and one being written are never touched.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MARKER = ".generated-by-plansite"


class NotGeneratedFolder(Exception):
    """The output path holds files this generator did not write."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Publication:
    changed: tuple[str, ...]
    removed: tuple[str, ...]


# The locks this process holds, so that a caller holding one may call what takes it again.
_held: set[Path] = set()


@contextmanager
def exclusive(link: Path) -> Iterator[None]:
    """Hold the lock on the output at ``link``, waiting (and saying so) while another run holds it."""
    lock = (link.parent / f".{link.name}.lock").absolute()
    if lock in _held:
        yield
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"另一个生成任务正在写入 {link}，等它完成后再继续……", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        _held.add(lock)
        yield
    finally:
        _held.discard(lock)
        os.close(handle)  # closing releases the lock, as the end of a killed process does


def publish(link: Path, files: Mapping[str, bytes]) -> Publication:
    """Make ``link`` point at a folder holding exactly ``files`` (relative path → content)."""
    with exclusive(link):
        return _publish(link, files)


def build_folder(link: Path, build: Callable[[Path], bool]) -> bool:
    """Make ``link`` point at a new folder that ``build`` fills, if it returns True; otherwise, or
    if the run is killed, ``link`` keeps pointing at the previous one. A folder found at ``link``
    (a build from before links were used) is kept as the previous version."""
    with exclusive(link):
        versions = link.parent / f".{link.name}.versions"
        versions.mkdir(parents=True, exist_ok=True)
        if link.is_dir() and not link.is_symlink():
            moved = versions / f"{link.name}-before-links"
            shutil.rmtree(moved, ignore_errors=True)
            link.rename(moved)
            _switch(link, moved)
        previous = _current_version(link)
        _remove_abandoned_versions(versions, keep=previous)
        version = Path(tempfile.mkdtemp(dir=versions, prefix="v"))
        if not build(version):
            shutil.rmtree(version, ignore_errors=True)
            return False
        version.chmod(0o755)
        _switch(link, version)
        _remove_abandoned_versions(versions, keep=version)
        return True


def _publish(link: Path, files: Mapping[str, bytes]) -> Publication:
    versions = link.parent / f".{link.name}.versions"
    previous = _current_version(link)
    _remove_abandoned_versions(versions, keep=previous)
    versions.mkdir(parents=True, exist_ok=True)
    version = Path(tempfile.mkdtemp(dir=versions, prefix="v"))
    files = {**files, MARKER: b"Every file in this folder is written by scripts/generate.py.\n"}
    changed = []
    for relative, content in sorted(files.items()):
        destination = version / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        before = previous / relative if previous else None
        if before and _holds(before, content):
            os.link(before, destination)
        else:
            _new_file(destination, content)
            changed.append(relative)
    version.chmod(0o755)
    removed = tuple(sorted(set(_listing(previous)) - set(files))) if previous else ()
    _switch(link, version)
    _remove_abandoned_versions(versions, keep=version)
    return Publication(changed=tuple(changed), removed=removed)


def _new_file(path: Path, content: bytes) -> None:
    with open(path, "xb") as out:
        out.write(content)
        os.fchmod(out.fileno(), 0o644)


def _holds(path: Path, content: bytes) -> bool:
    """Whether the regular file at ``path`` holds exactly ``content`` (its size is compared first)."""
    try:
        status = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_size != len(content):
        return False
    with open(path, "rb") as existing:
        return existing.read() == content


def write_file(path: Path, content: bytes) -> None:
    """Write one file atomically: in full beside its destination, then moved over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _current_version(link: Path) -> Path | None:
    if link.is_symlink():
        target = link.resolve()
        return target if target.is_dir() else None
    if link.exists():
        raise NotGeneratedFolder(f"{link} 不是生成程序指向其输出的链接：请把它移走（生成程序从不覆盖不是它写的文件）")
    return None


def _switch(link: Path, version: Path) -> None:
    pointer = link.parent / f".{link.name}.next"
    pointer.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, link.parent), pointer)
    os.replace(pointer, link)


def _remove_abandoned_versions(versions: Path, keep: Path | None) -> None:
    """Versions other than the live one: earlier outputs, or a run killed before its switch.
    Only a run holding the lock calls this, so no other run is writing one."""
    for version in versions.iterdir() if versions.is_dir() else ():
        if keep is None or version.resolve() != keep.resolve():
            shutil.rmtree(version, ignore_errors=True)


def _listing(folder: Path) -> list[str]:
    root = str(folder)
    return [
        os.path.relpath(os.path.join(place, name), root).replace(os.sep, "/")
        for place, _, names in os.walk(root)
        for name in names
        if os.path.isfile(os.path.join(place, name))
    ]
