"""`dutydesk sync`: a laptop's store and the office's PostgreSQL store made one record (issue 33).

For each case changed on either side since the last sync, a three-way merge by item and field
(domain/case/merge.py) over the version both last agreed on (kept on the laptop); the same field
changed on both: the office's value stays and the laptop's is kept as a conflict note in the
case's Chronology, where the officer sees it. A case made offline is given the office's next
reference (its laptop reference stays an alias). Every open case of the office is fetched to the
laptop; others on request.

The laptop's own audit rows travel to the office as that device's chain; before anything is
applied the laptop's chain must verify and must still hold every row the office already has of it
(a laptop rolled back after a sync is refused, the first row that differs named), and the office's
trail must still hold the head this laptop saw last time (its off-machine witness).

Each case is merged in its own transactions, office then laptop; a sync killed at any point is
finished by the next one, which finds the office already holding what was sent and applies
nothing twice (conflict notes are recognised by their text; a case sent as new is found by its
alias before it would be sent again).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text

from dutydesk.config.settings import load_settings
from dutydesk.domain.case.casefile import parse_case, to_document
from dutydesk.domain.case.merge import Clash, merge3
from dutydesk.domain.case.model import Event
from dutydesk.domain.case.path_words import path_words
from dutydesk.errors import BadInput, Conflict, DutydeskError, NotFound, StoreError
from dutydesk.store import anchors, audit, sync_store
from dutydesk.store.audit import Officer
from dutydesk.store.engine import db_errors, make_engine
from dutydesk.store.location import Location
from dutydesk.store.migrate import current_revision
from dutydesk.store.office import check_url, encrypted_laptops_required
from dutydesk.store.repository import OPEN_STATUSES, Store, create_many_in
from dutydesk.store.summary import HEAD
from dutydesk.store.sync_store import Base

LOGGER = logging.getLogger(__name__)
FETCH_BATCH = 250  # cases fetched per laptop transaction on a first sync
SYNC_LOCK = 0x64757473  # with the device's number: one sync per laptop at a time, on the office
SYNC_SESSION = "dutydesk sync "  # + a token: the application_name of one sync's sessions on the office
STALE_AFTER = 60  # seconds a sync's session may sit idle holding that lock before it is taken as dead
REFERENCE_LOCK = 0x64757472  # the office's next case number is taken under this advisory lock
ATTEMPTS = 3  # a case saved on either side while it was being merged is merged again


class SyncRefused(StoreError):
    """Nothing of this sync was applied (a chain that does not verify or was rolled back)."""


@dataclass
class SyncReport:
    sent: int = 0  # cases whose laptop changes the office now holds
    received: int = 0  # cases whose office changes (or that are new to the laptop) the laptop now holds
    conflicts: int = 0  # fields changed on both sides: the laptop's text kept as a conflict note
    renamed: dict[str, str] = field(default_factory=dict)  # laptop reference -> office reference
    not_synced: list[str] = field(default_factory=list)  # "REF: why", left as they were on both sides
    device_rows: int = 0  # this laptop's audit rows sent to the office
    office_rows: int = 0  # the office trail's length, kept as this laptop's witness
    at: str = ""

    def line(self) -> str:
        words = f"sent {self.sent}, received {self.received}, conflicts {self.conflicts}"
        if self.renamed:
            words += f", {len(self.renamed)} new case(s) given office references"
        if self.not_synced:
            words += f", {len(self.not_synced)} not synced"
        return words

    def as_json(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "received": self.received,
            "conflicts": self.conflicts,
            "renamed": self.renamed,
            "not_synced": self.not_synced,
            "device_rows_sent": self.device_rows,
            "office_audit_rows": self.office_rows,
            "at": self.at,
        }


@dataclass(frozen=True)
class Pending:
    """What a laptop holds that the office does not yet: for the status bar and `sync --dry-run`."""

    changed: int
    last_sync_at: str | None


def office_url(given: str | None) -> str:
    """--office, else DUTYDESK_OFFICE_URL, else config.toml's office_url."""
    if given is not None and not given.strip():
        raise BadInput("--office is empty: give postgresql+psycopg://USER@HOST/DATABASE, or leave it out")
    url = given or os.environ.get("DUTYDESK_OFFICE_URL") or load_settings().office_url
    if not url:
        raise BadInput(
            "no office store: give --office postgresql+psycopg://USER@HOST/DATABASE, set DUTYDESK_OFFICE_URL, "
            "or put office_url in config.toml (`dutydesk config set office_url …`)"
        )
    return check_url(url)


