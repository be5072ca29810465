"""``make translations``: which translated pages no longer follow their English source.

``python -m devtools.translations`` checks every edition of ``figures.editions.TRANSLATIONS``
against the English pages and prints one line per problem, then a summary; it exits with 1 if
there is any. A problem has a kind:

- ``missing``: an English page has no translated file;
- ``untracked``: a translated file records no ``source_blob``;
- ``stale``: the English file changed since the translation was made; the message gives the
  ``git diff <recorded> <current>`` command that shows what changed (git diffs two blob ids);
- ``leftover``: a translated file translates no English file;
- ``structure``: the figures, headings or (notebooks) cells differ from the English;
- ``spacing``: the edition's spacing rule is broken (one space between CJK and Latin letters,
  digits, inline code or maths; none next to full-width punctuation; none before ``%``; no line
  break inside a paragraph between two CJK characters, which Chromium renders as a space);
- ``catalogue``: a message of ``make messages``' template has no usable translation, or its
  translation breaks the spacing rule.

Every function takes the roots it reads as parameters (the repository's by default), so the
tests run it on a temporary tree.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from markdown.extensions.toc import slugify

from figures.editions import (
    REPO,
    SOURCE,
    TRANSLATIONS,
    Edition,
    blob_id,
    recorded_blob,
    translated_files,
)
from figures.pipeline.embed import EMBED_LINE

__all__ = [
    "Problem",
    "catalogue_problems",
    "check",
    "file_problems",
    "main",
    "spacing_problems",
    "structure_differences",
]

KINDS = ("missing", "untracked", "stale", "leftover", "structure", "spacing", "catalogue")


@dataclass(frozen=True)
class Problem:
    path: str  # the translated file (or catalogue), as the reader finds it in the repository
    kind: str  # one of KINDS
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.kind}: {self.message}"


# --- Reading Markdown and notebooks ---------------------------------------------------------

FENCE = re.compile(r"^[ \t]*(```+|~~~+)")
NOTEBOOK_CELL = re.compile(r"^# %%(.*)$")
NOTEBOOK_MARKDOWN = re.compile(r"^\s*\[(?:markdown|md)\]")


def _is_notebook(path: str) -> bool:
    return path.endswith(".py") and "notebooks/" in path


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a Markdown file's prose: no front matter, no fenced code."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        start = 0 if closing is None else closing + 1
    fence: str | None = None
    for number, line in enumerate(lines[start:], start + 1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        yield number, line


@dataclass(frozen=True)
class Notebook:
    markdown_cells: list[list[tuple[int, str]]]  # each cell's lines without "# ", numbered
    code_cells: int

    @property
    def markdown(self) -> list[tuple[int, str]]:
        return [line for cell in self.markdown_cells for line in cell]


def _read_notebook(text: str) -> Notebook:
    """A jupytext percent notebook's Markdown (per cell) and how many code cells it has."""
    cells: list[list[tuple[int, str]]] = []
    code_cells = 0
    current: list[tuple[int, str]] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        cell = NOTEBOOK_CELL.match(line)
        if cell:
            if NOTEBOOK_MARKDOWN.match(cell[1]):
                current = []
                cells.append(current)
            else:
                current = None
                code_cells += 1
        elif current is not None:
            current.append((number, re.sub(r"^# ?", "", line)))
    return Notebook(markdown_cells=cells, code_cells=code_cells)


def _joined(lines: list[tuple[int, str]]) -> str:
    return "\n".join(line for _, line in lines)


def _text_lines(text: str, path: str) -> list[tuple[int, str]]:
    """The lines of prose the spacing rule applies to, numbered as in the file."""
    if _is_notebook(path):
        cells = _read_notebook(text).markdown
        numbers = [number for number, _ in cells]
        return [(numbers[n - 1], line) for n, line in _prose_lines(_joined(cells))]
    return list(_prose_lines(text))


