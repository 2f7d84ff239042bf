"""People index: one row per person per case, for previous-knowledge searches (¶2.17-2.18).
Built from the documents already in the store.

Revision ID: 0002
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from dutydesk.store.people_index import index_rows

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    table = op.create_table(
        "people_index",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_ref", sa.String, nullable=False),
        sa.Column("person_id", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("given_names", sa.String, nullable=False, server_default=""),
        sa.Column("family_name", sa.String, nullable=False, server_default=""),
        sa.Column("previous_names", sa.String, nullable=False, server_default=""),
        sa.Column("date_of_birth", sa.String),
        sa.Column("postcodes", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_people_index_case_ref", "people_index", ["case_ref"])
    op.create_index("ix_people_index_family_name", "people_index", ["family_name"])
    op.create_index("ix_people_index_date_of_birth", "people_index", ["date_of_birth"])
    # Imported lazily: the index rows are derived exactly as the repository derives them.

    bind = op.get_bind()
    rows = []
    for reference, document in bind.execute(sa.text("SELECT reference, document FROM cases")):
        doc = json.loads(document) if isinstance(document, str) else document
        rows.extend(index_rows(reference, doc))
    if rows:
        op.bulk_insert(table, rows)
