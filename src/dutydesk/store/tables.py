"""SQLModel tables. A case is stored as its case-file document (the unit of consistency: one
case, one version, one transaction) with the columns the lists and searches need beside it."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import JSON, BigInteger, Column, Integer, Table, Text
from sqlmodel import Field, SQLModel


class CaseRow(SQLModel, table=True):
    __tablename__ = "cases"
    # Indexes are made by the migrations (see 0003 for the open-case list).

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    status: str
    first_hearing_utc: str | None = None  # ISO in UTC, so text order is time order
    received_utc: str | None = None  # when the application was received, likewise (schema 0006)
    children: str = ""  # "Maya (8), Leo (5)": for the open-case list without loading documents
    version: int = 1
    document: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    secured_at: str | None = None
    secured_document: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after_securing: list[Any] | None = Field(default=None, sa_column=Column(JSON))
    updated_at: str
    updated_by: str
    last_audit_seq: int = 0


class AuditRow(SQLModel, table=True):
    __tablename__ = "audit"

    seq: int = Field(primary_key=True)
    at: str  # UTC ISO 8601
    officer: str
    os_user: str
    case_ref: str = Field(index=True)
    version: int
    action: str  # create / update / secure / after_securing
    entity: str
    field: str
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))
    doc_hash: str | None = None  # the case document's SHA-256 after this change (schema 0005)
    prev_hash: str
    hash: str
    db_user: str | None = None  # PostgreSQL's session_user, set by a trigger (schema 0007)


class PersonIndexRow(SQLModel, table=True):
    """One row per person per case, kept in step with every save (schema 0002)."""

    __tablename__ = "people_index"

    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(index=True)
    person_id: str
    role: str
    given_names: str = ""
    family_name: str = Field(default="", index=True)
    previous_names: str = ""
    date_of_birth: str | None = Field(default=None, index=True)
    postcodes: str = ""
    places: str = ""  # JSON [[postcode, first line, from, to], …] (schema 0004)


class PersonKeyRow(SQLModel, table=True):
    """The person-search index (schema 0004): each person under a dozen hashed blocking keys
    (domain/matching.py); without a rowid, so it is one compact b-tree."""

    __tablename__ = "person_keys"
    __table_args__ = {"sqlite_with_rowid": False}

    h: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    pid: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))


class SyncStateRow(SQLModel, table=True):
    """This store's device id and what its last sync left (schema 0008), as key/value rows."""

    __tablename__ = "sync_state"

    key: str = Field(primary_key=True)
    value: str = Field(sa_column=Column(Text, nullable=False))


class SyncBaseRow(SQLModel, table=True):
    """Per case, what both sides agreed at the last sync: the next merge's base (schema 0008)."""

    __tablename__ = "sync_base"

    reference: str = Field(primary_key=True)
    office_version: int
    local_version: int
    document: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    synced_at: str


class CaseAliasRow(SQLModel, table=True):
    """A reference a case had before the office gave it its own (schema 0008)."""

    __tablename__ = "case_aliases"

    device_id: str = Field(primary_key=True)
    alias: str = Field(primary_key=True)
    reference: str = Field(index=True)
    at: str


class DeviceAuditRow(SQLModel, table=True):
    """On the office: a laptop's audit rows as sealed there, that device's chain (schema 0008)."""

    __tablename__ = "device_audit"

    device_id: str = Field(primary_key=True)
    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    row: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str
    hash: str
    received_at: str
    db_user: str | None = None


# Core views of the same tables: typed column access for queries (`CASES.c.reference`).
CASES: Table = cast(Table, CaseRow.__table__)  # type: ignore[attr-defined]
AUDIT: Table = cast(Table, AuditRow.__table__)  # type: ignore[attr-defined]
PEOPLE_INDEX: Table = cast(Table, PersonIndexRow.__table__)  # type: ignore[attr-defined]
PERSON_KEYS: Table = cast(Table, PersonKeyRow.__table__)  # type: ignore[attr-defined]
SYNC_STATE: Table = cast(Table, SyncStateRow.__table__)  # type: ignore[attr-defined]
SYNC_BASE: Table = cast(Table, SyncBaseRow.__table__)  # type: ignore[attr-defined]
CASE_ALIASES: Table = cast(Table, CaseAliasRow.__table__)  # type: ignore[attr-defined]
DEVICE_AUDIT: Table = cast(Table, DeviceAuditRow.__table__)  # type: ignore[attr-defined]
