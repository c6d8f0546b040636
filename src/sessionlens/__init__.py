"""SessionLens: faithful, structured reports of conference sessions."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up lazily: importlib.metadata costs ~50 ms on every CLI start otherwise.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("sessionlens")
        except PackageNotFoundError:  # running from a source tree
            return "0.0.0+src"
    raise AttributeError(name)
