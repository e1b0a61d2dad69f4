"""Versioned schema migrations (Alembic) for the figure store, applied by `Store.open`.

To change the schema: edit the tables in `extract/store.py`, then add a revision here
(`alembic -c extract/migrations/alembic.ini revision --autogenerate -m "..."` against a scratch
database) and check that `tests/test_store.py::test_migrations_match_tables` still passes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa
    from alembic.config import Config

HERE = Path(__file__).resolve().parent


def config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(config()).get_heads())


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(config()).walk_revisions()}


def current_revisions(engine: sa.Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database to `revision` in one transaction; concurrent openers wait their turn."""
    current = current_revisions(engine)
    if revision == "head" and current == head_revisions():
        return
    unknown = current - known_revisions()
    if unknown:
        raise RuntimeError(
            f"the store's schema is at revision {', '.join(sorted(unknown))}, which this version "
            "of figures does not know: it was written by a newer figures; upgrade figures"
        )
    from alembic import command

    cfg = config()
    with engine.connect() as conn:
        conn.execution_options(figures_write=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                import sqlalchemy as sa

                # Serialise migrations of one database across processes.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7405307215)"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


def downgrade(engine: sa.Engine, revision: str) -> None:
    from alembic import command

    cfg = config()
    with engine.connect() as conn:
        conn.execution_options(figures_write=True)
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
