"""Output shared by every section: aligned text tables, summaries of timings and JSON files.

A section's ``run()`` prints its tables with `print_table`, writes its raw numbers with
`write_json` to ``bench-results/<section>.json`` (git-ignored), next to a description of the
machine, and returns them.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench-results"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """Rows as aligned text. `align` has one letter per column, "l" or "r"; by default the first
    column is left-aligned and the others right-aligned (numbers). Cells are shown with str()."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        padded = [
            cell.ljust(w) if a == "l" else cell.rjust(w)
            for cell, w, a in zip(row, widths, align, strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def print_table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    align: str = "",
    notes: Sequence[str] = (),
) -> None:
    """Print a titled table followed by its notes (how it was measured, what to read from it)."""
    print(f"\n{title}\n{'=' * len(title)}")
    print(table(headers, rows, align))
    for note in notes:
        print(f"  {note}")
    sys.stdout.flush()


def describe(seconds: Sequence[float]) -> dict[str, Any]:
    """Median, minimum and maximum of repeated timings, and every sample, in seconds."""
    return {
        "median_s": statistics.median(seconds),
        "min_s": min(seconds),
        "max_s": max(seconds),
        "runs": len(seconds),
        "samples_s": list(seconds),
    }


def verdict(ratio: float, budget: float) -> str:
    """``1.42 (budget 1.90: PASS)``: a measured ratio against the most it may be."""
    outcome = "PASS" if ratio <= budget else "FAIL"
    return f"{ratio:.2f} (budget {budget:.2f}: {outcome})"


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
    }


def write_json(section: str, data: dict[str, Any], root: Path = RESULTS) -> Path:
    """Write ``{"section", "machine", "results"}`` to ``<root>/<section>.json``; return the path."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{section}.json"
    document = {"section": section, "machine": machine(), "results": data}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path
