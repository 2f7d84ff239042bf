"""A sync cut short (issue 33): `dutydesk sync` killed with SIGKILL at random moments, twenty
times over, while both sides keep changing — and the network to the office dropped mid-sync.
Each time the next sync finishes the work: no note twice, no case twice, nothing lost, and
`audit verify` clean on the laptop and the office."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from dutydesk.domain.case.model import Case, CaseInfo, Event, Person
from dutydesk.errors import StoreError
from dutydesk.services import sync as sync_module
from dutydesk.services.sync import sync
from dutydesk.store.audit import Officer
from dutydesk.store.engine import Location
from dutydesk.store.repository import Store
from tests.cli_helpers import run_cli
from tests.office.conftest import PG_URL

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured (set DUTYDESK_TEST_PG_URL)"),
]
NOW = datetime(2026, 12, 6, 9, 12, tzinfo=UTC)
KILLS = 20


def a_case(n: int) -> Case:
    return Case(
        case=CaseInfo(reference="", court=f"Family Court {n}"),
        people=[Person(id="pm", role="applicant", given_names="Mary", family_name=f"Stone{n}")],
    )


def note(store: Store, ref: str, words: str) -> None:
    loaded = store.load(ref)
    loaded.case.events.append(Event(at=NOW, by=store.officer.name, kind="note", text=words))
    store.save(loaded.case, loaded.version)


def documents(store: Store) -> dict[str, dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT reference, document FROM cases")).all()
    return {r: (json.loads(d) if isinstance(d, str) else d) for r, d in rows}


def run_sync(env: dict[str, str], url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "dutydesk", "sync", "--office", url],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sync_killed_twenty_times_at_random_moments_converges(
    office_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    path = tmp_path / "laptop.sqlite3"
    laptop = Store.open(Officer("Ann Able", "ann"), db=path)
    hq = Store.open(Officer("Office", "office"), location=Location(office_url, None))
    refs = [laptop.create(a_case(n)).case.case.reference for n in range(8)]
    sync(laptop, hq, NOW)
    laptop.close()
    env = {**os.environ, "DUTYDESK_DB": str(path), "DUTYDESK_OFFICER": "Ann Able"}
    expected_notes: list[str] = []
    rng = random.Random(33)
    finished = 0
    for round_ in range(KILLS):
        laptop = Store.open(Officer("Ann Able", "ann"), db=path)
        try:
            refs = sorted(documents(laptop))
            for ref in rng.sample(refs, 3):  # both sides keep working between syncs
                note(laptop, ref, f"laptop {round_} {ref}")
                expected_notes.append(f"laptop {round_} {ref}")
            office_refs = sorted(documents(hq))
            ref = rng.choice(office_refs)
            note(hq, ref, f"office {round_} {ref}")
            expected_notes.append(f"office {round_} {ref}")
            made = laptop.create(a_case(100 + round_))  # a case made offline: renamed at sync
            note(laptop, made.case.case.reference, f"new {round_}")
            expected_notes.append(f"new {round_}")
        finally:
            laptop.close()
        proc = run_sync(env, office_url)
        time.sleep(rng.uniform(0.3, 1.6))  # the command's start-up, then anywhere in its work
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        finished += proc.wait() == 0
    assert finished < KILLS  # most runs were cut short (else the test proved nothing)

    assert run_cli_env(capsys, env, "sync", "--office", office_url).code == 0
    again = run_cli_env(capsys, env, "sync", "--office", office_url, "--json")
    assert again.code == 0 and json.loads(again.out)["sent"] == 0 and json.loads(again.out)["received"] == 0, again

    laptop = Store.open(Officer("Ann Able", "ann"), db=path)
    try:
        here, there = documents(laptop), documents(hq)
        assert here == there  # the laptop and the office hold the same record
        notes = Counter(e["text"] for doc in there.values() for e in doc.get("events", []) if e.get("kind") == "note")
        assert sorted(notes) == sorted(expected_notes) and set(notes.values()) == {1}  # every note, once
        assert len(there) == 8 + KILLS  # no case sent twice
        for store in (laptop, hq):
            assert store.verify_audit().ok and store.check_integrity() == []
        assert hq.device_problems() == (1, [])
    finally:
        laptop.close()
        hq.close()


def run_cli_env(capsys: pytest.CaptureFixture[str], env: dict[str, str], *argv: str) -> Any:
    with mock.patch.dict(os.environ, {k: env[k] for k in ("DUTYDESK_DB", "DUTYDESK_OFFICER")}):
        return run_cli(capsys, *argv)


class Cable:
    """A TCP relay to the office's server that can be pulled out: every connection through it
    dropped at once, as a network does."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.links: list[socket.socket] = []
        self.up = True
        self.stalled = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.up:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.links += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                while self.stalled:  # held, never sent, never closed
                    time.sleep(0.05)
                b.sendall(data)
        except OSError:
            pass

    def stall(self) -> None:
        """The line goes quiet without closing (a stopped proxy, a dead Wi-Fi hotspot)."""
        self.stalled = True

    def pull(self) -> None:
        self.up = False
        self.server.close()
        for link in self.links:
            with contextlib.suppress(OSError):
                link.shutdown(socket.SHUT_RDWR)
            link.close()


