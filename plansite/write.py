"""Stage 5: put finished output in place without ever leaving a half-written file.

Every file is first written in full beside its destination, then moved over it with
``os.replace`` (atomic on one file system). Nothing is touched until all are written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_files(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """Write ``files`` (relative path → content) under ``root``; return the paths that changed."""
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
    return [str(destination.relative_to(root)) for _, destination in staged]
