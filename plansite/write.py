"""Stage 5: put finished output in place so that no run, failed or killed, leaves it half-written.

The generated folder (``docs/generated``) is a symbolic link to one complete version of the
output. A run writes a whole new version beside the current one, then switches the link to it
with a single ``os.replace``, atomic on POSIX file systems: until that instant the previous
output is untouched, and after it the new one is complete. Files that did not change are
hard links to the previous version's, so they keep their timestamps and a watching server
rebuilds only the pages that changed.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MARKER = ".generated-by-plansite"


class NotGeneratedFolder(Exception):
    """The output path holds files this generator did not write."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Publication:
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def publish(link: Path, files: Mapping[str, bytes]) -> Publication:
    """Make ``link`` point at a folder holding exactly ``files`` (relative path → content)."""
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
        raise NotGeneratedFolder(
            f"{link} is not the generator's link to its output; move it away "
            "(the generator never writes over files it did not write)"
        )
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
    return [
        os.path.relpath(os.path.join(place, name), root).replace(os.sep, "/")
        for place, _, names in os.walk(root)
        for name in names
        if os.path.isfile(os.path.join(place, name))
    ]
