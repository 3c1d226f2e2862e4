#!/usr/bin/env python3
"""Build benchmark: the site for plans of N measures, against a bare Material baseline.

    make bench                                   # N = 53 (the real plan), 1000, 5000
    .venv/bin/python scripts/bench_build.py --sizes 53,300 --runs 3

For each N it synthesises a plan from the real one (scripts/synthetic_plan.py; N = 53 is the
real plan itself) and runs the generator twice: into an empty folder, every file written, then
again on the same data, every file rendered and found unchanged; every size is generated before
any is built, and nothing is deleted until the end (see Trash). Then for each N it runs what
`make site` runs (scripts/build_site.py --generate: generation and build in one process) and a
baseline build (the same generated Markdown, a bare Material configuration: search only, no
measure page in the navigation), alternating the two so that machine noise falls on both. It prints one row
per N and writes the rows, with the machine and date, to --out.

Timings of the site and the baseline are medians of --runs builds. Peak memory is the largest
resident set of the generator and of our build. Nothing here is asserted: tests/test_bench.py
only runs a small N so the harness cannot rot.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from plansite.render import ConfigLoader  # noqa: E402
from synthetic_plan import synthesize  # noqa: E402

REAL_DATA = ROOT / "data" / "measures.yaml"


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(command: list[str]) -> Run:
    """Run ``command`` quietly and measure its wall time and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)}\n{output.decode(errors='replace')[-3000:]}")
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024)


def our_config(work: Path) -> Path:
    """mkdocs.yml with its paths pointed at this size's folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {
        "INHERIT: docs/generated/.nav.yml": f"INHERIT: {work / 'docs' / '.nav.yml'}",
        "docs_dir: docs/generated": f"docs_dir: {work / 'docs'}\nsite_dir: {work / 'site'}",
        "custom_dir: overrides": f"custom_dir: {ROOT / 'overrides'}",
        "jieba_dict_user: docs/generated/.search-dictionary.txt": f"jieba_dict_user: {work / 'docs' / '.search-dictionary.txt'}",
    }
    for old, new in replacements.items():
        if old not in text:
            raise SystemExit(f"mkdocs.yml no longer has '{old}': update scripts/bench_build.py")
        text = text.replace(old, new)
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def baseline_config(work: Path) -> Path:
    """The bare baseline: Material with its search, the same Markdown, no measure in the nav."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    nav = yaml.safe_load((work / "docs" / ".nav.yml").read_text(encoding="utf-8"))["nav"]
    search = next(p["search"] for p in ours["plugins"] if isinstance(p, dict) and "search" in p)
    text = yaml.safe_dump(
        {
            "site_name": ours["site_name"],
            "site_url": ours["site_url"],
            "docs_dir": str(work / "docs"),
            "site_dir": str(work / "site-baseline"),
            "theme": {"name": "material", "language": "zh"},
            "plugins": [{"search": {**search, "jieba_dict_user": str(work / "docs" / ".search-dictionary.txt")}}],
            "nav": _without_measures(nav),
        },
        allow_unicode=True,
        sort_keys=False,
    )
    # The same Markdown extensions, so both builds turn the same pages into the same HTML.
    text += (
        'markdown_extensions:\n  - attr_list\n  - tables\n  - toc:\n      permalink: "#"\n'
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n"
    )
    config = work / "baseline.yml"
    config.write_text(text, encoding="utf-8")
    return config


def _without_measures(nav):
    if isinstance(nav, list):
        return [item for item in (_without_measures(entry) for entry in nav) if item is not None]
    if isinstance(nav, dict):
        return {key: _without_measures(value) for key, value in nav.items()}
    return None if isinstance(nav, str) and nav.startswith("measures/m") else nav


# In the page: type the query, then time until the first result shows.
_TIME_FIRST_RESULTS = """([input, result, query]) => new Promise(resolve => {
    const box = document.querySelector(input);
    const start = performance.now();
    const seen = () => document.querySelector(result);
    new MutationObserver((_, observer) => {
        if (seen()) { observer.disconnect(); resolve(performance.now() - start); }
    }).observe(document.body, {childList: true, subtree: true});
    box.focus();
    box.value = query;
    box.dispatchEvent(new Event("input", {bubbles: true}));
    box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
})"""
SEARCH_QUERY = "电梯"


@dataclass
class SearchTiming:
    first_results_ms: float
    transferred_kb: float


