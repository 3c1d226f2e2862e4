"""The site's configuration keeps the promises the README makes."""

import subprocess
import sys

import yaml

from plansite.site.config import ConfigLoader
from tests.conftest import ROOT


def config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)


def test_no_hooks_so_the_generator_stays_portable_to_zensical():
    assert "hooks" not in config()


def test_system_fonts_and_an_auditing_privacy_plugin():
    settings = config()
    assert settings["theme"]["font"] is False
    assert settings["theme"]["language"] == "zh"
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in settings["plugins"]}
    assert plugins["privacy"]["privacy"]["assets_fetch"] is False
    # The site has its own search (plansite/search_index.py); the theme's would load a second index.
    assert "search" not in plugins


def test_generation_needs_no_word_segmenter(tmp_path):
    # Search matches phrases by substring in the browser: jieba serves only the search evaluation.
    code = (
        f"import sys; sys.modules['jieba'] = None; sys.argv = ['generate.py', '--out', {str(tmp_path / 'out')!r}]; "
        "from plansite.commands.generate import main; sys.exit(main())"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "search.json").is_file()