def open_office(officer: Officer, url: str) -> Store:
    """The office store at `url` (checked), as this officer — only one already set up with
    `dutydesk office-store init`: a sync never makes the office's schema (it would have no roles
    and no grants) nor brings it to a newer one (that is its administrator's act)."""
    location = Location(url, None, session_name=f"{SYNC_SESSION}{uuid.uuid4().hex[:12]}")
    engine = make_engine(location)
    try:
        with db_errors(location):
            found = current_revision(engine)
    finally:
        engine.dispose()
    if found is None:
        raise BadInput(
            f"{location.describe()} is not an office store yet: its administrator sets it up with "
            "`dutydesk office-store init URL`; nothing was changed"
        )
    if found != HEAD:
        raise StoreError(
            f"the office store {location.describe()} is at schema {found}, this dutydesk at {HEAD}: its administrator "
            "brings it up with `dutydesk office-store init URL` (or this laptop's dutydesk is older); nothing was changed"
        )
    return Store.open(officer, location=location)


def sync_with(laptop: Store, url: str | None) -> tuple[SyncReport, int]:
    """One sync with the office at `url` (or as configured), and how many changes are then left
    to send: what the desk's key and its quiet background sync do."""
    office = open_office(laptop.officer, office_url(url))
    try:
        report = sync(laptop, office, datetime.now().astimezone())
    finally:
        office.close()
    return report, pending(laptop).changed


def pending(laptop: Store) -> Pending:
    with db_errors(laptop.location), laptop.engine.connect() as conn:
        known = sync_store.base_versions(conn)
        here = sync_store.versions(conn)
        last = sync_store.state(conn).get(sync_store.LAST_SYNC)
    changed = sum(1 for ref, (version, _) in here.items() if ref not in known or known[ref][1] != version)
    return Pending(changed, last)


def sync(
    laptop: Store,
    office: Store,
    now: datetime,
    fetch: Iterable[str] = (),
    advance: Callable[[int], None] | None = None,
    plan: Callable[[int], None] | None = None,
) -> SyncReport:
    """One sync; `plan(n)` is told how many cases it will look at, `advance(1)` after each."""
    report = SyncReport()
    with _office_lock(office, laptop) as device:
        _check_chains(laptop, office, device)
        work = _plan(laptop, office, set(fetch), device)
        if plan:
            plan(len(work.new) + len(work.merge) + len(work.fetch))
        for ref in work.new:
            _send_new(laptop, office, device, ref, report, now)
            if advance:
                advance(1)
        for ref in work.merge:
            _merge_case(laptop, office, ref, report, now)
            if advance:
                advance(1)
        for start in range(0, len(work.fetch), FETCH_BATCH):
            batch = work.fetch[start : start + FETCH_BATCH]
            _fetch(laptop, office, batch, report)
            if advance:
                advance(len(batch))
        _send_chain(laptop, office, device, report)
    return report


# -- before anything is applied ----------------------------------------------------------------
@contextlib.contextmanager
def _office_lock(office: Store, laptop: Store) -> Iterator[str]:
    """One sync per laptop at a time, held on the office for the whole sync (a session advisory
    lock: a sync killed mid-way releases it with its connection)."""
    with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
        device = sync_store.device_id(lconn)
    with db_errors(office.location), office.engine.connect() as conn:
        key = {"c": SYNC_LOCK, "d": int(device[:7], 16)}
        if conn.dialect.name == "postgresql" and not _try_lock(conn, key):
            raise SyncRefused("another sync from this laptop is running; nothing was changed, try again in a moment")
        try:
            yield device
        finally:
            if conn.dialect.name == "postgresql":
                with contextlib.suppress(Exception):
                    conn.execute(text("SELECT pg_advisory_unlock(:c, :d)"), key)
                    conn.commit()


