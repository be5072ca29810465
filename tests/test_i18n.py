"""The one string path: the lookup itself, and every text a reader sees going through it.

The pseudo-translation test builds every figure with a catalogue that wraps each message in
«guillemets» and then reads back every text the figure draws: a string that reaches the page
without passing through ``figures.i18n`` shows up unwrapped, named with its figure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from figures import i18n
from figures.pipeline import embed, render
from figures.pipeline.discovery import REPO
from figures.table import Table
from nn101.activations import names

PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "epoch"
msgstr "轮次"

#, fuzzy
msgid "training loss"
msgstr "训练损失"

msgid "untranslated"
msgstr ""

msgid "{n} line chart"
msgid_plural "{n} line charts"
msgstr[0] "{n} 幅折线图"
"""


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "zz" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    return tmp_path


def test_english_is_the_message_itself() -> None:
    assert i18n.language() == "en"
    assert i18n._("epoch") == "epoch" and i18n.N_("epoch") == "epoch"
    assert i18n.ngettext("{n} line chart", "{n} line charts", 1) == "{n} line chart"
    assert i18n.ngettext("{n} line chart", "{n} line charts", 7) == "{n} line charts"


def test_a_catalogue_translates_and_falls_back_on_fuzzy_and_empty_entries(locales: Path) -> None:
    with i18n.using("zz"):
        assert i18n.language() == "zz"
        assert i18n._("epoch") == "轮次"
        assert i18n._("training loss") == "training loss"  # fuzzy: not trusted
        assert i18n._("untranslated") == "untranslated"
        assert i18n._("not in the catalogue") == "not in the catalogue"
        assert i18n.ngettext("{n} line chart", "{n} line charts", 7) == "{n} 幅折线图"
    assert i18n._("epoch") == "epoch"  # the block is over


def test_a_language_without_a_catalogue_is_english(locales: Path) -> None:
    with i18n.using("yy"):
        assert i18n._("epoch") == "epoch"


# --- every drawn text goes through the lookup --------------------------------------------------

OPEN, CLOSE = "«", "»"  # in DejaVu Sans, so matplotlib draws them without a missing-glyph warning
MATHS = re.compile(r"\$[^$]*\$|\\\(.*?\\\)")  # $...$ (mathtext) and \(...\) (KaTeX in tables)
MARKUP = re.compile(r"%\{[^}]*\}|<[^>]*>|&\w+;")  # plotly hover placeholders and HTML tags
WORD = re.compile(r"[A-Za-z]{2,}")  # a word; single letters are variables (x, n, k)


class PseudoCatalogue:
    """Every message, translated into «message» (placeholders and maths kept as they are)."""

    def get(self, message: object) -> object:
        if isinstance(message, tuple):
            return tuple(OPEN + form + CLOSE for form in message)
        return OPEN + str(message) + CLOSE


# Code, not prose: the property table's registry names and parameter settings (`alpha = 1`).
CODE = re.compile(r"^(?:\w+ = [\d.e+-]+(?:, \w+ = [\d.e+-]+)*|{})$".format("|".join(names())))


def needs_translation(text: str) -> bool:
    """Whether ``text`` holds words, outside maths and markup: numbers and formulas do not."""
    bare = MARKUP.sub(" ", MATHS.sub(" ", text))
    return WORD.search(bare) is not None and OPEN not in text and not CODE.match(text)


def matplotlib_texts(figure: Figure) -> Iterator[str]:
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text():
            yield artist.get_text()


PLOTLY_TEXT_KEYS = {"text", "name", "hovertemplate", "label", "prefix", "title", "hovertext"}


def plotly_texts(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from plotly_texts(v, k)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from plotly_texts(item, key)
    elif isinstance(value, str) and key in PLOTLY_TEXT_KEYS:
        yield value


def drawn_texts(built: Any) -> Iterator[str]:
    if isinstance(built, Figure):
        yield from matplotlib_texts(built)
    elif isinstance(built, Table):
        yield from built.columns
        yield from (cell for row in built.rows for cell in row)
    else:  # a plotly figure
        yield from plotly_texts(built.to_plotly_json())


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "catalogue", lambda lang, root: PseudoCatalogue())
    monkeypatch.setattr(i18n, "_plural_index", lambda lang, root, n: 0 if n == 1 else 1)


