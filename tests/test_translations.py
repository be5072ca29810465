"""Translations kept in step with the English: ``devtools.translations`` (``make translations``).

The repository's own tree first, one test per kind of problem so that a failure says which;
then each kind detected on a small temporary tree; then CONTRIBUTING.md's recipe followed
literally in a temporary git repository, with the commands the recipe gives.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from devtools import translations
from devtools.translations import Problem, spacing_problems, structure_differences
from figures.editions import REPO, SOURCE, TRANSLATIONS, blob_id

ZH = TRANSLATIONS[0]


# --- The repository ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_problems() -> list[Problem]:
    return translations.file_problems(SOURCE.docs, ZH.docs)


def _of_kind(problems: list[Problem], kind: str) -> list[str]:
    return [str(problem) for problem in problems if problem.kind == kind]


@pytest.mark.parametrize(
    "kind", ["missing", "untracked", "stale", "leftover", "structure", "spacing"]
)
def test_the_zh_edition_has_no_problem_of_kind(real_problems: list[Problem], kind: str) -> None:
    assert _of_kind(real_problems, kind) == []


def test_the_zh_catalogue_translates_every_message_of_the_template() -> None:
    # The template is extracted as `make messages` does it, drawing every figure in memory:
    # the slowest test here (about two minutes), and the only one that needs the figures.
    po = REPO / "locales" / ZH.lang / "LC_MESSAGES" / "messages.po"
    assert translations.catalogue_problems(po, translations._template()) == []


def test_the_checks_cover_every_translated_page(real_problems: list[Problem]) -> None:
    # A check that silently skipped the tree would pass the tests above: make sure the files
    # it reads are the edition's, and that it reads a real page's spacing at all.
    names = translations.translated_files(SOURCE.docs)
    assert "activations.md" in names and "notebooks/train-xor.py" in names
    page = (ZH.docs / "activations.md").read_text(encoding="utf-8")
    joined = page.count("sigmoid 函数")
    assert joined > 0
    problems = spacing_problems(page.replace("sigmoid 函数", "sigmoid函数"), "x.md")
    assert len(problems) == joined


# --- A temporary tree --------------------------------------------------------------------

ENGLISH = """\
# Why non-linearity

Some text with `code`.

## The step function {#step}

{{ figure("perceptron/step") }}

## Sigmoid and tanh

{{ figure("activations/sigmoid") }}
"""

CHINESE = """\
---
source_blob: {blob}
---

# 为什么需要非线性 {{#why-non-linearity}}

一些带有 `code` 的文字。

## 阶跃函数 {{#step}}

{{{{ figure("perceptron/step") }}}}

## sigmoid 函数和 tanh 函数 {{#sigmoid-and-tanh}}

