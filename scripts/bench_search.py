#!/usr/bin/env python3
"""How well search answers: every query of the evaluation set typed into the built site's box.

See plansite/tools/bench_search.py.
"""

import sys

from plansite.tools.bench_search import main

if __name__ == "__main__":
    sys.exit(main())