# --- Structure: figures, headings, notebook cells -------------------------------------------

HEADING = re.compile(r"^ {0,3}(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*(?P<attrs>[^}]*)\}[ \t]*$")
EXPLICIT_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    explicit_id: str | None


def _headings(lines: list[tuple[int, str]]) -> list[Heading]:
    found = []
    for number, line in lines:
        match = HEADING.match(line)
        if not match:
            continue
        text, explicit = match["text"], None
        attributes = ATTRIBUTES.search(text)
        if attributes:
            text = text[: attributes.start()]
            explicit_match = EXPLICIT_ID.search(attributes["attrs"])
            explicit = explicit_match["id"] if explicit_match else None
        found.append(Heading(number, len(match["level"]), text.strip(), explicit))
    return found


def _plain_heading_text(text: str) -> str:
    """The text toc slugifies: the heading as rendered, without its inline markup."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text only
    text = re.sub(r"<[^>]+>", "", text)  # HTML tags
    text = re.sub(r"(\*\*|__|\*|(?<!\w)_(?=\S))", "", text)  # emphasis markers
    return text.replace("`", "")


def heading_ids(english: list[Heading]) -> list[str]:
    """The ids Python-Markdown's toc gives these headings: explicit, or the slug of the text,
    numbered ``_1``, ``_2``... when a slug repeats, as toc's ``unique()`` does."""
    used: set[str] = set()
    ids = []
    for heading in english:
        wanted = heading.explicit_id or slugify(_plain_heading_text(heading.text), "-")
        unique, n = wanted, 0
        while unique in used:
            n += 1
            unique = f"{wanted}_{n}"
        used.add(unique)
        ids.append(unique)
    return ids


def _heading_differences(
    english: list[Heading], translated: list[Heading], path: str
) -> list[Problem]:
    if [h.level for h in english] != [h.level for h in translated]:
        return [
            Problem(
                path,
                "structure",
                f"heading levels {[h.level for h in translated]} differ from the English "
                f"{[h.level for h in english]}",
            )
        ]
    problems = []
    for wanted, heading in zip(heading_ids(english), translated, strict=True):
        if heading.explicit_id is None:
            problems.append(
                Problem(
                    path,
                    "structure",
                    f"line {heading.line}: heading "
                    f"{heading.text!r} has no explicit id; the English id is {{#{wanted}}}",
                )
            )
        elif heading.explicit_id != wanted:
            problems.append(
                Problem(
                    path,
                    "structure",
                    f"line {heading.line}: heading id "
                    f"{{#{heading.explicit_id}}} differs from the English {{#{wanted}}}",
                )
            )
    return problems


def _figure_ids(lines: list[tuple[int, str]]) -> list[str]:
    return [match["id"] for _, line in lines if (match := EMBED_LINE.match(line))]


def _heading_levels(cell: list[tuple[int, str]]) -> list[int]:
    return [heading.level for heading in _headings(list(_prose_lines(_joined(cell))))]


def _notebook_differences(english_text: str, translated_text: str, path: str) -> list[Problem]:
    english, translated = _read_notebook(english_text), _read_notebook(translated_text)
    problems = []
    if english.code_cells != translated.code_cells:
        problems.append(
            Problem(
                path,
                "structure",
                f"{translated.code_cells} code cells, the English has {english.code_cells}",
            )
        )
    levels = [_heading_levels(cell) for cell in english.markdown_cells]
    translated_levels = [_heading_levels(cell) for cell in translated.markdown_cells]
    if levels != translated_levels:
        problems.append(
            Problem(
                path,
                "structure",
                f"Markdown cells' heading levels {translated_levels} "
                f"differ from the English {levels}",
            )
        )
    return problems


