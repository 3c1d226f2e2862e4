"""What editors rely on besides the generator: the guide, the schema mapping, the hooks, CI."""

import json
import tomllib

import pytest
import yaml

from tests.conftest import DATA, ROOT
from tests.contributing_errors import CONTRIBUTING, with_error_table


def test_the_guide_explains_every_error_as_the_generator_reports_it(golden):
    golden(CONTRIBUTING, with_error_table(CONTRIBUTING.read_text(encoding="utf-8")))


@pytest.mark.plan
def test_the_data_file_says_what_it_is_and_how_to_check_it():
    head = DATA.read_text(encoding="utf-8").splitlines()[:12]
    assert head[0] == "# yaml-language-server: $schema=../schema/measures.schema.json"
    assert any("scripts/generate.py --check" in line for line in head)
    assert any("CONTRIBUTING.md" in line for line in head)


def test_editors_get_the_schema_in_vs_code():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schema/measures.schema.json": "data/measures.yaml"}


def test_pre_commit_runs_the_validator_on_the_data():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "python -m plansite.commands.generate --check" and hook["files"].startswith("^(data/")
    # The hook's own environment has only its additional dependencies, at the project's pins.
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert hook["additional_dependencies"] and set(hook["additional_dependencies"]) <= set(dependencies)


def test_workflows_check_pull_requests_and_deploy_main():
    pull_request = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", step.get("uses", "")) for step in pull_request["jobs"]["check"]["steps"]]
    assert "bash .ci/run" in steps and "make site" in steps and "actions/upload-artifact@v4" in steps
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert deploy[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    assert "actions/deploy-pages@v4" in [s.get("uses") for s in deploy["jobs"]["deploy"]["steps"]]
