"""The MkDocs site: a strict build embeds every figure and fails on unknown ids.

These tests build the real site with ``mkdocs build --strict`` in a subprocess (as ``make site``
does), into a temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

import figures
from devtools.harness import (
    build_book,
    edition_files,
    free_port,
    load_hook,
    mkdocs_env,
    serve,
    site_pages,
)
from figures import i18n, style
from figures.editions import EDITIONS, TRANSLATIONS, Edition, by_language
from figures.pipeline import activation_pages, embed, figure_ids
from figures.pipeline.discovery import REPO, module_for
from nn101.activations import get, names

pytestmark = pytest.mark.slow
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]
# mkdocs.yml's default, set so that a SITE_URL in the caller's environment cannot change it.
SITE_URL = "http://127.0.0.1:8000/"
site_hook = load_hook("nn101_site")
# The hooks mkdocs.yml lists, in its order: a config inheriting ours must list them again.
HOOKS = re.findall(r"^  - (hooks/\S+\.py)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


@pytest.fixture(scope="module")
def all_ids() -> list[str]:
    return figure_ids()


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [*MKDOCS, "--config-file", str(config), "--site-dir", str(site)]
    env = mkdocs_env(SITE_URL)
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, as ``make site`` builds it: English here, the Chinese edition in zh/."""
    out = tmp_path_factory.mktemp("site")
    result = build_book(out, env=mkdocs_env(SITE_URL))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module", params=[e.lang for e in EDITIONS])
def edition(request: pytest.FixtureRequest) -> Edition:
    return by_language(request.param)


@pytest.fixture(scope="module")
def site(book: Path, edition: Edition) -> Path:
    """One edition's root: every test of a built page runs on each edition."""
    return book / edition.prefix


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0  # inside <script>, <style> or <template>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


HIDDEN = ("script", "style", "template")


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: entities decoded, no tags, comments or scripts."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def docs_with(tmp_path: Path, page: str) -> Path:
    """A config inheriting ours, over a copy of docs/ with one extra page."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    (docs / "extra.md").write_text(page, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    hooks = ", ".join(str(REPO / hook) for hook in HOOKS)
    overrides = REPO / "overrides"  # paths in the parent config resolve against the child's
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {docs}\nhooks: [{hooks}]\n"
        f"theme:\n  name: material\n  custom_dir: {overrides}\n"
    )
    return config


def test_every_figure_module_is_embedded_by_some_page(all_ids: list[str]) -> None:
    pages = [p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md")]
    generated = [activation_pages.page_markdown(name) for name in names()]
    text = "\n".join([*pages, *generated, activation_pages.index_markdown()])
    embedded = {m["id"] for m in embed.EMBED_LINE.finditer(text)}
    assert set(all_ids) - embedded == set(), "figures no page embeds"
    assert embedded - set(all_ids) == set(), "pages embed unknown figures"


def test_home_page_embeds_the_seed_figures_with_both_themes(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for figure_id in ("activations/step-vs-sigmoid", "mlp/xor-boundaries"):
        name = figure_id.split("/", 1)[1]
        assert f'assets/figures/{figure_id}/{name}.svg#only-light"' in html
        assert f'assets/figures/{figure_id}/{name}-dark.svg#only-dark"' in html
        assert f'href="gallery/{figure_id}/"' in html
    assert 'data-src="assets/figures/activations/explorer/explorer.json"' in html
    assert "{{" not in html


def test_figure_files_and_plotly_are_served_locally(site: Path, all_ids: list[str]) -> None:
    for figure_id in all_ids:
        name = figure_id.split("/", 1)[1]
        folder = site / "assets" / "figures" / figure_id
        assert (folder / module_for(figure_id).path.name).is_file()
        outputs = {f"{name}.svg", f"{name}.json", f"{name}.html"}  # static, interactive, table
        assert any((folder / output).is_file() for output in outputs), figure_id
    bundle = (site / "assets" / "vendor" / "plotly-cartesian.min.js").read_text(encoding="utf-8")
    assert "contour" in bundle and "heatmap" in bundle  # trace types the cartesian bundle draws


def test_source_pages_show_script_and_rebuild_command(
    site: Path, edition: Edition, all_ids: list[str]
) -> None:
    for figure_id in all_ids:
        html = (site / "gallery" / figure_id / "index.html").read_text(encoding="utf-8")
        assert 'class="nn101-figure' in html
        assert '<span class="nf">build</span>' in html  # the script, syntax-highlighted
        text = visible_text(html)
        assert f"make setup\n.venv/bin/python -m figures build {figure_id}\n" in text
        assert f'href="{SITE_URL}{edition.prefix}downloads/nn101-0.1.0-src.tar.gz"' in html
        assert module_for(figure_id).path.read_text().splitlines()[0] in text
    gallery = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{figure_id}/"' in gallery for figure_id in all_ids)


def test_no_made_up_repository_links_without_repo_url(site: Path) -> None:
    html = (site / "gallery" / "mlp" / "xor-boundaries" / "index.html").read_text(encoding="utf-8")
    assert "github.com" not in html and "/blob/" not in html


def test_pages_load_nothing_from_other_hosts(site: Path) -> None:
    """The hook's own check, over every page as built (it refuses a page during the build)."""
    own = urlparse(SITE_URL).netloc
    external = {
        page.relative_to(site).as_posix(): site_hook.external_urls(page.read_text("utf-8"), own)
        for page in edition_files(site, "*.html")
    }
    assert {page: urls for page, urls in external.items() if urls} == {}
    assert len(external) > 40  # every page was read


