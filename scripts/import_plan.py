#!/usr/bin/env python3
"""Draft data/measures.yaml from a plan's text in the standard format. See plansite/importer.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.commands.cli import guarded, import_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(guarded(import_main))
