"""The case store: load one case as domain objects, save a change in one transaction with its
audit rows, never overwrite a newer version, and keep secured records as they were."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, bindparam, delete, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from dutydesk.config import policy_files
from dutydesk.domain.case.casefile import parse_case, to_document
from dutydesk.domain.case.diff import Change, diff, flatten
from dutydesk.domain.case.model import Case
from dutydesk.domain.case.reasons import required_reason
from dutydesk.errors import AlreadyStored, BadInput, Conflict, NotFound, SecuredError, StoreError
from dutydesk.infra.log import LOGGER
from dutydesk.store import anchors, audit, sync_store
from dutydesk.store.audit import Entry, Officer, Verdict
from dutydesk.store.derived import derived_columns
from dutydesk.store.engine import Location, db_errors, explain_db_error, make_engine, prepare_sqlite_file, resolve
from dutydesk.store.integrity import IntegrityProblem, check_all, check_case
from dutydesk.store.migrate import upgrade
from dutydesk.store.people_index import index_rows, key_rows
from dutydesk.store.person_search import search
from dutydesk.store.summary import OPEN_FILTER, CaseSummary, hearing_order
from dutydesk.store.tables import AUDIT, CASES, PEOPLE_INDEX, PERSON_KEYS, CaseRow

if TYPE_CHECKING:
    from dutydesk.domain.people.matching import Facts
    from dutydesk.store.person_search import Found

OPEN_STATUSES = ("open", "allocated")


@dataclass
class Loaded:
    case: Case
    version: int
    updated_at: str
    updated_by: str
    secured_at: str | None = None
    after_securing: list[dict[str, Any]] = field(default_factory=list)


def _new_case_row(case: Case, doc: dict[str, Any], now: str, officer: str, audit_seq: int) -> dict[str, Any]:
    """The cases-table row of a case just created (version 1)."""
    return {
        "reference": case.case.reference,
        **derived_columns(doc),
        "version": 1,
        "document": doc,
        "updated_at": now,
        "updated_by": officer,
        "last_audit_seq": audit_seq,
    }


def _change_entries(changes: list[Change], action: str = "update") -> list[Entry]:
    return [Entry(action, c.entity, c.field, c.old, c.new) for c in changes]


GUARDS = 2  # SQLite: no update, no delete; PostgreSQL: update-or-delete, truncate (migration 0001)


class Unverified(StoreError):
    """The stored case no longer matches its audit trail."""


class Store:
    """One store (SQLite file or a PostgreSQL database) used by one officer."""

    def __init__(self, engine: Engine, location: Location, officer: Officer) -> None:
        self.engine, self.location, self.officer = engine, location, officer
        self.anchor_warnings: list[str] = []
        self.risk_factor_ids: set[str] | None = None
        self.backup_taken: Path | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, officer: Officer, db: Path | None = None, location: Location | None = None) -> Store:
        loc = location or resolve(db)
        if loc.path is not None:
            writable = prepare_sqlite_file(loc.path, loc.encrypted)
            loc = replace(loc, read_only=not writable)
        engine = make_engine(loc)
        store = cls(engine, loc, officer)
        try:
            store.backup_taken = upgrade(engine, loc)
        except DBAPIError as exc:
            engine.dispose()
            raise explain_db_error(exc, loc) from None
        except StoreError:
            engine.dispose()
            raise

        store.risk_factor_ids = set(policy_files.risk_factors().factors)
        # The trail against the last anchor written down outside the store: one point query.
        store.anchor_warnings = store.anchor_problems(latest_only=True) + store._unkeyed_with_key()
        return store

    def _unkeyed_with_key(self) -> list[str]:
        """Opening only reads (issue 30): a key set over an unkeyed trail is said, never acted on."""
        if audit.audit_key() is None:
            return []
        with db_errors(self.location), self.engine.connect() as conn:
            now = anchors.head(conn)
        return [audit.UNKEYED_WITH_KEY] if now.rows and not now.hash.startswith(audit.KEYED) else []

    def keyed_after(self) -> int | None:
        rows = [a.rows for a in self.known_anchors() if a.why.startswith(anchors.KEYED_AFTER)]
        return min(rows) if rows else None

    def genuine_restore(self, anchor: anchors.Anchor) -> bool:
        """Whether the trail itself holds the restore a witness line names (its row, as sealed)."""
        with db_errors(self.location), self.engine.connect() as conn:
            row = conn.execute(text("SELECT action, hash FROM audit WHERE seq = :n"), {"n": anchor.rows}).first()
        return row is not None and row[0] == audit.RESTORED and row[1] == anchor.hash

    def guard_problems(self) -> list[str]:
        """The triggers that refuse UPDATE and DELETE on the trail: gone only if dropped from outside."""
        with db_errors(self.location), self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                query = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
            else:
                query = "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit'::regclass AND NOT tgisinternal"
            found = int(conn.execute(text(query)).scalar_one())
        if found >= GUARDS:
            return []
        return ["the audit trail's append-only guards (its triggers) were removed from outside the store"]

    def device_problems(self) -> tuple[int, list[str]]:
        """On the office: how many laptops' chains it keeps (issue 33), and any that does not hold."""
        with db_errors(self.location), self.engine.connect() as conn:
            return sync_store.device_count(conn), sync_store.verify_devices(conn, audit.audit_key())

    def known_anchors(self) -> list[anchors.Anchor]:
        return anchors.known(self.location.describe(), self.genuine_restore)

    def restores_named(self) -> list[str]:
        return anchors.discarded_by_restores(self.location.describe(), self.genuine_restore)

    def close(self) -> None:
        self.engine.dispose()

    def _write(self) -> Connection:
        return self.engine.connect().execution_options(dutydesk_write=True)

    # -- reading -------------------------------------------------------------------------
    def _row(self, conn: Connection, reference: str, lock: bool = False) -> CaseRow:
        query = select(CASES).where(CASES.c.reference == reference)
        if lock and conn.dialect.name == "postgresql":
            query = query.with_for_update()
        found = conn.execute(query).first()
        if found is None and (renamed := sync_store.resolve_alias(conn, reference)) is not None:
            # made offline and renamed by the office at sync (issue 33): the old reference still names it
            return self._row(conn, renamed, lock)
        if found is None:
            raise NotFound(f"no case {reference!r} in the store {self.location.describe()}")
        return CaseRow.model_validate(found._mapping)

    def load(self, reference: str) -> Loaded:
        with db_errors(self.location), self.engine.connect() as conn:
            row = self._row(conn, reference)
        return Loaded(
            case=parse_case(row.document),
            version=row.version,
            updated_at=row.updated_at,
            updated_by=row.updated_by,
            secured_at=row.secured_at,
            after_securing=list(row.after_securing or []),
        )

    def load_in(self, conn: Connection, reference: str) -> Loaded:
        row = self._row(conn, reference, lock=True)
        return Loaded(
            parse_case(row.document),
            row.version,
            row.updated_at,
            row.updated_by,
            row.secured_at,
            list(row.after_securing or []),
        )

    def current_version(self, reference: str) -> int | None:
        """The case's version as stored now: one indexed column, cheap enough to ask every few
        seconds whether another officer has saved."""
        with db_errors(self.location), self.engine.connect() as conn:
            return conn.execute(select(CASES.c.version).where(CASES.c.reference == reference)).scalar()

    def exists(self, reference: str) -> bool:
        with db_errors(self.location), self.engine.connect() as conn:
            return conn.execute(select(CASES.c.id).where(CASES.c.reference == reference)).first() is not None

    def list_cases(self, statuses: tuple[str, ...] = OPEN_STATUSES, limit: int | None = None) -> list[CaseSummary]:
        """Cases by first hearing, soonest first; cases with no hearing listed come last."""
        cols = (CASES.c.reference, CASES.c.status, CASES.c.first_hearing_utc, CASES.c.children, CASES.c.version)
        # Open cases are served by the partial covering index ix_cases_open_by_hearing (0003).
        where = CASES.c.status.in_(statuses) if set(statuses) != set(OPEN_STATUSES) else text(OPEN_FILTER)
        query = select(*cols).where(where).order_by(CASES.c.first_hearing_utc).limit(limit)
        with db_errors(self.location), self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return hearing_order(list(map(CaseSummary._make, rows)))

    def finding_terms(self) -> list[tuple[str, str, str, list[str]]]:
        """For the palette: each open case's reference, children column, court case number and
        every person's name (the people index keeps them; nothing is parsed)."""
        court_no = CASES.c.document["case"]["court_case_number"].as_string()
        query = select(CASES.c.reference, CASES.c.children, court_no).where(text(OPEN_FILTER))
        names = select(PEOPLE_INDEX.c.case_ref, PEOPLE_INDEX.c.given_names, PEOPLE_INDEX.c.family_name)
        with db_errors(self.location), self.engine.connect() as conn:
            cases = conn.execute(query).all()
            people: dict[str, list[str]] = {}
            for ref, given, family in conn.execute(names):
                people.setdefault(ref, []).append(" ".join(p for p in (given, family) if p))
        return [(ref, children, number or "", people.get(ref, [])) for ref, children, number in cases]

    def history(self, reference: str) -> list[dict[str, Any]]:
        with db_errors(self.location), self.engine.connect() as conn:
            self._row(conn, reference)
            query = select(AUDIT).where(AUDIT.c.case_ref == reference).order_by(AUDIT.c.seq)
            return [dict(r) for r in conn.execute(query).mappings()]

    def search_people(self, query: Facts, limit: int = 20, exclude_case: str | None = None) -> list[Found]:
        """Earlier records of a person across every case (¶2.17-2.18), most alike first."""

        with db_errors(self.location), self.engine.connect() as conn:
            return search(conn, query, limit, exclude_case)

    def verify_audit(self) -> Verdict:
        with db_errors(self.location), self.engine.connect() as conn:
            return audit.verify(conn, keyed_after=self.keyed_after())

    # -- integrity: the documents against their trail, the trail against its anchors -----
    def integrity(self, reference: str) -> IntegrityProblem | None:
        """This case against its own trail rows (run when a case is opened)."""
        with db_errors(self.location), self.engine.connect() as conn:
            return check_case(conn, reference)

    def check_integrity(self, advance: Callable[[int], None] | None = None) -> list[IntegrityProblem]:
        with db_errors(self.location), self.engine.connect() as conn:
            return check_all(conn, advance)

    def count_cases(self) -> int:
        with db_errors(self.location), self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())

    def anchor(self, why: str) -> anchors.Anchor:
        """Write the chain's head down outside the store (a backup, an export, a document)."""
        with db_errors(self.location), self.engine.connect() as conn:
            now = anchors.head(conn)
        return anchors.record(self.location.describe(), now, why)

    def anchor_problems(self, extra: list[anchors.Anchor] | None = None, latest_only: bool = False) -> list[str]:
        """Each anchor the trail no longer matches (the latest alone when a store is opened)."""
        if latest_only:
            last = anchors.latest(self.location.describe())
            if last is not None and last.why.startswith(anchors.RESTORED) and not self.genuine_restore(last):
                return [
                    f"the witness log names a restore ({last.why}) that the trail does not hold: run `dutydesk audit verify`"
                ]
            kept = [last] if last is not None else []
        else:
            kept = self.known_anchors()
        chosen = kept + list(extra or [])
        with db_errors(self.location), self.engine.connect() as conn:
            return [p for p in (anchors.broken(conn, a) for a in chosen) if p]

    def accept(self, reference: str, reason: str) -> Loaded:
        """An officer has looked at a case that no longer matches its trail and accepts the
        stored document as the record: the whole document, who, when and why are appended to
        the trail (nothing is rewritten), and its columns and index follow the document."""
        reason = required_reason(reason, "the stored case is accepted")
        with db_errors(self.location), self._write() as conn, conn.begin():
            row = self._row(conn, reference, lock=True)
            found = check_case(conn, reference)
            if found is not None and found.secured:  # ¶3.42-3.45: securing is undone by no acceptance
                raise SecuredError(
                    f"case {reference}: {found.problem}. A secured record is not accepted as stored: restore "
                    "the store from a backup taken before the change (`dutydesk restore`) and tell your Service Manager"
                )
            doc = row.document
            if row.secured_at and (doc.get("case") or {}).get("secured_at") != row.secured_at:
                raise SecuredError(
                    f"case {reference} is secured (¶3.42-3.45) but the stored document no longer says so: it is not "
                    "accepted as stored; restore the store from a backup taken before the change"
                )
            parse_case(doc, self.risk_factor_ids)  # only a valid case file can be accepted
            version = row.version + 1
            entry = Entry("accepted", "$", "(case file)", reason.strip(), doc)
            now = audit.utc_now()
            seq = audit.append(conn, self.officer, reference, version, [entry], audit.doc_hash(doc), now)
            conn.execute(
                update(CASES)
                .where(CASES.c.reference == reference)
                .values(
                    version=version,
                    last_audit_seq=seq,
                    updated_at=now,
                    updated_by=self.officer.name,
                    **derived_columns(doc),
                )
            )
            self._reindex(conn, reference, doc, thorough=True)
            head = anchors.head(conn)
        self._witness(head, f"accepted {reference} v{version}")
        LOGGER.info("accepted case %s as stored (v%d) by %s", reference, version, self.officer.name)
        return self.load(reference)

    def export(self, reference: str) -> dict[str, Any]:
        """The case file; a secured case also carries its records as secured and what came after."""
        with db_errors(self.location), self.engine.connect() as conn:
            row = self._row(conn, reference)
        doc = to_document(parse_case(row.document))
        if row.secured_at:
            doc["secured"] = {
                "at": row.secured_at,
                "records_as_secured": to_document(parse_case(row.secured_document)),
                "recorded_after_securing": row.after_securing or [],
            }
        return doc

    # -- writing -------------------------------------------------------------------------
    def next_reference(self, year: int) -> str:
        with db_errors(self.location), self.engine.connect() as conn:
            return self.next_reference_in(conn, year)

    def next_reference_in(self, conn: Connection, year: int) -> str:
        prefix = f"DD-{year}-"
        device = sync_store.state(conn).get(sync_store.DEVICE_ID) if conn.dialect.name == "sqlite" else None
        if device:
            # A laptop that syncs with the office numbers its own cases apart from the office's
            # and every other laptop's (DD-2026-7F3A-000001) until the office gives them its own
            # at sync: the laptop's reference then stays an alias that names only that case.
            prefix += f"{device[:4].upper()}-"
        last = conn.execute(
            select(CASES.c.reference)
            .where(CASES.c.reference.startswith(prefix))
            .order_by(CASES.c.reference.desc())
            .limit(1)
        ).scalar()
        if device:  # a number the office has renamed is never given again: its alias names that case
            last = max(filter(None, (last, sync_store.last_alias(conn, prefix))), default=None)
        number = int(last.rsplit("-", 1)[1]) + 1 if last and last.rsplit("-", 1)[1].isdigit() else 1
        return f"{prefix}{number:06d}"

    def create(self, case: Case) -> Loaded:
        """Store a new case; its whole first document is the first audit row."""
        if not case.case.reference:
            case.case.reference = self.next_reference(datetime.now(UTC).year)
        try:
            with db_errors(self.location), self._write() as conn, conn.begin():
                loaded = self.create_in(conn, case)
                head = anchors.head(conn)
        except IntegrityError:
            raise AlreadyStored(f"a case {case.case.reference} is already in the store; nothing was changed") from None
        self._witness(head, f"created {case.case.reference}")
        return loaded

    def create_in(self, conn: Connection, case: Case) -> Loaded:
        """`create` inside the caller's write transaction (an import of many cases is one)."""
        doc = to_document(case, compact=True)
        stored = parse_case(doc, self.risk_factor_ids)  # what is stored is always a valid case file
        ref = case.case.reference
        now = audit.utc_now()
        if conn.execute(select(CASES.c.id).where(CASES.c.reference == ref)).first():
            raise AlreadyStored(f"a case {ref} is already in the store; nothing was changed")
        if (renamed := sync_store.resolve_alias(conn, ref)) is not None:
            # The office gave it another reference at a sync; the old one still names that case.
            raise AlreadyStored(f"the case {ref} is already in the store, now as {renamed}; nothing was changed")
        seq = audit.append(
            conn, self.officer, ref, 1, [Entry("create", "$", "(case file)", None, doc)], audit.doc_hash(doc), now
        )
        conn.execute(CASES.insert(), _new_case_row(case, doc, now, self.officer.name, seq))
        self._reindex(conn, ref, doc)
        LOGGER.info("created case %s (audit row %d) by %s", ref, seq, self.officer.name)
        return Loaded(stored, 1, now, self.officer.name)

    def import_document(self, data: Any) -> Loaded:
        if isinstance(data, dict) and "audit_anchor" in data:  # the exporting store's, not the case's
            data = {k: v for k, v in data.items() if k != "audit_anchor"}
        case = parse_case(data, self.risk_factor_ids, strict_keys=True)  # a file from outside
        loaded = self.create(case)
        if case.case.secured_at is not None:
            self.secure(case.case.reference, case.case.secured_reason or "secured before import", case.case.secured_at)
            return self.load(case.case.reference)
        return loaded

    def save(self, case: Case, base_version: int) -> Loaded:
        """Save `case` over the version it was loaded at, or raise Conflict naming what the
        other change was. Nothing is written when nothing changed."""
        with db_errors(self.location), self._write() as conn, conn.begin():
            loaded = self.save_in(conn, case, base_version)
            head = anchors.head(conn) if loaded.version != base_version else None
        if head is not None:
            self._witness(head, f"saved {case.case.reference} v{loaded.version}")
        return loaded

    def _witness(self, head: anchors.Anchor, why: str) -> None:
        """The trail's head after every change, written down outside the store (issue 30): a
        store later found behind it was rolled back. Best effort: a full disk never stops a save."""
        with contextlib.suppress(OSError):
            anchors.record(self.location.describe(), head, f"{anchors.WITNESS} {why}")

    def save_in(self, conn: Connection, case: Case, base_version: int) -> Loaded:
        """`save` inside the caller's write transaction."""
        doc = to_document(case, compact=True)
        parse_case(doc, self.risk_factor_ids)
        ref = case.case.reference
        row = self._row(conn, ref, lock=True)
        self._refuse_if_unverified(conn, ref)
        if row.version != base_version:
            raise Conflict(
                ref, self._changes_since(conn, ref, base_version), self._paths_since(conn, ref, base_version)
            )
        changes = diff(row.document, doc)
        if not changes:
            return Loaded(case, row.version, row.updated_at, row.updated_by, row.secured_at, row.after_securing or [])
        version = row.version + 1
        action = "update"
        after = list(row.after_securing or [])
        if row.secured_at:
            self._refuse_changes_to_secured(ref, row.secured_document or {}, changes)
            action = "after_securing"
            after += [{"at": audit.utc_now(), "by": self.officer.name, "path": c.path, "value": c.new} for c in changes]
        now = audit.utc_now()
        seq = audit.append(conn, self.officer, ref, version, _change_entries(changes, action), audit.doc_hash(doc), now)
        result = conn.execute(
            update(CASES)
            .where(CASES.c.reference == ref, CASES.c.version == base_version)
            .values(
                document=doc,
                version=version,
                **derived_columns(doc),
                updated_at=now,
                updated_by=self.officer.name,
                last_audit_seq=seq,
                after_securing=after if row.secured_at else None,
            )
        )
        if result.rowcount != 1:  # pragma: no cover - the row lock / write lock prevents this
            raise Conflict(ref, ["(saved at the same moment)"])
        self._reindex(conn, ref, doc)
        LOGGER.info("saved case %s v%d: %d change(s) by %s", ref, version, len(changes), self.officer.name)
        return Loaded(parse_case(doc), version, now, self.officer.name, row.secured_at, after)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction for several changes that stand or fall together."""
        with db_errors(self.location), self._write() as conn, conn.begin():
            yield conn

    def secure(self, reference: str, reason: str, at: datetime | None = None) -> Loaded:
        """¶3.42-3.45: from now on the records as they were cannot be changed."""
        if not reason.strip():
            raise BadInput("a reason is required to secure a case (¶3.42); nothing was changed")
        when = at or datetime.now(UTC)
        with db_errors(self.location), self._write() as conn, conn.begin():
            row = self._row(conn, reference, lock=True)
            self._refuse_if_unverified(conn, reference)
            if row.secured_at:
                raise SecuredError(f"case {reference} was already secured at {row.secured_at}")
            doc = copy.deepcopy(row.document)
            doc["case"]["secured_at"] = when.isoformat()
            doc["case"]["secured_reason"] = reason
            version = row.version + 1
            entries = [
                Entry("secure", "case", "secured_at", None, when.isoformat()),
                Entry("secure", "case", "secured_reason", None, reason),
            ]
            now = audit.utc_now()
            seq = audit.append(conn, self.officer, reference, version, entries, audit.doc_hash(doc), now)
            conn.execute(
                update(CASES)
                .where(CASES.c.reference == reference)
                .values(
                    document=doc,
                    secured_document=doc,
                    secured_at=when.isoformat(),
                    after_securing=[],
                    version=version,
                    updated_at=now,
                    updated_by=self.officer.name,
                    last_audit_seq=seq,
                )
            )
            head = anchors.head(conn)
        self._witness(head, f"secured {reference}")  # a rollback over the securing is then caught
        return self.load(reference)

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _refuse_if_unverified(conn: Connection, reference: str) -> None:
        """A save on top of a document changed from outside would seal the change into the trail
        as if it were the officer's: refused until an officer has looked and accepted it."""
        finding = check_case(conn, reference)
        if finding is not None:
            raise Unverified(
                f"{finding.problem}. Nothing is saved over it until an officer has looked and accepted it "
                f"(Ctrl+P: Accept the case as stored, or `dutydesk audit accept {reference} --reason …`)"
            )

    @staticmethod
    def _refuse_changes_to_secured(ref: str, secured: dict[str, Any], changes: list[Change]) -> None:
        as_secured = flatten(secured)
        touched = [c.path for c in changes if as_secured.get(c.path) not in (None, [], {})]
        if touched:
            raise SecuredError(
                f"case {ref} is secured (¶3.42-3.45): the records as they were cannot be changed "
                f"({', '.join(touched[:5])}); add a new entry instead"
            )

    def _changes_since(self, conn: Connection, ref: str, version: int) -> list[str]:
        query = (
            select(AUDIT.c.entity, AUDIT.c.field, AUDIT.c.officer, AUDIT.c.at)
            .where(AUDIT.c.case_ref == ref, AUDIT.c.version > version)
            .order_by(AUDIT.c.seq)
        )
        return [f"{e}.{f} by {who} at {at[:19]}Z" for e, f, who, at in conn.execute(query)]

    def _paths_since(self, conn: Connection, ref: str, version: int) -> list[str]:
        query = select(AUDIT.c.entity, AUDIT.c.field).where(AUDIT.c.case_ref == ref, AUDIT.c.version > version)
        return [f"{entity}.{field}" if entity != "$" else field for entity, field in conn.execute(query)]

    @staticmethod
    def _reindex(conn: Connection, ref: str, doc: dict[str, Any], thorough: bool = False) -> None:
        """The case's people and their search keys, replaced in the save's transaction.
        `thorough` (accepting, repairing): the keys go by person id, whatever the index rows say
        now — they may have been edited too — at the cost of a scan of the keys table."""
        old = conn.execute(select(PEOPLE_INDEX).where(PEOPLE_INDEX.c.case_ref == ref)).fetchall()
        stale = [k for row in old for k in key_rows(row.id, row)]
        if thorough and old:
            conn.execute(delete(PERSON_KEYS).where(PERSON_KEYS.c.pid.in_([row.id for row in old])))
        elif stale:  # by primary key: the keys table has no other index to keep it small
            conn.execute(
                delete(PERSON_KEYS).where(
                    (PERSON_KEYS.c.h == bindparam("h_")) & (PERSON_KEYS.c.pid == bindparam("pid_"))
                ),
                [{"h_": k["h"], "pid_": k["pid"]} for k in stale],
            )
        conn.execute(delete(PEOPLE_INDEX).where(PEOPLE_INDEX.c.case_ref == ref))
        insert_people(conn, index_rows(ref, doc))


