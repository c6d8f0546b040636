"""Readers for the public meeting corpora in `../shared/data` (original formats, read in place).

- QMSum (Zhong et al., NAACL 2021): one JSON per meeting, `meeting_transcripts` turns and
  `general_query_list[0].answer` as the reference summary.
- AMI abstractive summaries (NXT XML, `<m>.abssumm.xml`): `<abstract>`, `<actions>`,
  `<decisions>`, `<problems>` sentences; "NA." placeholders dropped.

Each becomes a reference `Report`, so the one `evaluate()` scores every corpus.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import ActionItem, Glance, Report, ReportMeta, Takeaways, Transcript
from ..pipeline import prepare
from ..readers.base import Source, build

#: QMSum marks non-speech inside turns ({vocalsound}, {disfmarker}, {gap} …): not words.
_QMSUM_TAG = re.compile(r"\{\w+\}")
_SPACES = re.compile(r"\s+")
AMI_SECTIONS = ("abstract", "actions", "decisions", "problems")


@dataclass
class Case:
    """One meeting to evaluate: the engine's input and the reference to score against."""

    corpus: str
    name: str
    transcript: Transcript
    reference: Report


def qmsum_transcript(path: Path) -> tuple[Transcript, dict]:
    """A QMSum meeting JSON as a normalised Transcript, and the raw JSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        turns = []
        for t in data["meeting_transcripts"]:
            text = _SPACES.sub(" ", _QMSUM_TAG.sub(" ", t["content"])).strip()
            if text:
                turns.append((t["speaker"].strip(), text, None, None))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a QMSum meeting JSON ({exc})") from None
    source = Source("", str(path), "utf-8")
    return prepare(build(turns, source, "qmsum")), data


def qmsum_case(path: Path, corpus: str) -> Case:
    """A QMSum meeting with its general ('Summarize the whole meeting.') summary."""
    transcript, data = qmsum_transcript(path)
    queries = data.get("general_query_list") or []
    if not queries:
        raise InputError(path, "has no general query (reference summary)")
    reference = Report(
        transcript=transcript,
        glance=Glance(summary=queries[0]["answer"]),
        meta=ReportMeta(engine=f"reference:{corpus}"),
    )
    return Case(corpus, path.stem, transcript, reference)


def ami_abstractive(path: Path) -> dict[str, list[str]]:
    """Sentences of each section of an AMI `abssumm.xml` (placeholders dropped)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(path, f"not an AMI abstractive summary XML ({exc})") from None
    out: dict[str, list[str]] = {s: [] for s in AMI_SECTIONS}
    for section in AMI_SECTIONS:
        for element in root.iter(section):
            for sentence in element.iter("sentence"):
                text = _SPACES.sub(" ", sentence.text or "").strip()
                if text and text.rstrip(".").upper() != "NA":
                    out[section].append(text)
    return out


def ami_case(summary_path: Path, qmsum_path: Path) -> Case:
    """An AMI meeting: QMSum's transcript of it, AMI's abstract, actions, decisions and
    problems as summary, action items, key takeaways and unresolved issues."""
    transcript, _ = qmsum_transcript(qmsum_path)
    sections = ami_abstractive(summary_path)
    reference = Report(
        transcript=transcript,
        glance=Glance(summary=" ".join(sections["abstract"]) or None),
        takeaways=Takeaways(
            key_takeaways=sections["decisions"],
            action_items=[ActionItem(text=x) for x in sections["actions"]],
            unresolved_issues=sections["problems"],
        ),
        meta=ReportMeta(engine="reference:ami"),
    )
    return Case("ami", summary_path.name.split(".")[0], transcript, reference)


def qmsum_cases(data_dir: Path, subset: str) -> list[Case]:
    """All meetings of a QMSum subset folder, e.g. 'Committee/test'."""
    folder = data_dir / "qmsum" / subset
    corpus = "qmsum-" + subset.split("/")[0].lower()
    return [qmsum_case(p, corpus) for p in sorted(folder.glob("*.json"))]


def ami_cases(data_dir: Path) -> list[Case]:
    """AMI abstractive summaries whose meeting QMSum's Product test set transcribes."""
    out = []
    for path in sorted((data_dir / "ami" / "abstractive").glob("*.abssumm.xml")):
        meeting = path.name.split(".")[0]
        transcript = data_dir / "qmsum" / "Product" / "test" / f"{meeting}.json"
        if transcript.exists():
            out.append(ami_case(path, transcript))
    return out
