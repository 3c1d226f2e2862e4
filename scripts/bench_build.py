#!/usr/bin/env python3
"""Build benchmark: `make site` for plans of N measures, against a bare Material baseline.

See plansite/tools/bench_build.py.
"""

import sys

from plansite.tools.bench_build import main

if __name__ == "__main__":
    sys.exit(main())
