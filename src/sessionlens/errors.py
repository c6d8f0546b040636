"""The package's one error tree. Every message is one line; the CLI and the web app each map it once.

    SessionLensError            base: `str()` is the one-line message
    ├── UserError               exit 2, HTTP 4xx: something the user gave must change
    │   ├── InputError          a file or value that cannot be read; names the file   (400)
    │   │   └── SectionError    a report section that cannot be imported (imports)
    │   ├── LimitError          input over a size limit (speakers, turn length, …)    (413)
    │   ├── QueryError          a search query refused (too many terms, too costly)   (400)
    │   ├── OutputError         an output path that cannot be written                 (400)
    │   └── LLMConfigError      no endpoint, bad key, unknown model (engines/llm_errors)
    └── RunError                exit 1, HTTP 500: the run failed, not the input
        ├── StoreError          the database failed
        ├── JobTimeout          a web upload job ran past its time limit
        └── LLMError            the LLM engine could not produce (engines/llm_errors)

Anything else that escapes is a bug: the CLI prints one line (the traceback with `--debug`),
the web app answers 500 "internal error" and logs the traceback.
"""

from __future__ import annotations

from pathlib import Path


class SessionLensError(Exception):
    """Base of every error the package raises on purpose."""

    exit_code = 1
    http_status = 500


class UserError(SessionLensError):
    """The user must change an input, option or path: exit code 2."""

    exit_code = 2
    http_status = 400


class RunError(SessionLensError):
    """The run failed for a reason that is not the input's fault: exit code 1."""


class InputError(UserError):
    """Input that cannot be read or understood. `str()` is the one-line message."""

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(f"{self.source}: {problem}" if self.source else problem)


class FormatUnknown(InputError):
    """No reader recognises the input. The message advises the command line's `--format`;
    `advised(advice)` is the problem with the advice of wherever else the input was given."""

    ADVICE = "force one with --format"

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.unrecognised = problem
        super().__init__(source, f"{problem} ({self.ADVICE})")

    def advised(self, advice: str) -> str:
        return f"{self.unrecognised} ({advice})"


class LimitError(InputError):
    """Input beyond a limit that keeps the work bounded (speakers, turn or line length)."""

    http_status = 413


class QueryError(UserError):
    """A search query that is refused: too long, too many terms, or too costly to answer."""


class OutputError(UserError):
    """The output cannot be written where asked (read-only, full, not a file)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


class StoreError(RunError):
    """The corpus database failed while reading or writing."""


class JobTimeout(RunError):
    """A background job ran past its time limit."""


#: modules whose exceptions are database failures (the drivers are imported lazily)
_DRIVERS = ("sqlite3", "psycopg")


def as_package_error(exc: BaseException) -> SessionLensError | None:
    """`exc` as an error of the tree: itself, a StoreError for a database driver's error,
    else None (a bug)."""
    if isinstance(exc, SessionLensError):
        return exc
    if type(exc).__module__.split(".")[0] in _DRIVERS:
        return StoreError(f"database error: {one_line(exc)}")
    return None


def one_line(exc: BaseException) -> str:
    """The first line of an error's message (or its type name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
