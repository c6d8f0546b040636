"""The package's own error for bad input: the CLI turns it into one line and exit code 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input that cannot be read or understood. `str()` is the one-line message."""

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(f"{self.source}: {problem}" if self.source else problem)
