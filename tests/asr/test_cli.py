"""`sessionlens transcribe` and `sessionlens report RECORDING`, end to end, offline."""

from __future__ import annotations

import json
import socket

import pytest

from sessionlens.cli import main
from sessionlens.readers import read_transcript

pytestmark = pytest.mark.slow


def _run(*argv: str) -> None:
    try:
        main(list(argv))
    except SystemExit as exc:
        assert exc.code in (0, None), exc


def test_transcribe_names_speakers_and_writes_vtt(need_asr, short_clip, tmp_path, capsys) -> None:
    out = tmp_path / "clip.vtt"
    names = tmp_path / "names.txt"
    names.write_text("Speaker 1 = Maria Lopez\nSpeaker 2: David Chen\n")
    _run("transcribe", str(short_clip[0]), "-o", str(out), "--speakers", "2", "--names", str(names))
    transcript = read_transcript(out)
    spoken = [t.speaker for t in transcript.turns]
    # the clip is Maria, David, Maria: whoever speaks first is Speaker 1
    assert spoken[0] == "Maria Lopez" and "David Chen" in spoken and spoken[-1] == "Maria Lopez"
    err = capsys.readouterr().err
    assert "2 speakers" in err


def test_transcribe_json_proposes_names(need_asr, short_clip, tmp_path, capsys) -> None:
    out = tmp_path / "clip.json"
    _run("transcribe", str(short_clip[0]), "-o", str(out), "--speakers", "2", "--auto-names")
    data = json.loads(out.read_text())
    assert {s["name"] for s in data["speakers"]} == {"Maria", "David"}
    assert all(s["proposed_from"] for s in data["speakers"])
    assert all(seg["words"] for seg in data["segments"])
    assert "may be 'David'" in capsys.readouterr().err


def test_full_run_opens_no_socket(need_asr, short_clip, tmp_path, monkeypatch) -> None:
    """Decode -> ASR (model loaded afresh) -> diarization -> report with sockets blocked."""
    from sessionlens.asr.transcribe import load_model

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted during an offline run")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    load_model.cache_clear()
    out = tmp_path / "report.json"
    _run("report", str(short_clip[0]), "--engine", "none", "-o", str(out))
    report = json.loads(out.read_text())
    assert report["transcript"]["info"]["format"] == "asr"
    assert len(report["stats"]) >= 1
    assert attempts == []
