"""The editions' configs stay in step: mkdocs.zh.yml restates what INHERIT cannot merge (lists)
exactly as mkdocs.yml has them, but for what the Chinese edition changes on purpose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from figures import editions
from figures.editions import REPO, SOURCE, TRANSLATIONS


class _Loader(yaml.SafeLoader):
    """YAML as written: ``!ENV`` values stay unresolved (MkDocs resolves them at build time)."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def raw_config(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load((REPO / name).read_text("utf-8"), Loader=_Loader)
    return loaded


def nav_files(nav: list[Any]) -> list[str]:
    """Every file the nav lists, in order."""
    files = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


def without(items: list[Any], name: str) -> list[Any]:
    return [i for i in items if not (isinstance(i, dict) and name in i) and i != name]


def option(items: list[Any], name: str) -> Any:
    return next(i[name] for i in items if isinstance(i, dict) and name in i)


@pytest.mark.parametrize("edition", TRANSLATIONS, ids=lambda e: e.lang)
def test_a_translation_restates_the_lists_inherit_replaces(edition: editions.Edition) -> None:
    source, ours = raw_config(SOURCE.config), raw_config(edition.config)
    assert ours["INHERIT"] == SOURCE.config and ours["theme"] == {"language": edition.lang}
    assert ours["docs_dir"] == edition.docs_dir and ours["site_dir"] == f"site/{edition.lang}"
    # The plugins: the same, but the search language.
    assert without(ours["plugins"], "search") == without(source["plugins"], "search")
    assert option(ours["plugins"], "search") == {"lang": [edition.lang, "en"]}
    # The Markdown extensions: the same, but snippets read this edition's docs folder.
    extensions = "pymdownx.snippets"
    assert without(ours["markdown_extensions"], extensions) == without(
        source["markdown_extensions"], extensions
    )
    snippets = option(ours["markdown_extensions"], extensions)
    assert snippets == {
        **option(source["markdown_extensions"], extensions),
        "base_path": [edition.docs_dir],
    }
    # The nav: the same pages in the same order, titled in the edition's language.
    assert nav_files(ours["nav"]) == nav_files(source["nav"])


def test_every_page_in_the_nav_has_its_translation() -> None:
    generated = {"download.md", "gallery/index.md"}  # the hooks write these in each language
    for edition in TRANSLATIONS:
        for name in set(nav_files(raw_config(SOURCE.config)["nav"])) - generated:
            assert (edition.docs / name).is_file(), f"{edition.docs_dir}/{name}"


def test_blob_ids_are_gits(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"hello\n")
    assert editions.blob_id(page) == "ce013625030ba8dba906f756967f9e9ca394464a"  # git hash-object


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"no edition in language 'fr' \(editions: en, zh\)"):
        editions.by_language("fr")
