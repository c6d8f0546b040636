"""Numbers are checked where they are read and sizes are bounded, once for every reader
(issue 14, findings 1, 3 and 6)."""

from __future__ import annotations

import json

import pytest

from sessionlens.errors import InputError, LimitError
from sessionlens.pipeline import prepare
from sessionlens.readers import read_text
from sessionlens.readers.base import MAX_SECONDS, MAX_SPEAKERS, MAX_TURN_CHARS

from ..deadline import within


def whisper(**segment: object) -> str:
    return json.dumps({"segments": [{"start": 0.0, "end": 2.0, "text": "Hello there.", "speaker": "A", **segment}]})


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (whisper().replace("2.0", "Infinity"), "not a finite number"),
        (whisper().replace("2.0", "1e309"), "not a finite number"),
        (whisper().replace("0.0", "NaN"), "not a finite number"),
        (whisper().replace("2.0", "-5"), "out of range"),
        (whisper(end=MAX_SECONDS * 2), "out of range"),
        (whisper(words=[{"word": "Hello", "start": 0, "end": 1e308 * 10}]).replace("1e+309", "Infinity"), "finite"),
    ],
)
def test_json_times_must_be_finite_and_bounded(raw: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as err:
        read_text(raw, "w.json", fmt="json")
    assert str(err.value).startswith("w.json: ") and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("fmt", "raw"),
    [
        ("vtt", f"WEBVTT\n\n{'9' * 400}:00:00.000 --> 1:00:01.000\nAlice: hi there\n"),
        ("srt", f"1\n{'9' * 400}:00:00,000 --> 01:00:01,000\nAlice: hi there\n"),
        ("vtt", "WEBVTT\n\n99999999:00:00.000 --> 99999999:00:01.000\nAlice: hi there\n"),
    ],
)
def test_absurd_subtitle_hours_are_input_errors(fmt: str, raw: str) -> None:
    with pytest.raises(InputError) as err:
        read_text(raw, f"s.{fmt}", fmt=fmt)
    assert str(err.value).startswith(f"s.{fmt}: ")


def test_deep_json_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        read_text("[" * 100_000 + "]" * 100_000, "deep.json", fmt="json")


def test_wrong_field_types_are_one_line() -> None:
    raw = json.dumps({"language": ["en"], "segments": [{"start": 0, "end": 1, "text": "hi"}]})
    with pytest.raises(InputError) as err:
        read_text(raw, "l.json", fmt="json")
    assert str(err.value) == "l.json: not a valid json file (language: Input should be a valid string)"


def labelled(speakers: int) -> str:
    return "\n\n".join(f"Participant {i}: I agree with point {i}." for i in range(speakers))


@pytest.mark.parametrize("speakers", [20_000, 100_000])
def test_too_many_speakers_are_refused_quickly(speakers: int) -> None:
    with within(10), pytest.raises(LimitError, match=f"more than {MAX_SPEAKERS:,} speakers"):
        read_text(labelled(speakers), "many.txt", fmt="labelled")


def test_the_most_speakers_allowed_are_processed() -> None:
    with within(30):
        transcript = prepare(read_text(labelled(MAX_SPEAKERS), "most.txt", fmt="labelled"))
    assert len(transcript.speakers) == MAX_SPEAKERS


@pytest.mark.parametrize("fmt", ["labelled", "json", "vtt"])
def test_a_five_megabyte_line_is_refused_quickly(fmt: str) -> None:
    line = "we need more funding for resilient digital infrastructure " * 90_000
    raw = {
        "labelled": f"Amara Osei: {line}\n\nBen Lee: Thanks.\n",
        "json": json.dumps({"segments": [{"start": 0, "end": 9, "text": line, "speaker": "A"}]}),
        "vtt": f"WEBVTT\n\n00:00.000 --> 00:09.000\n<v Amara>{line}\n",
    }[fmt]
    assert len(raw) > 5_000_000
    with within(10), pytest.raises(LimitError, match=f"at most {MAX_TURN_CHARS:,}"):
        read_text(raw, f"line.{fmt}", fmt=fmt)