{{{{ figure("activations/sigmoid") }}}}
"""


def _tree(root: Path, *, chinese: str | None = None) -> tuple[Path, Path]:
    english, translated = root / "docs", root / "docs-zh"
    (english / "assets").mkdir(parents=True)
    translated.mkdir()
    (english / "page.md").write_text(ENGLISH, encoding="utf-8")
    (english / "assets" / "site.css").write_text("body {}\n", encoding="utf-8")
    text = chinese if chinese is not None else CHINESE
    (translated / "page.md").write_text(
        text.format(blob=blob_id(english / "page.md")), encoding="utf-8"
    )
    return english, translated


def test_a_faithful_translation_has_no_problem(tmp_path: Path) -> None:
    assert translations.file_problems(*_tree(tmp_path)) == []


def test_a_missing_translation_is_reported(tmp_path: Path) -> None:
    english, translated = _tree(tmp_path)
    (english / "other.md").write_text("# Other\n", encoding="utf-8")
    problems = translations.file_problems(english, translated)
    assert [(p.path, p.kind) for p in problems] == [("docs-zh/other.md", "missing")]


def test_a_translation_without_source_blob_is_untracked(tmp_path: Path) -> None:
    english, translated = _tree(tmp_path, chinese=CHINESE.replace("source_blob: {blob}", ""))
    assert [p.kind for p in translations.file_problems(english, translated)] == ["untracked"]


def test_a_changed_english_page_makes_its_translation_stale(tmp_path: Path) -> None:
    english, translated = _tree(tmp_path)
    recorded = blob_id(english / "page.md")
    (english / "page.md").write_text(ENGLISH + "\nA new paragraph.\n", encoding="utf-8")
    current = blob_id(english / "page.md")
    [problem] = translations.file_problems(english, translated)
    assert (problem.path, problem.kind) == ("docs-zh/page.md", "stale")
    assert problem.message.endswith(f"git diff {recorded} {current}")
    assert "docs/page.md" in problem.message


def test_a_translation_of_no_english_page_is_a_leftover(tmp_path: Path) -> None:
    english, translated = _tree(tmp_path)
    (translated / "old.md").write_text("# 旧页面 {#old}\n", encoding="utf-8")
    (translated / "assets").mkdir()
    (translated / "assets" / "site.css").write_text("", encoding="utf-8")  # assets are shared
    problems = translations.file_problems(english, translated)
    assert [(p.path, p.kind) for p in problems] == [("docs-zh/old.md", "leftover")]


def _structure(chinese: str) -> list[str]:
    return [p.message for p in structure_differences(ENGLISH, chinese, "docs-zh/page.md")]


def test_figures_swapped_in_a_translation_are_a_structure_problem() -> None:
    swapped = CHINESE.replace("perceptron/step", "TMP").replace(
        "activations/sigmoid", "perceptron/step"
    )
    swapped = swapped.replace("TMP", "activations/sigmoid").format(blob="0" * 40)
    [message] = _structure(swapped)
    assert "same order" in message and "activations/sigmoid" in message


def test_a_heading_id_other_than_the_english_is_a_structure_problem() -> None:
    # The English slug of "Sigmoid and tanh" is sigmoid-and-tanh; of the first heading,
    # why-non-linearity: toc's slugify, not the explicit ids alone.
    wrong = CHINESE.replace("{{#sigmoid-and-tanh}}", "{{#sigmoid}}").format(blob="0" * 40)
    assert _structure(wrong) == [
        "line 13: heading id {#sigmoid} differs from the English {#sigmoid-and-tanh}"
    ]


def test_a_heading_without_explicit_id_is_a_structure_problem() -> None:
    bare = CHINESE.replace(" {{#step}}", "").format(blob="0" * 40)
    [message] = _structure(bare)
    assert "'阶跃函数' has no explicit id" in message and "{#step}" in message


def test_a_missing_heading_is_a_structure_problem() -> None:
    fewer = CHINESE.replace("## 阶跃函数 {{#step}}\n", "").format(blob="0" * 40)
    assert "heading levels [1, 2] differ from the English [1, 2, 2]" in _structure(fewer)


def test_headings_inside_fenced_code_are_not_headings() -> None:
    fenced = ENGLISH + "\n```python\n# a comment, not a heading\n```\n"
    assert structure_differences(fenced, CHINESE.format(blob="0" * 40), "page.md") == []


NOTEBOOK = """\
# %% [markdown]
# # {title}
#
# {text}

# %%
print(1)

# %% [markdown]
# ## {section}

