"""Errors of the LLM engine (imported by the CLI, so no heavy imports here).

    LLMError                  base class
    ├── LLMConfigError        misuse: no endpoint, bad key, unknown model (the user must fix it)
    ├── LLMCallFailed         one call failed after every retry (the engine falls back per section)
    └── LLMUnavailable        no call succeeded at all: nothing could be produced
"""

from __future__ import annotations


class LLMError(Exception):
    """Base of every LLM engine error; `str()` is a one-line message."""


class LLMConfigError(LLMError):
    """The endpoint, key or model is wrong: retrying cannot help."""


class LLMCallFailed(LLMError):
    """A step's call failed after the last retry."""

    def __init__(self, stage: str, reason: str) -> None:
        self.stage = stage
        self.reason = reason
        super().__init__(f"LLM step {stage!r} failed: {reason}")


class LLMUnavailable(LLMError):
    """Not one call to the endpoint succeeded, so the engine produced nothing."""
