#!/usr/bin/env python3
"""Draft data/measures.yaml from a plan's text, or adopt the plan (--replace).

See plansite/commands/import_plan.py.
"""

import sys

from plansite.commands.import_plan import main

if __name__ == "__main__":
    sys.exit(main())
