"""Two laptops and the office (issue 33): the same case edited offline on both — different notes,
the same field, ticks in the same list, a new person on each — then synced in either order. The
office holds every note once, both ticks, both people, the first sync's text in the field and the
other's as a conflict note; each laptop, after syncing again, holds what the office holds."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from dutydesk.domain.case.model import Case, CaseInfo, Event, Person
from dutydesk.errors import AlreadyStored, SecuredError
from dutydesk.services.sync import SyncRefused, sync
from dutydesk.store.audit import Officer
from dutydesk.store.engine import Location
from dutydesk.store.repository import Store
from tests.cli_helpers import run_cli
from tests.office.conftest import PG_URL, as_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured (set DUTYDESK_TEST_PG_URL)"),
]
NOW = datetime(2026, 12, 6, 9, 12, tzinfo=UTC)


def laptop(folder: Path, name: str) -> Store:
    return Store.open(Officer(name, name.split()[0].lower()), db=folder / f"{name.split()[0]}.sqlite3")


def office_store(url: str, name: str = "Office Admin") -> Store:
    return Store.open(Officer(name, "office"), location=Location(url, None))


def document(store: Store, ref: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        found = conn.execute(text("SELECT document FROM cases WHERE reference = :r"), {"r": ref}).scalar_one()
    return dict(json.loads(found) if isinstance(found, str) else found)


def edit(store: Store, ref: str, change: Any) -> None:
    loaded = store.load(ref)
    change(loaded.case)
    store.save(loaded.case, loaded.version)


def a_case() -> Case:
    return Case(
        case=CaseInfo(reference="", court="Family Court at Leeds"),
        people=[
            Person(id="pm", role="applicant", given_names="Mary", family_name="Stone"),
            Person(id="pf", role="respondent", given_names="Frank", family_name="Stone"),
            Person(id="pc", role="child", given_names="Maya", family_name="Stone"),
        ],
    )


@pytest.fixture
def office(office_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    return office_url


@pytest.mark.parametrize("first", ["Ann", "Bob"])
def test_two_laptops_editing_one_case_offline_end_up_with_the_office_holding_everything(
    office: str, tmp_path: Path, first: str
) -> None:
    ann, bob, hq = laptop(tmp_path, "Ann Able"), laptop(tmp_path, "Bob Baker"), office_store(office)
    try:
        made = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        assert sync(bob, hq, NOW).received == 1  # every open case of the office comes to the laptop
        ref = made  # the office's first case: the same reference

        def anns(case: Case) -> None:
            case.events.append(Event(at=NOW, by="Ann Able", kind="note", text="Ann: the mother rang at 09:05"))
            case.case.court = "Family Court at Bradford"
            case.person("pc").lives_with.append("pm")  # type: ignore[union-attr]
            case.people.append(Person(id="pa", role="other_relevant_adult", given_names="Aunt", family_name="Ada"))

        def bobs(case: Case) -> None:
            case.events.append(Event(at=NOW, by="Bob Baker", kind="note", text="Bob: the father rang at 09:07"))
            case.case.court = "Family Court at Wakefield"
            case.person("pc").lives_with.append("pf")  # type: ignore[union-attr]
            case.people.append(Person(id="pu", role="other_relevant_adult", given_names="Uncle", family_name="Ulf"))

        edit(ann, ref, anns)
        edit(bob, ref, bobs)
        order = [ann, bob] if first == "Ann" else [bob, ann]
        reports = [sync(store, hq, NOW) for store in order + order]

        held = document(hq, ref)
        notes = [e["text"] for e in held["events"] if e.get("kind") == "note"]
        assert sorted(notes) == ["Ann: the mother rang at 09:05", "Bob: the father rang at 09:07"]
        kept, other = ("Bradford", "Wakefield") if first == "Ann" else ("Wakefield", "Bradford")
        assert held["case"]["court"] == f"Family Court at {kept}"
        clashes = [e["text"] for e in held["events"] if e.get("kind") == "conflict"]
        assert len(clashes) == 1 and f"Family Court at {other}" in clashes[0], clashes
        child = next(p for p in held["people"] if p["id"] == "pc")
        assert sorted(child["lives_with"]) == ["pf", "pm"]
        assert {p["id"] for p in held["people"]} == {"pm", "pf", "pc", "pa", "pu"}
        assert document(ann, ref) == held and document(bob, ref) == held
        assert reports[1].conflicts == 1 and sum(r.conflicts for r in reports) == 1
        for store in (ann, bob, hq):
            assert store.verify_audit().ok
            assert store.check_integrity() == []
    finally:
        for store in (ann, bob, hq):
            store.close()


def test_cases_made_offline_on_two_laptops_get_office_references_and_keep_their_own(
    office: str, tmp_path: Path
) -> None:
    ann, bob, hq = laptop(tmp_path, "Ann Able"), laptop(tmp_path, "Bob Baker"), office_store(office)
    try:
        a = ann.create(a_case()).case.case.reference
        b = bob.create(a_case()).case.case.reference
        assert a == b == "DD-2026-000001"  # neither laptop had met the office: numbered alike
        first, second = sync(ann, hq, NOW), sync(bob, hq, NOW)
        assert first.renamed == {} and list(second.renamed) == [b]
        assert (
            second.renamed[b] == "DD-2026-000002"
            and document(bob, "DD-2026-000002")["case"]["reference"] == "DD-2026-000002"
        )
        # Joined to the office, each laptop numbers its own cases apart from everyone's …
        a2 = ann.create(a_case()).case.case.reference
        b2 = bob.create(a_case()).case.case.reference
        assert a2 != b2 and a2.startswith("DD-2026-") and len({a2, b2, a, b}) == 3
        renamed = {**sync(ann, hq, NOW).renamed, **sync(bob, hq, NOW).renamed}
        assert set(renamed) == {a2, b2} and set(renamed.values()) == {"DD-2026-000003", "DD-2026-000004"}
        # … so its old reference (in letters already drafted) still finds that case and no other.
        assert bob.load(b2).case.case.reference == renamed[b2]
        assert ann.load(a2).case.case.reference == renamed[a2]
        sync(ann, hq, NOW)
        for ref in ("DD-2026-000001", "DD-2026-000002", "DD-2026-000003", "DD-2026-000004"):
            assert document(ann, ref) == document(hq, ref) == document(bob, ref)
        for store in (ann, bob, hq):
            assert store.check_integrity() == [] and store.verify_audit().ok
    finally:
        for store in (ann, bob, hq):
            store.close()


def test_a_laptop_rolled_back_after_a_sync_is_caught_at_the_next(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, hq = laptop(tmp_path, "Ann Able"), office_store(office)
    path = ann.location.path
    assert path is not None
    try:
        ref = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        ann.close()
        copy = path.read_bytes()  # a copy of the laptop as it was after its first sync
        ann = laptop(tmp_path, "Ann Able")
        edit(ann, ref, lambda case: setattr(case.case, "court", "Family Court at York"))
        sync(ann, hq, NOW)  # the office now holds the laptop's rows of that change
        ann.close()
        path.write_bytes(copy)  # the laptop put back to before that sync (a restored image, say)
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        ann = laptop(tmp_path, "Ann Able")
        with pytest.raises(SyncRefused, match="not the one the office received"):
            sync(ann, hq, NOW)
        assert document(hq, ref)["case"]["court"] == "Family Court at York"  # nothing of it applied
        ann.close()
        monkeypatch.setenv("DUTYDESK_DB", str(path))
        checked = run_cli(capsys, "audit", "verify", "--office", office)
        assert checked.code == 1 and "not the one the office received" in checked.out, checked
        ann = laptop(tmp_path, "Ann Able")
    finally:
        ann.close()
        hq.close()


def test_an_officer_syncs_as_their_own_role_and_the_managers_review_covers_it(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    officer, manager = (
        f"o_{tmp_path.name[-8:].lower()}".replace("-", "_"),
        f"m_{tmp_path.name[-8:].lower()}".replace("-", "_"),
    )
    assert run_cli(capsys, "office-store", "add-officer", officer, "--url", office).code == 0
    assert run_cli(capsys, "office-store", "add-officer", manager, "--role", "manager", "--url", office).code == 0
    ann = laptop(tmp_path, "Ann Able")
    try:
        ref = ann.create(a_case()).case.case.reference
        edit(ann, ref, lambda case: setattr(case.case, "court", "Family Court at York"))
    finally:
        ann.close()
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path / "Ann.sqlite3"))
    monkeypatch.setenv("DUTYDESK_OFFICER", "Ann Able")
    synced = run_cli(capsys, "sync", "--office", as_user(office, officer), "--json")
    assert synced.code == 0, synced
    assert json.loads(synced.out)["sent"] == 1 and json.loads(synced.out)["device_rows_sent"] >= 2
    again = run_cli(capsys, "sync", "--office", as_user(office, officer))
    assert again.code == 0 and "sent 0, received 0, conflicts 0" in again.out, again

    hq = office_store(office)
    try:
        with hq.engine.connect() as conn:
            who = conn.execute(text("SELECT DISTINCT officer, db_user FROM audit")).all()
            devices = conn.execute(text("SELECT count(*), count(DISTINCT device_id) FROM device_audit")).one()
        assert who == [("Ann Able", officer)]  # the office's rows: her name, and the role the database saw
        assert devices[1] == 1 and devices[0] >= 2  # her laptop's own chain, kept as that device's
    finally:
        hq.close()
    monkeypatch.delenv("DUTYDESK_DB")
    monkeypatch.setenv("DUTYDESK_DB_URL", as_user(office, manager))
    review = run_cli(capsys, "review", "--json")
    assert review.code == 0, review
    assert ref in {c["reference"] for c in json.loads(review.out)["cases"]}
    verified = run_cli(capsys, "audit", "verify")
    assert verified.code == 0, verified


def test_a_laptops_chain_edited_on_the_office_is_caught_by_verify_there(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, hq = laptop(tmp_path, "Ann Able"), office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        edit(ann, ref, lambda case: setattr(case.case, "court", "Family Court at York"))
        sync(ann, hq, NOW)
    finally:
        ann.close()
        hq.close()
    monkeypatch.setenv("DUTYDESK_DB_URL", office)
    assert run_cli(capsys, "audit", "verify").code == 0
    with create_engine(office).begin() as conn:  # behind dutydesk's back, as the owner: guards off
        conn.execute(text("ALTER TABLE device_audit DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE device_audit SET row = replace(row, 'York', 'Hull') WHERE seq = 2"))
        conn.execute(text("ALTER TABLE device_audit ENABLE TRIGGER USER"))
    checked = run_cli(capsys, "audit", "verify")
    assert checked.code == 1 and "row 2 was altered" in checked.out, checked


def test_an_office_that_requires_encrypted_laptops_refuses_a_plain_store(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sqlcipher3")
    assert run_cli(capsys, "office-store", "init", office, "--require-encrypted-laptops").code == 0
    ann, hq = laptop(tmp_path, "Ann Able"), office_store(office)
    try:
        ann.create(a_case())
        with pytest.raises(SyncRefused, match="encrypted"):
            sync(ann, hq, NOW)
        assert hq.list_cases() == []  # nothing of it applied
        monkeypatch.setenv("DUTYDESK_DB_KEY", "correct horse battery staple")
        sealed = Store.open(Officer("Bob Baker", "bob"), db=tmp_path / "sealed.sqlite3")
        try:
            sealed.create(a_case())
            assert sync(sealed, hq, NOW).sent == 1  # an encrypted laptop store syncs
        finally:
            sealed.close()
    finally:
        ann.close()
        hq.close()
    assert run_cli(capsys, "office-store", "init", office, "--allow-unencrypted-laptops").code == 0


def test_two_laptops_syncing_one_case_at_the_same_moment_are_serialised_by_the_office(
    office: str, tmp_path: Path
) -> None:
    ann, bob, hq = laptop(tmp_path, "Ann Able"), laptop(tmp_path, "Bob Baker"), office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        sync(bob, hq, NOW)
        errors: list[BaseException] = []

        def run(store: Store) -> None:
            try:
                sync(store, hq, NOW)
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

        for round_ in range(5):
            edit(
                ann,
                ref,
                lambda case, r=round_: case.events.append(Event(at=NOW, by="Ann", kind="note", text=f"Ann {r}")),
            )
            edit(
                bob,
                ref,
                lambda case, r=round_: case.events.append(Event(at=NOW, by="Bob", kind="note", text=f"Bob {r}")),
            )
            threads = [threading.Thread(target=run, args=(s,)) for s in (ann, bob)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert errors == []
        sync(ann, hq, NOW)
        sync(bob, hq, NOW)
        notes = sorted(e["text"] for e in document(hq, ref)["events"] if e.get("kind") == "note")
        assert notes == sorted([f"Ann {r}" for r in range(5)] + [f"Bob {r}" for r in range(5)])
        assert document(ann, ref) == document(hq, ref) == document(bob, ref)
    finally:
        for store in (ann, bob, hq):
            store.close()


def test_a_case_secured_at_the_office_is_secured_on_the_laptop_by_the_sync(office: str, tmp_path: Path) -> None:
    ann, bob, hq = laptop(tmp_path, "Ann Able"), laptop(tmp_path, "Bob Baker"), office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        hq.secure(ref, "proceedings concluded; records secured for the review")
        edit(ann, ref, lambda case: setattr(case.case, "court_case_number", "ZW25C00123"))  # an empty field
        assert sync(ann, hq, NOW).not_synced == []
        assert ann.load(ref).secured_at is not None  # ¶3.42: the records as they were cannot be changed here either
        with pytest.raises(SecuredError):
            edit(ann, ref, lambda case: setattr(case.case, "court", "Family Court at Hull"))
        assert document(hq, ref)["case"]["court_case_number"] == "ZW25C00123"  # recorded after securing
        assert sync(bob, hq, NOW).not_synced == [] and bob.load(ref).secured_at is not None
        for store in (ann, bob, hq):
            assert store.check_integrity() == [] and store.verify_audit().ok
    finally:
        for store in (ann, bob, hq):
            store.close()


def test_a_laptop_whose_chain_was_edited_is_refused_with_the_row_named(office: str, tmp_path: Path) -> None:
    ann, hq = laptop(tmp_path, "Ann Able"), office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        edit(ann, ref, lambda case: setattr(case.case, "court", "Family Court at York"))
        with ann.engine.begin() as conn:  # behind dutydesk's back, as sqlite3 would
            conn.execute(text("DROP TRIGGER audit_no_update"))
            conn.execute(text("UPDATE audit SET new = '\"Family Court at Hull\"' WHERE seq = 2"))
        with pytest.raises(SyncRefused, match="row 2"):
            sync(ann, hq, NOW)
        assert hq.list_cases() == []  # nothing of that sync applied
    finally:
        ann.close()
        hq.close()


def test_a_case_edited_in_the_office_database_behind_dutydesks_back_is_not_taken(office: str, tmp_path: Path) -> None:
    ann, bob, hq = laptop(tmp_path, "Ann Able"), laptop(tmp_path, "Bob Baker"), office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        with create_engine(office).begin() as conn:  # as an officer could with psql: no audit row
            conn.execute(
                text(
                    "UPDATE cases SET document = jsonb_set(document::jsonb, '{people,0,given_names}', "
                    "'\"TAMPERED\"')::json, version = version + 1 WHERE reference = :r"
                ),
                {"r": ref},
            )
        report = sync(ann, hq, NOW)
        assert any(ref in line and "does not match its audit trail" in line for line in report.not_synced)
        assert document(ann, ref)["people"][0]["given_names"] == "Mary"  # not laundered into the laptop
        fresh = sync(bob, hq, NOW)  # nor fetched to another
        assert any(ref in line for line in fresh.not_synced) and ref not in document_refs(bob)
    finally:
        for store in (ann, bob, hq):
            store.close()


def document_refs(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(text("SELECT reference FROM cases")).scalars())


def test_a_row_forged_into_the_offices_trail_stops_the_next_sync(office: str, tmp_path: Path) -> None:
    ann, hq = laptop(tmp_path, "Ann Able"), office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        with create_engine(office).begin() as conn:
            # A gap: the database refuses it.
            with pytest.raises(DBAPIError, match="a new row must be row"), conn.begin_nested():
                conn.execute(
                    text(
                        "INSERT INTO audit (seq, at, officer, os_user, case_ref, version, action, entity, "
                        "field, prev_hash, hash) VALUES (100000, 'x', 'x', 'x', :r, 9, 'update', 'case', "
                        "'court', 'x', 'x')"
                    ),
                    {"r": ref},
                )
            last = conn.execute(text("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")).one()
            conn.execute(  # one that follows, with a forged hash: taken, and caught below
                text(
                    "INSERT INTO audit (seq, at, officer, os_user, case_ref, version, action, entity, field, "
                    "prev_hash, hash) VALUES (:s, 'x', 'x', 'x', :r, 9, 'update', 'case', 'court', :p, :h)"
                ),
                {"s": last.seq + 1, "r": ref, "p": last.hash, "h": "0" * 64},
            )
        with pytest.raises(SyncRefused, match=r"broken since this laptop's last sync.*was altered"):
            sync(ann, hq, NOW)
    finally:
        ann.close()
        hq.close()


def test_the_command_exits_1_naming_each_case_not_synced_and_never_sets_up_an_office(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = laptop(tmp_path, "Ann Able")
    hq = office_store(office)
    try:
        ref = ann.create(a_case()).case.case.reference
        sync(ann, hq, NOW)
        edit(ann, ref, lambda case: setattr(case.case, "court", "Family Court at York"))
    finally:
        ann.close()
        hq.close()
    with create_engine(office).begin() as conn:
        conn.execute(text("UPDATE cases SET version = version + 1 WHERE reference = :r"), {"r": ref})
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path / "Ann.sqlite3"))
    result = run_cli(capsys, "sync", "--office", office)
    assert result.code == 1 and f"not synced: {ref}" in result.err, result
    name = f"blank_{uuid.uuid4().hex[:8]}"  # a database no one set up as an office store
    admin = create_engine(office, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        refused = run_cli(capsys, "sync", "--office", office.rsplit("/", 1)[0] + "/" + name)
        assert refused.code == 2 and "not an office store yet" in refused.err, refused
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


def test_a_case_imported_again_under_its_old_reference_is_already_in_the_store(office: str, tmp_path: Path) -> None:
    ann, hq = laptop(tmp_path, "Ann Able"), office_store(office)
    try:
        hq.create(a_case())  # the office's first number is taken: the laptop's case is renumbered
        made = ann.create(a_case())
        exported = ann.export(made.case.case.reference)
        renamed = sync(ann, hq, NOW).renamed
        assert list(renamed) == [made.case.case.reference]
        with pytest.raises(AlreadyStored, match=f"now as {renamed[made.case.case.reference]}"):
            ann.import_document(exported)
        assert sync(ann, hq, NOW).not_synced == []
    finally:
        ann.close()
        hq.close()
