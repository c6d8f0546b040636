"""SessionLens: faithful, structured reports of conference sessions.

The Python API (docs/python-api.md)::

    from sessionlens import analyze, ingest, open_store, render

    report = analyze(ingest("panel.txt"), engine="offline")
    html = render(report, "html")
    with open_store("corpus.db") as store:
        store.add_report(report, event="Water Forum")

Each name is imported when first used, so that `import sessionlens` stays light.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing would cost more than this whole module
if TYPE_CHECKING:
    from typing import Any

    from .answers import ask
    from .events.build import build_event
    from .models import Report, Transcript
    from .pipeline import analyze, ingest
    from .renderers import render
    from .store import Store, open_store

#: public name -> where it lives (the syntax of a registry Entry's target)
_API = {
    "ingest": "sessionlens.pipeline:ingest",
    "analyze": "sessionlens.pipeline:analyze",
    "render": "sessionlens.renderers:render",
    "open_store": "sessionlens.store:open_store",
    "Report": "sessionlens.models:Report",
    "Transcript": "sessionlens.models:Transcript",
    "Store": "sessionlens.store:Store",
    "ask": "sessionlens.answers:ask",
    "build_event": "sessionlens.events.build:build_event",
}

__all__ = ["Report", "Store", "Transcript", "analyze", "ask", "build_event", "ingest", "open_store", "render"]


def __getattr__(name: str) -> Any:
    if name in _API:
        from .registry import Entry

        found = Entry(name, _API[name]).load()
        globals()[name] = found  # looked up once
        return found
    # Looked up lazily: importlib.metadata costs ~50 ms on every CLI start otherwise.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("sessionlens")
        except PackageNotFoundError:  # running from a source tree
            return "0.0.0+src"
    raise AttributeError(f"module 'sessionlens' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