def structure_differences(english_text: str, translated_text: str, path: str) -> list[Problem]:
    """What the translation ``path`` changed in the English page's skeleton: its figures (same
    ids, same order), its headings (same levels, and each with an explicit ``{#id}`` equal to
    the English heading's id, so links and anchors work in both editions) or, for a notebook,
    its cells."""
    if _is_notebook(path):
        return _notebook_differences(english_text, translated_text, path)
    english, translated = list(_prose_lines(english_text)), list(_prose_lines(translated_text))
    problems = []
    if _figure_ids(english) != _figure_ids(translated):
        problems.append(
            Problem(
                path,
                "structure",
                f"figures {_figure_ids(translated)} differ from the "
                f"English {_figure_ids(english)} (same ids, same order)",
            )
        )
    return problems + _heading_differences(_headings(english), _headings(translated), path)


# --- Spacing -----------------------------------------------------------------------------

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation: CJK symbols (、。《》「」【】...), the full-width forms (，：；！？（）),
# Chinese quotes and the dash (——). Not a lone "…": the book uses it between the bounds of a
# range, "inf … sup", spaced as in the English.
FULL_WIDTH = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u201c\u201d\u2018\u2019\u2014"
)
# What masks put in place of an inline code span, a formula or a format placeholder: it counts
# as Latin text, so "见`x`" needs a space like "见x" does.
TOKEN = "\ue000"
LATIN = f"A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f%{TOKEN}"  # not × or ÷

# (pattern, placeholder or None to delete): applied in order to each line of prose.
MASKS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)"), TOKEN),  # inline code
    (re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)(?:\\.|[^$\\])+?(?<=\S)\$"), TOKEN),  # maths
    (re.compile(r"\{[ \t]*[:#.][^}]*\}"), None),  # attribute lists: {#id}, {: .class}
    # Placeholders a message is formatted with: Jinja, str.format, plotly's hover "%{z}".
    (re.compile(r"\{\{.*?\}\}|%?\{[A-Za-z_][A-Za-z0-9_.]*(?:![rs])?(?::[^}]*)?\}"), TOKEN),
    (re.compile(r"!?\[(?=[^\]]*\][(\[])"), None),  # the link text's opening bracket
    (re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]"), None),  # link targets, inline or by reference
    (re.compile(r"<[^>]*>"), None),  # HTML tags and their attributes
    (re.compile(r"\*\*|__"), None),  # strong emphasis markers
]
# A line's block markup, which the rule does not judge (a list bullet before "（", a table's
# pipes, a heading's hashes).
BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:[-*+]|\d+[.)]|>|#{1,6}|\*\[[^\]]*\]:)[ \t]+)*")

RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(f"[{CJK}](?=[{LATIN}])|[{LATIN}](?=[{CJK}])"), "one space between CJK and Latin"),
    (
        re.compile(f"[{CJK}] {{2,}}(?=[{LATIN}])|[{LATIN}] {{2,}}(?=[{CJK}])"),
        "only one space between CJK and Latin",
    ),
    (re.compile(f"[^|\\s][ \t]+(?=[{FULL_WIDTH}])"), "no space before full-width punctuation"),
    (re.compile(f"[{FULL_WIDTH}][ \t]+(?=[^|\\s])"), "no space after full-width punctuation"),
    (re.compile(r"\S[ \t]+%"), "no space before %"),
    # Not in the English's habits, but what a stray space (or a line break) shows between two
    # Chinese characters: a gap in the middle of a word.
    (re.compile(f"[{CJK}][ \t]+(?=[{CJK}])"), "no space between CJK characters"),
]


def _mask(line: str) -> tuple[str, list[int]]:
    """The line with code, maths, markup and link targets masked, and for each character of
    the result the index of the character of ``line`` it comes from (for the excerpt)."""
    text, origin = line, list(range(len(line)))
    for pattern, replacement in MASKS:
        parts, positions, last = [], [], 0
        for match in pattern.finditer(text):
            parts.append(text[last : match.start()])
            positions.extend(origin[last : match.start()])
            if replacement is not None:
                parts.append(replacement)
                positions.append(origin[match.start()])
            last = match.end()
        parts.append(text[last:])
        positions.extend(origin[last:])
        text, origin = "".join(parts), positions
    return text, origin


