"""The GitHub Actions workflows are hardened: zizmor finds nothing, every action is SHA-pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


def test_ci_runs_dot_ci_run_and_nothing_else() -> None:
    """CI is `bash .ci/run`: the job every push and pull request runs has no steps of its own
    beyond checking out, setting up Python and that one command, so what CI checks is what the
    script checks on any machine."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert "pull_request" in triggers and "push" in triggers
    ungated = [job for job in workflow["jobs"].values() if "if" not in job and "needs" not in job]
    assert ungated, "no job runs on every push and pull request"
    for job in ungated:
        runs = [step["run"].strip() for step in job["steps"] if "run" in step]
        assert runs == ["bash .ci/run"], runs
        uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
        assert uses == ["actions/checkout", "actions/setup-python"], uses
    script = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make lint$", script, re.M) and re.search(r"^make test$", script, re.M)
