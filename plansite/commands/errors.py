"""What every command does with a failure, in one place: no traceback ever reaches an editor.

A problem in the data is reported in full (``DataError.report``); a run stopped after the data
passed (two pages at one URL, an output folder the generator did not make) says why in a line; a
file that cannot be read or written says which; anything else is a defect of the generator and
asks to be reported. Output is written atomically, so the previous output is whole in every case.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from plansite import build, write
from plansite.data import characters
from plansite.problems import DataError
from plansite.site.config import SettingError

# What can stop a run after the data passed validation.
GENERATION_ERRORS = (build.PageConflict, write.NotGeneratedFolder, SettingError)
# Exit statuses: 1 a problem the editor can fix, 70 a defect (EX_SOFTWARE), 130 interrupted.
FAILED, DEFECT, INTERRUPTED = 1, 70, 130


def explain(error: BaseException) -> tuple[str, int]:
    """The message for ``error`` and the exit status it ends a command with."""
    if isinstance(error, DataError):
        return error.report(), FAILED
    if isinstance(error, GENERATION_ERRORS):
        return f"错误：{error}", FAILED
    if isinstance(error, KeyboardInterrupt):
        return "已中断：之前生成的内容保持不变。", INTERRUPTED
    if isinstance(error, OSError):
        where = f"{error.filename}：" if error.filename else ""
        return (
            f"错误：无法读写文件：{where}{error.strerror or error}（磁盘是否已满，或没有写权限？）"
            "之前生成的内容保持不变。",
            FAILED,
        )
    return (
        f"内部错误：生成器遇到了意外情况（{type(error).__name__}: {characters.visible(str(error))[:300]}）。"
        "这不是数据的问题，之前生成的内容保持不变；请把这一行报告给网站的维护者。",
        DEFECT,
    )


def guarded(command: Callable[[], int]) -> int:
    """Run ``command``, reporting any failure on standard error as ``explain`` words it."""
    try:
        return command()
    except BaseException as error:  # the one place a command's failure is handled
        if isinstance(error, SystemExit):
            raise
        message, status = explain(error)
        print(message, file=sys.stderr)
        return status
