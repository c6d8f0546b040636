"""SessionLens: faithful, structured reports of conference sessions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sessionlens")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"
