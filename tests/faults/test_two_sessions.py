"""Two dutydesk processes edit the same case for 20 seconds (DUTYDESK_CONFLICT_SECONDS; a minute or more for a release): each its
own field, both one shared field, both adding notes. Afterwards no update is lost, every
conflict was reported to the session that met it, and the audit trail accounts for every save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from dutydesk.domain.case import fieldpath
from dutydesk.domain.case.model import Case, CaseInfo, Person
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.faults.editor import OWN, REFERENCE, SHARED

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("DUTYDESK_CONFLICT_SECONDS", "20"))


def run_editors(db: Path, tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    env = {**os.environ, "DUTYDESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    start_at = time.time() + 3  # both start together, once their imports are done
    procs = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.faults.editor",
                str(db),
                name,
                str(start_at),
                str(SECONDS),
                str(tmp_path / f"{name}.jsonl"),
            ],
            cwd=ROOT,
            env=env,
        )
        for name in ("A", "B")
    }
    for name, proc in procs.items():
        assert proc.wait(timeout=SECONDS + 120) == 0, f"editor {name} failed"
    return {
        name: [json.loads(line) for line in (tmp_path / f"{name}.jsonl").read_text().splitlines()] for name in procs
    }


def test_two_sessions_for_a_minute_lose_nothing_and_report_every_conflict(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    store = Store.open(Officer("Setup", "setup"), db=db)
    people = [
        Person(id="p1", role="applicant", given_names="Ann"),
        Person(id="p2", role="respondent", given_names="Bob"),
    ]
    store.create(Case(case=CaseInfo(reference=REFERENCE), people=people))
    store.close()

    logs = run_editors(db, tmp_path)

    store = Store.open(Officer("Check", "check"), db=db)
    final = store.load(REFERENCE)
    history = store.history(REFERENCE)
    assert store.verify_audit().ok
    store.close()

    # Every save took exactly one version: none was written over a version it had not seen.
    saves = sorted({(row["version"], row["officer"]) for row in history if row["version"] > 1})
    assert [v for v, _ in saves] == list(range(2, final.version + 1))

    conflicts = 0
    for name, attempts in logs.items():
        assert attempts and not attempts[-1]["dirty"], f"{name}'s last changes were never saved"
        for a in attempts:
            met_conflict = a["version"] > a["base"] + 1 or (not a["saved"] and a["version"] > a["base"])
            # A session that met the other's change was told; one that did not was not.
            assert (a["message"] is not None) == met_conflict, a
            conflicts += met_conflict
        # Its own field: nobody else edits it, so its last value stands.
        last_own = [a["pending"][OWN[name]] for a in attempts if OWN[name] in a["pending"]][-1]
        assert fieldpath.get(final.case, OWN[name]) == last_own

    # Every note either session added is in the case, once.
    texts = [e.text for e in final.case.events if e.kind == "note"]
    added = [n for attempts in logs.values() for a in attempts for n in a["notes"]]
    assert sorted(texts) == sorted(added)

    # The shared field: every value typed was saved (it is in the audit trail) or reported as a
    # clash to the officer who typed it. The case holds the last value saved.
    entity, _, name = SHARED.rpartition(".")
    saved_values = [json.loads(r["new"]) for r in history if (r["entity"], r["field"]) == (entity, name) and r["new"]]
    for name, attempts in logs.items():
        for a in attempts:
            value = a["pending"].get(SHARED)
            if value is None:
                continue
            reported = [SHARED, value] in a["clashes"]
            assert (value in saved_values) != reported, (name, value, a)
    assert final.case.case.court == saved_values[-1]
    assert conflicts >= 10, f"only {conflicts} conflicts in {SECONDS} s: the test did not exercise them"
