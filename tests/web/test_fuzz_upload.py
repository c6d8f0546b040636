"""Fuzzing the upload endpoint (issue 14): whatever the bytes, the answer is 202 or a 4xx,
and the job ends done or failed with a one-line message, never an internal error.

CI runs a sample (SESSIONLENS_FUZZ_UPLOADS, default 25); raise it for a full run."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..readers.test_fuzz_hypothesis import ENCODINGS, FORMATS
from .conftest import Live, wait_job

EXAMPLES = int(os.environ.get("SESSIONLENS_FUZZ_UPLOADS", "25"))

text_upload = (
    st.sampled_from(sorted(FORMATS))
    .flatmap(lambda fmt: st.tuples(st.just(fmt), FORMATS[fmt], st.sampled_from(ENCODINGS)))
    .map(lambda x: (x[0], x[1].encode(x[2], errors="replace")))
)
upload = st.one_of(
    text_upload,
    st.tuples(st.sampled_from(["txt", "json", "vtt", "srt", "pdf", "exe"]), st.binary(max_size=2000)),
)
SUFFIX = {"labelled": "txt", "diplo": "txt", "timeindex": "txt", "qa": "txt"}


def test_upload_fuzz(live: Live) -> None:
    with live.client(auth=True) as client:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
                HealthCheck.function_scoped_fixture,
            ],
        )
        @given(item=upload)
        def run(item: tuple[str, bytes]) -> None:
            kind, data = item
            name = f"fuzz.{SUFFIX.get(kind, kind)}"
            r = client.post("/api/sessions", files={"file": (name, data, "application/octet-stream")})
            assert r.status_code in (202, 413, 415, 422), (r.status_code, r.text)
            if r.status_code != 202:
                assert "\n" not in r.json()["detail"]
                return
            job = wait_job(client, r.json()["id"], timeout=10)
            # two generated inputs can read as the same turns: the second is held as a duplicate
            assert job["status"] in ("done", "failed", "held"), job
            if job["status"] == "failed":
                assert "internal error" not in job["message"] and "\n" not in job["message"], job

        run()
