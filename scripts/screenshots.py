#!/usr/bin/env python3
"""Take the README's screenshots of the built site in Chromium: `make screenshots`.

Needs site/ (make site) and Debian's chromium with CJK fonts (fonts-noto-cjk).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.browser import CHROMIUM_ARGS, require_chromium, serve  # noqa: E402

SHOTS = [
    # (file, page, viewport width, height)
    ("desktop.png", "measures/m17/", 1280, 860),
    ("mobile.png", "departments/housing/", 390, 844),
]


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with serve(ROOT / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        for name, path, width, height in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(base + path)
            page.screenshot(path=str(out / name))
            print(f"wrote screenshots/{name} ({path} at {width}×{height})")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
