"""The two editions in a real browser: the language switch keeps the page and the section, also
after instant navigation, and Chinese search finds whole words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .conftest import Book

pytestmark = pytest.mark.browser
# A query, and a page among its results: Chinese words segmented by jieba, the glossary's
# compounds kept whole.
QUERIES = {
    "权重": "perceptron/",
    "反向传播": "mlp/",
    "梯度消失": "training/",
    "激活函数": "activations/",
    "决策边界": "perceptron/",
    "预激活": "glossary/",
}


@pytest.fixture
def page(browser: Browser, book: Book) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def switch_to(page: Page, lang: str) -> None:
    """Open the language menu and pick ``lang``, as a reader does with the pointer."""
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang='{lang}']")


def test_the_switch_opens_the_same_page_at_the_same_section(page: Page, book: Book) -> None:
    page.goto(book.url + "activations/#sigmoid-and-tanh")
    switch_to(page, "zh")
    page.wait_for_url(book.url + "zh/activations/#sigmoid-and-tanh")
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.locator("h2#sigmoid-and-tanh").is_visible()
    switch_to(page, "en")
    page.wait_for_url(book.url + "activations/#sigmoid-and-tanh")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_switch_follows_instant_navigation(page: Page, book: Book) -> None:
    page.goto(book.url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.click(f"a.md-nav__link[href='{book.url}mlp/']")
    page.wait_for_url(book.url + "mlp/")
    assert page.evaluate("window.__sameDocument === true"), "not an instant navigation"
    switch_to(page, "zh")
    page.wait_for_url(book.url + "zh/mlp/")
    assert page.locator("h1").first.inner_text().startswith("多层感知机")


def test_the_404_page_switches_to_the_other_home_page(page: Page, book: Book) -> None:
    page.goto(book.url + "zh/404.html")
    assert page.evaluate("document.documentElement.lang") == "zh"
    switch_to(page, "en")
    page.wait_for_url(book.url)


@pytest.mark.parametrize("query", QUERIES)
def test_chinese_search_finds_whole_words(page: Page, book: Book, query: str) -> None:
    page.goto(book.url + "zh/")
    page.wait_for_load_state("networkidle")
    page.click(".md-search__input")
    # Chinese comes from an input method, as text without key presses (Playwright's type()
    # does the same); Material searches on key up, as when the reader confirms the word.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    results = page.eval_on_selector_all(
        ".md-search-result__item a", "as => as.map(a => [a.href, a.innerText])"
    )
    assert any(href.startswith(book.url + "zh/" + QUERIES[query]) for href, _ in results), results
    marked = page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.innerText)")
    assert query in marked  # the whole word is highlighted, not its characters one by one