def test_unknown_figure_id_fails_the_strict_build_naming_page_and_id(tmp_path: Path) -> None:
    config = docs_with(tmp_path, '# Extra\n\n{{ figure("mlp/no-such-figure") }}\n')
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.md: unknown figure id 'mlp/no-such-figure'" in result.stderr


def test_malformed_embed_fails_naming_the_line(tmp_path: Path) -> None:
    config = docs_with(tmp_path, "# Extra\n\ntext\n{{ figure(mlp/xor-boundaries) }}\n")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.md:4: malformed figure embed" in result.stderr


# What the XOR notebook prints, computed at build time: the perceptron's verdict, the MLP's
# accuracy, the hidden layer's check (each edition's notebook prints in its language).
XOR_OUTPUTS = {
    "en": ("converged: False", "accuracy: 1.0", "signs match the labels: True"),
    "zh": ("是否收敛: False", "准确率: 1.0", "符号与标签一致: True"),
}


def test_notebooks_are_executed_with_their_outputs(site: Path, edition: Edition) -> None:
    xor = visible_text((site / "notebooks" / "train-xor" / "index.html").read_text("utf-8"))
    for output in XOR_OUTPUTS[edition.lang]:
        assert output in xor
    page = (site / "notebooks" / "explore-activations" / "index.html").read_text("utf-8")
    assert page.count('class="nn101-plotly" data-figure=') == 1
    assert "use_site_renderer" not in page  # the site-only cell's input is hidden


def test_notebook_pages_have_stable_cell_ids(site: Path) -> None:
    html = (site / "notebooks" / "train-xor" / "index.html").read_text("utf-8")
    assert "cell-id=" not in html
    ids = re.findall(r'id="nb-cell-(\d+)"', html)
    assert ids == [str(i) for i in range(1, len(ids) + 1)]


def test_notebooks_download_as_ipynb_without_site_only_cells(site: Path) -> None:
    import nbformat

    for name in ("train-xor", "explore-activations"):
        text = (site / "notebooks" / f"{name}.ipynb").read_text("utf-8")
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
        sources = [cell.source for cell in notebook.cells]
        assert not any("use_site_renderer" in source for source in sources)
        assert any(source.startswith("from nn101") for source in sources) or any(
            "\nfrom nn101" in source for source in sources
        )
        assert all(cell.get("outputs", []) == [] for cell in notebook.cells)  # readers run it


def test_an_external_asset_fails_the_build_naming_page_and_url(tmp_path: Path) -> None:
    page = '# Extra\n\n<img src="https://example.org/logo.png" alt="A logo">\n'
    config = docs_with(tmp_path, page)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.md: loads https://example.org/logo.png from another host" in result.stderr