def time_search(site: Path, engine: str) -> SearchTiming:
    """A reader's first query on a warm page: time to the first result, and the bytes it cost
    (for Material, the index it loaded with the page; for Pagefind, what the query fetched)."""
    from playwright.sync_api import sync_playwright

    from scripts.browser import CHROMIUM, CHROMIUM_ARGS, serve

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        fetched: list[tuple[str, int]] = []
        page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
        if engine == "pagefind":
            page.goto(url + "search/", wait_until="networkidle")
            before = len(fetched)
            elapsed = page.evaluate(
                _TIME_FIRST_RESULTS, [".pagefind-ui__search-input", ".pagefind-ui__result", SEARCH_QUERY]
            )
            page.wait_for_load_state("networkidle")
            transferred = sum(size for _, size in fetched[before:])
        else:
            page.goto(url, wait_until="networkidle")
            elapsed = page.evaluate(_TIME_FIRST_RESULTS, [".md-search__input", ".md-search-result__item", SEARCH_QUERY])
            transferred = sum(size for address, size in fetched if "/search/" in address or "workers" in address)
        browser.close()
    return SearchTiming(first_results_ms=elapsed, transferred_kb=transferred / 1024)


def bare_write_seconds(folder: Path, probe: Path, trash: Trash) -> tuple[int, float]:
    """How long this machine's disk takes to create ``folder``'s files afresh with nothing but
    os calls, their contents already in memory: the floor under the generator's first run."""
    contents = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    trash.set_aside(probe)
    start = time.perf_counter()
    made: set[str] = set()
    for relative, content in contents.items():
        destination = f"{probe}/{relative}"
        parent = destination.rpartition("/")[0]
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        handle = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(handle, content)
        os.close(handle)
    seconds = time.perf_counter() - start
    trash.set_aside(probe)
    return len(contents), seconds


class Trash:
    """Folders the bench no longer needs, renamed into one place and deleted only when it ends.

    Deleting them at once would slow the generation timed next: ext4 without a journal (this
    machine's root file system, and a common one in VMs) will not reuse an inode freed in the last
    minute (six while its inode table block is unwritten: RECENTCY_MIN and RECENTCY_DIRTY in
    fs/ext4/ialloc.c), and checks every such free inode each time it creates a file. Deleting
    13,000 files just before a first generation of 5,000 measures made that run take 6-10 s
    instead of 4.2 s. A first `make site` meets such a pile only if something has just deleted
    thousands of files nearby.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    def set_aside(self, path: Path) -> None:
        if not (path.exists() or path.is_symlink()):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path.rename(self.folder / f"{len(list(self.folder.iterdir()))}-{path.name}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass
class Generation:
    """A size's plan and the timings of generating it, taken before anything is built."""

    size: int
    work: Path
    data: Path
    generate: Run
    regenerate: Run
    docs_files: int
    bare_write_seconds: float


@dataclass
class Row:
    generation: Generation
    ours: list[Run]
    baseline: list[Run]
    site_bytes: int
    index_bytes: int
    index_gzip_bytes: int
    pages: int
    engine: str

    @property
    def size(self) -> int:
        return self.generation.size

    @property
    def site_seconds(self) -> float:
        """What `make site` takes: generation (of the data already generated once) and the build."""
        return statistics.median(r.seconds for r in self.ours)

    @property
    def baseline_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.baseline)

    @property
    def peak_mb(self) -> float:
        generation = self.generation
        return max([generation.generate.peak_mb, generation.regenerate.peak_mb] + [r.peak_mb for r in self.ours])


HEADER = (
    "| N | generate s | ms/measure | regenerate s | ms/measure | make site s | baseline s | ratio "
    "| peak MB | site MB | search | index KB | index gz KB | pages |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"
)


def line(row: Row) -> str:
    generation = row.generation
    return (
        f"| {row.size} | {generation.generate.seconds:.1f} | {generation.generate.seconds / row.size * 1000:.2f} "
        f"| {generation.regenerate.seconds:.1f} | {generation.regenerate.seconds / row.size * 1000:.2f} "
        f"| {row.site_seconds:.1f} | {row.baseline_seconds:.1f} "
        f"| {row.site_seconds / row.baseline_seconds:.2f} | {row.peak_mb:.0f} | {row.site_bytes / 2**20:.1f} "
        f"| {row.engine} | {row.index_bytes / 1024:.0f} | {row.index_gzip_bytes / 1024:.0f} | {row.pages} |"
    )