def _excerpt(line: str, at: int, width: int = 12) -> str:
    return line[max(0, at - width) : at + width].strip()


def _line_problems(number: int, line: str, path: str) -> Iterator[Problem]:
    masked, origin = _mask(line)
    prefix = BLOCK_PREFIX.match(masked)
    start = prefix.end() if prefix else 0
    judged = masked[start:].rstrip()
    for pattern, rule in RULES:
        for match in pattern.finditer(judged):
            at = origin[start + match.start()] if origin else 0
            yield Problem(path, "spacing", f"line {number}: {rule}: «{_excerpt(line, at)}»")


def _starts_block(line: str) -> bool:
    """Whether a line is a block of its own (heading, list item, table row, definition):
    the line break before or after it is not inside a paragraph."""
    prefix = BLOCK_PREFIX.match(line)
    return bool(prefix and prefix[0].strip()) or line.lstrip().startswith(("|", "!!!", "???"))


def _one_line_block(line: str) -> bool:
    """A heading, table row, admonition title or abbreviation: nothing continues it."""
    return bool(HEADING.match(line)) or line.lstrip().startswith(("|", "!!!", "???", "*["))


def _paragraph_breaks(lines: list[tuple[int, str]], path: str) -> Iterator[Problem]:
    """Line breaks inside a paragraph with CJK on both sides (rendered as a stray space)."""
    ends_cjk = re.compile(f"[{CJK}{FULL_WIDTH}]$")
    starts_cjk = re.compile(f"^[{CJK}{FULL_WIDTH}]")
    for (number, line), (next_number, following) in pairwise(lines):
        continued = following.strip()
        if next_number != number + 1 or _one_line_block(line) or _starts_block(following):
            continue
        if ends_cjk.search(_mask(line)[0].rstrip()) and starts_cjk.match(_mask(continued)[0]):
            yield Problem(
                path,
                "spacing",
                f"line {number}: line break inside a paragraph between CJK characters "
                f"(keep the paragraph on one line): «{_excerpt(line, len(line))}⏎{continued[:6]}»",
            )