@pytest.mark.slow
@pytest.mark.usefixtures("pseudo")
def test_every_text_a_figure_draws_goes_through_the_lookup() -> None:
    untranslated: list[str] = []
    infos = render.all_infos()  # family captions are computed: under the pseudo catalogue too
    for info in infos:
        loaded = render.load_module(info.module)
        for function in ("build", "static", "narrow"):  # narrow: the phone layout
            builder = render._builder(loaded, function, info)
            if builder is None:
                continue
            for text in drawn_texts(render._themed(builder, "light")):
                if needs_translation(text):
                    untranslated.append(f"{info.id} ({function}): {text!r}")
    assert untranslated == []
    family = next(info for info in infos if info.id == "activations/family-other")
    assert family.caption.startswith(OPEN) and OPEN in family.alt


@pytest.mark.usefixtures("pseudo")
def test_captions_and_page_strings_go_through_the_lookup() -> None:
    from figures.pipeline import discovery, runner

    info = discovery.docstring_info(discovery.module_for("mlp/xor-boundaries"))
    assert runner._translated(info).caption == OPEN + info.caption + CLOSE
    for key in embed.STRINGS:
        assert embed.text(key).startswith(OPEN), key
    assert f'data-nn101-menu="{OPEN}Option {{n}}{CLOSE}"' in embed.page_attributes()


SCRIPTS = REPO / "docs" / "assets" / "javascripts"


def test_page_scripts_hold_no_words_of_their_own() -> None:
    """Their UI words arrive as data attributes of <body> (``embed.PAGE_STRINGS``)."""
    for script in sorted(SCRIPTS.glob("*.js")):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S)
        literals = re.findall(r'"([^"\\]*)"', code)
        # Identifiers, selectors, event and attribute names are code; a capitalised word, alone
        # or starting a phrase ("Explore", "Option ", "Code block"), is text a reader would see.
        words = [s for s in literals if re.fullmatch(r"[A-Z][a-z]+( .*)?", s)]
        assert words == [], script.name
    used = {
        m for s in SCRIPTS.glob("*.js") for m in re.findall(r'pageString\("(\w+)"', s.read_text())
    }
    declared = {
        "".join(part.capitalize() if i else part for i, part in enumerate(attr[5:].split("-")))
        for attr in embed.PAGE_STRINGS.values()
    }
    assert used <= declared


@pytest.mark.slow
def test_the_template_has_every_kind_of_message(tmp_path: Path) -> None:
    from babel.messages.pofile import read_po

    from figures.pipeline import messages

    out = tmp_path / "messages.pot"
    assert messages.main([str(out)]) == 0
    with out.open("rb") as handle:
        ids = {message.id for message in read_po(handle)}
    assert "Page not found" in ids  # a template
    assert "Explore interactively" in ids  # the embeds' strings
    assert "Sigmoid" in ids  # the registry's labels, asked for while figures are drawn
    assert ("{n} line chart", "{n} line charts") in ids  # a plural
    caption = "The sigmoid is a smooth step: σ(kz) approaches the step function as k grows."
    assert caption in ids  # a docstring


def test_an_edited_catalogue_is_read_again(locales: Path) -> None:
    """``mkdocs serve`` lives for hours: a translator's edit shows at the next rebuild."""
    po = locales / "zz" / "LC_MESSAGES" / "messages.po"
    with i18n.using("zz"):
        assert i18n._("epoch") == "轮次"
        po.write_text(PO.replace('"轮次"', '"回合"'), encoding="utf-8")
        stat = po.stat()
        os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later save
        assert i18n._("epoch") == "回合"


@pytest.mark.usefixtures("pseudo")
def test_the_download_page_and_the_notebooks_install_cell_go_through_the_lookup(
    tmp_path: Path,
) -> None:
    from devtools.harness import load_hook

    downloads, notebooks = load_hook("nn101_downloads"), load_hook("nn101_notebooks")
    names = downloads.release(REPO, "http://127.0.0.1:8000/")
    (tmp_path / names.wheel).write_bytes(b"wheel")
    (tmp_path / names.archive).write_bytes(b"archive")
    page = downloads.page_markdown(names, tmp_path / names.wheel, tmp_path / names.archive)
    prose, code = [], False
    for line in page.splitlines():
        code = code != line.startswith("```")
        if line and not code and not line.startswith("```"):
            prose.append(line.removeprefix("# ").removeprefix("## "))
    assert len(prose) == 9 and all(line.startswith(OPEN) for line in prose), prose
    cell = notebooks.install_cell(names.url(names.wheel), [])
    assert f"# {OPEN}" in cell
