"""The site hooks' own logic without a MkDocs build: build-time maths, lean notebook CSS, the
refusal of assets from other hosts."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import Parser
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc

from devtools.harness import load_hook
from figures.pipeline.discovery import REPO

maths = load_hook("nn101_math")
notebooks = load_hook("nn101_notebooks")
site_hook = load_hook("nn101_site")


def fake_page(src_uri: str = "chapter.md", markdown: str = "") -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), markdown=markdown)


@pytest.fixture(scope="module")
def katex() -> Any:
    renderer = maths.Katex()
    yield renderer
    renderer.close()


# --------------------------------------------------------------------------- build-time maths


def test_inline_and_display_maths_become_katex_html_and_mathml(katex: Any) -> None:
    html = (
        '<p>Let <span class="arithmatex">\\(a &lt; b\\)</span>.</p>'
        '<div class="arithmatex">\\[\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n\\]</div>'
    )
    out = maths.typeset(html, fake_page(), katex)
    assert "\\(" not in out and "\\[" not in out
    assert out.count('class="katex"') == 2  # inline, and display inside katex-display
    assert 'class="katex-display"' in out
    assert "<math" in out and "a &lt; b" in out  # the escaped "<" reached KaTeX as "<"
    assert out.startswith('<p>Let <span class="arithmatex"><span class="katex">')


def test_notebook_dollar_maths_is_typeset_but_code_is_left_alone(katex: Any) -> None:
    cell = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown">'
        "<p>Loss $\\log 2$ and $$x^2$$ but <code>echo $HOME $PATH</code> stays.</p></div>"
    )
    out = maths.typeset(cell, fake_page("notebooks/x.py"), katex)
    assert "$\\log 2$" not in out and "$$x^2$$" not in out
    assert out.count('class="katex"') == 2
    assert "<code>echo $HOME $PATH</code>" in out


def test_dollars_outside_notebook_markdown_cells_are_not_maths(katex: Any) -> None:
    text = "<p>It costs $5 and $6.</p>"
    assert maths.typeset(text, fake_page(), katex) == text


def test_maths_in_a_heading_gives_the_toc_and_search_text_not_tex(katex: Any) -> None:
    heading = (
        '<h2 id="why">Why <span class="arithmatex">\\(\\sigma\'(z) &lt; f\\)</span>'
        '<a class="headerlink" href="#why" title="Permanent link">&para;</a></h2>'
    )
    name = "Why \\(\\sigma'(z) &lt; f\\)"
    toc = get_toc([{"level": 2, "id": "why", "name": name, "children": []}])
    page = SimpleNamespace(file=SimpleNamespace(src_uri="c.md"), markdown="", toc=toc)
    out = maths.plain_headings(
        heading + '<p>Body <span class="arithmatex">\\(x\\)</span></p>', page, katex
    )
    (item,) = toc.items
    assert item.title == "Why σ′(z)&lt;f"  # MathML's text, escaped as a TOC title is
    assert "headerlink" not in item.typeset["title"]
    assert out.endswith('<p>Body <span class="arithmatex">\\(x\\)</span></p>')  # headings only
    parser = Parser()  # what Material's search plugin indexes as the section's title
    parser.feed(out)
    parser.close()
    assert "".join(parser.data[-1].title).strip() == "Why σ′(z)&lt;f"
    nav = f'<a class="md-nav__link"><span class="md-typeset">{item.typeset["title"]}</span></a>'
    final = maths.typeset(out + nav, page, katex)
    assert "\\(" not in final and "data-nn101-tex" not in final
    assert final.count('class="katex"') == 3  # the heading, the body and the TOC entry
    assert final.count(katex.render("\\sigma'(z) < f", False)) == 2  # the TeX, unescaped once


def test_a_formula_katex_rejects_names_page_line_and_formula(katex: Any) -> None:
    markdown = "# Title\n\nSome text\n\nBad \\(\\frac{1}{\\)\n"
    html = '<p>Bad <span class="arithmatex">\\(\\frac{1}{\\)</span></p>'
    with pytest.raises(PluginError, match=r"chapter\.md:5: KaTeX cannot typeset '\\\\frac\{1\}\{'"):
        maths.typeset(html, fake_page(markdown=markdown), katex)


def test_the_renderer_caches_what_it_has_typeset(
    katex: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = katex.render("x_1", False)
    asked: list[str] = []
    monkeypatch.setattr(katex, "_ask", lambda tex, display: asked.append(tex) or "")
    assert katex.render("x_1", False) == first
    assert asked == []  # served from the cache, Node was not asked again


def test_the_katex_stylesheet_keeps_only_its_woff2_sources() -> None:
    face = (
        '@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2"),'
        'url(fonts/KaTeX_Main-Regular.woff) format("woff"),'
        'url(fonts/KaTeX_Main-Regular.ttf) format("truetype")}'
    )
    assert maths.woff2_only(face) == (
        '@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}'
    )
    # A KaTeX that writes its fallbacks another way stops the build instead of shipping them.
    with pytest.raises(PluginError, match="woff/ttf font sources were not found"):
        maths.woff2_only(face.replace(' format("woff")', ""))


# --------------------------------------------------------------------------- notebook stylesheet


def test_purge_keeps_rules_the_page_can_match() -> None:
    css = (
        '@charset "UTF-8";.w{--x: 1}.w .used{color:red}.w .unused{color:blue}'
        ".w .used, .w .unused{margin:0}"
        ".w .cell:not(.active) .used{opacity:.5}"
        "@media (max-width: 10px){.w .unused{color:green}}"
        "@media print{.w .used{color:black}}"
        "@font-face{font-family:f;src:local(f)}"
        '.w .used::before{content:"{"}'
    )
    out = notebooks.purged(css, {"w", "used", "cell"}, set())
    assert out == (
        '@charset "UTF-8";.w{--x: 1}.w .used{color:red}'
        ".w .used{margin:0}"
        ".w .cell:not(.active) .used{opacity:.5}"
        "@media print{.w .used{color:black}}"
        "@font-face{font-family:f;src:local(f)}"
        '.w .used::before{content:"{"}'
    )


def test_purge_drops_selectors_that_never_match_and_repeated_rules() -> None:
    css = ".w :root{--a: 1}.w body{margin:0}.w html{x:y}.w{--b: 2}.w{--b: 2}"
    assert notebooks.purged(css, {"w"}, set()) == ".w{--b: 2}"


def test_purge_reads_comment_markers_inside_strings_as_text() -> None:
    css = (
        '.w .used::before{content:"/*"}.w .gone{color:red}/* a comment */'
        '.w .used::after{content:"*/"}.w [data-x=".gone"]{margin:0}'
    )
    assert notebooks.purged(css, {"w", "used"}, set()) == (
        '.w .used::before{content:"/*"}.w .used::after{content:"*/"}.w [data-x=".gone"]{margin:0}'
    )


def test_used_classes_are_read_from_elements_not_from_text() -> None:
    html = (
        "<div class='a b'><p class=c>x</p><pre>&lt;span class=\"d\"&gt;</pre>"
        '<span title=\'class="e"\' class="f">y</span></div>'
    )
    assert notebooks.used_classes(html) == {"a", "b", "c", "f"}


def test_purge_refuses_unbalanced_css() -> None:
    with pytest.raises(PluginError, match="unbalanced"):
        notebooks.purged(".w{color:red", {"w"}, set())


def test_notebook_page_gets_a_shared_stylesheet_and_no_cdn_loaders(tmp_path: Path) -> None:
    page = (
        "<html><head></head><body><article>"
        "<style>pre{line-height:1}</style>"
        "<style>/* theme */.jupyter-wrapper{--x: 1}.jupyter-wrapper .gone{color:red}</style>"
        "<!-- Load mathjax --><script src=''></script><!-- End of mathjax configuration -->"
        '<script type="module">import("https://cdn.example/mermaid.mjs")</script>'
        '<div class="jupyter-wrapper"><div id="cell-id=abc">x</div><div id="cell-id=def"></div>'
        "</div></article></body></html>"
    )
    config = SimpleNamespace(site_dir=str(tmp_path), docs_dir=str(REPO / "docs"))
    html_page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/a.py"), url="notebooks/a/")
    out = notebooks.on_post_page(page, html_page, config)
    assert "<style" not in out and "mathjax" not in out and "mermaid" not in out
    assert 'id="nb-cell-1"' in out and 'id="nb-cell-2"' in out
    (css_file,) = (tmp_path / "assets" / "stylesheets").glob("jupyter.*.css")
    assert f'<link rel="stylesheet" href="../../assets/stylesheets/{css_file.name}">' in out
    assert css_file.read_text(encoding="utf-8") == "pre{line-height:1}.jupyter-wrapper{--x: 1}\n"


def test_a_mermaid_diagram_in_a_notebook_fails_the_build() -> None:
    page = '<div class="jupyter-wrapper"><div class="jp-Mermaid"><pre class="mermaid">'
    html_page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/a.py"), url="notebooks/a/")
    with pytest.raises(PluginError, match=r"notebooks/a\.py: Mermaid"):
        notebooks.on_post_page(page, html_page, SimpleNamespace(site_dir="unused", docs_dir="docs"))


def translated_notebook_page(headings: list[str]) -> str:
    toc = "".join(f'<a href="#_{i}" class="md-nav__link">' for i, _ in enumerate(headings))
    body = "".join(
        f'<h2 id="">{text}<a class="anchor-link" href="#">¶</a></h2><p>…</p>' for text in headings
    )
    return f'<nav>{toc}</nav><a href="#_0">skip</a><div class="jupyter-wrapper">{body}</div>'


def test_a_translated_notebook_gets_the_english_heading_ids_by_position() -> None:
    english = notebooks.source_heading_ids(REPO / "docs" / "notebooks" / "train-xor.py")
    assert english[:2] == ["train-your-own-xor-network", "the-data"]
    chinese = [f"标题{i}" for i in range(len(english))]
    toc = [SimpleNamespace(id=f"_{i}", children=[]) for i in range(len(english))]
    page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/train-xor.py"), toc=toc)
    config = SimpleNamespace(docs_dir=str(REPO / "docs-zh"))
    out = notebooks._with_source_heading_ids(translated_notebook_page(chinese), page, config)
    assert re.findall(r'<h2 id="([^"]+)">', out) == english
    assert re.findall(r'anchor-link" href="#([^"]+)"', out) == english
    assert re.findall(r'href="#([^"]+)" class="md-nav__link"', out) == english
    assert f'<a href="#{english[0]}">skip</a>' in out
    with pytest.raises(PluginError, match=r"notebooks/train-xor\.py: 1 headings, but the English"):
        notebooks._with_source_heading_ids(translated_notebook_page(["一"]), page, config)


def test_pages_other_than_notebooks_are_untouched() -> None:
    page = "<style>.a{}</style><p>chapter</p>"
    html_page = SimpleNamespace(file=SimpleNamespace(src_uri="mlp.md"), url="mlp/")
    assert notebooks.on_post_page(page, html_page, SimpleNamespace(site_dir="unused")) == page


WHEEL_URL = "http://127.0.0.1:8000/downloads/nn101-0.1.0-py3-none-any.whl"


def test_ipynb_conversion_is_deterministic_and_drops_site_only_cells() -> None:
    source = REPO / "docs" / "notebooks" / "train-xor.py"
    first, second = notebooks.to_ipynb(source, WHEEL_URL), notebooks.to_ipynb(source, WHEEL_URL)
    assert first == second
    assert "use_site_renderer" in source.read_text() and "use_site_renderer" not in first


def test_the_downloaded_notebook_first_installs_nn101_from_the_wheel_url() -> None:
    import nbformat
    from IPython.core.inputtransformer2 import TransformerManager

    source = REPO / "docs" / "notebooks" / "train-xor.py"
    notebook = nbformat.reads(notebooks.to_ipynb(source, WHEEL_URL), as_version=4)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0].startswith("try:\n    import nn101\nexcept ImportError:")
    assert f'%pip install "{WHEEL_URL}" plotly' in code[0]  # the notebook draws with plotly
    assert "from nn101" in code[1]  # the reader's own first cell comes next
    # What IPython runs: the magic becomes a call inside the except branch, nothing at the top.
    python = TransformerManager().transform_cell(code[0])
    assert f"run_line_magic('pip', 'install \"{WHEEL_URL}\" plotly')" in python
    compile(python, "first-cell", "exec")


def test_prompts_are_numbered_from_one_after_the_hidden_cells() -> None:
    def prompt(kind: str, text: str) -> str:
        return f'<div class="jp-{kind}Prompt jp-{kind}Area-prompt">{text}</div>'

    # The site-only cell ran first (count 1) with its input removed: no prompt of its own.
    page = "".join(
        [
            prompt("Input", "In\xa0[2]:"),
            prompt("Output", "Out[2]:"),
            prompt("Input", "In\xa0[3]:"),
            "<pre>In [3]: printed text is not a prompt</pre>",
            prompt("Input", "In\xa0[&nbsp;]:"),  # a cell that never ran keeps its blank
            prompt("Input", "In&nbsp;[5]:"),
        ]
    )
    out = notebooks.renumbered_prompts(page)
    assert out == "".join(
        [
            prompt("Input", "In\xa0[1]:"),
            prompt("Output", "Out[1]:"),
            prompt("Input", "In\xa0[2]:"),
            "<pre>In [3]: printed text is not a prompt</pre>",
            prompt("Input", "In\xa0[&nbsp;]:"),
            prompt("Input", "In&nbsp;[3]:"),
        ]
    )


# --------------------------------------------------------------------------- other hosts' assets

LOADING_TAGS = {
    "<script src='https://a.example/s.js'></script>": "https://a.example/s.js",
    '<link rel="stylesheet" href="//b.example/s.css">': "//b.example/s.css",
    '<link rel="preconnect" href="https://c.example">': "https://c.example",
    '<IMG SRC="https://d.example/i.png" alt="">': "https://d.example/i.png",
    '<img src="i.png" srcset="i2.png 2x, https://e.example/i3.png 3x" alt="">': (
        "https://e.example/i3.png"
    ),
    '<source srcset="https://f.example/i.webp">': "https://f.example/i.webp",
    '<source src="https://g.example/v.mp4">': "https://g.example/v.mp4",
    '<iframe src="https://h.example/"></iframe>': "https://h.example/",
    '<video src="https://i.example/v.mp4"></video>': "https://i.example/v.mp4",
    '<video poster="https://j.example/p.jpg"></video>': "https://j.example/p.jpg",
    '<audio src="https://k.example/a.mp3"></audio>': "https://k.example/a.mp3",
    '<embed src="https://l.example/e.swf">': "https://l.example/e.swf",
    '<object data="https://m.example/o.pdf"></object>': "https://m.example/o.pdf",
    "<img src=http://n.example/unquoted.png alt=x>": "http://n.example/unquoted.png",
}


@pytest.mark.parametrize(("tag", "url"), LOADING_TAGS.items())
def test_external_urls_finds_every_kind_of_loading_tag(tag: str, url: str) -> None:
    assert site_hook.external_urls(f"<p>{tag}</p>", "site.example") == [
        (url, tag.split(">")[0] + ">")
    ]


def test_external_urls_ignores_links_own_host_and_what_no_browser_loads() -> None:
    html = (
        '<link rel="canonical" href="https://other.example/">'
        '<link rel=alternate href="//o.example/">'
        '<a href="https://other.example/">a link</a><img src="https://site.example/i.png" alt="">'
        '<img src="data:image/png;base64,AAAA" alt=""><img src="../i.png" alt="">'
        '<script>const html = "<img src=https://other.example/i.png>"</script>'
        '<!-- <img src="https://other.example/i.png"> --><code>&lt;img src="https://x.example/"&gt;</code>'
    )
    assert site_hook.external_urls(html, "site.example") == []


def test_an_external_asset_is_refused_naming_page_url_and_tag() -> None:
    html = '<p><img src="//cdn.example/logo.png" alt="A logo"></p>'
    config = SimpleNamespace(site_url="https://site.example/book/")
    with pytest.raises(
        PluginError,
        match=r"^x\.md: loads //cdn\.example/logo\.png from another "
        r'host: <img src="//cdn\.example/logo\.png" alt="A logo">$',
    ):
        site_hook.on_post_page(html, fake_page("x.md"), config)


editions_hook = load_hook("nn101_editions")


def edition_config(lang: str, site_url: str | None) -> Any:
    return SimpleNamespace(theme={"language": lang}, site_url=site_url, extra={}, docs_dir="x")


def test_a_translation_is_served_under_its_prefix_and_links_the_same_page() -> None:
    config = editions_hook.on_config(edition_config("zh", "https://site.example/book"))
    assert config.site_url == "https://site.example/book/zh/"
    assert config.extra["alternate"] is True  # the switch, without Material's head links
    assert editions_hook.on_config(config).site_url == "https://site.example/book/zh/"  # serve
    page = SimpleNamespace(url="mlp/")
    links = {a["lang"]: a for a in editions_hook.alternates(page, config)}
    assert links["en"]["href"] == "https://site.example/book/mlp/"
    assert links["zh"]["href"] == "https://site.example/book/zh/mlp/" and links["zh"]["current"]
    assert links["en"]["root"] == "https://site.example/book/" and not links["en"]["current"]
    homes = [a["href"] for a in editions_hook.alternates(None, config)]  # the 404 template
    assert homes == ["https://site.example/book/", "https://site.example/book/zh/"]


def test_search_learns_the_glossarys_chinese_compounds(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.md"
    glossary.write_text(
        "决策边界（decision boundary）\n:   …\n\nAdam 算法（Adam）\n:   …\n\n"
        "预激活（pre-activation）\n:   …\n",
        encoding="utf-8",
    )
    assert editions_hook.glossary_terms(glossary) == ["决策边界", "预激活"]
    real = editions_hook.glossary_terms(REPO / "docs-zh" / "glossary.md")
    assert {"决策边界", "预激活", "反向传播"} <= set(real) and len(real) > 30


# --------------------------------------------------------------------------- valid HTML


def test_material_markup_loses_its_invalid_attributes() -> None:
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_5" id="__nav_5_label" tabindex="">'
        '<label class="md-nav__link" for="__nav_6" tabindex="0">'
    )
    repaired = site_hook.valid_theme_markup(html)
    assert 'type="checkbox" id="__drawer">' in repaired
    assert '<input type="text" class="md-search__input" autocomplete="off">' in repaired
    assert 'tabindex=""' not in repaired and 'for="__nav_6" tabindex="0"' in repaired


def test_the_toc_title_labels_the_toggle_only_where_the_page_has_one() -> None:
    label = '<label class="md-nav__title" for="__toc">'
    in_nav = f'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">{label}'
    assert site_hook.valid_theme_markup(in_nav) == in_nav
    assert site_hook.valid_theme_markup(label) == '<label class="md-nav__title">'


def test_notebook_copy_buttons_lose_the_stray_comma_and_get_their_role() -> None:
    template = '<clipboard-copy for="cell-1", aria-label="Copy to Clipboard">'
    parsed = '<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-1">'
    for html in (template, parsed):
        repaired = notebooks.valid_copy_buttons(html)
        assert "," not in repaired
        assert 'role="button"' in repaired and 'for="cell-1"' in repaired
        assert 'aria-label="Copy to Clipboard"' in repaired
