"""Atom feeds (RFC 4287) of the changes the data records: one for the whole plan, one per department.

An entry's id is a tag URI built from the site's host, the plan's signing date and the change's
own permanent key, so a feed reader is told about each change once, however often the site is
rebuilt.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from plansite import urls
from plansite.data.history import CHINA
from plansite.site.catalog import Catalog
from plansite.site.changes import Change

ATOM = "http://www.w3.org/2005/Atom"


def feed(catalog: Catalog, entries: Sequence[Change], site_url: str, path: str, title: str, about: str) -> str:
    """An Atom feed of ``entries`` at ``path``, about the page ``about``."""
    plan = catalog.plan
    host = urls.host(site_url)
    tag = f"tag:{host},{plan.document.signed.isoformat()}:"
    root = ElementTree.Element("feed", xmlns=ATOM)
    root.set("xml:lang", "zh-CN")
    _text(root, "id", tag + path)
    _text(root, "title", title)
    newest = entries[0].date if entries else plan.document.signed
    _text(root, "updated", _stamp(newest))
    author = ElementTree.SubElement(root, "author")
    _text(author, "name", plan.document.issuer)
    ElementTree.SubElement(root, "link", rel="self", type="application/atom+xml", href=site_url + path)
    ElementTree.SubElement(root, "link", rel="alternate", type="text/html", href=site_url + urls.published(about))
    for change in entries:
        entry = ElementTree.SubElement(root, "entry")
        _text(entry, "id", tag + change.key)
        _text(entry, "title", change.title)
        _text(entry, "updated", _stamp(change.date))
        ElementTree.SubElement(entry, "link", rel="alternate", type="text/html", href=site_url + change.url)
        ElementTree.SubElement(entry, "category", term=change.kind)
        _text(entry, "summary", change.summary or change.title)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """The plan's feed and each department's: path → text."""
    title = catalog.plan.document.title
    out = {
        urls.source("feed"): feed(
            catalog,
            catalog.changes,
            site_url,
            urls.source("feed"),
            f"《{title}》落实进度和更正",
            urls.source("changes"),
        )
    }
    for entry in catalog.departments.values():
        path = entry.feed_page
        name = entry.department.name
        out[path] = feed(
            catalog,
            catalog.changes_by_department[entry.id],
            site_url,
            path,
            f"{name}：《{title}》落实进度和更正",
            entry.page,
        )
    return out


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, tag).text = text


def _stamp(date: datetime.date) -> str:
    return datetime.datetime.combine(date, datetime.time(), CHINA).isoformat()