def _try_lock(conn: Any, key: dict[str, int]) -> bool:
    """This laptop's sync lock on the office. One held by a session that has sat idle for
    STALE_AFTER seconds belongs to a sync whose network went quiet without closing (the server
    would keep it for hours): that sync's sessions are ended — the lock's and the one idle inside
    a transaction, holding the office's numbering or audit locks — and the lock taken. A sync at
    work is never idle that long: each case is a few short transactions."""
    got = conn.execute(text("SELECT pg_try_advisory_lock(:c, :d)"), key).scalar()
    conn.commit()
    if got:
        return True
    stale = conn.execute(
        text(
            "SELECT a.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid = :c AND l.objid = :d AND l.objsubid = 2 "
            "AND a.state LIKE 'idle%' AND a.state_change < now() - make_interval(secs => :s)"
        ),
        {**key, "s": STALE_AFTER},
    ).first()
    if stale is None:
        conn.commit()
        return False
    pid, name = stale
    if name and name.startswith(SYNC_SESSION):
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :n "
                "AND pid <> pg_backend_pid() AND state LIKE 'idle%'"
            ),
            {"n": name},
        )
    else:  # a sync from an older dutydesk, whose sessions carry no name
        conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    conn.commit()
    for _ in range(50):  # an ended session lets go of its locks a moment later
        if conn.execute(text("SELECT pg_try_advisory_lock(:c, :d)"), key).scalar():
            conn.commit()
            return True
        conn.commit()
        time.sleep(0.1)
    return False


def _check_chains(laptop: Store, office: Store, device: str) -> None:
    with db_errors(office.location):
        required = encrypted_laptops_required(office.engine)
    if required and not laptop.location.encrypted:
        raise SyncRefused(
            "the office requires laptops' stores to be encrypted (SQLCipher): this store is not; "
            "nothing was synced — ask the office how to move to an encrypted store (DUTYDESK_DB_KEY)"
        )
    verdict = laptop.verify_audit()
    if not verdict.ok:
        raise SyncRefused(
            f"this laptop's audit trail does not verify ({verdict.problem}); the office refuses it and nothing was synced"
        )
    problems = cross_check(laptop, office, device)
    if problems:
        raise SyncRefused(f"{problems[0]}; nothing was synced")


def laptop_device(laptop: Store) -> str | None:
    with db_errors(laptop.location), laptop.engine.connect() as conn:
        return sync_store.state(conn).get(sync_store.DEVICE_ID)


def cross_check(laptop: Store, office: Store, device: str) -> list[str]:
    """Each side against what the other saw of it: the office still holds the head this laptop
    saw at its last sync (the laptop is the office's witness), and the laptop still holds every
    row of its own the office received (the office is the laptop's)."""
    problems = []
    with db_errors(office.location), office.engine.connect() as oconn:
        seq, sealed = sync_store.device_head(oconn, device)
        with db_errors(laptop.location), laptop.engine.connect() as lconn:
            here = sync_store.audit_hash_at(lconn, seq) if seq else audit.GENESIS
            seen = sync_store.state(lconn)
        if here != sealed:
            found = "has no such row" if here is None else "holds a different one"
            problems.append(
                f"this laptop's audit trail is not the one the office received: the office holds its row {seq}, "
                f"the laptop {found} (rolled back or rewritten since the last sync)"
            )
        rows = int(seen.get(sync_store.OFFICE_ROWS, "0") or 0)
        witnessed = seen.get(sync_store.OFFICE_HASH, audit.GENESIS) if rows else audit.GENESIS
        if rows and sync_store.audit_hash_at(oconn, rows) != witnessed:
            problems.append(
                f"the office store's audit trail no longer holds row {rows} as this laptop saw it at its last sync "
                "(the office store was rolled back or rewritten): tell the office's administrator"
            )
        elif broken := sync_store.chain_problem_after(oconn, rows, witnessed, audit.audit_key()):
            since = " since this laptop's last sync" if rows else ""
            problems.append(
                f"the office store's audit trail is broken{since} ({broken}): "
                "tell the office's administrator (dutydesk audit verify on the office store)"
            )
    return problems


