"""A small sample of the generated/mutated inputs per reader (the full run: fuzz_inputs.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sessionlens.cli import main
from sessionlens.readers import READERS

from .fuzz_inputs import fuzz, mutate, seeds


@pytest.mark.parametrize("name", sorted(READERS))
def test_mutated_inputs_read_or_fail_in_one_line(name: str) -> None:
    outcomes, failures = fuzz(name, 25 if name == "docx" else 120, seed=1)
    assert not failures, failures[0][0]
    assert outcomes["ok"] > 0  # the mutations leave some inputs readable: the readers were exercised


@pytest.mark.parametrize("name", ["gpo", "otter", "youtube-vtt", "labelled"])
def test_cli_exit_code_and_one_line(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(name)
    for k in range(15):
        p = tmp_path / f"in{k}.txt"
        p.write_text(mutate(seeds(name)[0], rng), encoding="utf-8")
        try:
            main(["stats", str(p), "--format", name, "--json"])
            code = 0
        except SystemExit as exc:
            code = exc.code
        err = capsys.readouterr().err
        assert code in (0, 2)
        errors = [x for x in err.splitlines() if not x.startswith("sessionlens: warning:")]
        assert errors == ([] if code == 0 else [errors[0]]) and "Traceback" not in err
        if code == 2:
            assert errors[0].startswith("sessionlens: error: ")
