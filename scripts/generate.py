#!/usr/bin/env python3
"""Validate data/measures.yaml and export the site's data. See plansite/ for the stages."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.commands.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
