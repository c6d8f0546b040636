"""Property-based API tests from the app's own OpenAPI schema: no input makes a server error,
and every successful response matches its documented schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from sessionlens.pipeline import analyze, ingest
from sessionlens.store import open_store

from .conftest import TOKEN, start_server


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, connectivity_panel: Path) -> Iterator[object]:
    db = tmp_path_factory.mktemp("schema") / "corpus.db"
    with open_store(db) as store:  # something to find, so that 200 paths are exercised too
        store.add_report(analyze(ingest(connectivity_panel), engine="none"), "IGF 2025")
    live, stop = start_server(db, max_upload=64 * 1024)
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    schema.config.update(base_url=live.url)
    yield schema
    stop()


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_has_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
    if response.status_code < 400:
        case.validate_response(response, checks=[response_schema_conformance])
