"""Fixtures of tests/imports, shared with the evaluation tests."""

from tests.imports.conftest import imported_002

__all__ = ["imported_002"]