# %%
print(2)
"""


def test_a_notebook_keeps_its_cells_and_heading_levels() -> None:
    english = NOTEBOOK.format(title="Train", text="Some text.", section="Loss")
    chinese = NOTEBOOK.format(title="训练", text="一些文字。", section="损失")
    path = "docs-zh/notebooks/train.py"
    assert structure_differences(english, chinese, path) == []
    one_cell_less = chinese.replace("# %%\nprint(2)\n", "")
    assert [p.message for p in structure_differences(english, one_cell_less, path)] == [
        "1 code cells, the English has 2"
    ]
    demoted = chinese.replace("# ## 损失", "# ### 损失")
    [problem] = structure_differences(english, demoted, path)
    assert "heading levels [[1], [3]]" in problem.message


# --- The spacing rule, each case both ways --------------------------------------------------


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("使用 ReLU 函数", "使用ReLU 函数"),  # CJK next to a Latin letter
        ("使用 ReLU 函数", "使用 ReLU函数"),
        ("共 4 个点", "共4 个点"),  # a digit
        ("调用 `fit()` 即可", "调用`fit()` 即可"),  # inline code
        ("其中 $z$ 是预激活", "其中 $z$是预激活"),  # inline maths
        ("使用 ReLU 函数", "使用  ReLU 函数"),  # one space, not two
        ("它是线性的，因此", "它是线性的 ，因此"),  # nothing before full-width punctuation
        ("它是线性的，因此", "它是线性的， 因此"),  # nor after
        ("函数（ReLU）的", "函数 （ReLU）的"),
        ("“死亡”的单元", "“ 死亡”的单元"),
        ("大约 5% 到 12%", "大约 5 % 到 12%"),  # no space before %
        ("这是第一句。这是第二句。", "这是第一句。\n这是第二句。"),  # one line per paragraph
        ("**梯度**消失", "**梯度** 消失"),  # emphasis markers do not count
        ("权重 **w** 和", "权重**w** 和"),
        ("见[激活函数](activations.md)一章", "见 [激活函数](activations.md)一章"),
    ],
)
def test_the_spacing_rule(good: str, bad: str) -> None:
    assert spacing_problems(good) == []
    [problem] = spacing_problems(bad)
    assert problem.kind == "spacing" and problem.message.startswith("line 1: ")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Neural多\n---\n正文。",  # front matter
        "```python\nx=1  # 中文x\n```",  # fenced code
        "调用 `f(x)中文` 即可",  # inside inline code
        "其中 $\\text{中}x$ 是",  # inside maths
        "$$\nx中\n$$",  # display maths
        "见[页面](page中文x.md)",  # link targets
        '<span class="x中文">文字</span>',  # HTML tags and attributes
        "## 标题？ {#heading-id}",  # attribute lists
        "- （一）列表项",  # block markup before full-width punctuation
        "| 激活函数 | （有界） |",  # table pipes
        "第一段。\n\n第二段。",  # two paragraphs
        "- 第一项\n- 第二项",  # two list items
    ],
)
def test_the_spacing_rule_ignores_what_is_not_prose(text: str) -> None:
    assert spacing_problems(text) == []


def test_a_spacing_problem_names_its_line_and_shows_the_text() -> None:
    [problem] = spacing_problems("第一行。\n\n调用fit 即可\n", "docs-zh/page.md")
    assert problem.path == "docs-zh/page.md"
    assert problem.message == "line 3: one space between CJK and Latin: «调用fit 即可»"


def test_spacing_problems_of_a_notebook_are_in_its_markdown_cells(tmp_path: Path) -> None:
    notebook = NOTEBOOK.format(title="训练", text="用ReLU 训练。", section="损失")
    notebook += "# %%\nprint('代码x')  # 不检查\n"
    [problem] = spacing_problems(notebook, "docs-zh/notebooks/train.py")
    assert problem.message.startswith("line 4: ")


# --- The catalogue -----------------------------------------------------------------------


def _po(tmp_path: Path, entries: list[tuple[str | tuple[str, str], object, bool]]) -> Path:
    catalogue = Catalog(locale="zh", charset="utf-8")
    for msgid, msgstr, fuzzy in entries:
        flags = ["fuzzy"] if fuzzy else []
        catalogue.add(msgid, msgstr, flags=flags)  # type: ignore[arg-type]
    path = tmp_path / "messages.po"
    with path.open("wb") as handle:
        write_po(handle, catalogue)
    return path


def _template(*messages: str | tuple[str, str]) -> Catalog:
    template = Catalog()
    for message in messages:
        template.add(message)
    return template


def test_every_message_of_the_template_needs_a_translation(tmp_path: Path) -> None:
    po = _po(
        tmp_path,
        [
            ("training loss", "训练损失", False),
            ("epoch", "迭代周期", True),  # fuzzy: not a translation yet
            ("empty", "", False),
            (("{n} point", "{n} points"), ("",), False),
        ],
    )
    template = _template("training loss", "epoch", "empty", "absent", ("{n} point", "{n} points"))
    messages = [p.message for p in translations.catalogue_problems(po, template)]
    assert messages == [
        "fuzzy: msgid 'epoch'",
        "untranslated: msgid 'empty'",
        "untranslated: msgid 'absent'",
        "untranslated: msgid '{n} point'",
    ]


def test_catalogue_translations_follow_the_spacing_rule(tmp_path: Path) -> None:
    po = _po(
        tmp_path,
        [
            ("{n} correct", "{n}个正确", False),  # a placeholder is Latin text
            ("input x", "输入 x", False),
            ("f(z)", "f(z)中", False),  # maths: copied, not judged
        ],
    )
    template = _template("{n} correct", "input x", "f(z)")
    assert [p.message for p in translations.catalogue_problems(po, template)] == [
        "msgid '{n} correct': one space between CJK and Latin: «{n}个正确»"
    ]


# --- The command line, and CONTRIBUTING's recipe ----------------------------------------------


def test_make_translations_runs_the_module() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    rule = re.search(r"^translations: setup ## .+\n\t(.+)$", makefile, re.M)
    assert rule and rule[1] == "$(BIN)/python -m devtools.translations"


def test_the_summary_counts_each_kind() -> None:
    problems = [Problem("a", "stale", ""), Problem("b", "stale", ""), Problem("c", "spacing", "")]
    assert (
        translations.summary(problems, ZH, 3) == "3 problems in the zh edition: 2 stale, 1 spacing"
    )
    assert translations.summary([], ZH, 40) == "all 40 pages of the zh edition are up to date"


def _recipe_command(marker: str) -> str:
    """The one command CONTRIBUTING.md gives under ``<!-- recipe: marker -->``."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(rf"<!-- recipe: {marker} -->\s*```bash\n(.+?)\n\s*```", text, re.S)
    assert block, f"CONTRIBUTING.md lost its command for {marker!r}"
    return block[1].strip()


