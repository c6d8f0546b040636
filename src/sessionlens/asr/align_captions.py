"""Caption cues (or their words) -> speakers, from the voice segments of the recording.

Each unit (a word where the reader kept word times, else a whole cue) goes to the voice
whose segments overlap it most. A word that falls in a pause between heard words stays
with the word before it (else the one after) in its cue: a pause is not a change of
speaker. A cue where no voice is heard at all is given to the nearest voice in time and
recorded as an attribution suspect, never silently. Consecutive units of one voice form
one turn; voices are named "Speaker 1", "Speaker 2", … in order of first speech.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import AttributionSuspect, Speaker, Transcript, Turn, Word
from .media import is_media
from .voices import VoiceSegment

#: When more cues than this share fall where no voice is heard, the captions and the
#: recording are not of the same session (or not on the same clock).
MAX_UNHEARD_SHARE = 0.5


@dataclass
class _Unit:
    text: str
    start: float
    end: float
    word: Word | None
    speaker: int | None = None


def overlap_speaker(start: float, end: float, segments: list[VoiceSegment]) -> int | None:
    """The voice whose segments overlap [start, end] most; None when none does.
    A zero-length span counts the segment that contains it."""
    total: dict[int, float] = {}
    for s in segments:
        inside = 1e-9 if s.start <= start <= s.end else 0.0
        o = min(end, s.end) - max(start, s.start) if end > start else inside
        if o > 0:
            total[s.speaker] = total.get(s.speaker, 0.0) + o
    return max(total, key=lambda k: total[k]) if total else None


def nearest_speaker(start: float, end: float, segments: list[VoiceSegment]) -> int:
    """The voice of the segment nearest in time to [start, end]."""
    return min(segments, key=lambda s: max(s.start - end, start - s.end)).speaker


def _units(turn: Turn) -> list[_Unit]:
    if turn.words:
        return [_Unit(w.text, w.start, w.end, w) for w in turn.words]
    return [_Unit(turn.text, turn.start or 0.0, turn.end if turn.end is not None else turn.start or 0.0, None)]


def _clock(t: float) -> str:
    return f"{int(t // 60)}:{t % 60:04.1f}"


def attribute_captions(transcript: Transcript, segments: list[VoiceSegment]) -> Transcript:
    """The captions' turns re-cut and attributed by voice (see the module's docstring)."""
    if not segments:
        raise InputError(None, "no voice segments to align the captions with")
    runs: list[tuple[list[_Unit], bool]] = []  # (units of one voice, unheard cue)
    unheard = 0
    first_run: list[int] = []  # per caption turn: the run (new turn) its first word is in
    for turn in transcript.turns:
        units = _units(turn)
        for u in units:
            u.speaker = overlap_speaker(u.start, u.end, segments)
        heard = [u.speaker for u in units if u.speaker is not None]
        if not heard:
            unheard += 1
            k = nearest_speaker(units[0].start, units[-1].end, segments)
            for u in units:
                u.speaker = k
            runs.append((units, True))
            first_run.append(len(runs) - 1)
            continue
        last = heard[0]
        for i, u in enumerate(units):
            u.speaker = last = u.speaker if u.speaker is not None else last
            if runs and not runs[-1][1] and runs[-1][0][-1].speaker == u.speaker:
                runs[-1][0].append(u)
            else:
                runs.append(([u], False))
            if i == 0:
                first_run.append(len(runs) - 1)
    if transcript.turns and unheard / len(transcript.turns) > MAX_UNHEARD_SHARE:
        raise InputError(
            None,
            f"{unheard} of {len(transcript.turns)} caption cues fall where no one speaks in the recording: "
            "are the captions and the recording of the same session?",
        )
    order: dict[int, str] = {}
    turns: list[Turn] = []
    suspects: list[AttributionSuspect] = []
    for units, is_unheard in runs:
        k = units[0].speaker
        assert k is not None
        name = order.setdefault(k, f"Speaker {len(order) + 1}")
        words = [u.word for u in units if u.word is not None]
        text = " ".join(u.text for u in units)
        turns.append(
            Turn(
                index=len(turns), speaker=name, text=text, start=units[0].start, end=units[-1].end, words=words or None
            )
        )
        if is_unheard:
            suspects.append(
                AttributionSuspect(
                    turn_index=len(turns) - 1,
                    speaker=name,
                    reason=f"no voice is heard in the recording during this caption "
                    f"({_clock(units[0].start)}–{_clock(units[-1].end)}): its speaker is the nearest voice, a guess",
                    excerpt=text[:100],
                )
            )
    # the readers' suspects (label-like lines) follow their words into the new turns
    kept = [
        x.model_copy(update={"turn_index": first_run[x.turn_index], "speaker": turns[first_run[x.turn_index]].speaker})
        for x in transcript.suspects
    ]
    info = transcript.info.model_copy(update={"attributed": True})
    speakers = [Speaker(name=n, listed=False) for n in order.values()]
    return transcript.model_copy(
        update={"info": info, "speakers": speakers, "turns": turns, "suspects": [*kept, *suspects]}
    )


def attribute_from_recording(
    transcript: Transcript, recording: str | Path, n_speakers: int | None, embedder: str | None = None
) -> Transcript:
    """Diarize `recording` and attribute the caption `transcript` by its voices."""
    if transcript.info.attributed:
        raise InputError(
            recording, "the transcript already names its speakers: --recording is for captions without speakers"
        )
    if not transcript.turns or any(t.start is None or t.time_estimated for t in transcript.turns):
        raise InputError(recording, "the captions need cue times to be aligned with a recording")
    if not is_media(recording):
        raise InputError(recording, "not an audio or video recording")
    missing = [m for m in ("numpy", "av") if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            recording,
            f"diarizing a recording needs the asr extra ({missing[0]} is missing): pip install 'sessionlens[asr]'",
        )
    from .voices import diarize_recording

    segments = diarize_recording(recording, n_speakers, embedder)
    try:
        return attribute_captions(transcript, segments)
    except InputError as exc:
        raise InputError(recording, exc.problem) from None
