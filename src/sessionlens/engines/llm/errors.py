"""Errors of the LLM engine (imported by the CLI, so no heavy imports here); part of the
package's error tree in `sessionlens.errors`.

    LLMError                  base class
    ├── LLMConfigError        misuse: no endpoint, bad key, unknown model (the user must fix it)
    ├── LLMCallFailed         one call failed after every retry (the engine falls back per section)
    └── LLMUnavailable        no call succeeded at all: nothing could be produced
"""

from __future__ import annotations

from ...errors import RunError, UserError


class LLMError(RunError):
    """Base of every LLM engine error; `str()` is a one-line message."""


class LLMConfigError(LLMError, UserError):
    """The endpoint, key or model is wrong: retrying cannot help (a user error, exit 2)."""

    exit_code = 2
    http_status = 400


class LLMCallFailed(LLMError):
    """A step's call failed after the last retry."""

    def __init__(self, stage: str, reason: str) -> None:
        self.stage = stage
        self.reason = reason
        super().__init__(f"LLM step {stage!r} failed: {reason}")


class LLMUnavailable(LLMError):
    """Not one call to the endpoint succeeded, so the engine produced nothing."""
