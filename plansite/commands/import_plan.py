"""``scripts/import_plan.py PLAN.txt [-o FILE | --replace]``: draft the data from a plan's text,
or adopt the plan outright (its text, its draft and its facts replace this plan's)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite import repository, write
from plansite.adopt import draft_yaml, importer
from plansite.adopt import replace as adopt
from plansite.commands.errors import guarded
from plansite.commands.generate import display_path
from plansite.data import characters
from plansite.data.load import MAX_BYTES
from plansite.data.read import read_valid
from plansite.problems import DataError

DRAFT_HEADER = """\
# yaml-language-server: $schema=../schema/measures.schema.json
#
# A first draft of a plan's data, written by scripts/import_plan.py from {source}.
# It builds a site as it is (draft: true: the site says what is not curated yet). Still to curate
# by hand: document.published, departments' full names and kinds, chapter ids, topics, targets
# and progress.as_of; then delete draft: true. docs/ADOPTING.md walks through it, and
# CONTRIBUTING.md (in Chinese) explains every field and error.
#
# Check it:   python scripts/generate.py --check --data <this file>   (data/measures.yaml: make check)
#
"""


def main(argv: list[str] | None = None) -> int:
    return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="import_plan.py", description="Draft the YAML data from a plan's text in the standard format."
    )
    parser.add_argument("source", type=Path, help="the plan's text (UTF-8)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the draft (default: standard output)")
    parser.add_argument(
        "--departments",
        type=Path,
        help="an existing data file whose department registry (ids, names, aliases) to reuse",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="adopt the plan: its text into data/source/, its draft into data/measures.yaml (git keeps the old ones)",
    )
    args = parser.parse_args(argv)
    known = []
    if args.departments:
        known = read_valid(args.departments, display_path(args.departments)).data["departments"]
    shown = display_path(args.source)
    try:
        text = _plan_text(args.source)
        read = importer.read(text, known_departments=known)
    except importer.ImportFailure as failure:
        for line, message in failure.problems:
            print(characters.visible(f"{shown}:{line}: 错误：{message}"), file=sys.stderr)
        print(f"共 {len(failure.problems)} 个问题，没有写出草稿", file=sys.stderr)
        return 1
    if args.replace:
        return _adopt(args.source, read)
    draft = draft_yaml.to_yaml(read.data, DRAFT_HEADER.format(source=shown))
    if args.output:
        write.write_file(args.output, draft.encode("utf-8"))
    else:
        sys.stdout.write(draft)
    return 0


def _plan_text(source: Path) -> str:
    """The plan's text; raises ImportFailure for a file too large or not UTF-8."""
    if source.is_file() and source.stat().st_size > MAX_BYTES:
        megabytes = source.stat().st_size / 1024 / 1024
        raise importer.ImportFailure([(1, f"文件有 {megabytes:.1f} MB，一个方案的文本不过几百 KB：是不是选错了文件？")])
    raw = source.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise importer.ImportFailure([(line, "文本不是 UTF-8 编码（可能是 GBK）：请另存为 UTF-8 再导入")]) from None


def _adopt(source: Path, read: importer.Draft) -> int:
    name = adopt.source_name(source)
    header = DRAFT_HEADER.format(source=f"data/{adopt.SOURCE_FOLDER}/{name}")
    try:
        written = adopt.replace(
            source.read_bytes(), name, read, header, repository.DATA, repository.THIS_PLAN, display_path(source)
        )
    except DataError as error:
        raise DataError(error.problems, outcome="草稿没有通过检查，什么也没有改动") from None
    for path in written:
        print(f"已写入 {display_path(path)}")
    print(
        f"《{read.data['document']['title']}》已替换原来的方案（旧文件可以从 git 历史中找回）。"
        "下一步：make site 生成网站，make test 运行全部检查，再按 docs/ADOPTING.md 逐项整理。"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
