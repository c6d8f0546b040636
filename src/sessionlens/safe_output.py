"""Writing an output file without ever clobbering what is there by accident.

A regular file (or nothing) is replaced atomically: the data goes to a temporary file in the
same folder, which is renamed over the target, so an interrupted run leaves the old file or
the new one, never half of one, and never a temporary file. A device or FIFO (`/dev/null`,
`/dev/stdout`, a pipe) is written through, not replaced. A symbolic link is followed: the
file it points to is replaced, the link itself stays. Folders and sockets are refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from .errors import OutputError

STDOUT = "-"


def write_file(data: str | bytes, output: str | os.PathLike[str]) -> Path:
    """Write `data` (text as UTF-8) to `output` safely; an OutputError names what went wrong."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    shown = Path(output)
    target = Path(os.path.realpath(output))  # follows symlinks, so a link is never replaced
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(shown, f"cannot be written ({exc.strerror})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(shown, "is a folder, not a file")
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode)):
        _write_through(raw, target, shown)
        return shown
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(shown, "is not a regular file, a device or a pipe")
    _replace(raw, target, shown, None if mode is None else stat.S_IMODE(mode))
    return shown


def write_stdout(data: str | bytes) -> None:
    """Text to stdout as is, bytes to its binary buffer."""
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()


def _write_through(raw: bytes, target: Path, shown: Path) -> None:
    try:
        with open(target, "wb") as fh:
            fh.write(raw)
    except OSError as exc:
        raise OutputError(shown, f"cannot be written ({exc.strerror})") from None


def _replace(raw: bytes, target: Path, shown: Path, keep_mode: int | None) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(shown, f"cannot be written ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, keep_mode if keep_mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:  # also Ctrl-C: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(shown, f"cannot be written ({exc.strerror or exc})") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
