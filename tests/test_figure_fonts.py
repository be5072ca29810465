"""Fonts per language: every character a Chinese figure can draw has a glyph (no tofu)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import matplotlib as mpl
import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.mathtext import MathTextParser

from figures import i18n, style

CATALOGUE = i18n.LOCALES / "zh" / "LC_MESSAGES" / "messages.po"
# Maths spans are set by mathtext in DejaVu Sans (mathtext.fontset), not by the font chain.
MATHS = re.compile(r"\$[^$]*\$")


def font_files(families: Iterable[str]) -> list[Path]:
    """The file matplotlib draws each family from; an error if a family resolves to none."""
    return [Path(font_manager.findfont(family, fallback_to_default=False)) for family in families]


def missing_glyphs(strings: Iterable[str], fonts: Iterable[Path]) -> dict[str, str]:
    """Characters of ``strings`` outside ``$…$`` that no font of ``fonts`` has a glyph for,
    each with the first string it occurs in. Control characters (line breaks) draw nothing."""
    covered: set[int] = set()
    for path in fonts:
        with TTFont(path, lazy=True) as font:
            covered |= set(font.getBestCmap())
    missing: dict[str, str] = {}
    for text in strings:
        for char in MATHS.sub("", text):
            if ord(char) not in covered and unicodedata.category(char) != "Cc":
                missing.setdefault(char, text)
    return missing


def catalogue_strings(path: Path) -> list[str]:
    """Every translated string of a catalogue (each plural form too)."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    strings: list[str] = []
    for message in catalogue:
        if message.id:
            forms = message.string if isinstance(message.string, tuple | list) else [message.string]
            strings += [form for form in forms if form]
    return strings


def test_english_keeps_dejavu_sans_alone() -> None:
    assert style.font_family("en") == ["DejaVu Sans"]
    with mpl.rc_context(style.theme("light")):
        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]


@pytest.mark.parametrize("theme", style.THEMES)
def test_chinese_figures_draw_noto_sans_sc_first_then_dejavu_sans(theme: str) -> None:
    with i18n.using("zh"), mpl.rc_context(style.theme(theme)):
        assert mpl.rcParams["font.family"] == ["Noto Sans SC", "DejaVu Sans"]
        assert mpl.rcParams["mathtext.fontset"] == "dejavusans"
    noto = style.SCRIPT_FONTS["zh"]
    assert [path.resolve() for path in font_files(["Noto Sans SC"])] == [noto.path().resolve()]


def test_every_chinese_string_has_a_glyph_in_the_zh_font_chain() -> None:
    strings = catalogue_strings(CATALOGUE)
    assert len(strings) > 100  # the whole catalogue, not an empty read
    assert missing_glyphs(strings, font_files(style.font_family("zh"))) == {}


def test_the_glyph_check_reports_a_character_outside_both_fonts() -> None:
    fonts = font_files(style.font_family("zh"))
    # Devanagari is in neither Noto Sans SC nor DejaVu Sans; inside maths it is not checked.
    strings = ["激活函数 क", "$क$ 权重"]
    assert missing_glyphs(strings, fonts) == {"क": "激活函数 क"}
    latin_only = font_files(["DejaVu Sans"])
    assert missing_glyphs(["权重 $w$"], latin_only) == dict.fromkeys("权重", "权重 $w$")


def drawn_fonts(text: str) -> dict[str, str]:
    """Which font file mathtext draws each character of ``text`` with, under the active rc."""
    parse = MathTextParser("path").parse(text, prop=font_manager.FontProperties())
    return {chr(code): Path(font.fname).name for font, _size, code, *_rest in parse.glyphs}


def test_chinese_next_to_mathtext_is_drawn_in_noto_sans_sc_not_boxes() -> None:
    noto = style.SCRIPT_FONTS["zh"].filename
    with i18n.using("zh"), mpl.rc_context(style.theme("light")):
        drawn = drawn_fonts("激活 $z$")
    assert drawn["激"] == drawn["活"] == noto
    assert drawn["z"] == "DejaVuSans-Oblique.ttf"  # the maths keeps its font
    # The check can fail: with DejaVu Sans first, mathtext draws a substitute symbol instead.
    zh_second = {"font.family": ["DejaVu Sans", "Noto Sans SC"]}
    with i18n.using("zh"), mpl.rc_context(style.theme("light")), mpl.rc_context(zh_second):
        assert "激" not in drawn_fonts("激活 $z$")


def test_interactive_figures_list_chinese_system_fonts_after_the_latin_stack() -> None:
    assert style.plotly_font("en") == style.PLOTLY_FONT
    zh = [name.strip() for name in style.plotly_font("zh").split(",")]
    latin = [name.strip() for name in style.PLOTLY_FONT.split(",")]
    assert zh[: len(latin) - 1] == latin[:-1]
    assert zh[len(latin) - 1 : -1] == [
        "PingFang SC",
        "Hiragino Sans GB",
        "Microsoft YaHei",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "WenQuanYi Micro Hei",
    ]
    assert zh[-1] == "sans-serif"  # the generic family last: a browser stops there
    with i18n.using("zh"):
        assert style.plotly_layout()["font"]["family"] == style.plotly_font("zh")
