"""docs/api.md's five-minute walkthrough, run as written: bash and curl against a live server with the demo's data.

The test changes only what the reader changes: the ``KENES=`` line becomes the live server's address
and ``TOKEN=kenes_…`` the key the token command printed. That command (``kenes manage
create_api_token …``) runs in this process with the same arguments, because a ``kenes`` started from a
shell would open another database than the live server's. Every other block runs in one bash, in
order, and each output the page shows must appear in what the block printed (``…`` stands for
anything; shown lines in order, others may be between them).
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
SECTION = "## Five minutes with the API"
MARK = "@@walkthrough-block"


def _steps() -> list[list]:
    """``[command, shown output or None]`` for each ``sh`` block of the section, in order."""
    section = DOC.read_text(encoding="utf-8").split(SECTION, 1)[1].split("\n## ", 1)[0]
    steps: list[list] = []
    for language, body in re.findall(r"^```(\w+)\n(.*?)^```", section, re.S | re.M):
        if language == "sh":
            steps.append([body, None])
        elif language == "text":
            assert steps and steps[-1][1] is None, "an output block must follow a command block"
            steps[-1][1] = body
    return steps


def _missing_line(shown: str, printed: str) -> str | None:
    """The first shown line not found, in order, among the printed ones (None when all are)."""
    lines, position = [line.rstrip() for line in printed.splitlines()], 0
    for wanted in shown.splitlines():
        if wanted.strip() in ("", "…"):
            continue
        pattern = re.compile(".*?".join(re.escape(part) for part in wanted.rstrip().split("…")), re.S)
        while position < len(lines) and not pattern.fullmatch(lines[position]):
            position += 1
        if position == len(lines):
            return wanted
        position += 1
    return None


def _run_token_command(command: str) -> str:
    words = shlex.split(command)
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        words.pop(0)  # KENES_DATA_DIR=…: where the reader's server keeps its data; here, the test's database
    assert words[:2] == ["kenes", "manage"], command
    output = io.StringIO()
    call_command(*words[2:], stdout=output)
    return output.getvalue()


def _script(steps, address: str, key: str) -> str:
    parts, substituted = [], []
    for index, (command, _shown) in enumerate(steps):
        if "kenes manage" in command:
            continue
        command, found = re.subn(r"^KENES=\S+$", f"KENES={address}", command, flags=re.M)
        command, tokens = re.subn(r"^TOKEN=kenes_…$", f"TOKEN={key}", command, flags=re.M)
        substituted += ["address"] * found + ["token"] * tokens
        parts.append(f"echo {MARK} {index}\n{command}")
    assert substituted == ["address", "token"], "the page must set KENES= first and TOKEN=kenes_… once"
    # A command that fails anywhere in a block stops the walkthrough, as it would stop a reader.
    return "set -e\n" + "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_the_five_minute_walkthrough_runs_as_written(live_server, tmp_path):
    # Missing tools fail the test, never skip it: the page tells readers they need them.
    assert shutil.which("curl") and shutil.which("bash") and shutil.which("python3"), "install curl, bash, python3"
    from kenes.web.demo import ensure_accounts, load_directory, load_inventory

    # The parts of `make run`'s demo that the walkthrough reads (measures) or uses (its accounts).
    load_directory()
    load_inventory()
    ensure_accounts()
    steps = _steps()
    assert len(steps) >= 10 and any(line.startswith("KENES=") for command, _ in steps for line in command.splitlines())
    manage = [index for index, (command, _) in enumerate(steps) if "kenes manage" in command]
    assert len(manage) == 1
    printed_key = _run_token_command(steps[manage[0]][0])
    assert _missing_line(steps[manage[0]][1], printed_key) is None, printed_key
    script = _script(steps, live_server.url, printed_key.strip())
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    stopped = result.stdout.rsplit(MARK, 1)[-1][:3000]
    assert result.returncode == 0 and result.stderr == "", f"stopped in block {stopped}\n{result.stderr}"
    outputs = {}
    for chunk in result.stdout.split(f"{MARK} ")[1:]:
        head, _newline, body = chunk.partition("\n")
        outputs[int(head)] = body
    assert set(outputs) == set(range(len(steps))) - set(manage)
    for index, (command, shown) in enumerate(steps):
        if shown is not None and index in outputs:
            missing = _missing_line(shown, outputs[index])
            assert missing is None, f"{command}\nshould print\n{missing}\nbut printed\n{outputs[index]}"