def test_skipping_the_figure_stage_reuses_built_figures(site: Path, tmp_path: Path) -> None:
    env = mkdocs_env(SITE_URL, NN101_SKIP_FIGURES="1")
    command = [*MKDOCS, "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "figures:" not in result.stderr  # the runner did not run
    assert (tmp_path / "site" / "assets" / "figures" / "mlp" / "xor-boundaries").is_dir()


def test_a_no_op_build_reports_every_figure_cached(site: Path, tmp_path: Path) -> None:
    result = mkdocs_build(REPO / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert " built\n" not in result.stderr  # the hook logs only figures it had to build
    results = figures.build()  # what the hook asked for, as objects
    assert {r.status for r in results} == {"cached"} and len(results) == len(figure_ids())


def test_maths_is_typeset_at_build_time(site: Path) -> None:
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in edition_files(site, "index.html")
    }
    for name, html in pages.items():
        assert "katex.min.js" not in html and "auto-render" not in html, name
        assert '<span class="arithmatex">\\(' not in html, name
    mlp = pages["mlp/index.html"]
    assert mlp.count('class="katex"') > 50 and "<math" in mlp
    assert 'rel="preload" href="../assets/vendor/katex/fonts/KaTeX_Main-Regular.woff2"' in mlp
    assert 'rel="preload"' not in pages["index.html"]  # one formula: no fonts before the figure
    notebook = pages["notebooks/train-xor/index.html"]
    assert "$\\log 2" not in notebook and 'class="katex"' in notebook


TOC_LINK = re.compile(
    r'<a href="[^"]*" class="md-nav__link">\s*<span class="md-ellipsis">.*?</span>\s*</a>', re.S
)
NON_LINEAR = '#why-a-network-needs-a-non-linear-f"'  # a heading with maths in its title
TEX = re.compile(r"\\[(\[]|\$")  # \( or \[ or a dollar: maths source, not maths


def test_no_toc_entry_or_search_title_shows_raw_tex(site: Path) -> None:
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in edition_files(site, "*.html")
    }
    entries = {name: TOC_LINK.findall(html) for name, html in pages.items()}
    assert sum(map(len, entries.values())) > 100  # the pattern still finds the nav's entries
    for name, links in entries.items():
        for link in links:
            shown = visible_text(re.sub(r"<annotation\b.*?</annotation>", "", link, flags=re.S))
            assert not TEX.search(shown), f"{name}: TOC entry {shown.strip()!r}"
    heading = next(link for link in entries["activations/index.html"] if NON_LINEAR in link)
    assert 'class="katex"' in heading  # the TOC shows the heading's maths typeset
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    entry = next(doc for doc in index["docs"] if doc["location"].endswith(NON_LINEAR[:-1]))
    assert entry["title"].endswith(" f")  # its $f$ shown as the letter, in either edition
    assert [title for title in titles if TEX.search(title)] == []


def test_a_formula_katex_cannot_parse_fails_the_build_naming_file_and_line(tmp_path: Path) -> None:
    config = docs_with(tmp_path, "# Extra\n\nFine \\(x\\).\n\nBroken \\(\\frac{1}{\\).\n")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.md:5: KaTeX cannot typeset" in result.stderr


def test_notebook_pages_link_one_lean_stylesheet_and_no_cdn_loader(site: Path) -> None:
    for name in ("train-xor", "explore-activations"):
        html = (site / "notebooks" / name / "index.html").read_text(encoding="utf-8")
        assert "mermaid" not in html.lower() and "mathjax" not in html.lower()
        assert all(len(style) < 2000 for style in re.findall(r"<style.*?</style>", html, re.S))
        (href,) = re.findall(r'href="\.\./\.\./(assets/stylesheets/jupyter\.\w+\.css)"', html)
        assert (site / href).stat().st_size < 60_000