def insert_people(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """People index rows and their search keys."""
    if not rows:
        return
    ids = (
        conn.execute(PEOPLE_INDEX.insert().returning(PEOPLE_INDEX.c.id, sort_by_parameter_order=True), rows)
        .scalars()
        .all()
    )
    keys = [k for pid, row in zip(ids, rows, strict=True) for k in key_rows(pid, row)]
    if keys:
        conn.execute(PERSON_KEYS.insert(), keys)


def create_many(store: Store, cases: list[Case]) -> None:
    """Bulk creation in one transaction (generated data, benchmarks): one audit row per case."""
    with db_errors(store.location), store._write() as conn, conn.begin():
        create_many_in(store, conn, cases)


def create_many_in(store: Store, conn: Connection, cases: list[Case], validate: bool = False) -> None:
    """`create_many` inside the caller's transaction (an HMCTS feed of 2,000 new cases): a few
    statements for all of them, not ten for each. With `validate`, each document is checked as
    `create` checks it, and a reference already in the store is refused."""
    now = audit.utc_now()
    docs = [(case, to_document(case, compact=True)) for case in cases]
    if validate:
        for _case, doc in docs:
            parse_case(doc, store.risk_factor_ids)
        refs = [case.case.reference for case in cases]
        taken = conn.execute(select(CASES.c.reference).where(CASES.c.reference.in_(refs))).scalars().first()
        if taken or len(set(refs)) != len(refs):
            raise AlreadyStored(f"a case {taken or 'in this batch'} is already in the store; nothing was changed")
    if docs:
        created = [
            (case.case.reference, 1, Entry("create", "$", "(case file)", None, doc), audit.doc_hash(doc))
            for case, doc in docs
        ]
        last_seq = audit.append_many(conn, store.officer, created, now)
        first_seq = last_seq - len(created) + 1
        rows, index = [], []
        for offset, (case, doc) in enumerate(docs):
            ref = case.case.reference
            rows.append(_new_case_row(case, doc, now, store.officer.name, first_seq + offset))
            index.extend(index_rows(ref, doc))
        conn.execute(CASES.insert(), rows)
        insert_people(conn, index)
        LOGGER.info("created %d cases (audit rows %d-%d) by %s", len(rows), first_seq, last_seq, store.officer.name)
