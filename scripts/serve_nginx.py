#!/usr/bin/env python3
"""The built site through nginx with the shipped configuration: make serve-nginx.

See plansite/tools/nginx.py.
"""

import sys

from plansite.tools.nginx import main

if __name__ == "__main__":
    sys.exit(main())
