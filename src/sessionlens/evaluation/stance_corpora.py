"""Annotated agreement and disagreement on real meetings: AMI adjacency pairs, ICSI accept
and reject dialogue acts, and the Senate hearing's hand-written reference.

AMI and ICSI are rebuilt from their stand-off XML: the words of each dialogue act, the acts
in time order, consecutive acts of one speaker joined into a turn. Each annotated relation
becomes a reference stance item whose two positions carry the turns of the two acts (no
quotes: the annotation has none), an agreement for AMI's POS and ICSI's `aa`, a difference
with one side per speaker for AMI's NEG and ICSI's `ar`. Partial and uncertain relations
are left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import Agreements, Differences, Position, Report, ReportMeta, SessionInfo, Stance, Transcript, Turn
from ..pipeline import prepare
from .corpora import Case

NITE = "{http://nite.sourceforge.net/}"
_HREF = re.compile(r"^(?P<file>[^#]+)#id\((?P<a>[^)]+)\)(?:\.\.id\((?P<b>[^)]+)\))?$")
_NO_SPACE_BEFORE = re.compile(r"\s+([.,?!;:])")


@dataclass
class Act:
    """One dialogue act: its speaker, start time and words."""

    ident: str
    speaker: str
    start: float
    text: str


def _words(path: Path, cache: dict[Path, tuple[list[str], dict[str, int]]]) -> tuple[list[str], dict[str, int]]:
    if path not in cache:
        texts: list[str] = []
        index: dict[str, int] = {}
        for el in ET.parse(path).getroot():
            if el.tag == "w":
                index[el.get(f"{NITE}id", "")] = len(texts)
                texts.append((el.text or "").strip())
        cache[path] = (texts, index)
    return cache[path]


def _act_text(folder: Path, href: str, cache: dict) -> str:
    m = _HREF.match(href)
    if m is None:
        return ""
    texts, index = _words(folder / m["file"], cache)
    a = index.get(m["a"])
    b = index.get(m["b"] or m["a"])
    if a is None or b is None:
        return ""
    return _NO_SPACE_BEFORE.sub(r"\1", " ".join(t for t in texts[a : b + 1] if t))


def _transcript(meeting: str, acts: list[Act]) -> tuple[Transcript, dict[str, int]]:
    """Turns from acts in time order, and act id -> turn index."""
    turns: list[Turn] = []
    where: dict[str, int] = {}
    for act in sorted(acts, key=lambda a: a.start):
        if not act.text:
            continue
        if turns and turns[-1].speaker == act.speaker:
            turns[-1].text += " " + act.text
        else:
            turns.append(Turn(index=len(turns), speaker=act.speaker, text=act.text, start=act.start))
        where[act.ident] = len(turns) - 1
    info = SessionInfo(title=meeting, source=f"{meeting}.xml", format="nxt")
    return prepare(Transcript(info=info, turns=turns)), where


def _reference(transcript: Transcript, corpus: str, relations: list[tuple[str, int, str, int, bool]]) -> Report:
    agree, differ = [], []
    for s1, t1, s2, t2, positive in relations:
        if s1 == s2:
            continue
        positions = [Position(speaker=s1, turn=t1, side=0), Position(speaker=s2, turn=t2, side=0 if positive else 1)]
        (agree if positive else differ).append(Stance(positions=positions))
    return Report(
        transcript=transcript,
        agreements=Agreements(similar_viewpoints=agree),
        differences=Differences(different_viewpoints=differ),
        meta=ReportMeta(engine=f"reference:{corpus}"),
    )


def ami_stance_case(folder: Path, meeting: str) -> Case:
    """An AMI meeting with its POS (agreement) and NEG (disagreement) adjacency pairs."""
    acts: dict[str, Act] = {}
    cache: dict = {}
    words = folder.parent / "words"
    try:
        for path in sorted(folder.glob(f"{meeting}.*.dialog-act.xml")):
            speaker = f"Speaker {path.name.split('.')[1]}"
            for el in ET.parse(path).getroot().iter("dact"):
                child = el.find(f"{NITE}child")
                if child is None:
                    continue
                text = _act_text(words, child.get("href", ""), cache)
                start = _start(words, child.get("href", ""), cache)
                acts[el.get(f"{NITE}id", "")] = Act(el.get(f"{NITE}id", ""), speaker, start, text)
        pairs = ET.parse(folder / f"{meeting}.adjacency-pairs.xml").getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(folder / meeting, f"not an AMI NXT meeting ({exc})") from None
    transcript, where = _transcript(meeting, list(acts.values()))
    relations = []
    for ap in pairs.iter("adjacency-pair"):
        ptr = {p.get("role"): p.get("href", "") for p in ap.iter(f"{NITE}pointer")}
        kind = ptr.get("type", "").rsplit("(", 1)[-1].rstrip(")")
        if kind not in ("apt_1", "apt_2") or "source" not in ptr or "target" not in ptr:
            continue
        src, tgt = (acts.get(_id(ptr[r])) for r in ("source", "target"))
        if src and tgt and src.ident in where and tgt.ident in where:
            relations.append((src.speaker, where[src.ident], tgt.speaker, where[tgt.ident], kind == "apt_1"))
    return Case("ami-stances", meeting, transcript, _reference(transcript, "ami", relations))


def _id(href: str) -> str:
    m = _HREF.match(href)
    return m["a"] if m else ""


def _start(folder: Path, href: str, cache: dict) -> float:
    m = _HREF.match(href)
    if m is None:
        return 0.0
    path = folder / m["file"]
    if path not in cache or "times" not in cache:
        cache.setdefault("times", {})
    times = cache["times"]
    if path not in times:
        times[path] = {
            el.get(f"{NITE}id", ""): float(el.get("starttime") or 0)
            for el in ET.parse(path).getroot()
            if el.tag == "w" and el.get("starttime")
        }
    return times[path].get(m["a"], 0.0)


def icsi_stance_case(folder: Path, meeting: str) -> Case:
    """An ICSI meeting with its accept (`aa`) and reject (`ar`) acts, each related to the
    first part of its adjacency pair."""
    acts: dict[str, Act] = {}
    labels: dict[str, tuple[str, str]] = {}  # act id -> (adjacency, type)
    cache: dict = {}
    words = folder.parent / "Words"
    try:
        for path in sorted(folder.glob(f"{meeting}.*.dialogue-acts.xml")):
            for el in ET.parse(path).getroot().iter("dialogueact"):
                child = el.find(f"{NITE}child")
                if child is None:
                    continue
                ident = el.get(f"{NITE}id", "")
                text = _act_text(words, child.get("href", ""), cache)
                speaker = el.get("participant") or "?"
                acts[ident] = Act(ident, speaker, float(el.get("starttime") or 0), text)
                labels[ident] = (el.get("adjacency") or "", el.get("type") or "")
    except (OSError, ET.ParseError) as exc:
        raise InputError(folder / meeting, f"not an ICSI NXT meeting ({exc})") from None
    transcript, where = _transcript(meeting, list(acts.values()))
    first: dict[str, str] = {}
    for ident, (adjacency, _) in labels.items():
        for member in adjacency.split("."):
            m = re.match(r"^(\d+)a\+?$", member)
            if m:
                first.setdefault(m[1], ident)
    relations = []
    for ident, (adjacency, kind) in labels.items():
        tags = set(re.split(r"[\^|:.]", kind))
        if not tags & {"aa", "ar"}:
            continue
        for member in adjacency.split("."):
            m = re.match(r"^(\d+)b", member)
            src = first.get(m[1]) if m else None
            if src and src in where and ident in where:
                tgt = acts[ident]
                relations.append((acts[src].speaker, where[src], tgt.speaker, where[ident], "aa" in tags))
                break
    return Case("icsi-stances", meeting, transcript, _reference(transcript, "icsi", relations))


def stance_cases(data: Path, corpus: str) -> list[Case]:
    """The annotated meetings of `corpus` ('ami-stances' or 'icsi-stances') under `data`."""
    if corpus == "ami-stances":
        folder = data / "ami" / "dialogueActs"
        meetings = sorted(p.name.split(".")[0] for p in folder.glob("*.adjacency-pairs.xml"))
        return [ami_stance_case(folder, m) for m in meetings]
    folder = data / "icsi" / "DialogueActs"
    meetings = sorted({p.name.split(".")[0] for p in folder.glob("*.dialogue-acts.xml")})
    return [icsi_stance_case(folder, m) for m in meetings]
