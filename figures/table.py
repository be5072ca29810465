"""Tables are figures too: a figure module's ``build()`` may return a ``Table``.

The runner writes it as an HTML fragment (inlined in the page, so search indexes it and screen
readers read it as a table) and as CSV (the download). Cells are plain text; ``\\(...\\)`` in a
cell is inline LaTeX, typeset at build time by KaTeX like maths anywhere else on the site.

A wide table can name its ``key_columns``: pages then show those first and the others one click
away (the page adds a "Show all columns" switch; see ``figures.pipeline.embed``). The other
columns' cells carry the class ``MORE``, which the site's stylesheet hides until the switch is on.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass

_MATH = re.compile(r"\\\((.+?)\\\)")
MORE = "nn101-more"  # the class of the cells outside the narrow view


@dataclass(frozen=True)
class Table:
    """A header row and body rows of text cells (each row as long as the header).

    ``key_columns`` (indices into ``columns``) is the narrow view a page shows first; None shows
    every column.
    """

    columns: list[str]
    rows: list[list[str]]
    key_columns: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {number} has {len(row)} cells; the header has {len(self.columns)}"
                )
        outside = [i for i in self.key_columns or () if not 0 <= i < len(self.columns)]
        if outside:
            raise ValueError(
                f"table key_columns {outside} are not columns of a {len(self.columns)}-column table"
            )

    def is_key(self, index: int) -> bool:
        """Whether column ``index`` belongs to the narrow view."""
        return self.key_columns is None or index in self.key_columns


def _cell(text: str, tag: str, key: bool = True) -> str:
    escaped = html.escape(text, quote=False)
    # Same markup as pymdownx.arithmatex (generic mode), which hooks/nn101_math.py typesets.
    with_math = _MATH.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', escaped)
    attributes = "" if key else f' class="{MORE}"'
    return f"<{tag}{attributes}>{with_math}</{tag}>"


def _row(table: Table, cells: list[str], tag: str) -> str:
    return "<tr>" + "".join(_cell(c, tag, table.is_key(i)) for i, c in enumerate(cells)) + "</tr>"


def to_html(table: Table) -> str:
    head = _row(table, table.columns, "th")
    body = "".join(_row(table, row, "td") for row in table.rows)
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def has_narrow_view(table_html: str) -> bool:
    """Whether a table built by ``to_html`` hides some columns until the reader asks for them."""
    return f'class="{MORE}"' in table_html


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()