@pytest.mark.parametrize("cut_after", [0, 3, 40])
def test_the_network_dropped_mid_sync_leaves_nothing_half_done(
    office_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cut_after: int,
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    url = make_url(office_url)
    cable = Cable(url.host or "127.0.0.1", url.port or 5432)
    through = url.set(host="127.0.0.1", port=cable.port).render_as_string(hide_password=False)
    laptop = Store.open(Officer("Ann Able", "ann"), db=tmp_path / "laptop.sqlite3")
    hq = Store.open(Officer("Office", "office"), location=Location(office_url, None))
    try:
        hq.create(a_case(999))  # the office's own case: the laptop's first case is renumbered
        for n in range(60):
            laptop.create(a_case(n))
        remote = Store.open(Officer("Ann Able", "ann"), location=Location(through, None))
        # The line goes after the office has taken `cut_after` cases: mid-sync, at a known point.
        merged = sync_module._merge_case
        calls = Counter[str]()

        def merge_then_maybe_cut(*args: Any, **kwargs: Any) -> None:
            calls["n"] += 1
            if calls["n"] > cut_after:
                cable.pull()
            merged(*args, **kwargs)

        monkeypatch.setattr(sync_module, "_merge_case", merge_then_maybe_cut)
        with pytest.raises(StoreError):
            sync(laptop, remote, NOW)
        monkeypatch.setattr(sync_module, "_merge_case", merged)
        remote.engine.dispose()
        report = sync(laptop, hq, NOW)  # the network back: the same sync finishes
        assert not report.not_synced, report.not_synced
        held = documents(hq)
        assert documents(laptop) == held and len(held) == 61  # none twice, none lost
        courts = Counter(doc["case"]["court"] for doc in held.values())
        assert set(courts.values()) == {1}
        for store in (laptop, hq):
            assert store.verify_audit().ok and store.check_integrity() == []
        assert hq.device_problems() == (1, [])
    finally:
        laptop.close()
        hq.close()


def test_the_laptops_disk_full_mid_sync_then_room_again_converges(
    office_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    laptop = Store.open(Officer("Ann Able", "ann"), db=tmp_path / "laptop.sqlite3")
    hq = Store.open(Officer("Office", "office"), location=Location(office_url, None))
    try:
        mine = [laptop.create(a_case(n)).case.case.reference for n in range(5)]
        sync(laptop, hq, NOW)
        for n in range(300):  # the office's open cases, each a fair size: more than the disk holds
            case = a_case(1000 + n)
            case.events.append(Event(at=NOW, by="Office", kind="note", text="x" * 4000))
            hq.create(case)
        note(laptop, mine[0], "typed on the laptop before the disk filled")

        def full(dbapi: Any, _record: Any) -> None:
            pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
            dbapi.execute(f"PRAGMA max_page_count = {pages + 40}")  # room for a little, not all

        event.listen(laptop.engine, "connect", full)
        laptop.engine.dispose()
        with pytest.raises(StoreError, match="full"):
            sync(laptop, hq, NOW)
        event.remove(laptop.engine, "connect", full)
        laptop.engine.dispose()
        report = sync(laptop, hq, NOW)  # room again: the same sync finishes
        assert not report.not_synced
        here, there = documents(laptop), documents(hq)
        assert here == there and len(there) == 305
        notes = Counter(e["text"] for doc in there.values() for e in doc.get("events", []) if e.get("kind") == "note")
        assert notes["typed on the laptop before the disk filled"] == 1
        for store in (laptop, hq):
            assert store.verify_audit().ok and store.check_integrity() == []
    finally:
        laptop.close()
        hq.close()


def test_a_network_that_stalls_mid_sync_ends_the_command_at_its_timeout(
    office_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    url = make_url(office_url)
    cable = Cable(url.host or "127.0.0.1", url.port or 5432)
    through = url.set(host="127.0.0.1", port=cable.port).render_as_string(hide_password=False)
    path = tmp_path / "laptop.sqlite3"
    laptop = Store.open(Officer("Ann Able", "ann"), db=path)
    for n in range(80):
        laptop.create(a_case(n))
    laptop.close()
    env = {**os.environ, "DUTYDESK_DB": str(path), "DUTYDESK_OFFICER": "Ann Able"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dutydesk", "sync", "--office", through, "--timeout", "6"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)  # start-up, then some cases sent
    cable.stall()
    started = time.monotonic()
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1 and time.monotonic() - started < 15
    assert err.strip().splitlines() == [err.strip().splitlines()[-1]] and "did not finish in 6 s" in err, err
    hq = Store.open(Officer("Office", "office"), location=Location(office_url, None))
    laptop = Store.open(Officer("Ann Able", "ann"), db=path)
    # The stalled sync's session still holds its lock on the office (the server sees a quiet
    # client, not a gone one): idle past STALE_AFTER, it is ended and the next sync goes on.
    monkeypatch.setattr(sync_module, "STALE_AFTER", 1)
    time.sleep(1.5)
    try:
        assert not sync(laptop, hq, NOW).not_synced  # the network back: the next sync finishes it
        assert documents(laptop) == documents(hq) and len(documents(hq)) == 80
        assert laptop.verify_audit().ok and hq.verify_audit().ok and hq.check_integrity() == []
    finally:
        laptop.close()
        hq.close()


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _as_postgres(command: str) -> None:
    if os.geteuid() == 0:
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], check=True, capture_output=True)
    else:
        subprocess.run(["sh", "-c", command], check=True, capture_output=True)


@pytest.mark.skipif(_pg_bin() is None, reason="PostgreSQL's server programs are not installed")
def test_the_office_server_stopped_mid_sync_and_started_again_converges(tmp_path: Path) -> None:
    """A server of its own (CI's is shared by the whole suite): stopped hard mid-sync, started
    again, and the next sync finishes the work."""
    pg_bin = _pg_bin()
    assert pg_bin is not None
    # Not under pytest's folder: the postgres user cannot reach into root's 0700 temporary folders.
    folder = Path(tempfile.mkdtemp(prefix="dutydesk-test-pg-", dir="/tmp"))
    folder.chmod(0o777)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = folder / "data"
    _as_postgres(f"{pg_bin}/initdb -D {data} -A trust -U dutydesk >/dev/null")
    start = f"{pg_bin}/pg_ctl -D {data} -o '-k {folder} -p {port} -h 127.0.0.1' -l {folder}/log -w start >/dev/null"
    _as_postgres(start)
    try:
        _as_postgres(f"{pg_bin}/createdb -h 127.0.0.1 -p {port} -U dutydesk office")
        url = f"postgresql+psycopg://dutydesk@127.0.0.1:{port}/office"
        assert (
            subprocess.run(
                [sys.executable, "-m", "dutydesk", "office-store", "init", url], capture_output=True
            ).returncode
            == 0
        )
        path = tmp_path / "laptop.sqlite3"
        laptop = Store.open(Officer("Ann Able", "ann"), db=path)
        for n in range(150):
            laptop.create(a_case(n))
        laptop.close()
        env = {**os.environ, "DUTYDESK_DB": str(path), "DUTYDESK_OFFICER": "Ann Able"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "dutydesk", "sync", "--office", url, "--timeout", "60"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2.5)  # start-up, then some of the cases sent
        _as_postgres(f"{pg_bin}/pg_ctl -D {data} -m immediate stop >/dev/null")
        _, err = proc.communicate(timeout=90)
        assert proc.returncode != 0 and len(err.strip().splitlines()) <= 2, err  # said briefly, no traceback
        _as_postgres(start)
        hq = Store.open(Officer("Office", "office"), location=Location(url, None))
        laptop = Store.open(Officer("Ann Able", "ann"), db=path)
        try:
            assert not sync(laptop, hq, NOW).not_synced
            held = documents(hq)
            assert documents(laptop) == held and len(held) == 150
            assert len(Counter(doc["case"]["court"] for doc in held.values())) == 150  # none twice
            for store in (laptop, hq):
                assert store.verify_audit().ok and store.check_integrity() == []
            assert hq.device_problems() == (1, [])
        finally:
            laptop.close()
            hq.close()
    finally:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", f"{pg_bin}/pg_ctl -D {data} -m fast stop"]
            if os.geteuid() == 0
            else ["sh", "-c", f"{pg_bin}/pg_ctl -D {data} -m fast stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
