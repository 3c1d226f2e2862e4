#!/usr/bin/env python3
"""Merge the departments' filled task ledgers into the data. See plansite/commands/import_progress.py."""

import sys

from plansite.commands.import_progress import main

if __name__ == "__main__":
    sys.exit(main())
