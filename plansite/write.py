"""Stage 5: put finished output in place without ever leaving a half-written file.

Every file is first written in full beside its destination, then moved over it with
``os.replace`` (atomic on one file system). Nothing is touched until all are written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


MARKER = ".generated-by-plansite"


class NotGeneratedFolder(Exception):
    """The output folder holds files this generator did not write."""


def write_files(root: Path, files: Mapping[str, bytes], *, prune: bool = False) -> list[str]:
    """Write ``files`` (relative path → content) under ``root``; return the paths that changed.

    With ``prune``, ``root`` is a folder only this generator writes: files in it that are no
    longer generated are removed. A folder without the generator's marker is refused, so a
    mistaken ``--out`` can never delete hand-written files.
    """
    if prune:
        _claim(root)
        files = {**files, MARKER: b"Every file in this folder is written by scripts/generate.py.\n"}
    staged: list[tuple[Path, Path]] = []
    try:
        for relative, content in sorted(files.items()):
            destination = root / relative
            # Unchanged files keep their timestamp, so a watching server does not rebuild for nothing.
            if destination.is_file() and destination.read_bytes() == content:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.")
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            staged.append((Path(temporary), destination))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, destination in staged:
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    removed = _prune(root, set(files)) if prune else []
    return [str(destination.relative_to(root)) for _, destination in staged] + removed


def _claim(root: Path) -> None:
    if root.exists() and any(root.iterdir()) and not (root / MARKER).is_file():
        raise NotGeneratedFolder(f"{root} holds files the generator did not write; refusing to write into it")


def _prune(root: Path, keep: set[str]) -> list[str]:
    removed = []
    for path in sorted(root.rglob("*"), reverse=True):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
            removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
