"""Analysis engines behind one interface (`engines.base`), found through entry points.

Every engine, the built-ins included, is an entry point of the group `sessionlens.engines`
(`name = "module:Class"`, see pyproject.toml), so a third party ships one in its own package.
An engine's module is imported only when it is asked for, so `sessionlens stats` never pays
for a model load. "Is this engine installed?" is answered here and only here (`missing`).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator, Mapping
from importlib.metadata import entry_points

from ..errors import InputError
from ..registry import Entry
from .base import Analysis, Engine, EngineOptions, Progress, no_progress

__all__ = [
    "ENGINES",
    "Analysis",
    "Engine",
    "EngineNotInstalled",
    "EngineOptions",
    "Progress",
    "engine_class",
    "get_engine",
    "missing",
    "no_progress",
]

GROUP = "sessionlens.engines"
#: The built-ins' entry points, as pyproject.toml declares them: also read from here, so that a
#: source checkout (PYTHONPATH=src) or an install older than the entry points still has them.
BUILT_IN: dict[str, str] = {
    "none": "sessionlens.engines.none:NoAnalysisEngine",
    "offline": "sessionlens.engines.offline.engine:OfflineEngine",
    "llm": "sessionlens.engines.llm.engine:LLMEngine",
}


class EngineNotInstalled(InputError):
    """The engine or a package it needs cannot be imported."""


def registered() -> dict[str, Entry]:
    """name -> the registry record of every engine (the same `Entry` as readers and renderers):
    the built-ins first, then the entry points.

    A package cannot replace a built-in: its entry point of the same name is ignored."""
    found = {name: Entry(name, target) for name, target in BUILT_IN.items()}
    for ep in sorted(entry_points(group=GROUP), key=lambda ep: ep.name):
        if ep.name not in found:
            found[ep.name] = Entry.from_entry_point(ep)
    return found


class _Registry(Mapping[str, Entry]):
    """`registered()`, read anew on every use (a test may add a distribution meanwhile)."""

    def __getitem__(self, name: str) -> Entry:
        return registered()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(registered())

    def __len__(self) -> int:
        return len(registered())


#: name -> registry record (see `registered`)
ENGINES: Mapping[str, Entry] = _Registry()


def engine_class(name: str) -> type[Engine]:
    """The class of the engine called `name`.

    Raises:
        InputError: no engine has that name.
        EngineNotInstalled: its module cannot be imported.
    """
    known = registered()
    if name not in known:
        raise InputError(None, f"unknown engine {name!r} (one of {', '.join(known)})")
    try:
        cls = known[name].load()
    except ImportError as exc:
        raise EngineNotInstalled(
            None, f"engine {name!r} cannot be imported ({exc}); install the package that provides it"
        ) from None
    except AttributeError:
        cls = None
    if not (isinstance(cls, type) and issubclass(cls, Engine)):
        raise InputError(None, f"engine {name!r}: {known[name].target} is not a sessionlens engine class")
    return cls


def missing(name: str) -> list[str]:
    """The modules engine `name` needs that are not installed (empty: it can run).

    Raises:
        InputError: no engine has that name.
    """
    try:
        cls = engine_class(name)
    except EngineNotInstalled:
        return [registered()[name].target.partition(":")[0]]
    return [m for m in cls.requires if _absent(m)]


def _absent(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except (ImportError, ValueError):
        return True


def get_engine(name: str) -> Engine:
    """An instance of the engine called `name`, once every package it needs is installed.

    Raises:
        InputError: no engine has that name.
        EngineNotInstalled: it or a package it needs is not installed.
    """
    cls = engine_class(name)
    absent = [m for m in cls.requires if _absent(m)]
    if absent:
        how = f"pip install 'sessionlens[{cls.extra}]'" if cls.extra else "install them"
        raise EngineNotInstalled(None, f"engine {name!r} needs {', '.join(absent)}, which are not installed: {how}")
    return cls()
