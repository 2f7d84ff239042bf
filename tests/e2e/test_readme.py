"""Issue 20: README's first session runs verbatim on a fresh store, as a newcomer would type it
after the first set-up command — so the README can never drift from what dutydesk does. Every
code fence in the README is closed, and every `sh` block names only commands dutydesk has."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.e2e.tmux import dutydesk_executable

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks() -> list[tuple[str, str, str]]:
    """(language, body, the text just before it) of every fenced block."""
    found = []
    for match in re.finditer(r"^```(\w*)\n(.*?)^```\s*$", README, re.MULTILINE | re.DOTALL):
        found.append((match.group(1), match.group(2), README[max(0, match.start() - 400) : match.start()]))
    return found


def test_every_fence_is_closed_and_bare() -> None:
    fences = [line for line in README.splitlines() if line.startswith("```")]
    assert len(fences) % 2 == 0, "a code fence is not closed: everything after it renders as code"
    for opening, closing in zip(fences[::2], fences[1::2], strict=True):
        assert re.fullmatch(r"```\w*", opening), opening
        assert closing == "```", f"a closing fence with text after it: {closing!r}"


def test_the_first_session_runs_verbatim_on_a_fresh_store(tmp_path: Path) -> None:
    body = next(b for lang, b, before in blocks() if lang == "sh" and "A first session" in before)
    bin_dir = str(Path(dutydesk_executable()).parent)
    script = "set -euo pipefail\n" + body.replace(".venv/bin/", bin_dir + "/")
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DUTYDESK_CONFIG_DIR": str(tmp_path / "cfg"),  # a fresh machine: no settings, no store
        "DUTYDESK_DATA_DIR": str(tmp_path / "data"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,  # as in a script: nothing may wait for input
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    drafted = list((tmp_path / "data" / "outbox").rglob("*consent_to_checks*.txt"))
    assert len(drafted) == 1 and "Level 5" in drafted[0].read_text(encoding="utf-8")


def test_every_shell_example_names_a_real_command() -> None:
    help_text = subprocess.run(
        [dutydesk_executable(), "--help"], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=True
    ).stdout
    commands = set(re.findall(r"^  ([a-z-]+)\s", help_text, re.MULTILINE))
    for lang, body, _ in blocks():
        if lang != "sh":
            continue
        for line in body.splitlines():
            words = line.replace(".venv/bin/", "").split("#")[0].split()
            if len(words) >= 2 and words[0] == "dutydesk" and not words[1].startswith(("-", "[")):
                assert words[1] in commands | {"COMMAND"}, line
