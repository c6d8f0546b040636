"""The event hub: a static site over an event folder (issue 15).

`build_hub(out_dir)` reads `OUT/event.json` and the session reports and writes `OUT/index.html`
(sessions by day and track) and `OUT/hub/` (speakers, topic map, threads, summaries). Every
page carries its CSS inline and links only by relative paths, so the hub works from file://
and when served (`sessionlens serve --hub OUT`). Nothing in the pages depends on the clock:
the same folder gives byte-identical pages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..errors import OutputError
from ..renderers.formatting import FILTERS
from ..renderers.html import csp_hash
from . import hub_view
from .event_file import Event, load_event
from .summaries import Summary, basket_sessions, summarize
from .threads import Thread, find_threads, verify_threads

if TYPE_CHECKING:
    from ..engines.llm.settings import LLMOptions

#: the hub's own pages, under OUT
HUB_DIR = "hub"
PAGES = ("speakers", "topics", "threads", "summaries")
#: the argument vectors of the last build (a dot-folder: `serve --hub` never serves it)
CACHE = Path(".hub-cache") / "argument-vectors.npz"


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("sessionlens.events", "templates"),
        autoescape=select_autoescape(["html", "css"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def _write(path: Path, text: str) -> None:
    """Write atomically (a reader never sees half a page)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # open(), not mkstemp: the umask's mode
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(path, f"cannot be written ({exc.strerror})") from None


#: a sentence citing more sessions than this links to the session list instead of each one
MAX_CITED = 4


def report_pages(event: Event) -> dict[str, str]:
    """The HTML report of each session that has one, relative to the event folder: citations
    lead there (to the turn quoted) rather than to the session's row."""
    return {s.slug: p for s in event.built for p in s.outputs if p.rsplit("/", 1)[-1] == "report.html"}


def hub_pages(event: Event, threads: list[Thread], summaries: list[Summary]) -> dict[str, str]:
    """Each page of the hub as {path relative to OUT: HTML}."""
    env = _environment()
    css = env.get_template("hub.css").render()
    common = {
        "event": event,
        "css": Markup(css),
        "style_hash": csp_hash(css),
        "titles": {s.slug: s.title for s in event.sessions},
        "reports": report_pages(event),
        "max_cited": MAX_CITED,
    }
    speakers = hub_view.speaker_index(event)
    baskets, mapped, counts = hub_view.topic_counts(event)
    pages = {
        "index.html": env.get_template("index.html").render(
            **common,
            root="",
            hub=f"{HUB_DIR}/",
            days=hub_view.days(event, ""),
            page="index",
            summary=summaries[0] if summaries else None,
            threads=threads,
        ),
        f"{HUB_DIR}/speakers.html": env.get_template("speakers.html").render(
            **common,
            root="../",
            hub="",
            page="speakers",
            speakers=speakers,
            wpm=hub_view.SPEAKING_WPM,
            slow_wpm=hub_view.SLOW_WPM,
        ),
        f"{HUB_DIR}/topics.html": env.get_template("topics.html").render(
            **common,
            root="../",
            hub="",
            page="topics",
            baskets=baskets,
            sessions=mapped,
            counts=counts,
            argued_in=basket_sessions(event),
            unmapped=[s for s in event.sessions if s not in mapped],
            chart=hub_view.topic_map_svg(baskets, mapped, counts),
        ),
        f"{HUB_DIR}/threads.html": env.get_template("threads.html").render(
            **common,
            root="../",
            hub="",
            page="threads",
            threads=threads,
            speaker_ids=hub_view.speaker_ids(speakers),
        ),
        f"{HUB_DIR}/summaries.html": env.get_template("summaries.html").render(
            **common, root="../", hub="", page="summaries", summaries=summaries
        ),
    }
    return pages


def build_hub(
    out_dir: Path, *, engine: str = "offline", options: LLMOptions | None = None, event: Event | None = None
) -> Path:
    """Write the hub of the event folder `out_dir`; returns its index.html.

    Args:
        out_dir: the --out folder of `sessionlens event build` (event.json, sessions/).
        engine: "offline" summaries (extractive and template), or "llm" to have the configured
            endpoint rewrite them (verified either way).
        options: engine options (the LLM endpoint and model).
        event: the folder's event when the caller has loaded it already (else read here).
    """
    out_dir = Path(out_dir)
    event = event or load_event(out_dir)
    sessions = [(s.slug, s.report) for s in event.built if s.report is not None]
    # vectors of arguments already seen: a hub rebuilt after a few sessions changed embeds only theirs
    threads = verify_threads(find_threads(sessions, cache=out_dir / CACHE), sessions)
    summaries = summarize(event, threads, engine=engine, options=options)
    for rel, html in hub_pages(event, threads, summaries).items():
        _write(out_dir / rel, html)
    return out_dir / "index.html"
