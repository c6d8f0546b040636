"""`sessionlens ask`: a question answered from the stored sessions, every sentence cited."""

from __future__ import annotations

import click

from ..errors import InputError
from ..store import open_store
from .db import db_option


@click.command()
@click.argument("question")
@click.option("--event", help="Only sessions of this event.")
@click.option("--session", "session_id", type=click.IntRange(min=1), help="Only this session (id).")
@click.option("--speaker", help="Only what this person said (any spelling of their name).")
@click.option("--topic", help="Only sessions with this topic.")
@click.option("--date", help="Only sessions of this date, as written in the session header.")
@click.option(
    "--engine",
    type=click.Choice(["offline", "llm"]),
    default="offline",
    show_default=True,
    help="offline: the best sentences, quoted. llm: a written answer, every sentence "
    "verified against the passages it cites.",
)
@click.option(
    "--llm-url",
    default=None,
    metavar="URL",
    help="--engine llm: base URL of an OpenAI-compatible API (or SESSIONLENS_LLM_URL).",
)
@click.option("--llm-model", default=None, help="--engine llm: model name (default: the server's first).")
@click.option("--no-cache", is_flag=True, help="--engine llm: do not reuse or store answers.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@db_option
def command(
    question: str,
    event: str | None,
    session_id: int | None,
    speaker: str | None,
    topic: str | None,
    date: str | None,
    engine: str,
    llm_url: str | None,
    llm_model: str | None,
    no_cache: bool,
    as_json: bool,
    db: str,
) -> None:
    """Answer QUESTION from what was said in the stored sessions.

    Each answer sentence cites the sentences it comes from: speaker, session, time and a
    link to the report at that turn. "The sessions do not say." when nothing relevant was said.
    """
    from ..answers import ask
    from ..engines.llm.settings import LLMOptions

    if not question.strip():
        raise InputError(None, "the question is empty")
    options = LLMOptions(url=llm_url, model=llm_model, use_cache=False if no_cache else None)
    # LLM errors are package errors: the CLI's one error mapping prints them (config: exit 2)
    with open_store(db) as store:
        answer = ask(
            store,
            question,
            event=event,
            session=session_id,
            speaker=speaker,
            topic=topic,
            date=date,
            engine=engine,
            llm_options=options,
        )
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    console.print(f"[bold]{escape(answer.lead)}[/]")
    if answer.groups:
        for g in answer.groups:
            console.print(f"\n[bold]{escape(g.speaker)}[/] [dim]({escape(g.session_title or 'Untitled')})[/]")
            for s in g.sentences:
                console.print(f"  “{escape(s.text)}” " + " ".join(escape(f"[{r}]") for r in s.citations))
    else:
        for s in answer.sentences:
            console.print(escape(s.text) + " " + " ".join(f"\\[{r}]" for r in s.citations))
    if answer.citations:
        console.print()
    for c in answer.citations:
        where = " · ".join(x for x in (c.session_title or "Untitled", c.event, c.date, c.time) if x)
        console.print(
            f"[dim]\\[{c.ref}] {escape(c.speaker)}, {escape(where)}: "
            f"session {c.session_id}, turn {c.turn + 1} ({escape(c.url)})[/]"
        )
    if answer.dropped:
        console.print(f"[dim]{answer.dropped} written sentence(s) dropped: not supported by the cited passages[/]")
