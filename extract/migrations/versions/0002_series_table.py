"""A maintained `series` table (one row per series_key), filled from the figures already stored.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    series = op.create_table(
        "series",
        sa.Column("series_key", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("entities", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("unit_kind", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("n_figures", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("first_period", sa.Date(), nullable=True),
        sa.Column("last_period", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("series_key"),
    )
    # Frozen copies of the columns this revision reads, so later schema changes cannot alter it.
    f = sa.table(
        "figures",
        *(
            sa.column(name)
            for name in (
                "series_key", "measure", "entities", "unit", "unit_kind", "kind", "doc_id",
                "source", "date_from", "date_to",
            )
        ),
    )  # fmt: skip
    d = sa.table("documents", sa.column("doc_id"), sa.column("source_id"))
    summary = (
        sa.select(
            f.c.series_key,
            sa.func.min(f.c.measure),
            sa.func.min(f.c.entities),
            sa.func.min(f.c.unit),
            sa.func.min(f.c.unit_kind),
            sa.func.min(f.c.kind),
            sa.func.count(),
            sa.func.count(sa.distinct(f.c.doc_id)),
            sa.func.count(sa.distinct(sa.func.coalesce(d.c.source_id, f.c.source))),
            sa.func.min(f.c.date_from),
            sa.func.max(f.c.date_to),
        )
        .select_from(f.join(d, d.c.doc_id == f.c.doc_id))
        .group_by(f.c.series_key)
    )
    names = [c.name for c in series.columns]
    op.execute(series.insert().from_select(names, summary))


def downgrade() -> None:
    op.drop_table("series")
