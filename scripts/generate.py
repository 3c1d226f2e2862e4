#!/usr/bin/env python3
"""Validate data/measures.yaml and write the site's pages (--check: validate only).

See plansite/commands/generate.py.
"""

import sys

from plansite.commands.generate import main

if __name__ == "__main__":
    sys.exit(main())