def generation(size: int, workspace: Path, trash: Trash) -> Generation:
    """Generate a plan of ``size`` measures into an empty folder, then again on the same data."""
    work = workspace / f"n{size}"
    work.mkdir(parents=True, exist_ok=True)
    data = REAL_DATA
    if size != _real_size():
        data = work / "measures.yaml"
        real = yaml.load(REAL_DATA.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        data.write_text(
            yaml.dump(
                synthesize(real, size), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10**6
            ),
            encoding="utf-8",
        )
    config = our_config(work)
    # The previous output (a link to a version folder) set aside: the first run writes every file.
    for output in (work / "docs", work / ".docs.versions"):
        trash.set_aside(output)
    command = [
        sys.executable,
        "scripts/generate.py",
        "--data",
        str(data),
        "--out",
        str(work / "docs"),
        "--config",
        str(config),
    ]
    generate = run(command)
    regenerate = run(command)
    docs_files, bare_write = bare_write_seconds((work / "docs").resolve(), work / ".write-probe", trash)
    return Generation(
        size=size,
        work=work,
        data=data,
        generate=generate,
        regenerate=regenerate,
        docs_files=docs_files,
        bare_write_seconds=bare_write,
    )


def builds(generated: Generation, runs: int) -> Row:
    """Time `make site`'s command against the baseline, alternating, and measure what they built."""
    work, python = generated.work, sys.executable
    config, baseline = work / "mkdocs.yml", baseline_config(work)
    ours: list[Run] = []
    bare: list[Run] = []
    for round_ in range(runs):
        commands = [
            (
                "ours",
                [
                    python,
                    "scripts/build_site.py",
                    "--generate",
                    "--data",
                    str(generated.data),
                    "--quiet",
                    "--config-file",
                    str(config),
                ],
            ),
            ("baseline", [python, "-m", "mkdocs", "build", "--quiet", "--config-file", str(baseline)]),
        ]
        for name, command in commands if round_ % 2 == 0 else reversed(commands):
            (ours if name == "ours" else bare).append(run(command))
    site = work / "site"
    if (site / "pagefind").is_dir():
        # Pagefind's index and fragments are stored compressed; a query fetches only some of them.
        bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        raw = sum(p.stat().st_size for p in bundle)
        compressed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in bundle)
        engine = "pagefind"
    else:
        index = (site / "search" / "search_index.json").read_bytes()
        raw, compressed, engine = len(index), len(gzip.compress(index, 6)), "material"
    return Row(
        generation=generated,
        ours=ours,
        baseline=bare,
        site_bytes=folder_size(site),
        index_bytes=raw,
        index_gzip_bytes=compressed,
        pages=sum(1 for _ in site.rglob("*.html")),
        engine=engine,
    )


def _real_size() -> int:
    return len(yaml.load(REAL_DATA.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["measures"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="53,1000,5000", help="comma-separated numbers of measures")
    parser.add_argument("--runs", type=int, default=1, help="builds of each configuration per size (median)")
    parser.add_argument("--workspace", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "bench" / "results.md")
    parser.add_argument("--no-search", action="store_true", help="skip timing a first search in Chromium")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    lines = [
        f"# make bench, {datetime.datetime.now().isoformat(timespec='seconds')}",
        "",
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.runs} run(s) per configuration",
        "",
        HEADER,
    ]
    print("\n".join(lines), flush=True)
    trash = Trash(args.workspace / ".trash")
    trash.empty()
    rows = []
    try:
        # Every size generated before any is built: MkDocs deletes the previous site's files.
        generated = [generation(size, args.workspace, trash) for size in sizes]
        for generated_size in generated:
            rows.append(builds(generated_size, args.runs))
            lines.append(line(rows[-1]))
            print(lines[-1], flush=True)
    finally:
        trash.empty()
    by_size = {row.size: row for row in rows}
    notes = [
        "",
        "generate: into an empty folder, every file written; regenerate: the same data again, every "
        "file rendered, compared and linked to the unchanged one. Both are timed for every size before "
        "anything is built or deleted (see Trash in scripts/bench_build.py).",
        "make site: scripts/build_site.py --generate, as `make site` runs it (generation, then the build, "
        "in one process). ratio = make site / the baseline's build of the same Markdown.",
    ]
    for small, large in zip(sizes, sizes[1:]):
        growth = by_size[large].site_seconds / by_size[small].site_seconds
        notes.append(f"make site({large}) / make site({small}) = {growth:.2f} for {large / small:.1f}× the measures")
    notes += [
        "",
        "Creating the generated files afresh with bare os calls, contents in memory (the disk's share of "
        "a first generation; a regeneration links unchanged files instead):",
        "",
    ]
    notes += [
        f"- N = {row.size}: {row.generation.docs_files} files in {row.generation.bare_write_seconds:.1f} s "
        f"({row.generation.bare_write_seconds / row.size * 1000:.2f} ms/measure)"
        for row in rows
    ]
    if not args.no_search:
        notes += ["", f"First search for '{SEARCH_QUERY}' on a warm page (Chromium, local server with gzip):", ""]
        for row in rows:
            timing = time_search(args.workspace / f"n{row.size}" / "site", row.engine)
            notes.append(
                f"- N = {row.size} ({row.engine}): first results in {timing.first_results_ms:.0f} ms, "
                f"{timing.transferred_kb:.0f} KB transferred for the first query"
            )
    print("\n".join(notes))
    lines += notes
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
