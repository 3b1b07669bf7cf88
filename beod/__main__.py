"""``python -m beod``: the BEOD command line (see :mod:`beod.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
