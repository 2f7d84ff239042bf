"""Typing throughput end to end in a real terminal: characters a second for every kind of field,
beside a bare Textual Input in the same run; prints JSON.

Each field gets one burst of CHARS characters in a single `tmux send-keys -l` (a fast typist or a
paste without bracketed paste), and the time is taken until the burst's last characters are on
screen. Fields: a pane's one-line field (Intake: Court), the Chronology note, a dialog's one-line
field (People: a new child's given names), a dialog's long text (Referrals: the call record).
Target (issue 28): every field ≥ 1,000 characters a second and ≥ a third of bare Textual.

Run: python benchmarks/typing_speed.py [--chars 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SOCKET = f"dutydesk-typing-{os.getpid()}"
TMUX = ["tmux", "-L", SOCKET]
BARE_APP = """
from textual.app import App
from textual.widgets import Input

class Bare(App):
    def compose(self):
        yield Input(id="i")

Bare().run()
"""
END = "ZQXJ"  # the burst's last characters: seen on screen, the burst is in
TARGET, SHARE = 1000.0, 1 / 3


def dutydesk() -> str:
    found = Path(sys.executable).with_name("dutydesk")
    return str(found) if found.exists() else (shutil.which("dutydesk") or "dutydesk")


class Pane:
    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"t-{uuid.uuid4().hex[:8]}"
        given = [arg for k, v in env.items() for arg in ("-e", f"{k}={v}")]
        line = " ".join("'" + c.replace("'", "'\\''") + "'" for c in command)
        subprocess.run(
            [*TMUX, "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", *given, f"exec {line}"], check=True
        )

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            subprocess.run([*TMUX, "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def screen(self) -> str:
        return subprocess.run([*TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{text!r} never appeared:\n{self.screen()}")
            time.sleep(0.05)

    def burst(self, text: str) -> float:
        """Characters a second, from the send to the last ones on screen."""
        start = time.monotonic()
        subprocess.run([*TMUX, "send-keys", "-t", self.name, "-l", text], check=True)
        deadline = start + 120
        while END not in self.screen():
            if time.monotonic() > deadline:
                raise RuntimeError(f"the burst never arrived:\n{self.screen()}")
            time.sleep(0.005)
        return len(text) / (time.monotonic() - start)

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True)


def text_of(chars: int) -> str:
    words = "spoke to the father at ten past ten handover at school agreed Cat settled and happy there "
    body = (words * (chars // len(words) + 1))[: chars - len(END)]
    return body + END


def desk_field(kind: str, chars: int, home: Path) -> float:
    """One burst into a fresh demo store: a repeat must not type into the last repeat's case
    (its 1,000-character child's name, its journal recovered)."""
    home = Path(tempfile.mkdtemp(dir=home))
    env = {
        "DUTYDESK_OFFICER": "Bench Officer",
        "DUTYDESK_CONFIG_DIR": str(home / "cfg"),
        "DUTYDESK_DATA_DIR": str(home / "data"),
        "TERM": "xterm-256color",
    }
    pane = Pane([dutydesk(), "demo"], env)
    try:
        pane.wait_for("duty board")
        pane.keys("Enter")
        pane.wait_for("What's next")
        if kind == "pane: one-line field":
            pane.keys("1", "Tab")
        elif kind == "pane: chronology note":
            pane.keys("0", "n")
        elif kind == "dialog: one-line field":
            pane.keys("2", "c", "Tab")
        else:  # dialog: long text
            pane.keys("8", "a", "Tab", "Tab", "Tab", "Tab", "Tab", pause=0.4)
        time.sleep(0.8)
        return pane.burst(text_of(chars))
    finally:
        pane.close()


def bare(chars: int) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(BARE_APP)
    pane = Pane([sys.executable, fh.name], {"TERM": "xterm-256color"})
    try:
        time.sleep(1.5)
        return pane.burst(text_of(chars))
    finally:
        pane.close()
        os.unlink(fh.name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    kinds = ["pane: one-line field", "pane: chronology note", "dialog: one-line field", "dialog: long text"]
    results: dict[str, list[float]] = {"bare Textual Input": [], **{k: [] for k in kinds}}
    # A session that stays: the server lives between the panes measured.
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 100000"], check=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.repeats):
                results["bare Textual Input"].append(bare(args.chars))
                for kind in kinds:
                    results[kind].append(desk_field(kind, args.chars, Path(tmp)))
    finally:  # a failed run leaves no tmux server behind to load the next benchmark
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
    bare_median = statistics.median(results["bare Textual Input"])
    out = {
        "chars": args.chars,
        "repeats": args.repeats,
        "chars_per_second_median": {k: round(statistics.median(v)) for k, v in results.items()},
        "ratio_to_bare": {k: round(statistics.median(v) / bare_median, 2) for k, v in results.items()},
        "target": {"chars_per_second": TARGET, "share_of_bare": round(SHARE, 2)},
    }
    out["meets_target"] = all(
        statistics.median(v) >= TARGET and statistics.median(v) >= SHARE * bare_median for v in results.values()
    )
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
