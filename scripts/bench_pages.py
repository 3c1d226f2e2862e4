#!/usr/bin/env python3
"""The page budget: what a first visit to each main page costs, measured in Chromium.

See plansite/tools/bench_pages.py.
"""

import sys

from plansite.tools.bench_pages import main

if __name__ == "__main__":
    sys.exit(main())
