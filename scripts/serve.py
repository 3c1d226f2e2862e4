#!/usr/bin/env python3
"""Preview the site at http://127.0.0.1:8000, regenerating on every save. See plansite/commands/serve.py."""

import sys

from plansite.commands.serve import main

if __name__ == "__main__":
    sys.exit(main())
