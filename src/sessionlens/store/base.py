"""The corpus store: one SQL implementation, split by job; backends supply connections and full-text search.

Every session is written in ONE transaction (its rows, its report JSON and its full-text
entries), so a process killed mid-way leaves either the whole session or nothing, and
adding the same transcript to the same event again is a no-op: a killed batch can be re-run.
"""

from __future__ import annotations

from .connection import now
from .edits import Edits
from .search import Search
from .writing import DEFAULT_EVENT


class Store(Edits, Search):
    """A corpus of sessions: writing (`writing`), curation edits (`edits`), reading (`browsing`,
    `people`), full-text search (`search`), the sentences `ask` retrieves (`sentences`).

    Each part subclasses the parts it calls, so each is type-checked on its own:
    Connections <- People <- Browsing <- SentenceQueries <- Writing <- Edits, and
    Browsing <- Search. A new part subclasses what it needs and joins the bases here."""


__all__ = ["DEFAULT_EVENT", "Store", "now"]
