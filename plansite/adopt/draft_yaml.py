"""A draft's data as YAML an editor reads easily: block style for records, flow style for short
lists of ids, multi-line text as literal blocks."""

from __future__ import annotations

from typing import Any

import yaml


class _DraftDumper(yaml.SafeDumper):
    """Block style for records, flow style for short lists of ids."""


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = all(isinstance(item, (str, int)) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_DraftDumper.add_representer(list, _represent_list)
_DraftDumper.add_representer(str, _represent_str)


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    body = yaml.dump(
        data, Dumper=_DraftDumper, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False
    )
    return header + body
