"""Fuzzing every reader with input shaped like its own format, hostile numbers included
(issue 14): no traceback, no hang over 10 s, every failure one line naming the file; what
is read is prepared, analysed (engine none) and rendered to Markdown.

CI runs a sample (SESSIONLENS_FUZZ_EXAMPLES, default 40 per reader); the full run is
`SESSIONLENS_FUZZ_EXAMPLES=10000 nice pytest tests/readers/test_fuzz_hypothesis.py` (figures in
docs/benchmarks.md).
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessionlens.errors import SessionLensError
from sessionlens.pipeline import analyze, prepare
from sessionlens.readers import READERS, read_text
from sessionlens.renderers import render

from ..deadline import within

EXAMPLES = int(os.environ.get("SESSIONLENS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# ------------------------------------------------------------------ building blocks

digits = st.one_of(
    st.integers(0, 99).map(str), st.integers(0, 10**400).map(str), st.sampled_from(["", "00", "9" * 40, "-1", "٣"])
)
hostile_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        [
            "NaN",
            "Infinity",
            "-Infinity",
            "1e309",
            "-1e309",
            "1e-400",
            "0",
            "-0.5",
            "null",
            "true",
            '"12"',
            "[]",
            "{}",
            "9" * 500,
        ]
    ),
    st.integers(-(10**30), 10**30).map(str),
)
names = st.one_of(
    st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,2}", fullmatch=True),
    st.sampled_from(["Speaker 1", "Dr. Amara Okafor", "MODERATOR", "<b>x</b>", "[x](https://e.x)", "Ann:", ""]),
    st.text(min_size=0, max_size=20),
)
speech = st.one_of(
    st.from_regex(r"[A-Za-z ,.?!'’]{0,80}", fullmatch=True),
    st.text(max_size=80),
    st.sampled_from(["[x](https://evil.example)", "<script>x</script>", "{{ 7*7 }}", "NaN", "\u202e", "\x00"]),
)


def timing(sep: str) -> st.SearchStrategy[str]:
    part = st.builds(
        lambda h, m, s, f: f"{h}:{m}:{s}{sep}{f}" if h else f"{m}:{s}{sep}{f}", digits, digits, digits, digits
    )
    return st.builds(lambda a, b, tail: f"{a} --> {b}{tail}", part, part, st.sampled_from(["", " align:start", "x"]))


def cues(sep: str, header: str) -> st.SearchStrategy[str]:
    cue = st.builds(
        lambda n, t, who, said: f"{n}\n{t}\n{who}: {said}" if who else f"{n}\n{t}\n{said}",
        st.integers(0, 10**6).map(str),
        timing(sep),
        names,
        speech,
    )
    voice = st.builds(lambda t, who, said: f"{t}\n<v {who}>{said}</v>", timing(sep), names, speech)
    return st.lists(st.one_of(cue, voice, speech), max_size=12).map(lambda xs: header + "\n\n".join(xs) + "\n")


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(allow_nan=True, allow_infinity=True), st.integers(), speech),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["start", "end", "text", "speaker", "words", "word", "segments", "language", "probability"]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=20,
)
segment = st.fixed_dictionaries(
    {"text": st.one_of(speech, json_value)},
    optional={
        "start": st.one_of(hostile_number, json_value.map(json.dumps)),
        "end": hostile_number,
        "speaker": st.one_of(names, json_value),
        "words": json_value,
    },
).map(lambda d: "{" + ", ".join(f'"{k}": {v if k in ("start", "end") else json.dumps(v)}' for k, v in d.items()) + "}")
whisper = st.one_of(
    st.builds(
        lambda segs, lang: '{"language": ' + lang + ', "segments": [' + ", ".join(segs) + "]}",
        st.lists(segment, max_size=8),
        json_value.map(json.dumps),
    ),
    st.builds(lambda depth: "[" * depth + "]" * depth, st.integers(1, 200_000)),
    json_value.map(json.dumps),
)

labelled_line = st.one_of(
    st.builds(lambda who, said: f"{who}: {said}", names, speech),
    st.builds(
        lambda ts, who, said: f"[{ts}] {who}: {said}",
        st.builds(lambda h, m, s: f"{h}:{m}:{s}", digits, digits, digits),
        names,
        speech,
    ),
    speech,
)
labelled = st.lists(labelled_line, max_size=20).map("\n\n".join)

diplo = st.builds(
    lambda title, date, listed, lines: (
        f"{title}\n\n{date}\n\nSpeakers\n" + "\n".join(listed) + "\n\nSession transcript\n" + "\n".join(lines) + "\n"
    ),
    speech,
    st.from_regex(r"\d{1,3} [A-Z][a-z]{2} \d{1,6}", fullmatch=True),
    st.lists(st.builds(lambda who, role: f"- **{who}** – {role}", names, speech), max_size=6),
    st.lists(st.builds(lambda who, said: f"{who}: {said}", names, speech), max_size=12),
)
timeindex = st.lists(
    st.one_of(
        st.builds(
            lambda ts, said: f":{ts}: {said}?",
            st.builds(lambda h, m, s: f"{h}:{m}:{s}", digits, digits, digits),
            speech,
        ),
        st.builds(lambda said: f"“{said}”", speech),
        speech,
    ),
    max_size=15,
).map("\n\n".join)
qa = st.lists(
    st.one_of(speech.map(lambda s: s + "?"), st.lists(speech, min_size=3, max_size=6).map(" ".join)), max_size=12
).map("\n\n".join)

clock = st.builds(lambda m, s: f"{m}:{s}", digits, digits)
hms = st.builds(lambda h, m, s: f"{h}:{m}:{s}", digits, digits, digits)


def headed(head: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Layouts where a name and/or time line comes before the text (Otter, Rev, Zoom, Meet, YouTube copy)."""
    return st.lists(st.one_of(st.builds(lambda h, said: f"{h}\n{said}", head, speech), speech), max_size=12).map(
        "\n\n".join
    )


