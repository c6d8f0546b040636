"""One typed record for what is looked up by name: input readers, output renderers, transcript writers.

An `Entry`'s `target` has the syntax of a Python entry point (`package.module` or
`package.module:attr`), so an entry point (`importlib.metadata.EntryPoint`) maps onto one
field for field (`Entry.from_entry_point`): engines a third party ships can be listed the same way.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .safe_output import STDOUT

if TYPE_CHECKING:  # importlib.metadata costs ~50 ms at start-up
    from importlib.metadata import EntryPoint


@dataclass(frozen=True)
class Entry:
    """A named, lazily imported implementation.

    `suffixes`: file suffixes it reads or writes, the first being the one it writes;
    `extras`: the pip extras it needs (`sessionlens[docx]`); `binary`: it writes bytes."""

    name: str
    target: str
    description: str = ""
    suffixes: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()
    binary: bool = False

    @property
    def suffix(self) -> str:
        """The suffix of a file this entry writes ("" when it names none)."""
        return self.suffixes[0] if self.suffixes else ""

    def load(self) -> Any:
        """Import the target: the module, or its attribute after `:`."""
        module, _, attr = self.target.partition(":")
        found: Any = importlib.import_module(module)
        for part in attr.split(".") if attr else ():
            found = getattr(found, part)
        return found

    @classmethod
    def from_entry_point(cls, point: EntryPoint, description: str = "") -> Entry:
        """The record of an installed entry point (its extras are the ones it declares)."""
        target = f"{point.module}:{point.attr}" if point.attr else point.module  # `value` may end in [extras]
        return cls(name=point.name, target=target, description=description, extras=tuple(point.extras))


def format_from_suffix(path: str | None, entries: Mapping[str, Entry], option: str = "--to") -> str | None:
    """The name of the entry that writes files with `path`'s suffix; None without a path or for
    stdout (the caller's default applies). Any other suffix is an InputError naming the file."""
    if not path or path == STDOUT:
        return None
    suffix = Path(path).suffix.lower()
    found = next((name for name, entry in entries.items() if suffix in entry.suffixes), None)
    if found is None:
        known = ", ".join(s for entry in entries.values() for s in entry.suffixes)
        what = f"no output format has the suffix {suffix!r}" if suffix else "no suffix to tell the output format"
        raise InputError(path, f"{what}: use one of {known} (or {option})")
    return found


__all__ = ["Entry", "format_from_suffix"]