@dataclass
class _Work:
    new: list[str]
    merge: list[str]
    fetch: list[str]


def _plan(laptop: Store, office: Store, fetch: set[str], device: str) -> _Work:
    with db_errors(laptop.location), laptop.engine.connect() as lconn:
        known, here = sync_store.base_versions(lconn), sync_store.versions(lconn)
    with db_errors(office.location), office.engine.connect() as oconn:
        there = sync_store.versions(oconn)
        ours = sync_store.sent_by(oconn, device)  # the office's copies of cases this laptop made
    new = sorted(ref for ref in here if ref not in known or known[ref][0] == 0)
    merge = sorted(
        ref
        for ref, (office_version, local_version) in known.items()
        if office_version
        and ref in here
        and (here[ref][0] != local_version or there.get(ref, (office_version, ""))[0] != office_version)
    )
    wanted = [ref for ref, (_, status) in there.items() if status in OPEN_STATUSES or ref in fetch]
    missing = sorted(fetch - set(there) - set(here))
    if missing:
        raise BadInput(f"the office store has no case {missing[0]}; nothing was changed")
    return _Work(new, merge, sorted(ref for ref in wanted if ref not in here and ref not in known and ref not in ours))


# -- one case -------------------------------------------------------------------------------------
class OfficeCopyChanged(StoreError):
    """The office's copy of a case was changed behind dutydesk's back: not taken to the laptop."""


def _office_row(office: Store, ref: str) -> tuple[dict[str, Any], int] | None:
    with db_errors(office.location), office.engine.connect() as conn:
        row = conn.execute(text("SELECT document, version FROM cases WHERE reference = :r"), {"r": ref}).first()
        changed = sync_store.unsealed(conn, [ref]) if row is not None else {}
    if ref in changed:
        raise OfficeCopyChanged(
            f"the office's copy does not match its audit trail ({changed[ref]}): not taken, and nothing of this "
            "laptop's sent over it — tell the office's administrator (dutydesk audit verify on the office store)"
        )
    if row is None:
        return None
    doc = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    return doc, int(row[1])


def _laptop_row(laptop: Store, ref: str) -> tuple[dict[str, Any], int]:
    with db_errors(laptop.location), laptop.engine.connect() as conn:
        row = laptop._row(conn, ref)
    return row.document, row.version


def _send_new(laptop: Store, office: Store, device: str, ref: str, report: SyncReport, now: datetime) -> None:
    """A case made on the laptop: sent under the office's next reference, renamed here to it."""
    doc, version = _laptop_row(laptop, ref)
    with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
        taken = set(sync_store.versions(lconn)) - {ref}
        known = sync_store.base_of(lconn, ref)
        pushed = known.document if known and known.office_version == 0 else doc
        # Written down before the office is asked: a sync killed after the office took the case
        # finds it by its alias, and merges over what was sent, not over what the laptop has now.
        sync_store.put_base(lconn, Base(ref, 0, version, pushed), audit.utc_now())
    try:
        with db_errors(office.location), office.writing() as oconn:
            target = sync_store.alias_target(oconn, device, ref)
            if target is None:
                # Two laptops sending new cases at once: one takes the next number at a time.
                oconn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": REFERENCE_LOCK})
                target = _free_reference(office.next_reference_in(oconn, now.year), taken)
                case = parse_case({**pushed, "case": {**pushed["case"], "reference": target}})
                office.create_in(oconn, case)
                sync_store.add_alias(oconn, device, ref, target)
    except (DutydeskError, StoreError) as exc:
        report.not_synced.append(f"{ref}: {exc}")
        return
    _, office_version = _office_row(office, target) or ({}, 0)
    with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
        if target != ref and target in sync_store.versions(lconn):
            report.not_synced.append(
                f"{ref}: the office holds it as {target}, and this laptop has another case of that reference; "
                "both are left as they are for a person to look at"
            )
            return
        if target != ref:
            sync_store.rename_case(lconn, laptop.officer, ref, target)
            sync_store.add_alias(lconn, device, ref, target)
            report.renamed[ref] = target
        sync_store.drop_base(lconn, ref)
        renamed_base = {**pushed, "case": {**pushed["case"], "reference": target}}
        sync_store.put_base(lconn, Base(target, office_version, -1, renamed_base), audit.utc_now())
    report.sent += 1
    LOGGER.info("sync: sent new case %s as %s", ref, target)
    _merge_case(laptop, office, target, report, now, counted=True)


