"""The GitHub Actions workflows are hardened: zizmor finds nothing, every action is SHA-pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def zizmor() -> str:
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("zizmor is not installed in the venv: run `make setup`")
    return found


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_reports_nothing(persona: str) -> None:
    command = [
        zizmor(),
        "--offline",
        f"--persona={persona}",
        "--no-progress",
        str(REPO / ".github"),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_tag() -> None:
    assert WORKFLOWS, "no workflow files"
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+", line), line


def test_permissions_are_empty_at_the_top_and_no_expressions_run_in_shell() -> None:
    for workflow in WORKFLOWS:
        text = workflow.read_text()
        assert re.search(r"^permissions: \{\}$", text, re.M), workflow.name
        run_blocks = re.findall(r"run: (\|\n(?:\s{10,}.*\n)+|.*)", text)
        assert run_blocks
        assert not any("${{" in block for block in run_blocks), workflow.name
        assert text.count("persist-credentials: false") == text.count("actions/checkout@")
