"""What the pages need from the site's configuration (``mkdocs.yml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml


@dataclass(frozen=True, kw_only=True, slots=True)
class SiteConfig:
    """Where the site and its data are published."""

    site_url: str
    data_edit_url: str
    data_path: str
    # The licence the downloads are published under: its name and the address of its text.
    data_licence: str = ""
    data_licence_url: str = ""
    # Where readers report an error (extra.site_info.correction_url); empty if nowhere yet.
    correction_url: str = ""
    # Where readers report that a measure is not being delivered (extra.site_info.supervision_url,
    # a 督查 form or a mailto: address); empty until set, and then no page links it.
    supervision_url: str = ""
    # Pages for editors (the live preview): each measure links its place in the data file.
    editing: bool = False

    def edit_url(self, line: int) -> str:
        """The data file's address in the repository, at ``line``."""
        return f"{self.data_edit_url}#L{line}"

    def address(self, url: str) -> str:
        """The full address of a site-relative URL on the published site."""
        return self.site_url.rstrip("/") + "/" + url

    def subscription(self, url: str) -> str:
        """The webcal:// address that makes a calendar program subscribe to the calendar at ``url``."""
        return "webcal://" + self.address(url).split("://", 1)[-1]

    def correction_link(self, subject: str) -> str:
        """The address of a new error report about ``subject``, its title filled in."""
        separator = "&" if "?" in self.correction_url else "?"
        return f"{self.correction_url}{separator}title={quote('纠错：' + subject)}"

    def supervision_link(self, subject: str, address: str) -> str:
        """A report to the 督查 address about ``subject`` (at ``address``), filled in: a mail's
        subject and body, or a form's title and url parameters. The site itself sends nothing."""
        separator = "&" if "?" in self.supervision_url else "?"
        title, where = quote("督查：" + subject), quote(address, safe="")
        if self.supervision_url.startswith("mailto:"):
            return f"{self.supervision_url}{separator}subject={title}&body={where}"
        return f"{self.supervision_url}{separator}title={title}&url={where}"


class SettingError(Exception):
    """A setting of mkdocs.yml the pages cannot use, worded for the editor."""


# What a supervision address may be: a form on the web or an e-mail address.
_SUPERVISION = re.compile(r"(?:https?://[^\s/]+\.\S+|mailto:[^\s@]+@[^\s@]+\.\S+)")


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python/ and other ! tags only MkDocs itself resolves."""


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}


def read_site_config(mkdocs_yml: Path, data_path: str, editing: bool = False) -> SiteConfig:
    config = read_mkdocs_yml(mkdocs_yml)
    extra = config.get("extra") or {}
    licence = extra.get("data_licence") or {}
    info = extra.get("site_info") or {}
    return SiteConfig(
        site_url=config.get("site_url") or "",
        data_path=data_path,
        data_edit_url=extra.get("data_edit_url") or "",
        data_licence=licence.get("name") or "",
        data_licence_url=licence.get("url") or "",
        correction_url=info.get("correction_url") or "",
        supervision_url=_supervision(info.get("supervision_url") or ""),
        editing=editing,
    )


def _supervision(value: object) -> str:
    if value and not (isinstance(value, str) and _SUPERVISION.fullmatch(value)):
        raise SettingError(
            f"mkdocs.yml 中 extra.site_info.supervision_url 的“{value}”不是以 https://、http:// 或 mailto: "
            "开头的完整地址：请改正，或者留空（留空时页面不显示督查链接）"
        )
    return str(value)
