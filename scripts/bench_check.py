#!/usr/bin/env python3
"""Check benchmark: how long `--check` takes on a data file flooded with one mistake.

See plansite/tools/bench_check.py.
"""

import sys

from plansite.tools.bench_check import main

if __name__ == "__main__":
    sys.exit(main())
