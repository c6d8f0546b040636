"""Real speech for the ASR tests: espeak-ng dialogues, synthesised once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from .dialogue import SCRIPT, TrueTurn, have_espeak, synthesize


def _need_asr() -> None:
    pytest.importorskip("faster_whisper", reason="the asr extra is not installed")
    pytest.importorskip("av", reason="the asr extra is not installed")


@pytest.fixture(scope="session")
def dialogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TrueTurn]]:
    """The three-voice scripted dialogue (about 64 s) and its true turns."""
    if not have_espeak():
        pytest.skip("espeak-ng is not installed (scripts/system-deps.sh installs it)")
    return synthesize(tmp_path_factory.mktemp("dialogue"))


@pytest.fixture(scope="session")
def short_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TrueTurn]]:
    """The first three turns only (about 20 s): for runs that need speech, not a session."""
    if not have_espeak():
        pytest.skip("espeak-ng is not installed (scripts/system-deps.sh installs it)")
    return synthesize(tmp_path_factory.mktemp("short"), SCRIPT[:3])


@pytest.fixture(scope="session")
def asr_run(dialogue: tuple[Path, list[TrueTurn]]):  # type: ignore[no-untyped-def]
    """The dialogue transcribed and diarized once with the default model, 3 speakers given."""
    _need_asr()
    from sessionlens.asr import AsrOptions, transcribe_recording

    return transcribe_recording(dialogue[0], AsrOptions(speakers=3))


@pytest.fixture()
def need_asr() -> None:
    _need_asr()
