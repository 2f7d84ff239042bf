"""When each application was received, as a column beside its document (UTC ISO text, so text
order is time order) with an index: a compliance review chooses a year's cases from a
100,000-case store without reading every document's JSON.

Revision ID: 0006
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("cases", sa.Column("received_utc", sa.String, nullable=True))
    # Imported lazily: the column is worked out exactly as every save works it out.
    from dutydesk.store.derived import derived_columns

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, document FROM cases")).fetchall()
    values = [
        {"i": i, "r": derived_columns(json.loads(d) if isinstance(d, str) else d)["received_utc"]} for i, d in rows
    ]
    if values:
        bind.execute(sa.text("UPDATE cases SET received_utc = :r WHERE id = :i"), values)
    op.create_index("ix_cases_received", "cases", ["received_utc", "reference"])
