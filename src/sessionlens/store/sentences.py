"""Sentences of the stored sessions, with their MiniLM vectors: what `sessionlens ask` retrieves.

Each sentence of each turn is a row (an exact substring of its turn), indexed for full-text
search and stored with its all-MiniLM-L6-v2 vector quantised to int8 (384 bytes), computed
once when the session is added, so that a question only embeds itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .browsing import Browsing

if TYPE_CHECKING:
    from ..models import Report

log = logging.getLogger(__name__)

#: int8 scale of a unit-vector component (|x| <= 1)
_SCALE = 127.0


def encode_vector(vector: np.ndarray) -> bytes:
    """A unit vector as int8 bytes."""
    return np.clip(np.round(vector * _SCALE), -127, 127).astype(np.int8).tobytes()


def decode_vectors(blobs: Sequence[bytes | None], dim: int = 384) -> tuple[np.ndarray, np.ndarray]:
    """(n, dim) unit vectors and a mask of which rows had a vector."""
    out = np.zeros((len(blobs), dim), dtype=np.float32)
    have = np.zeros(len(blobs), dtype=bool)
    for i, blob in enumerate(blobs):
        if blob is not None and len(blob) == dim:
            out[i] = np.frombuffer(bytes(blob), dtype=np.int8).astype(np.float32)
            have[i] = True
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-9, None), have


def embed_texts(texts: list[str]) -> np.ndarray | None:
    """MiniLM vectors of `texts`, or None when the model is not installed (statistics-only
    installs still store sentences; `ask` then ranks by full-text score alone)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    try:
        from ..engines.offline.embeddings import get_embedder

        return get_embedder().embed(texts)
    except Exception as exc:  # missing package or model: degrade, never fail an `add`
        log.info("no sentence vectors (%s)", exc)
        return None


def report_sentences(report: Report) -> list[tuple[int, int, str, str]]:
    """(index in session, turn index, speaker name, text) of every sentence of `report`."""
    from ..engines.offline.sentences import session_sentences

    return [(s.index, s.turn, s.speaker, s.text) for s in session_sentences(report.transcript)]


