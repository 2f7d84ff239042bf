"""SIGKILL at random moments while dutydesk saves, imports and drafts: afterwards the store
opens, SQLite's integrity check is ok, the audit chain verifies, and everything whose save had
returned is there. The seed is fixed; DUTYDESK_KILLS sets the number of kills (default 20; 50 or more for a release)."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.faults.worker import BASE

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("DUTYDESK_KILLS", "20"))


def run_and_kill(db: Path, run: int, delay: float, env: dict[str, str]) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.worker", str(db), str(run)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line.strip())
            if line.startswith("READY"):
                ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert ready.wait(60), "the worker never started"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    return [line for line in lines if line != "READY"]


def test_fifty_kills_lose_nothing_that_was_saved(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    db = tmp_path / "store.sqlite3"
    env = {**os.environ, "DUTYDESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done: list[str] = []
    for run in range(1, KILLS + 1):
        done += run_and_kill(db, run, rng.uniform(0.0, 0.4), env)
        assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",), f"after kill {run}"
    store = Store.open(Officer("Check", "check"), db=db)
    assert store.verify_audit().ok
    notes = {e.text for e in store.load(BASE).case.events if e.kind == "note"}
    drafted = {e.extra.get("sha256") for e in store.load(BASE).case.events if e.kind == "document_drafted"}
    for line in done:
        kind, value, *rest = line.split(" ")
        if kind == "SAVED":
            assert value in notes, line
        elif kind == "CREATED":
            assert store.exists(value), line
        elif kind == "DRAFTED":
            assert value in drafted, line
            assert hashlib.sha256(Path(rest[0]).read_bytes()).hexdigest() == value, line
    store.close()
    assert len([d for d in done if d.startswith("SAVED")]) > 0  # the kills did land mid-work
