"""``python -m tests.emulator --port 8700``: run the BEOD emulator in the foreground."""

import sys

from .server import main

if __name__ == "__main__":
    sys.exit(main())
