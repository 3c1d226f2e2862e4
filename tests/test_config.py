"""The site's configuration keeps the promises the README makes."""

import subprocess
import sys

import yaml

from plansite.config import ConfigLoader
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
    assert plugins["search"]["search"]["lang"] == "zh"


def test_generation_fails_loudly_without_jieba(tmp_path):
    # Material would quietly build an unsegmented index; the generator refuses instead.
    code = (
        f"import sys; sys.modules['jieba'] = None; sys.argv = ['generate.py', '--out', {str(tmp_path / 'out')!r}]; "
        "from plansite.cli import main; sys.exit(main())"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "jieba is not installed" in result.stderr
    assert not (tmp_path / "out").exists()
