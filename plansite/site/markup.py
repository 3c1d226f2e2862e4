"""How data text and links are written into the generated Markdown: the one place that decides it.

Pages are Markdown with raw HTML blocks. Text inside an HTML element is shown as it is, once
autoescaping has escaped ``<`` and ``&``. An element that holds a link is marked ``markdown``
(Python-Markdown's ``md_in_html``), so that its links are Markdown links to ``.md`` sources,
which both MkDocs and Zensical resolve and MkDocs checks; data text inside such an element is
written with ``md`` so that none of its characters has a Markdown meaning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import markupsafe

from plansite import urls

# The characters Python-Markdown gives a meaning to and lets a backslash escape.
_MARKDOWN_SPECIALS = re.compile(r"[\\`*_{}\[\]()#+\-.!]")


def md(value: object) -> markupsafe.Markup:
    """``value`` as inline Markdown that reads as exactly its characters: HTML characters escaped,
    Markdown specials backslash-escaped. Markup passes as it is (it was written by a template)."""
    if isinstance(value, markupsafe.Markup):
        return value
    # Specials first: an entity that HTML escaping writes (&#34;) holds one.
    return markupsafe.escape(_MARKDOWN_SPECIALS.sub(r"\\\g<0>", str(value)))


def md_link(
    text: object, target: str, current: str, classes: Iterable[str] = (), **attributes: str
) -> markupsafe.Markup:
    """A Markdown link from the page ``current`` to ``target`` (both source paths; ``target`` may
    carry '#anchor'), with an attribute list for its classes and attributes."""
    attribute_list = [f".{name}" for name in classes]
    attribute_list += [
        name if value == "" else f'{name}="{markupsafe.escape(value)}"' for name, value in attributes.items()
    ]
    suffix = "{ " + " ".join(attribute_list) + " }" if attribute_list else ""
    return markupsafe.Markup(f"[{md(text)}]({urls.link(target, current)}){suffix}")


def for_theme(value: object) -> str:
    """Text for the theme's templates, HTML-escaped: MkDocs renders them without autoescaping and
    Material prints what it is given as it is (page titles and descriptions from front matter, nav
    titles, the configuration's ``site_name`` and ``site_description``). The one way data text
    reaches them."""
    return str(markupsafe.escape(value))


def yaml_string(value: str) -> markupsafe.Markup:
    """A front-matter value, escaped for the theme (``for_theme``) before it is quoted. JSON is valid YAML."""
    return markupsafe.Markup(json.dumps(for_theme(value), ensure_ascii=False))
