"""Stage 5: put finished output in place so that no run, failed or killed, leaves it half-written.

The generated folder (``docs/generated``) is a symbolic link to one complete version of the
output. A run writes a whole new version beside the current one, then switches the link to it
with a single ``os.replace``, atomic on POSIX file systems: until that instant the previous
output is untouched, and after it the new one is complete. Files that did not change are
hard links to the previous version's, so they keep their timestamps and a watching server
rebuilds only the pages that changed.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import stat
import tempfile
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

MARKER = ".generated-by-plansite"


class NotGeneratedFolder(Exception):
    """The output path holds files this generator did not write."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Publication:
    changed: tuple[str, ...]
    removed: tuple[str, ...]


class WorkerFailed(Exception):
    """A process writing a share of the files failed; its own traceback is the message."""


# Writes one file's content when called.
Content = Callable[[], bytes]


def publish(link: Path, files: Mapping[str, bytes]) -> Publication:
    """Make ``link`` point at a folder holding exactly ``files`` (relative path → content)."""
    return publish_rendered(link, {path: partial(bytes, content) for path, content in files.items()})


def publish_rendered(link: Path, files: Mapping[str, Content], processes: int = 1) -> Publication:
    """``publish``, each file's content made only when it is written, the files shared out
    between ``processes`` processes (forked: only from a program that runs no threads)."""
    versions = link.parent / f".{link.name}.versions"
    previous = _current_version(link)
    _remove_abandoned_versions(versions, keep=previous)
    versions.mkdir(parents=True, exist_ok=True)
    version = Path(tempfile.mkdtemp(dir=versions, prefix="v"))
    files = {**files, MARKER: partial(bytes, b"Every file in this folder is written by scripts/generate.py.\n")}
    placing = _Placing(files, str(version), str(previous) if previous else None)
    changed = placing.shared_out(processes)
    version.chmod(0o755)
    removed = tuple(sorted(set(_listing(previous)) - set(files))) if previous else ()
    _switch(link, version)
    _remove_abandoned_versions(versions, keep=version)
    return Publication(changed=tuple(sorted(changed)), removed=removed)


class _Placing:
    """Writing ``files`` into the new version's folder, by one process or several."""

    def __init__(self, files: Mapping[str, Content], new_root: str, old_root: str | None):
        self.files, self.new_root, self.old_root = files, new_root, old_root

    def shared_out(self, processes: int) -> list[str]:
        """The paths written (the others are links to the previous version's unchanged files)."""
        paths = sorted(self.files)
        if processes <= 1:
            return self.place(paths)
        # Each process takes every n-th path: pages of each kind, large and small, spread evenly.
        forking = multiprocessing.get_context("fork")
        workers = []
        try:
            for share in range(1, processes):
                receiver, sender = forking.Pipe(duplex=False)
                worker = forking.Process(target=self._place_in_worker, args=(paths[share::processes], sender),
                                         daemon=True)
                worker.start()
                sender.close()
                workers.append((worker, receiver))
            changed = self.place(paths[0::processes])
            for worker, receiver in workers:
                try:
                    outcome, value = receiver.recv()
                except EOFError:
                    worker.join()
                    raise WorkerFailed(f"a process writing files ended with exit code {worker.exitcode}") from None
                if outcome == "failed":
                    raise WorkerFailed(value)
                changed += value
            return changed
        finally:
            for worker, _ in workers:
                if worker.is_alive():
                    worker.kill()
                worker.join()

    def _place_in_worker(self, paths: list[str], sender: Any) -> None:
        try:
            sender.send(("placed", self.place(paths)))
        except BaseException:
            sender.send(("failed", traceback.format_exc()))

    def place(self, paths: list[str]) -> list[str]:
        changed = []
        folders: set[str] = set()
        # Plain strings and os calls rather than Path objects: a large plan has tens of thousands of files.
        for relative in paths:
            content = self.files[relative]()
            destination = f"{self.new_root}/{relative}"
            folder = destination.rpartition("/")[0]
            if folder not in folders:  # one mkdir a folder, not one a file
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            before = f"{self.old_root}/{relative}" if self.old_root else None
            if before and _holds(before, content):
                os.link(before, destination)
            else:
                _new_file(destination, content)
                changed.append(relative)
        return changed


def _new_file(path: str, content: bytes) -> None:
    with open(path, "xb") as out:
        out.write(content)
        os.fchmod(out.fileno(), 0o644)


def _holds(path: str, content: bytes) -> bool:
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
        raise NotGeneratedFolder(f"{link} is not the generator's link to its output; move it away "
                                 "(the generator never writes over files it did not write)")
    return None


def _switch(link: Path, version: Path) -> None:
    pointer = link.parent / f".{link.name}.next"
    pointer.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, link.parent), pointer)
    os.replace(pointer, link)


def _remove_abandoned_versions(versions: Path, keep: Path | None) -> None:
    """Versions other than the live one: earlier outputs, or a run killed before its switch."""
    for version in versions.iterdir() if versions.is_dir() else ():
        if keep is None or version.resolve() != keep.resolve():
            shutil.rmtree(version, ignore_errors=True)


def _listing(folder: Path) -> list[str]:
    root = str(folder)
    return [os.path.relpath(os.path.join(place, name), root).replace(os.sep, "/")
            for place, _, names in os.walk(root) for name in names
            if os.path.isfile(os.path.join(place, name))]
