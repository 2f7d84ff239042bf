"""Drive the installed `dutydesk` in a real terminal: tmux send-keys and capture-pane."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX_BIN = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX_BIN is None, reason="tmux is not installed")
# Our own tmux server (its own socket): a developer's running tmux, with its own environment,
# is never used, and never sees these sessions.
SOCKET = f"dutydesk-e2e-{os.getpid()}"
TMUX = [TMUX_BIN or "tmux", "-L", SOCKET]


def dutydesk_executable() -> str:
    candidate = Path(sys.executable).with_name("dutydesk")
    found = str(candidate) if candidate.exists() else shutil.which("dutydesk")
    if not found:
        pytest.skip("the dutydesk command is not installed")
    return found


class Terminal:
    def __init__(self, args: list[str], env: dict[str, str], width: int = 140, height: int = 45) -> None:
        self.name = f"dd-{uuid.uuid4().hex[:8]}"
        command = " ".join(["exec", *(_quote(a) for a in args)])
        # Never the test runner's COLUMNS/LINES: pytest-xdist's workers set 80×24, and Textual
        # takes them over the terminal's real size (a 140-column window drew at 80).
        full_env = {
            k: v for k, v in {**os.environ, **env, "TERM": "xterm-256color"}.items() if k not in ("COLUMNS", "LINES")
        }
        # -e for each variable: a session started on a server that is already running takes the
        # server's environment, not ours (a second dutydesk would run as the first's officer).
        given = [arg for k, v in {**env, "TERM": "xterm-256color"}.items() for arg in ("-e", f"{k}={v}")]
        subprocess.run(
            [*TMUX, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), *given, command],
            check=True,
            env=full_env,
        )
        # The size asked for, whatever sessions this server made before (a server shared by
        # tests of several sizes may otherwise size a new window as the last one).
        subprocess.run(
            [*TMUX, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
            capture_output=True,
            check=False,
        )

    def keys(self, *keys: str, literal: bool = False, delay: float = 0.15) -> None:
        for key in keys:
            args = [*TMUX, "send-keys", "-t", self.name] + (["-l"] if literal else []) + [key]
            subprocess.run(args, check=True)
            time.sleep(delay)

    def burst(self, *parts: str) -> None:
        """Keys and text in ONE send-keys: written to the terminal at once, as a fast typist's or
        a paste's keys arrive. A part in capitals with + or a tmux key name (C-u, Tab, Enter) is a
        key; anything else is typed character by character."""
        keys: list[str] = []
        for part in parts:
            if part in ("C-u", "Tab", "Enter", "BSpace", "Escape") or part.startswith("C-"):
                keys.append(part)
            else:
                keys += ["Space" if ch == " " else ("\\;" if ch == ";" else ch) for ch in part]
        subprocess.run([*TMUX, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str, delay: float = 0.03) -> None:
        for ch in text:
            key = "\\;" if ch == ";" else ch  # a bare ; separates tmux commands
            subprocess.run([*TMUX, "send-keys", "-t", self.name, "-l", key], check=True)
            time.sleep(delay)

    def title(self) -> str:
        return subprocess.run(
            [*TMUX, "display-message", "-p", "-t", self.name, "#{pane_title}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def screen(self) -> str:
        return subprocess.run(
            [*TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=False
        ).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def tab_to(self, label: str, most: int = 30) -> None:
        """Tab until the field labelled `label` carries the focus bar (█ beside its label): the
        test says which field it types into, not how many fields lie before it."""
        bar = re.compile(r"█ " + re.escape(label) + r"(?=\s{2,}|\s*│?\s*$)", re.MULTILINE)
        for _ in range(most):
            if bar.search(self.screen()):
                return
            self.keys("Tab", delay=0.3)
        raise AssertionError(f"{label!r} never had the focus; the screen shows:\n{self.screen()}")

    def pid(self) -> int:
        out = subprocess.run(
            [*TMUX, "display-message", "-p", "-t", self.name, "#{pane_pid}"], capture_output=True, text=True, check=True
        )
        return int(out.stdout.strip())

    def alive(self) -> bool:
        return subprocess.run([*TMUX, "has-session", "-t", self.name], capture_output=True, check=False).returncode == 0

    def wait_closed(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not self.alive(), "dutydesk did not exit"

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True, check=False)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"
