"""Screenshots of the built site in Chromium: `make screenshots`.

Retakes the README's two pictures (screenshots/), and takes the review set (the main pages on a
1366 px desktop and a 375 px phone, normal and 长辈模式) into --review (default
/tmp/plan-screenshots) to look at before calling a page done. Needs site/ (make site) and
Debian's chromium with CJK fonts (fonts-noto-cjk).
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from plansite.repository import ROOT
from plansite.tools.browser import CHROMIUM_ARGS, require_chromium, serve

README_SHOTS = [
    # (file, page, viewport width, height)
    ("desktop.png", "measures/m17/", 1280, 860),
    ("mobile.png", "departments/housing/", 390, 844),
]
REVIEW_PAGES = {
    "home": "",
    "measure": "measures/m16/",
    "department": "departments/commerce/",
    "year": "years/2025/",
    "departments": "departments/",
    "progress": "progress/",
    "years": "years/",
    "full-text": "full-text/",
    "downloads": "downloads/",
}
REVIEW_SIZES = {"desktop": (1366, 900), "phone": (375, 812)}
# What the reading-mode switch stores, set before the page loads.
ELDER_MODE = "localStorage.setItem('plan-elder-mode', 'on')"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--review", type=Path, default=Path("/tmp/plan-screenshots"))
    parser.add_argument(
        "--site", type=Path, default=ROOT / "site", help="the built site (default: site/, also the README's)"
    )
    parser.add_argument(
        "--first-screen",
        action="store_true",
        help="the review set as JPEG pictures of the first screen, small enough to commit (screenshots/review/)",
    )
    args = parser.parse_args(argv)
    readme, args.review = ROOT / "screenshots", args.review
    readme.mkdir(exist_ok=True)
    args.review.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        # The README shows this site, not another one being compared with it.
        for name, path, width, height in README_SHOTS if args.site == ROOT / "site" else ():
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(base + path)
            page.screenshot(path=str(readme / name))
            print(f"wrote screenshots/{name} ({path} at {width}×{height})")
        for (kind, path), (size, (width, height)), elder in (
            (page, size, elder)
            for page in REVIEW_PAGES.items()
            for size in REVIEW_SIZES.items()
            for elder in (False, True)
        ):
            context = browser.new_context(viewport={"width": width, "height": height})
            if elder:
                context.add_init_script(ELDER_MODE)
            page = context.new_page()
            page.goto(base + path)
            name = f"{kind}-{size}-{'elder' if elder else 'normal'}"
            if args.first_screen:
                shot = args.review / f"{name}.jpg"
                page.screenshot(path=str(shot), type="jpeg", quality=60)
            else:
                shot = args.review / f"{name}.png"
                page.screenshot(path=str(shot), full_page=True)
            context.close()
            print(f"wrote {shot}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
