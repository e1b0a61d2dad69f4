"""Alembic environment: runs on the connection `extract.migrations.upgrade` hands over."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from extract.store import metadata, resolve_db_url

config = context.config
connection = config.attributes.get("connection")


def _run(conn: sa.Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=metadata,
        render_as_batch=conn.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the alembic command line: the URL from alembic.ini, FIGURES_DB or the default
    engine = sa.create_engine(resolve_db_url(config.get_main_option("sqlalchemy.url") or None))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
