"""What the browser tests and the page benchmarks (bench/pages.py) need from the machine: the
system's Chromium, the flags it runs headless with here, and a free port on 127.0.0.1.

Plain Python, no pytest: ``bench`` imports it too.
"""

from __future__ import annotations

import os
import shutil
import socket

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "no Chromium found: `apt-get install chromium` (or set NN101_CHROMIUM)"


def find_chromium() -> str | None:
    """``$NN101_CHROMIUM``, else the first Chromium or Chrome on PATH (never playwright's own)."""
    configured = os.environ.get("NN101_CHROMIUM")
    return configured or next(filter(None, map(shutil.which, CHROMIUM_CANDIDATES)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
