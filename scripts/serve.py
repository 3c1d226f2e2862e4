#!/usr/bin/env python3
"""Preview the site at http://127.0.0.1:8000, regenerating on every save. See plansite/preview.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.commands.preview import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
