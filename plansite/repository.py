"""Where the project's own files are, found once.

The project is the folder a command works in: the nearest one, from the working directory up,
that holds ``mkdocs.yml`` and ``templates/``, as MkDocs itself works on the ``mkdocs.yml`` of the
working directory. So a copy of the repository (another city's, a test's) builds from its own
data, templates and pages even where the package is installed from elsewhere. Outside any
project, it is the repository this package lives in.
"""

from pathlib import Path


def _project() -> Path:
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "templates").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


ROOT = _project()
DATA = ROOT / "data" / "measures.yaml"
MKDOCS_YML = ROOT / "mkdocs.yml"
GENERATED = ROOT / "docs" / "generated"
HAND_WRITTEN = ROOT / "docs" / "pages"
TEMPLATES = ROOT / "templates"
# What a run keeps for the next (compiled templates, the pinned Lighthouse): never published.
CACHE = ROOT / ".cache"
OVERRIDES = ROOT / "overrides"
DATA_SCHEMA = ROOT / "schema" / "measures.schema.json"
PLAN_SCHEMA = ROOT / "schema" / "plan.schema.json"
THIS_PLAN = ROOT / "tests" / "this_plan.yaml"
