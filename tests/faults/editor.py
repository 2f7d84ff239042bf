"""One of two dutydesk sessions editing the same case at once, as the app does (CaseSession):
its own field, a field both edit, and notes added. Every save attempt is logged as a JSON line
so the test can check that nothing was lost and every conflict was reported."""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from dutydesk.domain.case.model import Event
from dutydesk.services.session import CaseSession
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store

REFERENCE = "DD-2026-000777"
OWN = {"A": "people[p1].given_names", "B": "people[p2].given_names"}
SHARED = "case.court"


def main(db: str, name: str, start_at: float, seconds: float, log_path: str) -> None:
    store = Store.open(Officer(f"Officer {name}", name.lower()), db=Path(db))
    session = CaseSession(store, REFERENCE)
    rng = random.Random(name)  # each officer types differently, the same way every run
    time.sleep(max(0.0, start_at - time.time()))
    with open(log_path, "w", encoding="utf-8") as log:
        i = 0
        notes: list[str] = []
        while time.time() < start_at + seconds:
            i += 1
            roll = rng.random()
            if roll < 0.4:
                session.set(OWN[name], f"{name}-own-{i}")
            elif roll < 0.7:
                session.set(SHARED, f"{name}-court-{i}")
            else:
                text = f"{name}-note-{i}"
                session.case.events.append(Event(at=datetime.now(UTC), by=f"Officer {name}", kind="note", text=text))
                session.touched()
                notes.append(text)
            if rng.random() < 0.5:  # the app saves what was typed at most half a second later
                continue
            attempt(session, log, notes)
            notes = []
            time.sleep(rng.uniform(0.05, 0.5))  # typing, then the half-second save timer
        attempt(session, log, notes)
    store.close()


def attempt(session: CaseSession, log: TextIO, notes: list[str]) -> None:
    base, pending = session.loaded.version, dict(session.pending)
    outcome = session.save(datetime.now(UTC))
    line = {
        "at": time.time(),
        "base": base,
        "pending": pending,
        "notes": notes,
        "saved": outcome.saved,
        "version": session.loaded.version,
        "message": outcome.message,
        "clashes": outcome.clashes,
        "dirty": session.dirty,
    }
    print(json.dumps(line), file=log, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
