"""Adopting another plan: its text goes into data/source/ and its draft into data/measures.yaml,
in place of the plan the repository holds (git keeps the old ones).

Nothing is written unless the draft, with the text beside it, passes every check the site's build
makes, fidelity to the text included.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from . import build, importer, write

SOURCE_FOLDER = "source"
SOURCE_README = """\
# The source document

`{name}` is the text of 《{title}》, issued by {issuer}, as `scripts/import_plan.py --replace`
took it in. It is the single source of truth for the site's text: `--check` compares every
paragraph the data makes with it.

Describe here where the text was captured and how it is laid out (a news lead before 全文如下,
ASCII punctuation, spellings that name the same department), for the next editor.
"""


def source_name(path: Path) -> str:
    """The text's file name in data/source/: its own, where it is a plain portable name."""
    name = path.name if path.suffix == ".txt" else f"{path.stem}.txt"
    return name if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.txt", name) else "plan.txt"


def replace(text: bytes, name: str, draft: dict[str, Any], header: str, data_file: Path) -> list[Path]:
    """Put ``text`` (as data/source/``name``) and ``draft`` in place of the current plan; the
    files written. Raises DataError, writing nothing, if the draft fails a check."""
    draft = {**draft, "document": {**draft["document"], "source": f"{SOURCE_FOLDER}/{name}"}}
    yaml_text = importer.to_yaml(draft, header).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="plan-draft-") as scratch:
        trial = Path(scratch)
        (trial / SOURCE_FOLDER).mkdir()
        (trial / SOURCE_FOLDER / name).write_bytes(text)
        (trial / data_file.name).write_bytes(yaml_text)
        build.read_plan(trial / data_file.name, str(data_file))
    folder = data_file.parent / SOURCE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    document = draft["document"]
    readme = SOURCE_README.format(name=name, title=document["title"], issuer=document["issuer"])
    written = [folder / name, folder / "README.md", data_file]
    for old in folder.iterdir():
        if old not in written and old.is_file():
            old.unlink()
    write.write_file(folder / name, text)
    write.write_file(folder / "README.md", readme.encode("utf-8"))
    write.write_file(data_file, yaml_text)
    return written
