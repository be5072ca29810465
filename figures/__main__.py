"""``python -m figures``: see figures/cli.py."""

import sys

from figures.cli import main

sys.exit(main())
