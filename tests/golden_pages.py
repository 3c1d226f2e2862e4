"""The sample plan rendered page by page: the golden files under tests/fixtures/sample/golden/."""

from pathlib import Path

from plansite import build
from plansite.data.read import read_plan
from plansite.site import catalog, config

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"
GOLDEN = ROOT / "tests" / "fixtures" / "sample" / "golden"
SITE = config.SiteConfig(
    site_url="https://plan.example/",
    data_path="data/measures.yaml",
    data_edit_url="https://code.example/plan/blob/main/data/measures.yaml",
    correction_url="https://code.example/plan/issues/new",
)
# Copies of files kept elsewhere in the repository, not rendered pages.
NOT_PAGES = {"downloads/plan.schema.json"}


def rendered_pages() -> dict[str, str]:
    files = build.site_files(catalog.build(read_plan(SAMPLE, "curated.yaml")), SITE)
    return {path: text for path, text in files.items() if path not in NOT_PAGES}
