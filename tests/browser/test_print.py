"""Printing a chapter (the browser's print to PDF), on both editions: every figure as its static
rendering in the light palette, even for a reader in the dark palette who has explored the
interactive figures; no navigation chrome or controls; no figure cut across pages."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import Page

from .conftest import Site, Visit
from .test_browser import draw_interactive

pytestmark = pytest.mark.browser
# A chapter with static, table and interactive figures, the page of interactive ones, and a
# notebook, whose outputs are plotly figures with an inline SVG preview.
PRINTED = ["activations/", "playground/", "notebooks/train-xor/"]
# Material's chrome and nn101's controls: none of them belongs on paper.
CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-footer",
    ".md-top",
    ".md-search",
    ".md-select",
    ".md-skip",
    ".md-content__button",
    ".md-code__nav",
    ".jupyter-wrapper .zeroclipboard-container",  # a notebook cell's copy button
]
CONTROLS = [
    ".nn101-controls",
    ".nn101-plotly__start",
    ".nn101-plotly .plot-container",
    ".nn101-table__all",
    ".nn101-table__all-label",
    ".nn101-figure__links",
]
SHOWN = "const shown = e => e.getClientRects().length > 0;"  # display: none has no boxes
# What the print shows of the page's figures.
PRINT_REPORT = (
    """([chrome, controls]) => {"""
    + SHOWN
    + """
    const report = {chrome: [], controls: [], images: [], figures: [], breaks: [], previews: []};
    for (const selector of chrome)
        if ([...document.querySelectorAll(selector)].some(shown)) report.chrome.push(selector);
    for (const selector of controls)
        if ([...document.querySelectorAll(selector)].some(shown)) report.controls.push(selector);
    for (const img of document.querySelectorAll('article .nn101-figure img')) {
        const src = img.currentSrc.split('/').slice(-2).join('/');
        const light = /[/][^/]+[.]svg#only-light$/.test(img.currentSrc)
            && !/-(dark|narrow)[.]svg/.test(img.currentSrc);
        if (shown(img) && !light) report.images.push('not the light wide image: ' + src);
    }
    for (const figure of document.querySelectorAll('article .nn101-figure')) {
        if (figure.matches('.nn101-figure--table')) continue;
        const images = [...figure.querySelectorAll('img')].filter(shown).length;
        if (images !== 1) report.figures.push(figure.id + ': ' + images + ' images shown');
        if (getComputedStyle(figure).breakInside !== 'avoid') report.breaks.push(figure.id);
    }
    for (const plot of document.querySelectorAll('article .nn101-plotly'))
        if (getComputedStyle(plot).breakInside !== 'avoid')
            report.breaks.push('interactive ' + (plot.dataset.src || 'notebook output'));
    for (const row of document.querySelectorAll('article .nn101-figure--table tr'))
        if (getComputedStyle(row).breakInside !== 'avoid') report.breaks.push('table row');
    for (const svg of document.querySelectorAll('article svg.nn101-preview')) {
        const [r, g, b] = getComputedStyle(svg).color.match(/[0-9.]+/g).map(Number);
        if (!shown(svg)) report.previews.push('notebook preview not shown');
        else if (Math.max(r, g, b) > 100) report.previews.push('pale ink: ' + [r, g, b]);
    }
    return report;
}"""
)
# Images shown that have not loaded (lazy ones the reader never scrolled to, say).
UNLOADED = (
    "() => {"
    + SHOWN
    + """return [...document.querySelectorAll('article img')]
        .filter(img => shown(img) && !(img.complete && img.naturalWidth > 0))
        .map(img => img.currentSrc || img.src); }"""
)
# The text and background colour of every element of the article, as printed.
COLOURS = """() => [...document.querySelectorAll('article *')]
    .filter(e => !e.closest('.plot-container'))
    .map(e => {
        const style = getComputedStyle(e);
        return (e.id || e.className.baseVal || e.className || e.tagName) + ' '
            + style.color + ' on ' + style.backgroundColor;
    })"""


def colours(page: Page) -> list[str]:
    """COLOURS, with the pointer at the same place each time (a hovered table row is shaded)."""
    page.mouse.move(0, 0)
    return list(page.evaluate(COLOURS))


def choose_palette(page: Page, scheme: str) -> None:
    """Click Material's palette toggle until the page is in ``scheme`` (default or slate)."""
    index = 1 if scheme == "slate" else 0
    page.click(f"label[for='__palette_{index}']")
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'")


def unloaded_images(page: Page, seconds: float = 15) -> list[str]:
    """The images still not loaded after ``seconds`` (none: as soon as that is so)."""
    deadline = time.monotonic() + seconds
    while True:
        missing: list[str] = page.evaluate(UNLOADED)
        if not missing or time.monotonic() > deadline:
            return missing
        page.wait_for_timeout(200)


def explored_in_dark_palette(site: Site, page: Page, path: str) -> None:
    """A reader in the dark palette who has drawn every interactive figure of ``path``, and
    has not scrolled the rest of the page into view."""
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    choose_palette(page, "slate")
    draw_interactive(page)
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("path", PRINTED)
def test_print_shows_light_static_figures_and_no_chrome(
    site: Site, visit: Visit, path: str
) -> None:
    page = visit.page
    explored_in_dark_palette(site, page, path)
    assert page.locator(".nn101-plotly[data-state='drawn']").count() >= 1
    page.emulate_media(media="print")
    assert unloaded_images(page) == []  # printing fetches every lazy image
    report: dict[str, Any] = page.evaluate(PRINT_REPORT, [CHROME, CONTROLS])
    assert report == {k: [] for k in report}, report
    dark = colours(page)
    # The same page printed from the light palette: every colour is the same.
    page.emulate_media(media="screen")
    choose_palette(page, "default")
    page.emulate_media(media="print")
    light = colours(page)
    assert len(dark) == len(light)
    pairs = zip(dark, light, strict=True)
    differ = [f"{seen}  (light: {want})" for seen, want in pairs if seen != want]
    assert not differ, differ[:5]
    assert visit.problems() == []


def pdf_pages(pdf: bytes) -> int:
    """The page objects in a PDF (Chromium writes each one's dictionary uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_a_printed_chapter_is_a_pdf_of_several_pages(site: Site, visit: Visit) -> None:
    page = visit.page
    explored_in_dark_palette(site, page, "activations/")
    page.emulate_media(media="print")
    assert unloaded_images(page) == []
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    # The chapter runs to a dozen A4 pages; one page would mean only a screenful was printed.
    assert pdf_pages(pdf) > 5
    # Back on screen, the reader has their own palette again.
    page.emulate_media(media="screen")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert visit.problems() == []
