"""A dutydesk process to kill: saves notes, imports cases and drafts letters as fast as it can,
printing a line after each one returns (so the killer knows what must survive)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Case, CaseInfo, Event, Person
from dutydesk.drafting.draft import draft
from dutydesk.drafting.outbox import record, write
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store

BASE = "DD-2025-000001"


def main(db: str, run: str) -> None:
    store = Store.open(Officer("Killer", "killer"), db=Path(db))
    policy = load_policy()
    if not store.exists(BASE):
        store.create(Case(case=CaseInfo(reference=BASE), people=[Person(id="c1", role="child", given_names="Ava")]))
    print("READY", flush=True)
    i = 0
    while True:
        marker = f"{run}-{i}"
        if i % 3 == 0:
            loaded = store.load(BASE)
            loaded.case.events.append(Event(at=datetime.now(UTC), by="Killer", kind="note", text=marker))
            store.save(loaded.case, loaded.version)
            print(f"SAVED {marker}", flush=True)
        elif i % 3 == 1:
            reference = f"DD-2026-{int(run) * 10_000 + i:06d}"
            store.create(Case(case=CaseInfo(reference=reference)))
            print(f"CREATED {reference}", flush=True)
        else:
            with store.writing() as conn:
                loaded = store.load_in(conn, BASE)
                made = draft(loaded.case, "case_record", policy, "Killer", datetime.now(UTC))
                written = write(made, "txt")
                loaded.case.events.append(record(made, written, "Killer", made.when))
                store.save_in(conn, loaded.case, loaded.version)
            print(f"DRAFTED {written.sha256} {written.path}", flush=True)
        i += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
