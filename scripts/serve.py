#!/usr/bin/env python3
"""Preview the site at --dev-addr (make serve: 127.0.0.1:8000, or PORT=…), regenerating on every save.

See plansite/commands/serve.py.
"""

import sys

from plansite.commands.serve import main

if __name__ == "__main__":
    sys.exit(main())
