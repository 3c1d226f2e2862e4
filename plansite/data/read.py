"""Stages 1–3 in one call: the data file (or its text) in, every problem or a valid ``Plan`` out.

Commands that hold the data's text already (a ledger merge, a first draft) pass it in, with the
official text too when it is not written yet, so nothing is written just to be checked.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from plansite.data import assemble, fidelity, load, validate
from plansite.data.load import LoadedYaml
from plansite.data.model import Plan
from plansite.problems import DataError


def read_valid(data: Path, display: str, text: str | None = None) -> LoadedYaml:
    """Stages 1–2, load → validate, of the file ``data`` or of its ``text``; raise ``DataError``
    with every problem found."""
    with _cycles_left_uncollected():
        loaded = load.load(data, display) if text is None else load.parse(text, display)
        problems = [*loaded.problems, *validate.validate(loaded)]
    if problems:
        raise DataError(problems)
    return loaded


def read_plan(data: Path, display: str, text: str | None = None, sources: Mapping[str, bytes] | None = None) -> Plan:
    """Stages 1–3, load → validate → model, and the model checked against the official text.

    ``text``, if given, is the data instead of the content of ``data`` (which then only locates
    the official text beside it); ``sources``, official texts by the name the data gives them,
    instead of the files beside ``data``."""
    loaded = read_valid(data, display, text)
    lines = {m["id"]: loaded.position(("measures", index)).line for index, m in enumerate(loaded.data["measures"])}
    plan = assemble.plan(loaded.data, measure_lines=lines)
    problems = fidelity.problems(plan, loaded, data, sources)
    if problems:
        raise DataError(problems)
    return plan


@contextmanager
def _cycles_left_uncollected() -> Iterator[None]:
    """Reading a file builds millions of small objects (nodes, marks, values, the schema's
    errors) that form no cycles and are freed as before; left on, the cycle collector walks them
    all a dozen times as they grow: a quarter of the time to check a data file of 5 MB."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
