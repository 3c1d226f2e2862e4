"""What a run makes that the next can take instead of making it again: bytes kept in
``.cache/<kind>/``, each in a file named by the digest of what makes it and of the code that makes
it, as Jinja keeps the compiled templates in ``.cache/templates``. Saving the ledgers' workbooks
and drawing the card are most of a generation's time, and a save or a build changes few of them.

A file is written whole beside its name and then moved there (``write.write_file``), so runs at
once share the folder; a project that cannot be written to makes everything every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from plansite import repository, write

# Files kept per kind: past it, the older half goes.
LIMIT = 2048


def kept(kind: str, made_by: bytes, key: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
    """What ``make`` gives, taken from ``.cache/kind`` if a run kept it there, else made and kept.
    ``made_by``: the code that makes it (a change to it makes everything again); ``key``: what it
    is made from, each value of which shows its whole content in its repr (texts, numbers, dates,
    paths), so that equal reprs make equal bytes."""
    folder = repository.CACHE / kind
    file = folder / (hashlib.sha256(made_by + repr(key).encode()).hexdigest() + "." + kind)
    try:
        return file.read_bytes()
    except OSError:
        pass
    made = make()
    try:
        if folder.is_dir() and sum(1 for _ in folder.iterdir()) >= LIMIT:
            for old in sorted(folder.iterdir(), key=_modified)[: LIMIT // 2]:
                old.unlink(missing_ok=True)
        write.write_file(file, made)
    except OSError:
        pass
    return made


def source_of(*files: str) -> bytes:
    """The code of the modules at ``files`` (their ``__file__``), as ``made_by``."""
    return b"".join(Path(file).read_bytes() for file in files)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
