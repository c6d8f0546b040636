"""The state ledger of an event build: one small JSON per session under `OUT/.state/`.

Each entry says what happened to the session's current key: `running` (dispatched; a
killed run leaves it so), `done` or `failed` (with a one-line reason); `attempts` counts the
times the session was dispatched, `stored` whether the current report is in the database
(`session_id`). Entries are written atomically, so a kill leaves the old entry or the new one.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..safe_output import write_file

STATE_DIR = ".state"


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """Hold OUT for one build at a time (a second would remove the first's temporary files).
    The lock is the kernel's: a killed build releases it. Where flock is missing, no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    (out_dir / STATE_DIR).mkdir(parents=True, exist_ok=True)
    with open(out_dir / STATE_DIR / "lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(out_dir, "another event build is writing this folder") from None
        yield


class Ledger:
    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir / STATE_DIR

    def _path(self, slug: str) -> Path:
        return self.dir / f"{slug}.json"

    def read(self, slug: str) -> dict[str, Any]:
        """The session's entry ({} when there is none, or it cannot be read)."""
        try:
            data = json.loads(self._path(slug).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, slug: str, entry: dict[str, Any]) -> None:
        write_file(json.dumps(entry, sort_keys=True, indent=1) + "\n", self._path(slug))

    def update(self, slug: str, **changes: Any) -> dict[str, Any]:
        entry = {**self.read(slug), **changes, "slug": slug}
        self.write(slug, entry)
        return entry
