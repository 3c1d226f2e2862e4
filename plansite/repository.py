"""Where the project's own files are, found once: the package lives in the repository it builds."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "measures.yaml"
MKDOCS_YML = ROOT / "mkdocs.yml"
GENERATED = ROOT / "docs" / "generated"
HAND_WRITTEN = ROOT / "docs" / "pages"
TEMPLATES = ROOT / "templates"
OVERRIDES = ROOT / "overrides"
DATA_SCHEMA = ROOT / "schema" / "measures.schema.json"
PLAN_SCHEMA = ROOT / "schema" / "plan.schema.json"
THIS_PLAN = ROOT / "tests" / "this_plan.yaml"
