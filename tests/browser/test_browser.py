"""Every page in a real browser: clean console, local requests only, figures drawn, accessible."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from playwright.sync_api import Page

from figures import i18n
from figures.pipeline import embed

from .conftest import REPO, Site, Visit

pytestmark = pytest.mark.browser
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
MLP_ACCURACY = {"en": "accuracy: 1.0", "zh": "准确率: 1.0"}  # the XOR notebook's output


def settle(page: Page) -> None:
    """Scroll through the page so lazy images load, reach for every interactive figure as a
    reader would (the pointer over it), and wait until each is drawn."""
    page.wait_for_load_state("load")
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, int(height) + 900, 700):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    for figure in page.query_selector_all(".nn101-plotly[data-state='ready']"):
        figure.hover()
    page.wait_for_function(
        "[...document.querySelectorAll('.nn101-plotly')]"
        ".every(e => ['drawn', 'failed'].includes(e.dataset.state))",
        timeout=20000,
    )
    page.wait_for_load_state("networkidle")


def figure_problems(page: Page) -> list[str]:
    """Visible images that did not load, and interactive figures that did not draw."""
    return page.evaluate(
        """() => {
        const problems = [];
        for (const img of document.querySelectorAll('article img')) {
            const visible = img.offsetParent !== null;
            const loaded = img.complete && img.naturalWidth > 0;
            if (visible && !loaded) problems.push('image ' + img.src);
            if (!img.alt.trim()) problems.push('no alt text: ' + img.src);
        }
        for (const plot of document.querySelectorAll('.nn101-plotly')) {
            const traces = plot.querySelectorAll(
                '.main-svg .trace, .main-svg .contour, .main-svg .hm');
            if (plot.dataset.state !== 'drawn' || !traces.length) {
                problems.push('plot not drawn: ' + (plot.dataset.src || 'notebook output'));
            }
        }
        return problems;
    }"""
    )


def test_every_page_loads_cleanly_and_draws_its_figures(site: Site, visit: Visit) -> None:
    report: dict[str, list[str]] = {}
    for path in site.pages():
        visit.clear()
        visit.page.goto(site.url + path)
        settle(visit.page)
        problems = visit.problems() + figure_problems(visit.page)
        if problems:
            report[path or "/"] = problems
    assert report == {}


def test_figures_survive_instant_navigation(site: Site, visit: Visit) -> None:
    page = visit.page
    page.goto(site.url + "reference/api/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.click("a.md-header__button.md-logo")
    page.wait_for_url(site.url)
    settle(page)
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert figure_problems(page) == []
    assert page.locator(".nn101-plotly[data-state='drawn']").count() >= 1
    assert visit.problems() == []


def plotly_requests(page: Page) -> int:
    return int(
        page.evaluate(
            "performance.getEntriesByType('resource')"
            ".filter(r => r.name.includes('plotly-cartesian')).length"
        )
    )


def test_plotly_loads_only_when_a_reader_reaches_for_a_figure(site: Site, visit: Visit) -> None:
    page = visit.page
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(1500)
    # The facade: every interactive figure shows its static SVG and a start button, and no
    # byte of plotly.js has been fetched.
    assert plotly_requests(page) == 0
    figures = page.locator(".nn101-plotly")
    assert figures.count() >= 1
    assert page.locator(".nn101-plotly[data-state='ready'] img").count() >= 1
    assert page.locator(".nn101-plotly__start").count() == figures.count()
    figures.first.hover()
    page.wait_for_selector(".nn101-plotly[data-state='drawn']")
    assert plotly_requests(page) == 1
    # Later pages of the same visit draw their figures as they scroll into view, from the
    # plotly.js already loaded.
    page.evaluate("window.__sameDocument = true; document.querySelector('article').dataset.old = 1")
    page.click(f"a.md-nav__link[href='{site.url}activations/']")  # instant nav makes URLs absolute
    page.wait_for_url("**/activations/")
    page.wait_for_function(
        """() => {
            const figure = document.querySelector('article:not([data-old]) .nn101-plotly');
            if (figure) figure.scrollIntoView();
            return figure !== null && figure.dataset.state === 'drawn';
        }""",
        timeout=20000,
    )
    assert page.evaluate("window.__sameDocument === true")
    assert plotly_requests(page) == 1
    assert visit.problems() == []


def test_palette_toggle_switches_figures_to_dark(site: Site, visit: Visit) -> None:
    page = visit.page
    page.goto(site.url)
    settle(page)
    plot = ".nn101-plotly[data-state='drawn']"
    light_ink = page.evaluate(f'document.querySelector("{plot}").layout.font.color')
    page.click("label[for='__palette_1']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_timeout(300)
    settle(page)
    visible = page.evaluate(
        "[...document.querySelectorAll('article .nn101-figure img')]"
        ".filter(i => i.offsetParent !== null).map(i => i.getAttribute('src'))"
    )
    assert visible
    assert all(src.endswith("-dark.svg#only-dark") for src in visible), visible
    dark_ink = page.evaluate(f'document.querySelector("{plot}").layout.font.color')
    assert dark_ink != light_ink
    assert figure_problems(page) == []


def test_notebook_pages_show_executed_outputs(site: Site, visit: Visit) -> None:
    page = visit.page
    page.goto(site.url + "notebooks/train-xor/")
    settle(page)
    text = page.inner_text("article")
    assert MLP_ACCURACY[site.lang] in text
    assert page.locator(".nn101-plotly[data-state='drawn']").count() >= 2
    assert page.locator(".katex").count() >= 1  # the notebook's $...$ maths is typeset
    assert visit.problems() == []


def test_search_finds_the_activation_page_for_gelu(site: Site, visit: Visit) -> None:
    page = visit.page
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    page.click(".md-search__input")
    page.keyboard.type("GELU", delay=50)
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
    assert any("/activations/" in href for href in hrefs), hrefs


# What axe checks on every page: WCAG 2.0, 2.1 and 2.2 at levels A and AA plus axe's best
# practices. Run by tag, axe also runs the rules of those tags that it ships switched off
# (target-size, WCAG 2.2's 2.5.8); its experimental rules it runs only when named, so the ones
# for these levels are named here, except two: focus-order-semantics wants a landmark role on
# every wrapper that a11y.js makes focusable so keyboards can scroll it (a region per table
# and equation would bury the page's real landmarks), and hidden-content only lists elements
# for a person to review, never a violation. Deprecated rules stay off (axe retired them:
# duplicate-id tests WCAG 2.0's 4.1.1, which WCAG 2.2 removed).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "rules": {
        rule: {"enabled": True}
        for rule in ("p-as-heading", "table-fake-caption", "td-has-header", "css-orientation-lock")
    },
    "resultTypes": ["violations"],  # rules that pass still list their rule, without their nodes
}
# The rules issue #13 names: the run must include them, or "no violation" proves nothing.
AXE_REQUIRED = {"target-size", "landmark-unique", "empty-table-header", "color-contrast"}


def axe_violations(page: Page) -> tuple[list[str], set[str]]:
    """axe on the page as it is now: each violation as "rule (impact): its first targets", and
    the ids of every rule that ran."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (options) => {
        const results = await axe.run(document, options);
        const ran = [...results.violations, ...results.passes, ...results.incomplete,
                     ...results.inapplicable].map(r => r.id);
        const violations = results.violations.map(v => v.id + ' (' + v.impact + '): ' +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        return {violations, ran};
    }""",
        AXE_OPTIONS,
    )
    return found["violations"], set(found["ran"])


def test_no_accessibility_violations_of_any_impact(site: Site, visit: Visit) -> None:
    """axe finds nothing on any page, whatever the impact (minor and moderate included)."""
    report: dict[str, list[str]] = {}
    for path in site.pages():
        visit.page.goto(site.url + path)
        settle(visit.page)
        violations, ran = axe_violations(visit.page)
        assert ran >= AXE_REQUIRED, f"{path or '/'}: axe skipped {AXE_REQUIRED - ran}"
        if violations:
            report[path or "/"] = violations
    assert report == {}


def focused(page: Page) -> str:
    return str(
        page.evaluate(
            "(() => { const e = document.activeElement;"
            " if (e.id && e.id.startsWith('__palette')) return 'palette';"
            " if (e.closest('.nn101-controls')) return 'figure-control';"
            " if (e.classList.contains('nn101-plotly__start')) return 'figure-start';"
            " return e.tagName; })()"
        )
    )


def test_keyboard_reaches_the_palette_toggle_and_figure_controls(site: Site, visit: Visit) -> None:
    page = visit.page
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    reached = set()
    for _ in range(250):
        page.keyboard.press("Tab")
        reached.add(focused(page))
        if {"palette", "figure-start"} <= reached:
            break
    assert {"palette", "figure-start"} <= reached, reached
    # Focus on the start button loads the figure; focus then moves to its first control.
    page.wait_for_selector(".nn101-plotly[data-state='drawn']")
    page.wait_for_function("document.activeElement.closest('.nn101-controls') !== null")
    assert focused(page) == "figure-control"


@pytest.mark.parametrize("width", [375])
def test_narrow_screens_do_not_scroll_sideways(site: Site, visit: Visit, width: int) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    wide: dict[str, int] = {}
    for path in site.pages():
        page.goto(site.url + path)
        page.wait_for_load_state("load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[path or "/"] = scroll_width
    assert wide == {}


# Each visible figure image: the CSS pixels its smallest text gets, as shown (the image's shown
# width over its width in points, times the text's size in points from the manifest), of the
# layout the page chose (a <picture> serves the narrow one, <name>-narrow.svg, to phones: its
# size and text come in data attributes), and whether its figure scrolls sideways.
FIGURE_TEXT = """() => [...document.querySelectorAll('article .nn101-figure img')]
    .filter(img => img.offsetParent !== null)
    .map(img => {
        const figure = img.closest('.nn101-figure');
        const shown = img.getBoundingClientRect().width;
        const narrow = /-narrow(-dark)?[.]svg([?#]|$)/.test(img.currentSrc);
        const width = narrow ? img.dataset.nn101NarrowWidth : img.getAttribute('width');
        const textPt = (narrow ? img.dataset.nn101NarrowTextPt : img.dataset.nn101TextPt) || 0;
        return {id: figure.id, px: Number(textPt) * shown / (Number(width) * 72 / 96), narrow,
                scrolls: figure.scrollWidth > figure.clientWidth + 1};
    })"""
# Each drawn interactive figure of a chapter: plotly writes its text in CSS px (it does not
# scale the SVG), so its smallest visible text's computed font size is what the reader gets.
# (Notebook outputs are not figures of the pipeline: their size is the notebook's own.)
PLOTLY_TEXT = """() => [...document.querySelectorAll(
        'article .nn101-figure .nn101-plotly[data-state="drawn"]')]
    .map(plot => {
        const sizes = [...plot.querySelectorAll('.main-svg text')]
            .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
            .map(t => parseFloat(getComputedStyle(t).fontSize));
        const figure = plot.closest('.nn101-figure');
        return {id: figure.id + ' (interactive)', px: Math.min(...sizes),
                scrolls: figure.scrollWidth > figure.clientWidth + 1};
    })"""


def load_images(page: Page) -> None:
    """Scroll through the page so that every lazy image loads, and wait until all have."""
    page.wait_for_load_state("load")
    y = 0
    # The page grows as images above load, so its height is read again at every step.
    while y < int(page.evaluate("document.documentElement.scrollHeight")) + 700:
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(30)
        y += 700
    page.wait_for_function(
        "[...document.querySelectorAll('article img')]"
        ".every(img => img.offsetParent === null || img.complete)",
        timeout=20000,
    )


def draw_interactive(page: Page) -> None:
    """Reach for every interactive figure of the page, as a reader would, until each is drawn."""
    for plot in page.query_selector_all(".nn101-plotly[data-state='ready']"):
        plot.scroll_into_view_if_needed()
        plot.hover()
    page.wait_for_function(
        "[...document.querySelectorAll('.nn101-plotly')]"
        ".every(e => ['drawn', 'failed'].includes(e.dataset.state))",
        timeout=20000,
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_figure_text_is_at_least_9_css_px(site: Site, visit: Visit, width: int) -> None:
    """On a phone and on a desktop, no figure shows text below 9 px and none scrolls sideways:
    the static images (a phone gets a figure's narrow layout) and, once drawn, the plotly ones."""
    page = visit.page
    page.set_viewport_size({"width": width, "height": 900})
    measured: dict[str, float] = {}
    scrolling: set[str] = set()
    for path in site.pages():
        if path.startswith("gallery/"):
            continue  # the same images as in the chapters
        page.goto(site.url + path)
        load_images(page)  # a lazy image not loaded yet has no size to measure
        images = page.evaluate(FIGURE_TEXT)
        draw_interactive(page)
        for image in images + page.evaluate(PLOTLY_TEXT):
            measured[image["id"]] = min(image["px"], measured.get(image["id"], math.inf))
            if image["scrolls"]:
                scrolling.add(image["id"])
    assert len(measured) >= 20  # every static figure of the chapters, not none
    assert any(i.endswith("(interactive)") for i in measured)  # and the drawn plotly ones
    small = {figure: round(px, 1) for figure, px in measured.items() if px < 9 - 0.05}
    # The page column fits every figure at a legible size: a phone's gets the narrow layouts.
    assert (small, sorted(scrolling)) == ({}, []), measured


TABLE_COLUMNS = """() => {
    const table = document.querySelector('#fig-activations-properties table');
    const shown = [...table.querySelectorAll('thead th')].filter(th => th.offsetParent !== null);
    const box = table.closest('.md-typeset__scrollwrap') || table;
    return {columns: shown.length, fits: box.scrollWidth <= box.clientWidth + 1};
}"""


def test_property_table_opens_narrow_and_shows_all_columns_on_request(
    site: Site, visit: Visit
) -> None:
    page = visit.page
    page.goto(site.url + "activations/")
    page.wait_for_load_state("load")
    assert page.evaluate(TABLE_COLUMNS) == {"columns": 4, "fits": True}  # at 1280 px
    with i18n.using(site.lang):
        label = embed.text("table_all_columns")
    page.get_by_label(label).check()  # a labelled control: by keyboard too
    assert page.evaluate(TABLE_COLUMNS)["columns"] == 13


def test_axe_is_installed() -> None:
    assert Path(AXE).is_file(), "run `make setup` (npm ci) to install axe-core"
