#!/usr/bin/env python3
"""Merge the departments' filled task ledgers into data/measures.yaml. See plansite/ledger_import.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.commands.cli import guarded, progress_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(guarded(progress_main))
