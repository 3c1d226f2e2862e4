"""The site builds with --strict and publishes the exported data at /downloads/."""

import subprocess
import sys

from tests.conftest import ROOT


def test_mkdocs_strict_build_publishes_plan_json(tmp_path):
    generated = subprocess.run([sys.executable, "scripts/generate.py"], cwd=ROOT, capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                           cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert (site / "downloads" / "plan.json").read_bytes() == (ROOT / "docs" / "downloads" / "plan.json").read_bytes()
    assert (site / "downloads" / "plan.schema.json").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/plan.json"' in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
