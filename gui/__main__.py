"""`python -m gui`: the same entry point as the `textwash` command."""

import sys

from gui.cli.dispatch import main

if __name__ == "__main__":  # worker processes may import this module
    sys.exit(main())
