"""Tables are figures too: a figure module's ``build()`` may return a ``Table``.

The runner writes it as an HTML fragment (inlined in the page, so search indexes it and screen
readers read it as a table) and as CSV (the download). Cells are plain text; ``\\(...\\)`` in a
cell is inline LaTeX, typeset at build time by KaTeX like maths anywhere else on the site.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass

_MATH = re.compile(r"\\\((.+?)\\\)")


@dataclass(frozen=True)
class Table:
    """A header row and body rows of text cells (each row as long as the header)."""

    columns: list[str]
    rows: list[list[str]]

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {number} has {len(row)} cells; the header has {len(self.columns)}"
                )


def _cell(text: str, tag: str) -> str:
    escaped = html.escape(text, quote=False)
    # Same markup as pymdownx.arithmatex (generic mode), which hooks/nn101_math.py typesets.
    with_math = _MATH.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', escaped)
    return f"<{tag}>{with_math}</{tag}>"


def to_html(table: Table) -> str:
    head = "".join(_cell(c, "th") for c in table.columns)
    body = "".join("<tr>" + "".join(_cell(c, "td") for c in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()
