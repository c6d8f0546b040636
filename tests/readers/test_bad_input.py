"""Bad input ends with exit code 2 and one line naming the file and the problem."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessionlens.errors import InputError
from sessionlens.readers import READERS, read_text, reader
from sessionlens.readers.base import Source

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def _make(tmp: Path, kind: str) -> Path:
    p = tmp / {"png": "photo.txt", "vtt": "bad.vtt", "big": "huge.txt"}.get(kind, f"{kind}.txt")
    if kind == "empty":
        p.write_bytes(b"")
    elif kind == "binary":
        p.write_bytes(bytes(range(256)) * 40)
    elif kind == "png":
        p.write_bytes(PNG)
    elif kind == "prose":
        p.write_text("This is just an essay. It has no speakers at all.\n\nNor any questions.\n" * 5)
    elif kind == "vtt":
        p.write_text("WEBVTT\n\n1\n00:00:01.000 --> banana\nAna: hi\n")
    elif kind == "big":
        with p.open("wb") as f:
            f.truncate(200 * 1024 * 1024)
    elif kind == "missing":
        pass
    return p


@pytest.mark.parametrize("kind", ["empty", "binary", "png", "prose", "vtt", "big", "missing"])
def test_cli_exit_code_2_one_line(tmp_path: Path, kind: str) -> None:
    path = _make(tmp_path, kind)
    for cmd in (["stats"], ["report", "--engine", "none"]):
        r = subprocess.run(
            [sys.executable, "-m", "sessionlens", *cmd, str(path)],
            capture_output=True, text=True, timeout=60,
        )
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, r.stderr
        assert path.name in lines[0] and "Traceback" not in r.stderr
        assert r.stdout == ""


def test_messages_say_the_problem(tmp_path: Path) -> None:
    cases = {"empty": "empty", "png": "PNG", "binary": "binary", "big": "too large", "vtt": "malformed"}
    from sessionlens.readers import read_transcript

    for kind, words in cases.items():
        with pytest.raises(InputError, match=words):
            read_transcript(_make(tmp_path, kind))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=0, max_size=600), name=st.sampled_from(sorted(READERS)))
def test_readers_raise_only_input_errors(text: str, name: str) -> None:
    with contextlib.suppress(InputError):
        reader(name).read(Source(text, "fuzz.txt", "utf-8"))
    with contextlib.suppress(InputError):
        read_text(text, "fuzz.txt")


_line = st.one_of(
    st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?: [a-z ,.?]{0,40}", fullmatch=True),
    st.from_regex(r"(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3} --> (\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}", fullmatch=True),
    st.from_regex(r":\d{2}:\d{2}: [A-Za-z ?]{0,30}", fullmatch=True),
    st.sampled_from(["WEBVTT", "", "1", '"....answer....', '{"segments": [', "<v Ana>hi</v>", "}"]),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_line, max_size=25), name=st.sampled_from(sorted(READERS)))
def test_structured_garbage_raises_only_input_errors(lines: list[str], name: str) -> None:
    text = "\n".join(lines)
    with contextlib.suppress(InputError):
        reader(name).read(Source(text, "fuzz.txt", "utf-8"))