def _git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=nn101", "-c", "user.email=nn101@example.invalid"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout


def _run_recipe(repo: Path, command: str, page: str) -> str:
    return _git(repo, *shlex.split(command.replace("<page>", page))[1:])


def _record(page: Path, blob: str) -> None:
    text = re.sub(r"source_blob: [0-9a-f]{40}", f"source_blob: {blob}", page.read_text("utf-8"))
    page.write_text(text, encoding="utf-8")


def test_contributing_recipe_followed_literally(tmp_path: Path) -> None:
    record, check = _recipe_command("record the source"), _recipe_command("check")
    assert record.startswith("git ") and check == "make translations"
    english, translated = _tree(tmp_path)
    _git(tmp_path, "init", "--quiet")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "--quiet", "-m", "English page and its translation")
    # The recipe's source id is the one the tool compares with.
    recorded = _run_recipe(tmp_path, record, "page.md").strip()
    assert recorded == blob_id(english / "page.md")
    assert translations.file_problems(english, translated) == []

    # The English changes (and is committed); the translation is stale, with a command.
    (english / "page.md").write_text(
        ENGLISH.replace("Some text", "Some new text"), encoding="utf-8"
    )
    _git(tmp_path, "commit", "--quiet", "-am", "English: new text")
    [stale] = translations.file_problems(english, translated)
    assert stale.kind == "stale"
    command = re.search(r"git diff [0-9a-f]{40} [0-9a-f]{40}$", stale.message)
    assert command, stale.message
    diff = _git(tmp_path, *shlex.split(command[0])[1:])
    assert "-Some text with `code`." in diff and "+Some new text with `code`." in diff

    # Update per the recipe: translate the change, record the new source: clean again.
    page = translated / "page.md"
    page.write_text(page.read_text("utf-8").replace("一些", "一些新的"), encoding="utf-8")
    _record(page, _run_recipe(tmp_path, record, "page.md").strip())
    assert translations.file_problems(english, translated) == []