@dataclass
class Scope:
    """Filters of a question: all optional, ANDed."""

    event: str | None = None
    session_id: int | None = None
    person_id: int | None = None
    topic: str | None = None
    date: str | None = None

    def sql(self, session_col: str, person_col: str) -> tuple[list[str], list[Any]]:
        """WHERE conditions on the given columns, and their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.session_id is not None:
            conds.append(f"{session_col} = ?")
            params.append(self.session_id)
        if self.event:
            conds.append(
                f"{session_col} IN (SELECT s2.id FROM sessions s2 JOIN events e2 "
                "ON e2.id = s2.event_id WHERE e2.name = ?)"
            )
            params.append(self.event)
        if self.topic:
            conds.append(f"{session_col} IN (SELECT session_id FROM session_topics WHERE topic = ?)")
            params.append(self.topic)
        if self.date:
            conds.append(f"{session_col} IN (SELECT id FROM sessions WHERE date = ?)")
            params.append(self.date)
        if self.person_id is not None:
            conds.append(f"{person_col} = ?")
            params.append(self.person_id)
        return conds, params


@dataclass
class StoredSentence:
    """One stored sentence, as retrieval sees it."""

    id: int
    session_id: int
    idx: int
    turn_idx: int
    person_id: int | None
    text: str
    vector: bytes | None = None
    score: float = 0.0


@dataclass
class SentenceContext:
    """A stored sentence with what a citation shows: speaker, time, session."""

    session_id: int
    idx: int
    turn_idx: int
    speaker: str
    text: str
    start: float | None
    session_title: str | None
    event: str
    date: str | None


_COLS = "s.id, s.session_id, s.idx, s.turn_idx, s.person_id, s.text, s.vector"


class SentenceQueries(Browsing):
    """Store methods over the `sentences` table."""

    def _sentence_fts(self, terms: list[str]) -> tuple[str, list[Any], str]:
        """`FROM … WHERE …` over sentences aliased `s` matching ANY of `terms`, its
        parameters, and a score expression (higher is better)."""
        raise NotImplementedError

    def _turn_fts(self, terms: list[str]) -> tuple[str, list[Any], str]:
        """The same over the turns of the full-text index (columns session_id, ref_id)."""
        raise NotImplementedError

    def _index_sentences(self, cur: Any, rows: list[tuple[int, str]]) -> None:
        """Add (sentence id, text) to the full-text index (SQLite: FTS5; PostgreSQL: the
        generated tsvector column already did)."""

    def _unindex_sentences(self, cur: Any, session_id: int) -> None:
        """Remove a session's sentences from the full-text index."""

    # ------------------------------------------------------------------ writing

    def _sentence_vectors(self, session_id: int) -> dict[str, bytes]:
        """The stored vectors of a session's sentences, by text."""
        rows = self._all_rows(
            "SELECT text, vector FROM sentences WHERE session_id = ? AND vector IS NOT NULL", (session_id,)
        )
        return {str(text): bytes(blob) for text, blob in rows}

    def _write_sentences(
        self,
        cur: Any,
        session_id: int,
        report: Report,
        person_ids: dict[str, int],
        known: dict[str, bytes] | None = None,
    ) -> int:
        """Store every sentence of `report` with its vector (taken from `known` where the text is
        there, embedded otherwise); returns how many."""
        from ..normalize import name_key

        sentences = report_sentences(report)
        known = known or {}
        missing = [text for _, _, _, text in sentences if text not in known]
        vectors = embed_texts(missing) if missing else None
        fresh = {text: encode_vector(vectors[n]) for n, text in enumerate(missing)} if vectors is not None else {}
        rows = []
        for idx, turn, speaker, text in sentences:
            pid = person_ids.get(name_key(speaker) or speaker)
            rows.append((session_id, idx, turn, pid, text, known.get(text) or fresh.get(text)))
        self._many(
            cur,
            "INSERT INTO sentences(session_id, idx, turn_idx, person_id, text, vector) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        if rows:
            self._exec(cur, "SELECT id, text FROM sentences WHERE session_id = ? ORDER BY idx", (session_id,))
            self._index_sentences(cur, [(int(i), t) for i, t in cur.fetchall()])
        return len(rows)

    def _delete_sentences(self, cur: Any, session_id: int) -> None:
        self._unindex_sentences(cur, session_id)
        self._exec(cur, "DELETE FROM sentences WHERE session_id = ?", (session_id,))

    def backfill_sentences(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Sentences (and vectors) for sessions stored before the sentences table existed,
        or stored without a model; returns the number of sessions completed."""
        missing = [
            int(r[0])
            for r in self._all_rows(
                "SELECT id FROM sessions WHERE id NOT IN (SELECT DISTINCT session_id FROM sentences) "
                "AND turns > 0 ORDER BY id"
            )
        ]
        done = 0
        for sid in missing:
            report = self.get_report(sid)
            if report is None:
                continue
            pids = {
                str(k): int(v)
                for k, v in self._all_rows(
                    "SELECT p.key, p.id FROM people p JOIN session_speakers ss ON ss.person_id = p.id "
                    "WHERE ss.session_id = ?",
                    (sid,),
                )
            }
            with self.transaction() as cur:
                self._delete_sentences(cur, sid)
                self._write_sentences(cur, sid, report, pids)
            done += 1
            if progress is not None:
                progress(done, len(missing))
        return done

    # ------------------------------------------------------------------ reading

    def _rows(self, sql: str, params: list[Any]) -> list[StoredSentence]:
        return [
            StoredSentence(
                id=int(r[0]),
                session_id=int(r[1]),
                idx=int(r[2]),
                turn_idx=int(r[3]),
                person_id=None if r[4] is None else int(r[4]),
                text=r[5],
                vector=None if r[6] is None else bytes(r[6]),
                score=float(r[7]) if len(r) > 7 else 0.0,
            )
            for r in self._all_rows(sql, params)
        ]

    def matching_sentences(self, terms: list[str], scope: Scope, limit: int = 200) -> list[StoredSentence]:
        """Sentences containing any of `terms`, best full-text score first."""
        if not terms:
            return []
        from_where, params, score = self._sentence_fts(terms)
        conds, extra = scope.sql("s.session_id", "s.person_id")
        sql = (
            f"SELECT {_COLS}, {score} AS score {from_where}"
            + "".join(f" AND {c}" for c in conds)
            + " ORDER BY score DESC, s.id LIMIT ?"
        )
        return self._rows(sql, [*params, *extra, limit])

    def sentences_of_matching_turns(self, terms: list[str], scope: Scope, limit: int = 30) -> list[StoredSentence]:
        """The sentences of the turns that best match `terms` as a whole (a turn can answer
        when no single sentence holds all the words); each scored as its turn."""
        if not terms:
            return []
        from_where, params, score = self._turn_fts(terms)
        conds, extra = scope.sql("session_id", "person_id")
        turns = self._all_rows(
            f"SELECT session_id, ref_id, {score} AS score {from_where}"
            + "".join(f" AND {c}" for c in conds)
            + " ORDER BY score DESC LIMIT ?",
            [*params, *extra, limit],
        )
        out: list[StoredSentence] = []
        for sid, ref, sc in turns:
            for s in self._rows(
                f"SELECT {_COLS} FROM sentences s WHERE s.session_id = ? AND s.turn_idx = ? ORDER BY s.idx",
                [int(sid), int(ref)],
            ):
                s.score = float(sc)
                out.append(s)
        return out

    def count_sentences(self, scope: Scope) -> int:
        conds, params = scope.sql("s.session_id", "s.person_id")
        row = self._all_rows(
            "SELECT count(*) FROM sentences s" + (" WHERE " + " AND ".join(conds) if conds else ""), params
        )
        return int(row[0][0]) if row else 0

    def scope_sentences(self, scope: Scope, limit: int) -> list[StoredSentence]:
        """Every sentence in `scope` (for a small scope, ranked by vectors alone)."""
        conds, params = scope.sql("s.session_id", "s.person_id")
        return self._rows(
            f"SELECT {_COLS} FROM sentences s"
            + (" WHERE " + " AND ".join(conds) if conds else "")
            + " ORDER BY s.session_id, s.idx LIMIT ?",
            [*params, limit],
        )

    def speaker_names(self, scope: Scope) -> list[tuple[int, str]]:
        """(person id, name or name variant) of everyone who spoke in `scope`'s sessions."""
        conds, params = scope.sql("ss.session_id", "ss.person_id")
        return [
            (int(r[0]), r[1])
            for r in self._all_rows(
                "SELECT DISTINCT n.person_id, n.name FROM session_speakers ss "
                "JOIN person_names n ON n.person_id = ss.person_id WHERE ss.turns > 0"
                + "".join(f" AND {c}" for c in conds),
                params,
            )
        ]

    def sentence_contexts(self, session_id: int, first: int, last: int) -> list[SentenceContext]:
        """Sentences `first`..`last` of a session with speaker, turn start and session."""
        rows = self._all_rows(
            "SELECT s.session_id, s.idx, s.turn_idx, t.speaker, s.text, t.start_s, ss.title, "
            "e.name, ss.date FROM sentences s "
            "JOIN turns t ON t.session_id = s.session_id AND t.idx = s.turn_idx "
            "JOIN sessions ss ON ss.id = s.session_id JOIN events e ON e.id = ss.event_id "
            "WHERE s.session_id = ? AND s.idx BETWEEN ? AND ? ORDER BY s.idx",
            (session_id, first, last),
        )
        return [
            SentenceContext(
                session_id=int(r[0]),
                idx=int(r[1]),
                turn_idx=int(r[2]),
                speaker=r[3],
                text=r[4],
                start=r[5],
                session_title=r[6],
                event=r[7],
                date=r[8],
            )
            for r in rows
        ]
