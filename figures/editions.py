"""The book's editions: one MkDocs build per language, each into its own folder of ``site/``.

The English edition is the source: its pages live in ``docs/`` and it is served at the site's
root. Every other edition translates it page by page, in ``docs-<lang>/``, and is served under
``/<lang>/``. A translated page records which English text it translates as the git blob id of
the English file (``source_blob:`` in its front matter, or in a notebook's header), so a changed
English page shows up as a stale translation (``make translations``).

Plain data and file reading only: the hooks, the tests and ``devtools.translations`` import it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Edition:
    lang: str  # theme.language, and the catalogue under locales/
    config: str  # the MkDocs config file, relative to the repository
    docs_dir: str  # its pages, relative to the repository
    prefix: str  # where it is served, relative to the site root ("" or "zh/")
    name: str  # the edition's name in its own language, as the language switch shows it

    @property
    def docs(self) -> Path:
        return REPO / self.docs_dir


SOURCE = Edition("en", "mkdocs.yml", "docs", "", "English")
EDITIONS = (SOURCE, Edition("zh", "mkdocs.zh.yml", "docs-zh", "zh/", "简体中文"))
TRANSLATIONS = EDITIONS[1:]
# The English files a translation does not copy: the site's shared assets (the translated
# builds take them from docs/, see hooks/nn101_editions.py).
UNTRANSLATED = ("assets/",)
# `source_blob: <40 hex>` in YAML front matter, in a jupytext header (`#   source_blob: ...`)
# or in a Markdown comment (`[//]: # (source_blob: ...)`, for snippets, which have no front
# matter).
RECORD = re.compile(r"^(?:#\s+|\[//\]: # \()?source_blob: ([0-9a-f]{40})\)?\s*$", re.M)


def by_language(lang: str) -> Edition:
    for edition in EDITIONS:
        if edition.lang == lang:
            return edition
    known = ", ".join(e.lang for e in EDITIONS)
    raise ValueError(f"no edition in language {lang!r} (editions: {known})")


def translated_files(root: Path | None = None) -> list[str]:
    """Every file of the English edition that each translation must translate, relative to
    ``docs/``, in sorted order."""
    docs = root or SOURCE.docs
    return sorted(
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*")
        if path.is_file() and not path.relative_to(docs).as_posix().startswith(UNTRANSLATED)
    )


def blob_id(path: Path) -> str:
    """The git blob id of ``path``'s bytes (what ``git hash-object`` prints), without git."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git names objects by SHA-1


def recorded_blob(path: Path) -> str | None:
    """The English blob id a translated file says it translates, or None if it records none."""
    found = RECORD.search(path.read_text(encoding="utf-8"))
    return found[1] if found else None
