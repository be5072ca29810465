"""The one lookup every reader-visible string goes through: gettext catalogues, read with Babel.

Why gettext: it is what this ecosystem already speaks (Babel, which mkdocs-material installs;
Sphinx; Django; Material's own theme strings), translators get standard ``.po`` files and tools
(Poedit, Weblate, ``pybabel``), and its convention that a message's id *is* the English text keeps
the English edition free of any catalogue: ``_("Training loss")`` returns the very string the
code holds, so English outputs stay byte-identical while another language supplies
``locales/<lang>/LC_MESSAGES/messages.po``.

- ``_(message)``: ``message`` in the active language (itself when no translation exists);
- ``N_(message)``: marks a module-level constant for extraction without translating it, since
  constants are evaluated at import time, before any language is chosen; translate it with
  ``_()`` where it is used;
- ``ngettext(singular, plural, n)``: the plural form for ``n``;
- ``using(lang)``: the active language inside a ``with`` block (the figure runner builds each
  figure inside one); ``activate(lang)`` sets it for a whole site build; ``language()`` reads
  it;
- ``counting_lookups()``: how often the active language was read inside a block (``_()`` and
  ``ngettext()`` read it too), so the runner shares a ``compute()`` result between languages
  only when nothing in it could have depended on the language.

Fuzzy and empty catalogue entries count as untranslated and fall back to English. ``make messages``
extracts every message into ``build/locales/messages.pot`` (see ``figures.pipeline.messages``).
"""

from __future__ import annotations

import contextvars
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

__all__ = [
    "LOCALES",
    "N_",
    "Lookups",
    "_",
    "activate",
    "counting_lookups",
    "language",
    "ngettext",
    "using",
]

LOCALES = Path(__file__).resolve().parents[1] / "locales"
SOURCE_LANGUAGE = "en"
_active = contextvars.ContextVar("nn101_language", default=SOURCE_LANGUAGE)


@dataclass
class Lookups:
    """How many times the active language was read inside a ``counting_lookups()`` block."""

    count: int = 0


# The blocks being counted, innermost last: a read counts in every enclosing block.
_counting: contextvars.ContextVar[tuple[Lookups, ...]] = contextvars.ContextVar(
    "nn101_lookup_counts", default=()
)


def language() -> str:
    """The language strings are translated into right now (every lookup reads it here, which
    is what ``counting_lookups()`` counts)."""
    for lookups in _counting.get():
        lookups.count += 1
    return _active.get()


@contextmanager
def counting_lookups() -> Iterator[Lookups]:
    """Count the reads of the active language inside the block: ``_()``, ``ngettext()`` and
    any code that asks ``language()``. Zero means the block's results cannot depend on it."""
    lookups = Lookups()
    token = _counting.set((*_counting.get(), lookups))
    try:
        yield lookups
    finally:
        _counting.reset(token)


def activate(lang: str) -> None:
    """Translate into ``lang`` from now on (a site build: one language for all its hooks)."""
    _active.set(lang)


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Translate into ``lang`` inside the block."""
    token = _active.set(lang)
    try:
        yield
    finally:
        _active.reset(token)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated later, with ``_()``."""
    return message


def _(message: str) -> str:
    """``message`` in the active language, or ``message`` itself when it has no translation."""
    translated = catalogue(language(), LOCALES).get(message)
    return translated if isinstance(translated, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` (English: ``singular`` for 1, else ``plural``)."""
    forms = catalogue(language(), LOCALES).get((singular, plural))
    if isinstance(forms, tuple):
        index = _plural_index(language(), LOCALES, n)
        if index < len(forms) and forms[index]:
            return forms[index]
    return singular if n == 1 else plural


def catalogue(lang: str, root: Path) -> dict[object, str | tuple[str, ...]]:
    """Translated messages of ``lang``: msgid -> text, (singular, plural) -> forms."""
    path = root / lang / "LC_MESSAGES" / "messages.po"
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return {}
    return _read(path, path.stat().st_mtime_ns)[0]


def _plural_index(lang: str, root: Path, n: int) -> int:
    """Which plural form the catalogue's own rule (its ``Plural-Forms`` header) picks for n."""
    path = root / lang / "LC_MESSAGES" / "messages.po"
    return int(_read(path, path.stat().st_mtime_ns)[1](n))


@cache  # keyed on the file's modification time: an edited catalogue is read again (serve)
def _read(path: Path, mtime_ns: int) -> tuple[dict[object, str | tuple[str, ...]], Any]:
    """A catalogue file, read once: its usable messages and its plural rule."""
    with path.open("rb") as handle:
        po = read_po(handle, locale=path.parents[1].name)
    found: dict[object, str | tuple[str, ...]] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple) and isinstance(message.string, tuple | list):
            if all(message.string):
                found[tuple(message.id)] = tuple(message.string)
        elif isinstance(message.id, str) and message.string:
            found[message.id] = str(message.string)
    return found, gettext.c2py(po.plural_expr)