youtube_vtt = st.lists(
    st.builds(
        lambda t, a, w, b: f"{t}\n{a}<{b}><c> {w}</c>\n",
        timing("."),
        speech,
        speech,
        st.builds(lambda h, m, s: f"{h}:{m}:{s}.000", digits, digits, digits),
    ),
    max_size=10,
).map(lambda xs: "WEBVTT\nKind: captions\nLanguage: en\n\n" + "\n".join(xs))
gpo = st.lists(
    st.one_of(
        st.builds(
            lambda who, said: f"    {who.upper()}. {said}",
            st.sampled_from(["Chair DURBIN", "Mr. CHEW", "Senator X"]) | names,
            speech,
        ),
        st.sampled_from(["    [Applause.]", "                      HEARING", "    [Witnesses are sworn in.]"]),
        speech,
    ),
    max_size=15,
).map("\n".join)
un = st.lists(
    st.builds(
        lambda who, place, said: f"{who} ({place}) (spoke in French): {said}",
        st.sampled_from(["The President", "Mr. Nebenzia", "Ms. Ndiaye"]) | names,
        names,
        speech,
    )
    | speech,
    max_size=12,
).map(lambda xs: "United Nations S/PV.9601\nSecurity Council\n\n" + "\n\n".join(xs))
hansard = st.lists(
    st.builds(lambda who, party, said: f"{who} ({party}): {said}", names, names, speech) | speech, max_size=12
).map("\n".join)

FORMATS: dict[str, st.SearchStrategy[str]] = {
    "vtt": cues(".", "WEBVTT\n\n"),
    "srt": cues(",", ""),
    "json": whisper,
    "labelled": labelled,
    "diplo": diplo,
    "timeindex": timeindex,
    "qa": qa,
    "youtube-vtt": youtube_vtt,
    "youtube-text": headed(clock),
    "otter": headed(st.builds(lambda who, t: f"{who}  {t}", names, clock)),
    "rev": headed(st.builds(lambda who, t: f"{who} ({t}):", names, hms)),
    "zoom": headed(st.builds(lambda who, t: f"[{who}] {t}", names, hms)) | cues(".", "WEBVTT\n\n"),
    "teams": cues(".", "WEBVTT\n\n"),
    "meet": headed(st.builds(lambda who, t: f"{who}\n{t}", names, hms)),
    "gpo": gpo,
    "un": un,
    "hansard": hansard,
    # a DOCX forced on text is a one-line error; real DOCX cases are in fuzz_inputs.py
    "docx": labelled,
}
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]


def test_every_reader_is_fuzzed() -> None:
    assert set(FORMATS) == set(READERS)


def check(text: str, fmt: str | None, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    name = f"fuzz.{fmt or 'txt'}"
    with within(10):
        try:
            transcript = prepare(read_text(data, name=name, fmt=fmt))
            render(analyze(transcript, "none"), "md")  # numbers that broke renderers are caught at read time
        except SessionLensError as exc:
            message = str(exc)
            assert "\n" not in message and message.startswith(f"{name}: "), message


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_reader_fuzz(fmt: str) -> None:
    @FUZZ
    @given(text=FORMATS[fmt], encoding=st.sampled_from(ENCODINGS), forced=st.booleans())
    def run(text: str, encoding: str, forced: bool) -> None:
        check(text, fmt if forced else None, encoding)

    run()
