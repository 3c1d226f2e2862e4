"""Run the generator with each file write slowed down, so a test can kill it mid-write.

    python tests/slow_generate.py SECONDS_PER_FILE [generate.py arguments…]

Prints "writing" when it starts writing output, then carries on as scripts/generate.py.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite import cli  # noqa: E402

delay = float(sys.argv[1])
real_write_bytes = Path.write_bytes
announced = False


def slow_write_bytes(self: Path, data: bytes) -> int:
    global announced
    if not announced:
        announced = True
        print("writing", flush=True)
    time.sleep(delay)
    return real_write_bytes(self, data)


Path.write_bytes = slow_write_bytes
sys.exit(cli.main(sys.argv[2:]))
