"""The --db option of the corpus commands (add, search, export, serve)."""

from __future__ import annotations

import click

from ..store import DEFAULT_DB

db_option = click.option(
    "--db", "db", envvar="SESSIONLENS_DB", default=DEFAULT_DB, show_default=True,
    help="Corpus database: a SQLite file, or postgresql://user@host/db (env SESSIONLENS_DB).",
)