def _outside_display_maths(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    kept, inside = [], False
    for number, line in lines:
        if line.strip() == "$$":
            inside = not inside
        elif not inside:
            kept.append((number, line))
    return kept


def spacing_problems(text: str, path: str = "<text>") -> list[Problem]:
    """Where ``text`` (Markdown, or a notebook when ``path`` is one) breaks the edition's
    spacing rule, each problem with its line number and an excerpt."""
    lines = _outside_display_maths(_text_lines(text, path))
    problems = [p for number, line in lines for p in _line_problems(number, line, path)]
    return problems + list(_paragraph_breaks(lines, path))


# --- Files of an edition -----------------------------------------------------------------


def _source_problems(english: Path, translated: Path, rel: str, shown: str) -> list[Problem]:
    target = translated / rel
    if not target.is_file():
        return [Problem(shown, "missing", f"no translation of {english.name}/{rel}")]
    recorded = recorded_blob(target)
    if recorded is None:
        return [Problem(shown, "untracked", "records no source_blob of its English file")]
    current = blob_id(english / rel)
    if recorded != current:
        command = f"git diff {recorded} {current}"
        return [Problem(shown, "stale", f"{english.name}/{rel} changed since: {command}")]
    return []


def file_problems(english: Path = SOURCE.docs, translated: Path | None = None) -> list[Problem]:
    """Every problem of the translated tree ``translated`` against the English tree
    ``english``: missing, untracked, stale and leftover files, and their structure and
    spacing."""
    translated = translated or TRANSLATIONS[0].docs
    problems: list[Problem] = []
    wanted = translated_files(english)
    for rel in wanted:
        shown = f"{translated.name}/{rel}"
        problems += _source_problems(english, translated, rel, shown)
        target = translated / rel
        if target.is_file() and rel.endswith((".md", ".py")):
            text = target.read_text(encoding="utf-8")
            english_text = (english / rel).read_text(encoding="utf-8")
            problems += structure_differences(english_text, text, shown)
            problems += spacing_problems(text, shown)
    problems += [
        Problem(f"{translated.name}/{rel}", "leftover", f"translates no file of {english.name}/")
        for rel in translated_files(translated)
        if rel not in wanted
    ]
    return problems


# --- The catalogue -----------------------------------------------------------------------


def _is_formula(message: str) -> bool:
    """Whether an English message is maths or code rather than words (``z``, ``f′(z)``,
    ``$x_1$``): its translation copies it, and the spacing rule does not apply to it."""
    words = re.sub(r"\$[^$]*\$|`[^`]*`|\{[^}]*\}", "", message)
    return re.search(r"[A-Za-z]{2,}", words) is None


def catalogue_problems(po: Path, template: Catalog) -> list[Problem]:
    """Messages of ``template`` that ``po`` leaves untranslated (absent, empty, fuzzy, or a
    plural form missing) and translations that break the spacing rule."""
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    shown = po.relative_to(REPO).as_posix() if po.is_relative_to(REPO) else po.as_posix()
    problems = []
    for message in template:
        if not message.id:
            continue  # the header
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        found = catalogue.get(message.id)
        strings = [] if found is None else list(_forms(found.string))
        if found is None or found.fuzzy or not strings or not all(strings):
            state = "fuzzy" if found is not None and found.fuzzy else "untranslated"
            problems.append(Problem(shown, "catalogue", f"{state}: msgid {key!r}"))
            continue
        if _is_formula(key):
            continue
        # A line break the English has too is a figure label's own (matplotlib draws it as
        # one, not as a space): judge each line alone.
        lines = (
            [line for string in strings for line in string.split("\n")] if "\n" in key else strings
        )
        for string in lines:
            for spacing in spacing_problems(string):
                rule = spacing.message.split(": ", 1)[1]
                problems.append(Problem(shown, "catalogue", f"msgid {key!r}: {rule}"))
    return problems


def _forms(string: object) -> Iterator[str]:
    if isinstance(string, str):
        yield string
    elif isinstance(string, tuple | list):
        yield from (str(form) for form in string)


def _template() -> Catalog:
    # Imported here: extracting builds every figure in memory, which the file checks need not.
    from figures.pipeline.messages import catalogue_template

    return catalogue_template()


# --- Command line ------------------------------------------------------------------------


def check(
    edition: Edition,
    english: Path = SOURCE.docs,
    locales: Path = REPO / "locales",
    template: Callable[[], Catalog] = _template,
) -> list[Problem]:
    """Every problem of one translated edition: its files and its catalogue."""
    problems = file_problems(english, edition.docs)
    po = locales / edition.lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return [*problems, Problem(po.as_posix(), "catalogue", "no catalogue")]
    return problems + catalogue_problems(po, template())


def summary(problems: list[Problem], edition: Edition, pages: int) -> str:
    if not problems:
        return f"all {pages} pages of the {edition.lang} edition are up to date"
    counts = Counter(problem.kind for problem in problems)
    kinds = ", ".join(f"{counts[kind]} {kind}" for kind in KINDS if counts[kind])
    return f"{len(problems)} problems in the {edition.lang} edition: {kinds}"


def main(argv: list[str] | None = None) -> int:
    if argv:
        print("usage: python -m devtools.translations (no arguments)", file=sys.stderr)
        return 2
    failed = False
    for edition in TRANSLATIONS:
        problems = check(edition)
        for problem in problems:
            print(problem)
        print(summary(problems, edition, len(translated_files(SOURCE.docs))))
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