def _free_reference(reference: str, taken: set[str]) -> str:
    """The office's next reference, or the next after it that this laptop does not already use
    (a case it made before it first met the office was numbered in the office's series)."""
    prefix, number = reference.rsplit("-", 1)
    n = int(number)
    while f"{prefix}-{n:06d}" in taken:
        n += 1
    return f"{prefix}-{n:06d}"


def _merge_case(
    laptop: Store, office: Store, ref: str, report: SyncReport, now: datetime, counted: bool = False
) -> None:
    for _ in range(ATTEMPTS):
        try:
            _merge_once(laptop, office, ref, report, now, counted)
            return
        except Conflict:
            continue  # saved on one side while it was merged: merge again over what is there now
        except (DutydeskError, StoreError) as exc:
            report.not_synced.append(f"{ref}: {exc}")
            return
    report.not_synced.append(f"{ref}: it kept changing while it was merged; the next sync takes it")


def _merge_once(laptop: Store, office: Store, ref: str, report: SyncReport, now: datetime, counted: bool) -> None:
    with db_errors(laptop.location), laptop.engine.connect() as lconn:
        base = sync_store.base_of(lconn, ref)
    if base is None:
        raise NotFound(f"no sync base for {ref}")
    mine, my_version = _laptop_row(laptop, ref)
    found = _office_row(office, ref)
    if found is None:
        raise NotFound(f"the office store has no case {ref} (it was there at the last sync)")
    theirs, their_version = found
    merged, clashes = merge3(base.document, mine, theirs)
    case = _with_conflict_notes(merged, clashes, laptop.officer.name, now)
    doc = to_document(case, compact=True)
    if doc != theirs:
        with db_errors(office.location), office.writing() as oconn:
            their_version = office.save_in(oconn, case, their_version).version
        if not counted:
            report.sent += 1
    with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
        if doc != mine:
            my_version = laptop.save_in(lconn, parse_case(doc), my_version).version
            report.received += 1
        sync_store.put_base(lconn, Base(ref, their_version, my_version, doc), audit.utc_now())
    report.conflicts += len(clashes)
    _secure_where_secured(laptop, office, ref, doc)


def _secure_where_secured(laptop: Store, office: Store, ref: str, doc: dict[str, Any]) -> None:
    """A case secured on one side (¶3.42-3.45) is secured on the other as the sync brings it:
    from then on neither side changes its records as they were. The next sync finds the new
    version on that side and the same document, and merely notes it."""
    at = doc["case"].get("secured_at")
    if not at:
        return
    for side in (office, laptop):
        with db_errors(side.location), side.engine.connect() as conn:
            already = conn.execute(text("SELECT secured_at FROM cases WHERE reference = :r"), {"r": ref}).scalar()
        if not already:
            side.secure(
                ref,
                doc["case"].get("secured_reason") or "secured on the other side of a sync",
                datetime.fromisoformat(at),
            )


