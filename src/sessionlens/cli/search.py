"""`sessionlens search`: ranked full-text hits over the corpus, with highlighted snippets."""

from __future__ import annotations

import click

from ..store import MARK_END, MARK_START, open_store
from .db import db_option


def highlight(snippet: str) -> str:
    """Rich markup of a snippet: the text escaped, the matches in bold yellow."""
    from rich.markup import escape

    return escape(snippet).replace(MARK_START, "[bold yellow]").replace(MARK_END, "[/]")


@click.command()
@click.argument("query")
@click.option("--speaker", help="Only what this person said (any spelling of their name).")
@click.option("--topic", help="Only sessions with this topic.")
@click.option("--event", help="Only this event.")
@click.option("--date", help="Only sessions of this date, as written in the session header.")
@click.option("--kind", type=click.Choice(["turn", "argument", "quote", "takeaway"]),
              help="Only this kind of text.")
@click.option("-n", "--limit", type=click.IntRange(1, 500), default=10, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@db_option
def command(query: str, speaker: str | None, topic: str | None, event: str | None,
            date: str | None, kind: str | None, limit: int, as_json: bool, db: str) -> None:
    """Search QUERY in every stored turn, argument, quote and takeaway.

    Words are all required; "quoted words" form a phrase; OR between two terms; word* a prefix;
    -word excludes. The same on SQLite and PostgreSQL. At most 500 characters, 32 words and
    4 prefixes; a search still running after 0.5 s is stopped (exit 2).
    """
    with open_store(db) as store:
        results = store.search(query, speaker=speaker, topic=topic, event=event, date=date,
                               kind=kind, limit=limit)
    if as_json:
        click.echo(results.model_dump_json(indent=2))
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    if not results.hits:
        console.print(f"no hits for {escape(query)!s}")
        return
    for rank, hit in enumerate(results.hits, 1):
        where = " · ".join(x for x in (hit.event, hit.date, hit.speaker) if x)
        console.print(f"[bold]{rank}. {escape(hit.session_title or 'Untitled')}[/] "
                      f"[dim](session {hit.session_id}, {hit.kind}"
                      + (f" {hit.turn_index}" if hit.turn_index is not None else "")
                      + f") {escape(where)}[/]")
        console.print("   " + highlight(hit.snippet))
    console.print(f"[dim]{len(results.hits)} of {results.total} hits in {results.took_ms:.1f} ms[/]")
