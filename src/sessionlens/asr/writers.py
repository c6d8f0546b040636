"""Transcript writers for `sessionlens transcribe`: JSON, WebVTT (voice tags), SRT.

One cue (or JSON segment) per turn, so each file reads back through the readers in
`sessionlens.readers` (json, vtt, srt) into the same turns: the round trip is tested.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..models import Transcript
from ..readers.labelled import match_label
from ..registry import Entry
from .naming import Proposal

#: transcript formats `sessionlens transcribe` writes (`--to`), by name
FORMATS: dict[str, Entry] = {
    e.name: e
    for e in (
        Entry("json", "sessionlens.asr.writers:to_json", "segments, speakers, name proposals", (".json",)),
        Entry("vtt", "sessionlens.asr.writers:to_vtt", "WebVTT with voice tags", (".vtt",)),
        Entry("srt", "sessionlens.asr.writers:to_srt", "SubRip, the speaker in each cue", (".srt",)),
    )
}


def timestamp(seconds: float, sep: str = ".") -> str:
    """`HH:MM:SS.mmm` (WebVTT) or with `sep=","` (SRT)."""
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _speech_seconds(transcript: Transcript) -> dict[str, float]:
    out: dict[str, float] = {}
    for t in transcript.turns:
        if t.start is not None and t.end is not None:
            out[t.speaker] = out.get(t.speaker, 0.0) + t.end - t.start
    return out


def to_json(
    transcript: Transcript,
    proposals: list[Proposal] | None = None,
    labels: dict[str, str] | None = None,
    model: str | None = None,
    uncertain: list[int] | None = None,
) -> str:
    """Segments with words and speakers (the shape faster-whisper/WhisperX users expect).

    `labels` maps final names back to the diarization labels, `proposals` are the names
    suggested from the speech; both go into `speakers` for the user to judge. Turns listed
    in `uncertain` get `"speaker_uncertain": true` (a short piece no voice clearly claims).
    """
    unsure = set(uncertain or ())
    labels = labels or {}
    proposed = {p.label: p for p in proposals or []}
    seconds = _speech_seconds(transcript)
    speakers: list[dict[str, Any]] = []
    for s in transcript.speakers:
        label = labels.get(s.name, s.name)
        entry: dict[str, Any] = {
            "name": s.name,
            "label": label,
            "seconds": round(seconds.get(s.name, 0.0), 3),
        }
        if label in proposed:
            p = proposed[label]
            entry["proposed_name"] = p.name
            entry["proposed_from"] = list(p.evidence)
        speakers.append(entry)
    data = {
        "source": transcript.info.source,
        "language": transcript.info.language,
        "duration": transcript.info.duration_seconds,
        "model": model,
        "speakers": speakers,
        "segments": [
            {
                "id": t.index,
                "start": t.start,
                "end": t.end,
                "speaker": t.speaker,
                **({"speaker_uncertain": True} if t.index in unsure else {}),
                "text": t.text,
                "words": [
                    {"word": w.text, "start": w.start, "end": w.end, "probability": w.probability}
                    for w in t.words or []
                ],
            }
            for t in transcript.turns
        ],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _cues(transcript: Transcript) -> list[tuple[float, float, str, str]]:
    return [
        (
            t.start or 0.0,
            t.end if t.end is not None else t.start or 0.0,
            t.speaker,
            html.escape(" ".join(t.text.split()), quote=False),
        )
        for t in transcript.turns
    ]


def to_vtt(transcript: Transcript) -> str:
    """WebVTT, one cue per turn, the speaker in a `<v Name>` voice tag."""
    out = ["WEBVTT", ""]
    for start, end, speaker, text in _cues(transcript):
        voice = speaker.replace(">", "")
        out += [f"{timestamp(start)} --> {timestamp(end)}", f"<v {voice}>{text}", ""]
    return "\n".join(out)


def to_srt(transcript: Transcript) -> str:
    """SRT, one cue per turn, the speaker as a `Name:` prefix (a voice tag if the name
    would not read back as a label)."""
    out = []
    for n, (start, end, speaker, text) in enumerate(_cues(transcript), 1):
        line = f"{speaker}: {text}"
        hit = match_label(line)
        if hit is None or hit[0] != speaker:
            line = f"<v {speaker.replace('>', '')}>{text}"
        out += [str(n), f"{timestamp(start, ',')} --> {timestamp(end, ',')}", line, ""]
    return "\n".join(out)


def write(transcript: Transcript, fmt: str, **json_extra: Any) -> str:
    """The transcript in `fmt` (json, vtt or srt); `json_extra` goes to the JSON writer."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown transcript format {fmt!r}")
    writer = FORMATS[fmt].load()
    text: str = writer(transcript, **json_extra) if fmt == "json" else writer(transcript)
    return text
