#!/usr/bin/env python3
"""Generate the pages and build the static site into site/. See plansite/commands/site.py."""

import sys

from plansite.commands.site import main

if __name__ == "__main__":
    sys.exit(main())
