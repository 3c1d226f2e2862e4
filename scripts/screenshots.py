#!/usr/bin/env python3
"""Screenshots of the built site in Chromium: `make screenshots`. See plansite/tools/screenshots.py."""

import sys

from plansite.tools.screenshots import main

if __name__ == "__main__":
    sys.exit(main())
