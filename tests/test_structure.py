"""The package keeps the shape its docstring draws: layers that import only downwards, no import
cycle, no module over 300 lines."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import plansite

PACKAGE = Path(plansite.__file__).parent
MAX_LINES = 300
# What each part may not import: the data knows no site, the site no commands.
FORBIDDEN = {
    "plansite.data": ("plansite.site", "plansite.ledger", "plansite.adopt", "plansite.commands", "plansite.tools"),
    "plansite.site": ("plansite.commands", "plansite.adopt", "plansite.tools"),
    "plansite.ledger": ("plansite.commands", "plansite.adopt", "plansite.tools"),
    "plansite.adopt": ("plansite.commands", "plansite.tools"),
}


def modules() -> dict[str, Path]:
    found = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    return found


def imports(file: Path, known: set[str]) -> set[str]:
    """The package's modules that ``file`` imports, anywhere in it: in a function, and under
    ``if TYPE_CHECKING:`` too, since a layer that needs another's types for its own reads it."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    named = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            named |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in named if name in known}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(file, set(found)) - {name} for name, file in found.items()}


def test_the_map_sees_every_part():
    assert {name for name in modules() if name.count(".") == 1} >= {
        "plansite.data",
        "plansite.site",
        "plansite.ledger",
        "plansite.adopt",
        "plansite.commands",
        "plansite.build",
        "plansite.urls",
    }
    assert "plansite.site.catalog" in graph()["plansite.build"]


def test_each_layer_imports_only_downwards():
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for part, forbidden in FORBIDDEN.items()
        if module == part or module.startswith(part + ".")
        for target in targets
        if target.startswith(forbidden)
    ]
    assert wrong == []


def test_nothing_but_commands_and_tools_imports_a_command():
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        if not module.startswith(("plansite.commands", "plansite.tools"))
        for target in targets
        if target.startswith("plansite.commands")
    ]
    assert wrong == []


def test_no_import_cycle():
    # A package's __init__ is imported with each of its modules; its docstring is all it holds.
    edges = {module: {t for t in targets if modules()[t].name != "__init__.py"} for module, targets in graph().items()}
    try:
        tuple(TopologicalSorter(edges).static_order())
    except CycleError as cycle:
        raise AssertionError(f"import cycle: {' → '.join(cycle.args[1])}") from None


def test_no_module_is_over_300_lines():
    long = {name: n for name, file in modules().items() if (n := len(file.read_text().splitlines())) > MAX_LINES}
    assert long == {}
