"""How a recording is transcribed and diarized: the options `transcribe` and `report` share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from click.core import ParameterSource

from ..asr.transcribe import DEFAULT_MODEL, PACKAGED_MODELS
from .options import ASR_FLAGS

_MODELS_HELP = "; ".join(f"{k}: {v}" for k, v in PACKAGED_MODELS.items())


def asr_choices(func: Callable[..., None]) -> Callable[..., None]:
    """`--asr-model`, `--language`, `--auto-names`, `--embedder`; the command gets `model`,
    `language`, `auto_names` and `embedder`."""
    func = click.option(
        "--embedder",
        type=click.Choice(["auto", "combined", "dvector", "spectral", "resemblyzer"]),
        default="auto",
        show_default=True,
        help="Voice embedding for diarization: auto = combined (d-vector + spectral) where the d-vector "
        "model is installed, else spectral; resemblyzer needs the diarize-torch extra.",
    )(func)
    func = click.option(
        "--auto-names",
        "auto_names",
        is_flag=True,
        help='Use the names proposed from the speech ("Thank you, Kamal").',
    )(func)
    func = click.option(
        "--language",
        default=None,
        help="Language code (e.g. en, fr); detected once from the start when not given.",
    )(func)
    return click.option(
        "--asr-model",
        "model",
        default=DEFAULT_MODEL,
        show_default=True,
        help=f"A packaged model name or a CTranslate2 model directory. {_MODELS_HELP}.",
    )(func)


def given_asr_choices() -> dict[str, Any]:
    """The ASR options the user gave on this command line (defaults left out: AsrOptions has them)."""
    ctx = click.get_current_context()
    return {
        name: ctx.params[name]
        for name in ASR_FLAGS
        if ctx.get_parameter_source(name) not in (None, ParameterSource.DEFAULT)
    }
