"""The card a chat app shows beside a shared link: drawn at build time, the same bytes for the same
plan, and a card even where the machine has no font with Chinese characters."""

import io

from PIL import Image

from plansite import build, urls
from plansite.data.read import read_plan
from plansite.site import card
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"


def image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_the_card_is_a_png_of_the_size_chat_apps_show_the_same_for_the_same_plan():
    plan = read_plan(SAMPLE, "curated.yaml")
    drawn = card.png(plan)
    assert image(drawn).format == "PNG" and image(drawn).size == (1200, 630)
    # Drawn again, taken from neither the memory nor the folder where cards are kept.
    assert card._drawn(plan.document.issuer, plan.site_name, plan.document.number or "", card.font_file()) == drawn


def test_the_plans_name_is_drawn_where_a_font_has_its_characters_and_a_plain_card_otherwise():
    plan = read_plan(SAMPLE, "curated.yaml")
    plain = card._drawn(plan.document.issuer, plan.site_name, "", None)
    assert image(plain).size == (1200, 630)
    font = card.font_file()
    if font is not None:
        written = card._drawn(plan.document.issuer, plan.site_name, "", font)
        # Text adds white where the plain card has only its background and rule.
        assert image(written).convert("RGB").getcolors(1_000_000) != image(plain).convert("RGB").getcolors(1_000_000)
        assert (255, 255, 255) in {colour for _, colour in image(written).convert("RGB").getcolors(1_000_000)}


def test_every_build_publishes_the_card_at_the_address_the_pages_name():
    output = build.build(SAMPLE, ROOT / "mkdocs.yml", "curated.yaml")
    assert image(output.files[urls.source("card")]).size == (1200, 630)
    assert urls.theme_paths()["card"] == urls.url("card")