def test_figure_source_pages_stay_out_of_the_search_index(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "mlp/" in locations and "gallery/" in locations
    assert not [loc for loc in locations if loc.startswith("gallery/") and loc != "gallery/"]


def test_api_entries_list_the_figures_that_use_them(site: Path) -> None:
    html = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")

    def figures_of(entry: str) -> str:
        after = html.split(f'id="{entry}"', 1)[1]
        heading_end = after.index("</h3>")
        assert after[heading_end:].startswith('</h3><p class="nn101-backrefs">'), entry
        return after[heading_end:].split("</p>", 1)[0]

    relative_error = figures_of("nn101.gradcheck.relative_error")
    assert '<a href="../../gallery/mlp/gradient-check/">mlp/gradient-check</a>' in relative_error
    assert "mlp/xor-boundaries" in figures_of("nn101.mlp.MLP")


def test_every_page_hands_its_scripts_their_words_and_the_404_is_a_message(
    site: Path, edition: Edition
) -> None:
    """The page scripts hold no words (tests/test_i18n.py): each page's <body> carries them."""
    assert 'data-nn101-code-block="Code block {n}"' in embed.page_attributes()
    with i18n.using(edition.lang):
        attributes, not_found = embed.page_attributes(), i18n._("Page not found")
    pages = [p for p in edition_files(site, "*.html") if "assets" not in p.relative_to(site).parts]
    assert len(pages) > 40
    for page in pages:  # (assets/ holds the table figures' HTML fragments, not pages)
        body = re.search(r"<body[^>]*>", page.read_text(encoding="utf-8"))
        assert body and attributes in body[0], page
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert f"<h1 data-nn101-not-found>{not_found}</h1>" in missing
    assert f'href="{SITE_URL}{edition.prefix}gallery/"' in missing


def test_every_activation_has_its_page_with_figure_formula_and_torch_module(
    site: Path, edition: Edition
) -> None:
    function = figures.load_module("activations/function")
    with i18n.using(edition.lang):
        labels = {name: style.activation_label(name) for name in names()}
        in_pytorch = i18n._(activation_pages.TEXT["pytorch"])
        catalogue = i18n._(activation_pages.TEXT["index_title"])
    for name in names():
        html = (site / "activations" / name / "index.html").read_text(encoding="utf-8")
        act = get(name)
        figure_id = function.figure_id(name)
        suffix = figure_id.split("/", 1)[1]
        assert f'src="../../assets/figures/{figure_id}/{suffix}.svg#only-light"' in html, name
        assert html.count('class="katex-display"') >= 2, name  # f and f′, typeset
        text = visible_text(html)
        assert labels[name] in text and in_pytorch in text, name
        assert (act.torch_call or "torch.nn") in text, name
    index = (site / "activations" / "catalogue" / "index.html").read_text(encoding="utf-8")
    for name in names():
        assert f'href="../{name}/"' in index, name
    chapter = (site / "activations" / "index.html").read_text(encoding="utf-8")
    assert 'href="catalogue/"' in chapter and 'href="relu6/"' in chapter  # links to the pages
    primary = chapter.index('<nav class="md-nav md-nav--primary"')
    nav = chapter[primary : chapter.index('<div class="md-sidebar md-sidebar--secondary"')]
    assert catalogue in nav and 'href="leaky_relu/"' in nav


def test_a_prose_file_for_no_activation_fails_the_build_naming_it(tmp_path: Path) -> None:
    config = docs_with(tmp_path, "# Extra\n")
    (tmp_path / "docs" / "includes" / "activations" / "relu7.md").write_text("Prose.\n")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "relu7.md: no activation 'relu7' in the registry" in result.stderr


# --------------------------------------------------------------------------- runnable from the site

WHEEL = "nn101-0.1.0-py3-none-any.whl"
ARCHIVE = "nn101-0.1.0-src.tar.gz"


def test_notebook_pages_number_their_first_visible_cell_one(site: Path) -> None:
    for name in ("train-xor", "explore-activations"):
        html = (site / "notebooks" / name / "index.html").read_text("utf-8")
        shown = re.findall(r'<div class="jp-InputPrompt[^"]*">In\xa0\[(\d+)\]:', html)
        assert shown == [str(i) for i in range(1, len(shown) + 1)] and len(shown) > 4, name


def test_the_download_page_offers_the_wheel_and_the_archive(site: Path, edition: Edition) -> None:
    html = (site / "download" / "index.html").read_text("utf-8")
    for name in (WHEEL, ARCHIVE):
        assert f'href="../downloads/{name}"' in html and (site / "downloads" / name).is_file()
    text = visible_text(html)
    assert f"pip install {SITE_URL}{edition.prefix}downloads/{WHEEL}" in text
    assert hashlib.sha256((site / "downloads" / WHEEL).read_bytes()).hexdigest() in text


def test_every_edition_serves_the_same_downloads(book: Path) -> None:
    for edition in TRANSLATIONS:
        for name in (WHEEL, ARCHIVE):
            ours = (book / edition.prefix / "downloads" / name).read_bytes()
            assert ours == (book / "downloads" / name).read_bytes(), (edition.lang, name)


def test_the_wheel_installs_from_the_served_site_into_a_fresh_venv(
    book: Path, tmp_path: Path
) -> None:
    """As a reader installs it: pip and a URL. Offline: numpy and scipy come from this venv's
    site-packages (a .pth file), not from the package index."""
    site = book  # the English edition's: every edition serves the same files (test above)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    with serve(site, free_port()) as url:
        command = [str(python), "-m", "pip", "install", "--no-index", "--no-deps", "--quiet"]
        result = subprocess.run(
            [*command, f"{url}downloads/{WHEEL}"], capture_output=True, text=True, check=False
        )
    assert result.returncode == 0, result.stderr
    script = (
        "import nn101; from nn101.datasets import logic_gate; from nn101.mlp import MLP\n"
        "X, y = logic_gate('xor')\n"
        "model = MLP([2, 4, 1], activation='tanh', output='sigmoid', seed=0)\n"
        "model.fit(X, y, epochs=500, learning_rate=0.05, optimizer='adam')\n"
        "print(nn101.__file__); print((model.predict(X) == y).mean())\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    ran = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert ran.returncode == 0, ran.stderr
    location, accuracy = ran.stdout.split()
    assert Path(location).is_relative_to(purelib)  # the wheel's nn101, not the editable install
    assert accuracy == "1.0"  # what the XOR notebook prints


def rebuild_commands(page: str) -> list[str]:
    """The lines of the code block under a figure source page's "Rebuild it" heading."""
    section = page.split('id="rebuild-it"', 1)[1].split("<h2", 1)[0]
    block = re.search(r"<pre.*?</pre>", section, re.S)
    assert block is not None
    return visible_text(block[0]).strip().splitlines()


def test_a_figure_rebuilds_from_the_archive_with_its_source_page_commands(
    book: Path, tmp_path: Path
) -> None:
    site = book  # the English edition's: every edition serves the same files (test above)
    figure_id = "activations/step-vs-sigmoid"
    page = (site / "gallery" / figure_id / "index.html").read_text("utf-8")
    unpack, enter, setup, rebuild = rebuild_commands(page)
    assert setup == "make setup"
    with serve(site, free_port()) as url, urlopen(f"{url}downloads/{ARCHIVE}") as response:
        (tmp_path / ARCHIVE).write_bytes(response.read())
    subprocess.run(["bash", "-c", unpack], cwd=tmp_path, check=True)
    tree = tmp_path / enter.removeprefix("cd ")
    # `make setup` would download the locked packages; stand in a .venv/bin/python that is this
    # venv's Python reading the unpacked sources, so the page's last command runs as written.
    wrapper = tree / ".venv" / "bin" / "python"
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text(
        f'#!/bin/sh\nPYTHONPATH="{tree / "src"}:{tree}" exec "{sys.executable}" "$@"\n'
    )
    wrapper.chmod(0o755)
    env = {k: v for k, v in mkdocs_env().items() if k not in ("NN101_FIGURES_OUT", "PYTHONPATH")}
    result = subprocess.run(
        ["bash", "-c", rebuild], cwd=tree, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    name = figure_id.split("/")[1]
    rebuilt = tree / "build" / "figures" / "en" / figure_id / f"{name}.svg"
    served = site / "assets" / "figures" / figure_id / f"{name}.svg"
    assert rebuilt.read_bytes() == served.read_bytes()  # the archive draws the same figure


def page_ids(html: str) -> tuple[list[str], list[str]]:
    """A page's figures (by id, in order) and its headings' ids, in order."""
    article = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    figures_shown = re.findall(
        r'<figure class="nn101-figure[^"]*"[^>]*\bid="figure-([^"]+)"', article
    )
    headings = re.findall(r'<h[1-6][^>]*\bid="([^"]+)"', article)
    return figures_shown, headings


def test_every_page_has_its_translation_with_the_same_figures_and_heading_ids(book: Path) -> None:
    english, chinese = site_pages(book), site_pages(book / "zh")
    assert english == chinese
    differ = {}
    for path in english:
        en = page_ids((book / path / "index.html").read_text("utf-8"))
        zh = page_ids((book / "zh" / path / "index.html").read_text("utf-8"))
        if en != zh:
            differ[path or "/"] = (en, zh)
    assert differ == {}
    assert (book / "zh" / "404.html").is_file()


def test_chinese_pages_say_so_and_name_their_alternates(book: Path) -> None:
    for path in site_pages(book / "zh"):
        html = (book / "zh" / path / "index.html").read_text("utf-8")
        assert '<html lang="zh"' in html, path
        assert f'href="{SITE_URL}{path}" hreflang="en"' in html, path
        assert f'href="{SITE_URL}zh/{path}" hreflang="zh"' in html, path
    assert '<html lang="zh"' in (book / "zh" / "404.html").read_text("utf-8")
    for prefix in ("", "zh/"):
        sitemap = (book / prefix / "sitemap.xml").read_text("utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        alternates = re.findall(r'hreflang="(en|zh)" href="([^"]+)"', sitemap)
        assert len(locs) == len(site_pages(book)) and len(alternates) == 2 * len(locs)
        for _, url in alternates:
            assert (book / url.removeprefix(SITE_URL) / "index.html").is_file(), url


def test_chinese_search_index_keeps_the_glossary_terms_whole(book: Path) -> None:
    index = json.loads((book / "zh" / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh", "en"]
    text = "\n".join(doc["text"] for doc in index["docs"])
    for term in ("决策边界", "预激活", "反向传播", "梯度消失"):
        assert f"\u200b{term}\u200b" in text, term  # one token, between segment separators
    assert "决策\u200b边界" not in text and "预\u200b激活" not in text


# The Nu Html Checker (npm's vnu-jar, pinned in package.json), the W3C's HTML5 conformance
# checker; it runs on Java, which `.ci/run` installs when a machine has none.
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING_JAVA = (
    "no `java` on PATH: the Nu Html Checker needs a Java runtime "
    "(`apt-get install default-jre-headless`, as .ci/run does)"
)
SHOWN_ERRORS = 30


def nu_errors(files: list[Path]) -> list[dict[str, object]]:
    """The Nu Html Checker's errors over ``files``, in one JVM: its JSON messages of type error
    (``--errors-only`` leaves warnings out), each with its file ``url`` and ``lastLine``."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(MISSING_JAVA)
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: `npm ci` installs vnu-jar from package-lock.json")
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    # vnu writes its report to stderr; exit status 1 means "errors found", anything else failed.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    messages: list[dict[str, object]] = json.loads(result.stderr)["messages"]
    assert all(m["type"] == "error" for m in messages), "vnu ignored --errors-only"
    return messages


def readable(messages: list[dict[str, object]], root: Path) -> str:
    """The first ``SHOWN_ERRORS`` messages as ``file:line: message``, one a line."""
    lines = [
        f"{Path(urlparse(str(m.get('url', ''))).path).relative_to(root)}:{m.get('lastLine', '?')}:"
        f" {m['message']}"
        for m in messages[:SHOWN_ERRORS]
    ]
    more = len(messages) - SHOWN_ERRORS
    return "\n".join([*lines, *([f"... and {more} more"] if more > 0 else [])])


def test_every_page_is_valid_html(site: Path) -> None:
    """Every page of the edition, its inline figures, tables and notebook previews included,
    passes the Nu Html Checker with no error. (The table figures' HTML fragments under assets/
    are not pages: each is checked where a page embeds it.)"""
    pages = [p for p in edition_files(site, "*.html") if "assets" not in p.relative_to(site).parts]
    assert len(pages) > 40 and site / "404.html" in pages
    errors = nu_errors(sorted(pages))
    assert not errors, f"{len(errors)} HTML errors:\n{readable(errors, site.resolve())}"


def test_the_html_checker_reports_a_known_error_with_its_line(tmp_path: Path) -> None:
    """The check above cannot pass by seeing nothing: vnu finds a bad page and passes a good one."""
    good = '<!DOCTYPE html>\n<html lang="en">\n<head><title>t</title></head>\n<body>\n'
    (tmp_path / "good.html").write_text(good + "<p>fine</p>\n</body>\n</html>\n")
    bad_body = '<input type="checkbox" id="x">\n<label for="x" tabindex="">x</label>\n'
    (tmp_path / "bad.html").write_text(good + bad_body + "</body>\n</html>\n")
    errors = nu_errors([tmp_path / "good.html", tmp_path / "bad.html"])
    assert [(Path(urlparse(str(m["url"])).path).name, m["lastLine"]) for m in errors] == [
        ("bad.html", 6)
    ]
    assert "tabindex" in str(errors[0]["message"])
    assert "bad.html:6: Bad value" in readable(errors, tmp_path.resolve())
