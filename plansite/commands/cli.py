"""The command line: ``python scripts/generate.py [--check]``."""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from plansite import build, write
from plansite.data import characters
from plansite.data.model import Plan
from plansite.problems import DataError

if TYPE_CHECKING:
    from plansite.adopt import importer

ROOT = build.ROOT


def guarded(command: Callable[[], int]) -> int:
    """Run a command so that no traceback reaches an editor: a failure to write says what and
    where, and anything unexpected becomes one line asking to report it. Output is written
    atomically, so the previous output is whole either way."""
    try:
        return command()
    except KeyboardInterrupt:
        print("已中断：之前生成的内容保持不变。", file=sys.stderr)
        return 130
    except OSError as error:
        where = f"{error.filename}：" if error.filename else ""
        print(
            f"错误：无法读写文件：{where}{error.strerror or error}（磁盘是否已满，或没有写权限？）"
            "之前生成的内容保持不变。",
            file=sys.stderr,
        )
        return 1
    except Exception as error:  # the last guard: a defect of the generator, not of the data
        print(
            f"内部错误：生成器遇到了意外情况（{type(error).__name__}: {characters.visible(str(error))[:300]}）。"
            "这不是数据的问题，之前生成的内容保持不变；请把这一行报告给网站的维护者。",
            file=sys.stderr,
        )
        return 70


def main(argv: list[str] | None = None) -> int:
    return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="generate.py", description="Validate the plan data and generate the site's pages."
    )
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "measures.yaml", help="the YAML data file")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "generated",
        help="the folder of generated pages MkDocs builds from (written only by this script)",
    )
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site's MkDocs configuration")
    args = parser.parse_args(argv)
    if not args.check:
        return 0 if generate(args.data, args.config, args.out) else 1
    # The whole build, to memory: a check that passes means that generating will too.
    display = display_path(args.data)
    try:
        output = build.build(args.data, args.config, display)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except GENERATION_ERRORS as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    print(summary(display, output.plan))
    return 0


def generate(data: Path, config: Path, out: Path) -> build.Output | None:
    """Build the docs folder and publish it at ``out``; None if that failed (it has said why)."""
    display = display_path(data)
    try:
        output = build.build(data, config, display)
        published = write.publish(out, output.files)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return None
    except GENERATION_ERRORS as error:
        print(f"错误：{error}", file=sys.stderr)
        return None
    print(summary(display, output.plan))
    print(f"{display_path(out)}：写入 {len(published.changed)} 个文件，删除 {len(published.removed)} 个，其余未变")
    return output


# What can stop a run after the data passed validation.
GENERATION_ERRORS = (build.PageConflict, write.NotGeneratedFolder)


def summary(display: str, plan: Plan) -> str:
    counts = (
        f"{display}：检查通过，{len(plan.measures)} 项措施，{len(plan.chapters)} 个部分，"
        f"{len(plan.departments)} 个单位，{len(plan.targets)} 项目标，{len(plan.topics)} 个专题"
    )
    if not plan.draft:
        return counts
    missing = "、".join(plan.still_to_curate) or "没有缺少的字段"
    return (
        f"{counts}\n这是初稿（draft: true），尚未整理：{missing}。"
        "整理完毕后删除 draft: true 这一行，再检查一次：还缺什么，检查会逐项指出。"
    )


def display_path(path: Path) -> str:
    """How to show ``path`` in messages: relative to the working folder where it can be."""
    # absolute(), not resolve(): the output is a link whose own name is the one to show.
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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


def import_main(argv: list[str] | None = None) -> int:
    from plansite.adopt import importer

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
        try:
            known = build.read_valid(args.departments, display_path(args.departments)).data["departments"]
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
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
    draft = importer.to_yaml(read.data, DRAFT_HEADER.format(source=shown))
    if args.output:
        write.write_file(args.output, draft.encode("utf-8"))
    else:
        sys.stdout.write(draft)
    return 0


def _plan_text(source: Path) -> str:
    """The plan's text; raises ImportFailure for a file too large or not UTF-8."""
    from plansite.adopt import importer
    from plansite.data.load import MAX_BYTES

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
    from plansite.adopt import replace as adopt

    name = adopt.source_name(source)
    header = DRAFT_HEADER.format(source=f"data/{adopt.SOURCE_FOLDER}/{name}")
    try:
        written = adopt.replace(
            source.read_bytes(),
            name,
            read,
            header,
            build.ROOT / "data" / "measures.yaml",
            build.ROOT / "tests" / "this_plan.yaml",
            display_path(source),
        )
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print("草稿没有通过检查，什么也没有改动", file=sys.stderr)
        return 1
    for path in written:
        print(f"已写入 {display_path(path)}")
    print(
        f"《{read.data['document']['title']}》已替换原来的方案（旧文件可以从 git 历史中找回）。"
        "下一步：make site 生成网站，make test 运行全部检查，再按 docs/ADOPTING.md 逐项整理。"
    )
    return 0


def progress_main(argv: list[str] | None = None) -> int:
    from plansite.ledger import merge as ledger_import

    parser = argparse.ArgumentParser(
        prog="import_progress.py", description="Merge filled task ledgers (.xlsx) into the data as progress records."
    )
    parser.add_argument("ledgers", type=Path, nargs="+", help="the departments' filled ledgers")
    parser.add_argument("--data", type=Path, default=build.ROOT / "data" / "measures.yaml", help="the data file")
    parser.add_argument(
        "--as-of",
        type=datetime.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="move progress.as_of (数据截至) forward to this date",
    )
    args = parser.parse_args(argv)
    try:
        merged = ledger_import.merge(args.data, args.ledgers, args.as_of)
    except ledger_import.LedgerProblems as failure:
        for problem in failure.problems:
            print(f"{characters.visible(problem)}", file=sys.stderr)
        print(f"共 {len(failure.problems)} 个问题，数据没有改动", file=sys.stderr)
        return 1
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print("导入后的数据没有通过检查，数据没有改动", file=sys.stderr)
        return 1
    ledger_import.write_merge(args.data, merged)
    print(
        f"{display_path(args.data)}：导入 {len(merged.added)} 条进度记录；"
        f"{merged.unchanged} 行与该目标上一次的报告相同，没有重复导入"
    )
    return 0
