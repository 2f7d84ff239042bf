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


def run_in_fresh_home(
    tmp_path: Path, script_blocks: list[str], cwd: Path = ROOT, bin_dir: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The blocks as one script in a new shell, as a reader who copies them in order would run
    them: a fresh home (no settings, no store), nothing on stdin, dutydesk on PATH as README says
    (the checkout's .venv/bin, or `bin_dir`: an installed tool's, where `.venv/bin/dutydesk` is
    typed as plain `dutydesk`)."""
    if bin_dir is None:
        bin_dir = str(Path(dutydesk_executable()).parent)
        blocks_typed = [b.replace(".venv/bin/", bin_dir + "/") for b in script_blocks]
    else:
        blocks_typed = [b.replace(".venv/bin/dutydesk", "dutydesk") for b in script_blocks]
    script = "set -euo pipefail\n" + "\n".join(blocks_typed)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DUTYDESK_CONFIG_DIR": str(tmp_path / "cfg"),  # a fresh machine: no settings, no store
        "DUTYDESK_DATA_DIR": str(tmp_path / "data"),
        "DUTYDESK_STATE_DIR": str(tmp_path / "state"),
        "DUTYDESK_CACHE_DIR": str(tmp_path / "cache"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,  # as in a script: nothing may wait for input
        capture_output=True,
        text=True,
        timeout=600,
    )


def _block(after: str) -> str:
    return next(b for lang, b, before in blocks() if lang == "sh" and after in before)


def test_the_first_session_runs_verbatim_on_a_fresh_store(tmp_path: Path) -> None:
    done = run_in_fresh_home(tmp_path, [_block("A first session")])
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    drafted = list((tmp_path / "data" / "outbox").rglob("*consent_to_checks*.txt"))
    assert len(drafted) == 1 and "Level 5" in drafted[0].read_text(encoding="utf-8")


def shell_examples_in_order(work: Path) -> list[str]:
    """The first session (its last line, the desk, left out: it needs a terminal), the reference
    list and the review's examples; `work` becomes a working folder holding the checkout's
    shipped files, so the files they write land there."""
    first = _block("A first session").rstrip().splitlines()
    assert first[-1].split("#")[0].split() == [".venv/bin/dutydesk"]
    work.mkdir()
    for shipped in ("examples", "tests"):
        (work / shipped).symlink_to(ROOT / shipped)
    reference = _block("Every line below runs as written")
    review = _block("computed from the same rules and calendar as the desk")
    return ["\n".join(first[:-1]), reference, review]


def check_shell_examples_ran(done: subprocess.CompletedProcess[str], tmp_path: Path, work: Path) -> None:
    assert done.returncode == 0, (done.stdout[-1500:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert (work / "review.csv").read_text(encoding="utf-8").startswith("reference")
    assert (work / "review.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert list((tmp_path / "data" / "outbox").rglob("*referral_letter*.docx"))
    assert (work / "dutydesk-backup.sqlite3").exists()


def test_the_shell_examples_run_verbatim_after_the_first_session(tmp_path: Path) -> None:
    """Issue 34: every line README shows for the shell runs as written, in order after the first
    session, in a fresh home and a new shell."""
    work = tmp_path / "checkout"
    done = run_in_fresh_home(tmp_path, shell_examples_in_order(work), cwd=work)
    check_shell_examples_ran(done, tmp_path, work)


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
