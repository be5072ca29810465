"""``python -m figures``: see figures/pipeline/cli.py."""

import sys

from figures.pipeline.cli import main

# Guarded: the runner's worker processes are spawned, and spawning imports the main module.
if __name__ == "__main__":
    sys.exit(main())
