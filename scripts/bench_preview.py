#!/usr/bin/env python3
"""Measure the live preview: from saving a one-line change in the data to the browser showing it.

See plansite/tools/bench_preview.py.
"""

import sys

from plansite.tools.bench_preview import main

if __name__ == "__main__":
    sys.exit(main())
