"""Run the generator and stop it, alive, once it has written some of its files, so that a test
can kill it at exactly that point.

    python tests/stopping_generate.py FILES [generate.py arguments…]

Prints "stopped" once FILES new files are written, then waits to be killed.
"""

import sys
import time

from plansite import write
from plansite.commands import generate

stop_after = int(sys.argv[1])
real_new_file = write._new_file
written = 0


def stopping_new_file(path: str, content: bytes) -> None:
    global written
    if written == stop_after:
        print("stopped", flush=True)
        time.sleep(3600)
    real_new_file(path, content)
    written += 1


write._new_file = stopping_new_file
sys.exit(generate.main(sys.argv[2:]))
