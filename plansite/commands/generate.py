"""``scripts/generate.py [--check]``: validate the data and write the site's pages, or only check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite import build, repository, write
from plansite.commands.errors import guarded
from plansite.data.model import Plan


def main(argv: list[str] | None = None) -> int:
    return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="generate.py", description="Validate the plan data and generate the site's pages."
    )
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--data", type=Path, default=repository.DATA, help="the YAML data file")
    parser.add_argument(
        "--out",
        type=Path,
        default=repository.GENERATED,
        help="the folder of generated pages MkDocs builds from (written only by this script)",
    )
    parser.add_argument("--config", type=Path, default=repository.MKDOCS_YML, help="the site's MkDocs configuration")
    args = parser.parse_args(argv)
    if not args.check:
        generate(args.data, args.config, args.out)
        return 0
    # The whole build, to memory: a check that passes means that generating will too.
    display = display_path(args.data)
    output = build.build(args.data, args.config, display)
    print(summary(display, output.plan))
    return 0


def generate(data: Path, config: Path, out: Path) -> build.Output:
    """Build the docs folder and publish it at ``out``; raises what ``errors.explain`` reports."""
    display = display_path(data)
    output = build.build(data, config, display)
    published = write.publish(out, output.files)
    print(summary(display, output.plan))
    print(f"{display_path(out)}：写入 {len(published.changed)} 个文件，删除 {len(published.removed)} 个，其余未变")
    return output


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


if __name__ == "__main__":
    sys.exit(main())
