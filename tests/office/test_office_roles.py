"""The office store's identity and append-only trail, enforced by PostgreSQL itself (issue 33):
each officer connects as their own role; that role may add audit rows and never change or remove
one; every row records who the database says connected; a row forged by hand is caught."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from dutydesk.domain.case.model import Case, CaseInfo
from dutydesk.store.audit import Officer
from dutydesk.store.engine import Location
from dutydesk.store.repository import Store
from tests.cli_helpers import run_cli
from tests.office.conftest import PG_URL, as_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured (set DUTYDESK_TEST_PG_URL)"),
]


def officer_name() -> str:
    return f"o_{uuid.uuid4().hex[:10]}"


def test_an_officer_adds_audit_rows_under_their_own_name_and_cannot_change_or_remove_one(
    office_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    name = officer_name()
    added = run_cli(capsys, "office-store", "add-officer", name, "--role", "officer", "--url", office_url, "--json")
    assert added.code == 0 and json.loads(added.out) == [{"name": name, "role": "officer", "can_log_in": True}]

    # The officer's desk: its display name says one thing, the database records who connected.
    store = Store.open(Officer("Somebody Else", "laptop"), location=Location(as_user(office_url, name), None))
    try:
        store.create(Case(case=CaseInfo(reference="DD-2026-000901")))
    finally:
        store.close()
    officer = create_engine(as_user(office_url, name))
    try:
        with officer.connect() as conn:
            rows = conn.execute(text("SELECT officer, db_user FROM audit")).all()
            assert rows and all(db_user == name for _, db_user in rows), rows
            assert all(shown == "Somebody Else" for shown, _ in rows)
        for statement in (
            "UPDATE audit SET new = 'rewritten'",
            "DELETE FROM audit",
            "TRUNCATE audit",
            "INSERT INTO audit (seq, at, officer, os_user, case_ref, version, action, entity, field, "
            "prev_hash, hash, db_user) SELECT max(seq) + 1, 'x', 'x', 'x', 'x', 1, 'x', 'x', 'x', "
            "(SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), 'x', 'someone_else' FROM audit RETURNING db_user",
        ):
            with officer.begin() as conn:
                if statement.startswith("INSERT"):
                    # Allowed, but the name is the database's, not the one sent.
                    assert conn.execute(text(statement)).scalar() == name
                    conn.rollback()
                    continue
                with pytest.raises(DBAPIError, match="permission denied"):
                    conn.execute(text(statement))
    finally:
        officer.dispose()

    monkeypatch.setenv("DUTYDESK_DB_URL", as_user(office_url, name))
    shown = run_cli(capsys, "audit", "show", "DD-2026-000901")
    assert shown.code == 0 and f"Somebody Else (laptop, connected as {name})" in shown.out, shown

    # Not even the table's owner changes a row outside a migration: the trigger refuses.
    owner = create_engine(office_url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), owner.begin() as conn:
            conn.execute(text("UPDATE audit SET new = 'rewritten'"))
        with pytest.raises(DBAPIError, match="append-only"), owner.begin() as conn:
            conn.execute(text("DELETE FROM audit"))
    finally:
        owner.dispose()


def test_a_row_forged_by_hand_is_caught_by_verify_with_its_number(
    office_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    name = officer_name()
    assert run_cli(capsys, "office-store", "add-officer", name, "--url", office_url).code == 0
    url = as_user(office_url, name)
    store = Store.open(Officer("J. Officer", "laptop"), location=Location(url, None))
    try:
        store.create(Case(case=CaseInfo(reference="DD-2026-000902")))
        with store.engine.begin() as conn:
            last = conn.execute(text("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")).one()
            conn.execute(
                text(
                    "INSERT INTO audit (seq, at, officer, os_user, case_ref, version, action, entity, "
                    "field, old, new, prev_hash, hash) VALUES (:s, '2026-12-06T09:00:00Z', 'J. Officer', "
                    "'laptop', 'DD-2026-000902', 2, 'update', 'case', 'court', NULL, '\"Forged\"', :p, :h)"
                ),
                {"s": last.seq + 1, "p": last.hash, "h": "0" * 64},
            )
        verdict = store.verify_audit()
    finally:
        store.close()
    assert not verdict.ok and verdict.first_bad_seq == last.seq + 1, verdict


def test_a_revoked_officer_cannot_connect_and_the_list_says_so(
    office_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    officer, manager = officer_name(), officer_name()
    assert run_cli(capsys, "office-store", "add-officer", officer, "--url", office_url).code == 0
    assert run_cli(capsys, "office-store", "add-officer", manager, "--role", "manager", "--url", office_url).code == 0
    assert run_cli(capsys, "office-store", "revoke-officer", officer, "--url", office_url).code == 0
    listed = run_cli(capsys, "office-store", "officers", "--url", office_url, "--json")
    shown = {r["name"]: (r["role"], r["can_log_in"]) for r in json.loads(listed.out)}
    assert shown[officer] == ("officer", False) and shown[manager] == ("manager", True)
    engine = create_engine(as_user(office_url, officer))
    try:
        with pytest.raises(DBAPIError, match="not permitted to log in"), engine.connect():
            pass
    finally:
        engine.dispose()
    # The manager reads every case through the store as an officer does.
    store = Store.open(Officer("H. Manager", "office"), location=Location(as_user(office_url, manager), None))
    try:
        assert store.list_cases() == []
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["init", "postgresql+psycopg://admin:secret@db/dutydesk"], "holds a password"),
        (["init", "sqlite:///x.sqlite3"], "is PostgreSQL"),
        (["add-officer", "J Smith", "--url", "postgresql+psycopg://admin@db/dutydesk"], "cannot be an officer's"),
        (["add-officer", "dutydesk_officer", "--url", "postgresql+psycopg://admin@db/dutydesk"], "keeps for itself"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "office-store", *args)
    assert result.code == 2 and says in result.err and result.err.count("\n") == 1, result


def test_an_officer_cannot_delete_a_case(office_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    name = officer_name()
    assert run_cli(capsys, "office-store", "add-officer", name, "--url", office_url).code == 0
    store = Store.open(Officer("J. Officer", "laptop"), location=Location(as_user(office_url, name), None))
    try:
        store.create(Case(case=CaseInfo(reference="DD-2026-000903")))
        with pytest.raises(DBAPIError, match="permission denied"), store.engine.begin() as conn:
            conn.execute(text("DELETE FROM cases"))
    finally:
        store.close()
