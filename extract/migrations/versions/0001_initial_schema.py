"""Initial schema: sources, documents, figures, entities, file and HTTP caches, runs.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("content_sha", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("extraction_version", sa.String(length=40), nullable=False),
        sa.Column("n_figures", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    op.create_index("ix_documents_extraction_version", "documents", ["extraction_version"])
    op.create_index("ix_documents_source_id", "documents", ["source_id"])

    op.create_table(
        "http_cache",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("stamp", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "refresh_runs",
        sa.Column("run_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("run_id"),
    )
    op.create_index("ix_refresh_runs_finished_at", "refresh_runs", ["finished_at"])

    op.create_table(
        "source_files",
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("n_documents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_id", "path"),
    )
    op.create_table(
        "sources",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("location", sa.Text(), server_default="", nullable=False),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "figures",
        sa.Column("figure_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("value_low", sa.Double(), nullable=True),
        sa.Column("value_high", sa.Double(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("unit_kind", sa.String(length=32), nullable=False),
        sa.Column("qualifier", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("period_label", sa.Text(), nullable=False),
        sa.Column("period_basis", sa.String(length=16), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("entities", sa.Text(), nullable=False),
        sa.Column("series_key", sa.Text(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], name="fk_figures_doc_id"),
        sa.PrimaryKeyConstraint("figure_id"),
    )
    op.create_index("ix_figures_date_from", "figures", ["date_from"])
    op.create_index("ix_figures_date_to", "figures", ["date_to"])
    op.create_index("ix_figures_doc_id", "figures", ["doc_id"])
    op.create_index("ix_figures_period_end", "figures", ["period_end"])
    op.create_index("ix_figures_series_key", "figures", ["series_key", "date_to"])

    op.create_table(
        "figure_entities",
        sa.Column("entity_norm", sa.Text(), nullable=False),
        sa.Column("figure_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["figure_id"], ["figures.figure_id"], name="fk_figure_entities_figure_id"
        ),
        sa.PrimaryKeyConstraint("entity_norm", "figure_id"),
    )
    op.create_index("ix_figure_entities_doc_id", "figure_entities", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_figure_entities_doc_id", table_name="figure_entities")

    op.drop_table("figure_entities")
    op.drop_index("ix_figures_series_key", table_name="figures")
    op.drop_index("ix_figures_period_end", table_name="figures")
    op.drop_index("ix_figures_doc_id", table_name="figures")
    op.drop_index("ix_figures_date_to", table_name="figures")
    op.drop_index("ix_figures_date_from", table_name="figures")

    op.drop_table("figures")
    op.drop_table("store_meta")
    op.drop_table("sources")
    op.drop_table("source_files")
    op.drop_index("ix_refresh_runs_finished_at", table_name="refresh_runs")

    op.drop_table("refresh_runs")
    op.drop_table("http_cache")
    op.drop_index("ix_documents_source_id", table_name="documents")
    op.drop_index("ix_documents_extraction_version", table_name="documents")

    op.drop_table("documents")
