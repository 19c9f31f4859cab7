"""`python -m gui`: the same entry point as the `textwash` command."""

import sys

from gui.cli import main

sys.exit(main())
