"""A disk that fills while an officer types, in a real terminal on a real full filesystem
(issue 28): "everything typed since the disk filled is lost (13 of 13 notes after a kill; 5 of 5
after a quit)". The store and the data folder on one tiny tmpfs (the default layout), the disk
filled to the last byte, notes typed, then kill -9 — or q — and the disk given room again: every
note is back on the next start, and the status said NOT SAVED the whole time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.e2e.tmux import Terminal, dutydesk_executable, needs_tmux

pytestmark = needs_tmux


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here (needs root): the full-disk test needs a real filesystem")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def fill(mount: Path) -> Path:
    """Write until the filesystem refuses: nothing more fits."""
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 65536, 4096, 1):
            while True:
                try:
                    if os.write(fd, b"\0" * size) < size:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def notes_in(db: Path, ref: str) -> list[str]:
    store = Store.open(Officer("Check", "check"), db=db)
    try:
        assert store.verify_audit().ok
        return [e.text or "" for e in store.load(ref).case.events if e.kind == "note"]
    finally:
        store.close()


@pytest.mark.parametrize("ending", ["kill -9", "quit"])
def test_notes_typed_on_a_full_disk_are_back_after_a_kill_or_a_quit(disk: Path, ending: str) -> None:
    data = disk / "data"
    env = {"DUTYDESK_OFFICER": "E2E Officer", "DUTYDESK_DATA_DIR": str(data), "DUTYDESK_CONFIG_DIR": str(disk / "cfg")}
    db = data / "dutydesk.sqlite3"  # the default layout: the store in the data folder
    data.mkdir(parents=True)
    store = Store.open(Officer("Setup", "setup"), db=db)
    ref = store.import_document(json.loads(sample_files()[0].read_text())).case.case.reference
    store.close()
    t = Terminal([dutydesk_executable()], env)
    try:
        t.wait_for("duty board")
        t.keys("C-p")
        t.wait_for("Search")
        t.type(ref, delay=0.01)
        time.sleep(0.5)
        t.keys("Enter")
        t.wait_for("What's next")
        t.keys("0")
        time.sleep(0.5)
        filler = fill(disk)
        typed = [f"Note {i} typed after the disk filled: rang the school, the head saw him leave" for i in range(6)]
        t.keys("n", delay=0.3)  # a note; Enter after each starts the next one at once
        for note in typed:
            t.keys(note, literal=True, delay=0.2)
            t.keys("Enter", delay=0.3)
        shown = t.wait_for("NOT SAVED", timeout=15)
        assert "journal" in shown
        time.sleep(0.5)
        if ending == "kill -9":
            os.kill(t.pid(), signal.SIGKILL)
        else:
            t.keys("Escape", delay=0.5)
            t.keys("q")
        t.wait_closed()
    finally:
        t.close()
    filler.unlink()  # room again
    assert not any(n in notes_in(db, ref) for n in typed)  # the store never took them
    again = Terminal([dutydesk_executable()], env)
    try:
        again.wait_for("duty board")
        again.wait_for("Recovered", timeout=20)
        again.keys("q")
        again.wait_closed()
    finally:
        again.close()
    stored = notes_in(db, ref)
    for note in typed:
        assert note in stored, (note, stored)
