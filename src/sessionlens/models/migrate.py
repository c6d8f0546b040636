"""Report JSON of an older schema version read as the current one."""

from __future__ import annotations

from typing import Any

from .arguments import Relation, RelationKind
from .base import MIGRATES_FROM, SCHEMA_VERSION


def _migrate_stance(st: dict[str, Any], own_sides: bool) -> dict[str, Any]:
    st = dict(st)
    if "title" in st:
        st["point"] = st.pop("title")
    names = list(dict.fromkeys(st.pop("speakers", None) or []))
    if "positions" not in st:
        st["positions"] = [{"speaker": n, "side": i if own_sides else 0} for i, n in enumerate(names)]
    return st


def paired_relations(kind: RelationKind, names: list[str], labels: list[str]) -> list[Relation]:
    """Relations from a 'with' list and an 'on' list (schema v1, the DiploAI layout). They
    pair by position only when their lengths match, or all share a single label; otherwise
    the point is left open rather than guessed."""
    out = []
    for i, n in enumerate(names):
        on = labels[i] if len(labels) == len(names) else labels[0] if len(labels) == 1 else None
        out.append(Relation(kind=kind, speaker=n, on=on))
    return out


def _migrate_argument(a: dict[str, Any]) -> dict[str, Any]:
    a = dict(a)
    rel: list[Any] = list(a.get("relations") or [])
    kinds: tuple[RelationKind, ...] = ("agreed", "disagreed")
    for kind in kinds:
        names, labels = a.pop(f"{kind}_with", None) or [], a.pop(f"{kind}_on", None) or []
        rel += [r.model_dump() for r in paired_relations(kind, names, labels)]
    a["relations"] = rel
    return a


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Report JSON of an older schema version as the current one; an unknown version is an
    error naming it."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return data  # built in code, not read from JSON
    version = str(meta.get("schema_version") or SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        return data
    if version not in MIGRATES_FROM:
        raise ValueError(
            f"report schema version {version!r} is not supported (this SessionLens reads "
            f"{', '.join((*MIGRATES_FROM, SCHEMA_VERSION))})"
        )
    data = dict(data)
    data["arguments"] = [_migrate_argument(a) for a in data.get("arguments") or []]
    for section, own_sides in (("agreements", False), ("differences", True)):
        part = dict(data.get(section) or {})
        for key, value in part.items():
            if isinstance(value, list):
                part[key] = [_migrate_stance(st, own_sides and key != "partial_agreements") for st in value]
        data[section] = part
    data["meta"] = {**meta, "schema_version": SCHEMA_VERSION}
    return data
