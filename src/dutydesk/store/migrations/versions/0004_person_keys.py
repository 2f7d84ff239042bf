"""Person search (¶2.17-2.18): addresses with their dates in the people index, and the hashed
blocking keys of every person, built from the documents already in the store.

Revision ID: 0004
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from dutydesk.store.people_index import index_rows, key_rows

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.add_column("people_index", sa.Column("places", sa.String, nullable=False, server_default=""))
    op.create_table(
        "person_keys",
        sa.Column("h", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("pid", sa.Integer, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    # Imported lazily: rows and keys are derived exactly as the repository derives them.

    bind = op.get_bind()
    people = sa.table(
        "people_index",
        *(sa.column(c) for c in ("id", "case_ref", "person_id", "role", "given_names", "family_name")),
        *(sa.column(c) for c in ("previous_names", "date_of_birth", "postcodes", "places")),
    )
    keys = sa.table("person_keys", sa.column("h"), sa.column("pid"))
    bind.execute(sa.delete(people))
    for reference, document in bind.execute(sa.text("SELECT reference, document FROM cases")).fetchall():
        doc = json.loads(document) if isinstance(document, str) else document
        for row in index_rows(reference, doc):
            pid = bind.execute(sa.insert(people).values(**row).returning(people.c.id)).scalar_one()
            rows = key_rows(pid, row)
            if rows:
                bind.execute(sa.insert(keys), rows)
