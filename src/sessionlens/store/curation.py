"""Curation edits on a stored report: rename or merge speakers, set roles and affiliations,
change the session's title, date and time. Each returns a new Report whose statistics are
recomputed from its transcript (never patched), so the store can re-derive every row from it.

Speaker names are rewritten wherever the report refers to a speaker (turns, speaker list,
statistics, arguments, stances, comments, action items); what people said (turn text,
quotes) is never touched, so a name spoken in the session stays as spoken.
"""

from __future__ import annotations

from typing import Any

from ..models import Report, Speaker
from ..stats import compute_stats

#: keys whose string value names one speaker, and keys holding a list of speaker names
_NAME_KEYS = frozenset({"speaker", "name"})
_NAME_LIST_KEYS = frozenset({"agreed_with", "disagreed_with", "speakers"})
#: parts of the report that hold no speaker names (or hold spoken words)
_SKIP = frozenset({"transcript", "stats", "meta", "verification"})


def _rename_tree(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _NAME_KEYS and isinstance(value, str):
                out[key] = names.get(value, value)
            elif key in _NAME_LIST_KEYS and isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = list(dict.fromkeys(names.get(v, v) for v in value))
            else:
                out[key] = _rename_tree(value, names)
        return out
    if isinstance(node, list):
        return [_rename_tree(v, names) for v in node]
    return node


def _merge_speakers(speakers: list[Speaker], names: dict[str, str]) -> list[Speaker]:
    """Speakers under their new names; two that now share a name become one (first wins,
    the other's label kept as an alias)."""
    merged: dict[str, Speaker] = {}
    for sp in speakers:
        new = names.get(sp.name, sp.name)
        aliases = [a for a in [*sp.aliases, sp.name] if a != new]
        if new in merged:
            kept = merged[new]
            kept.aliases = list(dict.fromkeys([*kept.aliases, *aliases]))
            kept.role = kept.role or sp.role
            kept.affiliation = kept.affiliation or sp.affiliation
            kept.is_moderator = kept.is_moderator or sp.is_moderator
            kept.listed = kept.listed or sp.listed
        else:
            merged[new] = sp.model_copy(update={"name": new, "aliases": list(dict.fromkeys(aliases))})
    return list(merged.values())


def rederive(report: Report) -> Report:
    """The report with its statistics recomputed from its transcript."""
    return report.model_copy(update={"stats": compute_stats(report.transcript)})


def rename_speakers(report: Report, names: dict[str, str]) -> Report:
    """`report` with each speaker in `names` (old -> new) renamed; renaming onto an existing
    speaker merges the two. Statistics are recomputed."""
    names = {old: new.strip() for old, new in names.items() if new.strip() and new.strip() != old}
    if not names:
        return report
    tr = report.transcript
    turns = [t.model_copy(update={"speaker": names.get(t.speaker, t.speaker)}) for t in tr.turns]
    suspects = [s.model_copy(update={"speaker": names.get(s.speaker, s.speaker)}) for s in tr.suspects]
    transcript = tr.model_copy(
        update={"speakers": _merge_speakers(tr.speakers, names), "turns": turns, "suspects": suspects}
    )
    body = {k: v for k, v in report.model_dump(mode="json").items() if k not in _SKIP}
    renamed = Report.model_validate({**_rename_tree(body, names)})
    return rederive(
        renamed.model_copy(update={"transcript": transcript, "meta": report.meta, "verification": report.verification})
    )


def set_speaker_details(report: Report, name: str, role: str | None, affiliation: str | None) -> Report:
    """`report` with the role and affiliation of speaker `name` set (None leaves one as is,
    an empty string clears it)."""
    tr = report.transcript
    speakers = []
    for sp in tr.speakers:
        if sp.name == name:
            update: dict[str, Any] = {}
            if role is not None:
                update["role"] = role.strip() or None
            if affiliation is not None:
                update["affiliation"] = affiliation.strip() or None
            sp = sp.model_copy(update=update)
        speakers.append(sp)
    return rederive(report.model_copy(update={"transcript": tr.model_copy(update={"speakers": speakers})}))


def set_session_info(report: Report, **fields: str | None) -> Report:
    """`report` with the given header fields (title, date, start_time, end_time, event) set;
    an empty string clears one."""
    allowed = {"title", "date", "start_time", "end_time", "event"}
    update = {k: (v.strip() or None) for k, v in fields.items() if k in allowed and v is not None}
    info = report.transcript.info.model_copy(update=update)
    return report.model_copy(update={"transcript": report.transcript.model_copy(update={"info": info})})
