"""Writers: JSON, WebVTT and SRT read back through the existing readers into the same turns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionlens.asr.writers import timestamp, write
from sessionlens.models import SessionInfo, Speaker, Transcript, Turn, Word
from sessionlens.readers import read_text


def _ms(t: float | None) -> float | None:
    # subtitle formats carry milliseconds; the readers add their fields in floating point
    return None if t is None else round(t, 3)


def _key(t: Transcript) -> list[tuple[str, str, float | None, float | None]]:
    return [(x.speaker, x.text, _ms(x.start), _ms(x.end)) for x in t.turns]


def _transcript(turns: list[tuple[str, str, float, float]]) -> Transcript:
    out = []
    for i, (speaker, text, start, end) in enumerate(turns):
        words = text.split()
        step = (end - start) / len(words)
        out.append(
            Turn(
                index=i,
                speaker=speaker,
                text=text,
                start=start,
                end=end,
                words=[
                    Word(
                        text=w,
                        start=round(start + k * step, 3),
                        end=round(start + (k + 1) * step, 3),
                        probability=0.9,
                    )
                    for k, w in enumerate(words)
                ],
            )
        )
    names = list(dict.fromkeys(t[0] for t in turns))
    return Transcript(info=SessionInfo(language="en"), speakers=[Speaker(name=n) for n in names], turns=out)


TRICKY = _transcript(
    [
        ("Speaker 1", "Welcome, everyone: we start <now> & end at 5.", 0.3, 4.25),
        ("Ko Barrett", "Thank you. Note: this is not a label.", 4.9, 3725.5),
        ("Maria de la Cruz", "Q: and the answer?", 3726.0, 3730.001),
        ("ana lópez", "A lower-case name still comes back.", 3731.0, 3733.0),
        ("Speaker 1", "Back to me.", 3733.5, 3734.0),
    ]
)


@pytest.mark.parametrize("fmt", ["json", "vtt", "srt"])
def test_tricky_transcript_round_trips(fmt: str) -> None:
    back = read_text(write(TRICKY, fmt), f"t.{fmt}", fmt)
    assert _key(back) == _key(TRICKY)


def test_json_keeps_words_and_language() -> None:
    back = read_text(write(TRICKY, "json"), "t.json", "json")
    assert back.info.language == "en"
    assert [t.words for t in back.turns] == [t.words for t in TRICKY.turns]


@pytest.mark.parametrize("fmt", ["json", "vtt", "srt"])
def test_recognised_dialogue_round_trips(asr_run, fmt: str) -> None:
    """The real ASR output, detected (not forced) by the readers."""
    transcript = asr_run.transcript
    back = read_text(write(transcript, fmt), f"dialogue.{fmt}")
    assert back.info.format == fmt
    assert _key(back) == _key(transcript)


_name = st.sampled_from(["Speaker 1", "Speaker 2", "Ko Barrett", "Dr. Amina Yusuf"])
_text = (
    st.text(st.characters(codec="utf-8", exclude_categories=("C", "Z")), min_size=1, max_size=30)
    .map(lambda s: s.strip(" :"))
    .filter(lambda s: s.strip() != "")
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_name, st.lists(_text, min_size=1, max_size=6).map(" ".join), st.integers(0, 10_000_000)),
        min_size=1,
        max_size=6,
    )
)
def test_vtt_and_srt_round_trip_any_text(rows) -> None:
    turns = [(name, text, ms / 1000, (ms + 1500) / 1000) for name, text, ms in rows]
    transcript = _transcript(turns)
    for fmt in ("vtt", "srt"):
        assert _key(read_text(write(transcript, fmt), f"t.{fmt}", fmt)) == _key(transcript)


def test_timestamps() -> None:
    assert timestamp(3725.5) == "01:02:05.500"
    assert timestamp(0.0004, ",") == "00:00:00,000"
    assert timestamp(59.9996) == "00:01:00.000"


def test_json_flags_turns_whose_speaker_is_a_guess_and_reads_back() -> None:
    import json

    t = _transcript(
        [
            ("Speaker 1", "The pipes leak badly.", 0.0, 2.0),
            ("Speaker 1", "Exactly.", 2.4, 2.9),
            ("Speaker 2", "They are old.", 3.2, 4.5),
        ]
    )
    text = write(t, "json", uncertain=[1])
    segments = json.loads(text)["segments"]
    assert [s.get("speaker_uncertain", False) for s in segments] == [False, True, False]
    assert _key(read_text(text, "x.json")) == _key(t)
