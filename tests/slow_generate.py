"""Run the generator with each file write slowed down, so a test can kill it mid-write.

    python tests/slow_generate.py SECONDS_PER_FILE [generate.py arguments…]

Prints "writing" when it starts writing output, then carries on as scripts/generate.py.
"""

import sys
import time

from plansite import write
from plansite.commands import generate

delay = float(sys.argv[1])
real_new_file = write._new_file
announced = False


def slow_new_file(path: str, content: bytes) -> None:
    global announced
    if not announced:
        announced = True
        print("writing", flush=True)
    time.sleep(delay)
    real_new_file(path, content)


write._new_file = slow_new_file
sys.exit(generate.main(sys.argv[2:]))
