"""A covering, partial index for the duty board's open-case list: open and allocated cases by
first hearing, answered from the index alone, in order, without reading the case documents.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    # Replaces the (status, first_hearing_utc) index, which made the planner sort in a temp tree.
    op.drop_index("ix_cases_status_hearing", table_name="cases")
    op.create_index(
        "ix_cases_open_by_hearing",
        "cases",
        ["first_hearing_utc", "reference", "status", "children", "version"],
        sqlite_where=sa.text("status IN ('open', 'allocated')"),
        postgresql_where=sa.text("status IN ('open', 'allocated')"),
    )
