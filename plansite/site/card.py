"""The picture a chat app shows beside a shared link (Open Graph ``og:image``): a card of the plan's
name, drawn at build time (Pillow) and served by the site itself, never by another host.

The text needs a font with Chinese characters: the first the system's fontconfig lists for Chinese
(Debian's fonts-noto-cjk, which .ci/run installs). Without one the card is drawn without text, so
every build has a card and the pages always name it. The same plan and font give the same bytes.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from plansite import kept
from plansite.data.model import Plan

WIDTH, HEIGHT = 1200, 630
_MARGIN = 80
_BACKGROUND = (140, 24, 28)
_RULE = (232, 190, 110)
_TEXT = (255, 255, 255)
_SOFT = (255, 228, 196)
_MADE_BY = kept.source_of(__file__) + PIL.__version__.encode()


@functools.cache
def font_file() -> Path | None:
    """A font file with Chinese characters, bold where there is one, or None."""
    if not shutil.which("fc-list"):
        return None
    listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    files = sorted({line.split(":", 1)[0].strip() for line in listed.splitlines() if line.strip()})
    # Sans before serif, bold before regular: the card is read at a glance, small.
    files.sort(key=lambda name: ("Serif" in name, "Bold" not in name))
    return Path(files[0]) if files else None


def png(plan: Plan) -> bytes:
    """The plan's card as PNG bytes."""
    return _kept(plan.document.issuer, plan.site_name, plan.document.number or "", font_file())


@functools.cache
def _kept(issuer: str, title: str, number: str, font: Path | None) -> bytes:
    """The card drawn, or kept by a run before for the same text and font file (``kept``)."""
    font_stamp = (font.stat().st_size, font.stat().st_mtime_ns) if font else None
    key = (issuer, title, number, str(font), font_stamp)
    return kept.kept("cards", _MADE_BY, key, lambda: _drawn(issuer, title, number, font))


def _drawn(issuer: str, title: str, number: str, font: Path | None) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((_MARGIN, 168, _MARGIN + 96, 176), fill=_RULE)
    if font is not None:
        draw.text((_MARGIN, 90), issuer, font=ImageFont.truetype(str(font), 40), fill=_SOFT)
        size, lines = _fitted(draw, title, font)
        top = 220
        for line in lines:
            draw.text((_MARGIN, top), line, font=ImageFont.truetype(str(font), size), fill=_TEXT)
            top += int(size * 1.3)
        if number:
            draw.text((_MARGIN, HEIGHT - 110), number, font=ImageFont.truetype(str(font), 36), fill=_SOFT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _fitted(draw: ImageDraw.ImageDraw, title: str, font: Path) -> tuple[int, list[str]]:
    """The largest size at which ``title`` fits the card's width in at most three lines, and its lines."""
    width = WIDTH - 2 * _MARGIN
    for size in (72, 64, 56, 48, 40, 34):
        face = ImageFont.truetype(str(font), size)
        lines, line = [], ""
        for character in title:
            if draw.textlength(line + character, font=face) > width:
                lines.append(line)
                line = character
            else:
                line += character
        lines.append(line)
        if len(lines) <= 3:
            return size, lines
    return size, lines[:3]
