"""The files the preview watches, and their stamps: both its watchers (the generator's, in
``serve``, and MkDocs' configuration, in ``preview_mkdocs``) tell a change by them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path


def files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files at ``paths`` or under them, those that exist."""
    for path in paths:
        if path.is_dir():
            yield from (candidate for candidate in path.rglob("*") if candidate.is_file())
        elif path.is_file():
            yield path


def stamps(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every file at ``paths`` or under them."""
    found: dict[Path, tuple[int, int]] = {}
    for file in files(paths):
        try:
            status = file.stat()
        except FileNotFoundError:
            continue
        found[file] = (status.st_mtime_ns, status.st_size)
    return found
