"""When each application was received, as a column beside its document (UTC ISO text, so text
order is time order) with an index: a compliance review chooses a year's cases from a
100,000-case store without reading every document's JSON.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dutydesk.store.derived import derived_columns

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("cases", sa.Column("received_utc", sa.String, nullable=True))
    # Imported lazily: the column is worked out exactly as every save works it out.

    bind = op.get_bind()
    # Only each document's received_at is read (a 100,000-case store is not loaded whole).
    cases = sa.table("cases", sa.column("id"), sa.column("document", sa.JSON))
    received = cases.c.document["case"]["received_at"].as_string()
    values = [
        {"i": i, "r": derived_columns({"case": {"received_at": at}})["received_utc"]}
        for i, at in bind.execute(sa.select(cases.c.id, received))
    ]
    if values:
        bind.execute(sa.text("UPDATE cases SET received_utc = :r WHERE id = :i"), values)
    op.create_index("ix_cases_received", "cases", ["received_utc", "reference"])
