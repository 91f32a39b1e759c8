"""Keep the README and the operator guide honest (the habit of datasette's tests/test_docs.py)."""

import re
from pathlib import Path

from kenes.env import DOCUMENTED

ROOT = Path(__file__).resolve().parent.parent


def test_it_starts_the_readme_with_the_two_commands_the_makefile_provides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    assert {"run", "test"} <= targets
    assert "kenes demo" in makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "pytest" in makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]


def test_it_runs_the_same_test_command_in_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.count("make test") >= 2
    assert "KENES_TEST_DATABASE_URL=" in ci


def test_it_documents_every_setting_in_the_operator_guide():
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    settings_source = (ROOT / "kenes" / "settings.py").read_text(encoding="utf-8")
    env_source = (ROOT / "kenes" / "env.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(KENES_[A-Z_]+)"', settings_source + env_source))
    assert used <= set(DOCUMENTED)
    for name in set(DOCUMENTED) | used:
        assert f"`{name}`" in guide, name


def test_it_documents_every_api_endpoint(client, db):
    guide = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        documented_path = re.sub(r"\{\w+\}", "{id}", path)
        for method in operations:
            assert f"{method.upper()} {documented_path}" in guide, f"{method.upper()} {path}"
