"""A Python-Markdown extension: ``<caption>`` counts as a block-level element.

With ``md_in_html``, a table marked ``markdown`` keeps the raw block-level elements inside it
as they are; ``caption`` is not on Python-Markdown's list, so it would be wrapped in a
paragraph. Named in mkdocs.yml's ``markdown_extensions`` as ``plansite.site.markdown_tables``.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension


class TableCaptions(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")


def makeExtension(**kwargs: object) -> TableCaptions:  # noqa: N802 (Python-Markdown's name)
    return TableCaptions(**kwargs)
