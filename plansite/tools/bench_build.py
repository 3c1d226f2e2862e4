"""Build benchmark: `make site` for plans of N measures, against a bare Material baseline.

    make bench                                   # N = 53 (the real plan), 1000, 5000
    .venv/bin/python scripts/bench_build.py --sizes 53,300 --runs 3

For each N it synthesises a plan from the real one (scripts/synthetic_plan.py; N = 53 is the
real plan itself), then times what `make site` runs (scripts/build_site.py: generation, the
MkDocs build, Pagefind if needed) and a baseline (`mkdocs build` of the same generated Markdown
with a bare Material configuration: search only, no measure page in the navigation), alternating
the two. It prints a row per N, and the growth from one size to the next, and writes them to
--out. Timings are medians of --runs builds; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from plansite.repository import ROOT
from plansite.site import config
from plansite.tools.synthetic_plan import synthesize

REAL_DATA = ROOT / "data" / "measures.yaml"
HEADER = "| measures | search | make site (s) | baseline (s) | ratio | pages |\n|---|---|---|---|---|---|"


def timed(command: list[str]) -> float:
    """Seconds ``command`` takes; it must succeed. The project's own Markdown extension is importable."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"failed: {' '.join(command)}\n{(result.stdout + result.stderr)[-3000:]}")
    return time.perf_counter() - start


def prepare(size: int, work: Path) -> tuple[Path, Path]:
    """The data file of a plan of ``size`` measures, and mkdocs.yml pointed at ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    real = yaml.load(REAL_DATA.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data = REAL_DATA
    if size != len(real["measures"]):
        data = work / "measures.yaml"
        plan = synthesize(real, size)
        data.write_text(yaml.dump(plan, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), "utf-8")
    return data, config_in(work)


def config_in(work: Path) -> Path:
    """mkdocs.yml, written into ``work`` to generate into ``work/docs`` and build into ``work/site``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in {
        "INHERIT: docs/generated/.config.yml": f"INHERIT: {work / 'docs' / '.config.yml'}",
        "docs_dir: docs/generated": f"docs_dir: {work / 'docs'}\nsite_dir: {work / 'site'}",
        "custom_dir: overrides": f"custom_dir: {ROOT / 'overrides'}",
    }.items():
        if old not in text:
            raise SystemExit(f"mkdocs.yml no longer has '{old}': update scripts/bench_build.py")
        text = text.replace(old, new)
    (work / "mkdocs.yml").write_text(text, encoding="utf-8")
    return work / "mkdocs.yml"


def baseline_config(work: Path) -> Path:
    """Material with its search, our Markdown extensions, the same pages; no measure in the nav."""
    ours = config.read_mkdocs_yml(work / "mkdocs.yml")
    inherited = yaml.safe_load((work / "docs" / ".config.yml").read_text(encoding="utf-8"))
    nav = inherited["nav"]
    extensions = [e for e in ours["markdown_extensions"] if not isinstance(e, dict)] + ["toc"]
    bare = {
        "site_name": inherited["site_name"],
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / "site-baseline"),
        "theme": {"name": "material", "language": "zh"},
        "plugins": [{"search": {"lang": "zh"}}],
        "markdown_extensions": extensions,
        "nav": without_measures(nav),
    }
    (work / "baseline.yml").write_text(yaml.safe_dump(bare, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return work / "baseline.yml"


def without_measures(nav: object) -> object:
    if isinstance(nav, list):
        return [item for item in map(without_measures, nav) if item is not None]
    if isinstance(nav, dict):
        kept = {key: without_measures(value) for key, value in nav.items()}
        # A measure is listed by its title: {"（一）…": "measures/m01.md"}.
        return {key: value for key, value in kept.items() if value is not None} or None
    return None if isinstance(nav, str) and nav.startswith("measures/m") else nav


def bench(size: int, workspace: Path, runs: int) -> tuple[str, float]:
    """One row of the table, and the median time of `make site`."""
    work = workspace / f"n{size}"
    data, ours = prepare(size, work)
    site = [sys.executable, "scripts/build_site.py", "--data", str(data), "--config-file", str(ours), "--quiet"]
    # A warm-up, so that the pairs start alike. The baseline builds from the docs folder the site's
    # build generates: a single run (the tests' smoke run) builds the site first anyway.
    if runs > 1:
        timed(site)
    times: dict[str, list[float]] = {"site": [], "baseline": []}
    for round_ in range(runs):
        for name in ("site", "baseline") if round_ % 2 == 0 else ("baseline", "site"):
            times[name].append(timed(site if name == "site" else _baseline(work)))
    ours_s, bare_s = statistics.median(times["site"]), statistics.median(times["baseline"])
    engine = "pagefind" if (work / "site" / "pagefind").is_dir() else "own"
    pages = sum(1 for _ in (work / "site").rglob("*.html"))
    return f"| {size} | {engine} | {ours_s:.2f} | {bare_s:.2f} | {ours_s / bare_s:.2f}× | {pages} |", ours_s


def _baseline(work: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(baseline_config(work))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="53,1000,5000", help="comma-separated numbers of measures")
    parser.add_argument("--runs", type=int, default=1, help="builds of each configuration per size (median)")
    parser.add_argument("--workspace", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "bench" / "results.md")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(HEADER, flush=True)
    rows, seconds = [], {}
    for size in sizes:
        row, seconds[size] = bench(size, args.workspace, args.runs)
        rows.append(row)
        print(row, flush=True)
    growth = [
        f"make site({large}) / make site({small}) = {seconds[large] / seconds[small]:.2f} for "
        f"{large / small:.1f}× the measures"
        for small, large in itertools.pairwise(sizes)
    ]
    print("\n".join(growth))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join([HEADER, *rows, "", *growth]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