def _with_conflict_notes(merged: dict[str, Any], clashes: list[Clash], officer: str, now: datetime) -> Any:
    """The merged case with the laptop's side of every clash kept as a conflict note (once: a sync
    run again over the same clash finds its note already there)."""
    case = parse_case(merged)
    have = {e.text for e in case.events if e.kind == "conflict"}
    for clash in clashes:
        shown = clash.laptop if isinstance(clash.laptop, str) else json.dumps(clash.laptop, ensure_ascii=False)
        words = (
            f"{path_words(case, clash.path)}: changed at the office and on {officer}'s laptop while it was offline; "
            f"the office's text is in the field; the laptop's was: {shown}"
        )
        if words not in have:
            case.events.append(Event(at=now, by=officer, kind="conflict", text=words))
            have.add(words)
    return case


def _fetch(laptop: Store, office: Store, refs: list[str], report: SyncReport) -> None:
    with db_errors(office.location), office.engine.connect() as oconn:
        rows = oconn.execute(
            text("SELECT reference, document, version, secured_at FROM cases WHERE reference IN :refs").bindparams(
                bindparam("refs", expanding=True)
            ),
            {"refs": refs},
        ).all()
        changed = sync_store.unsealed(oconn, [r.reference for r in rows])
    for ref, why in sorted(changed.items()):
        report.not_synced.append(f"{ref}: the office's copy does not match its audit trail ({why}); not taken")
    rows = [r for r in rows if r.reference not in changed]
    with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
        # A case this laptop sent as new, taken by the office in a sync cut short before the
        # laptop renamed its own copy, is that copy: it is merged, never fetched as a second case.
        here = set(sync_store.versions(lconn))
        rows = [r for r in rows if r.reference not in here]
        plain = [r for r in rows if not r.secured_at]
        create_many_in(laptop, lconn, [parse_case(r.document) for r in plain])
        at = audit.utc_now()
        for r in plain:
            sync_store.put_base(lconn, Base(r.reference, r.version, 1, r.document), at)
    report.received += len(plain)
    for r in rows:
        if not r.secured_at:
            continue
        try:  # a secured case: made here and secured at the same instant, as an import does
            laptop.import_document(r.document)
        except (DutydeskError, StoreError) as exc:
            report.not_synced.append(f"{r.reference}: {exc}")
            continue
        _, version = _laptop_row(laptop, r.reference)
        with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
            sync_store.put_base(lconn, Base(r.reference, r.version, version, r.document), audit.utc_now())
        report.received += 1


# -- the laptop's chain to the office; the office's head back -------------------------------------
def _send_chain(laptop: Store, office: Store, device: str, report: SyncReport) -> None:
    with db_errors(office.location), office.writing() as oconn:
        seq, sealed = sync_store.device_head(oconn, device)
        with db_errors(laptop.location), laptop.engine.connect() as lconn:
            rows = sync_store.audit_rows_after(lconn, seq)
        if rows and rows[0]["prev_hash"] != sealed:
            raise SyncRefused(f"this laptop's audit row {rows[0]['seq']} does not follow the row the office holds")
        sync_store.store_device_rows(oconn, device, rows, audit.utc_now())
        head = anchors.head(oconn)
    report.device_rows = len(rows)
    report.office_rows = head.rows
    report.at = audit.utc_now()
    with db_errors(laptop.location), laptop._write() as lconn, lconn.begin():
        sync_store.put_state(
            lconn,
            **{
                sync_store.OFFICE_ROWS: str(head.rows),
                sync_store.OFFICE_HASH: head.hash,
                sync_store.LAST_SYNC: report.at,
                sync_store.OFFICE_SEEN: office.location.describe(),
            },
        )
    # The office's head written down on this machine too (issue 25's witness log): the office
    # store later found behind it was rolled back, whoever opens it from here.
    with contextlib.suppress(OSError):
        anchors.record(office.location.describe(), head, f"{anchors.WITNESS} sync from device {device[:8]}")
