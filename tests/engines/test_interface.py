"""The engine interface: an engine writes sections, the pipeline makes and verifies the report (issue 17)."""

from __future__ import annotations

import typing

from sessionlens.engines.base import SECTIONS, Analysis
from sessionlens.engines.fake import INVENTED_QUOTE, INVENTED_SPEAKER, FakeEngine
from sessionlens.models import Report, Transcript
from sessionlens.pipeline import analyze
from sessionlens.stats import compute_stats


def test_every_section_is_typed_as_in_the_report() -> None:
    mine, theirs = typing.get_type_hints(Analysis), typing.get_type_hints(Report)
    assert set(SECTIONS) <= set(mine)
    for name in SECTIONS:
        assert mine[name] == theirs[name], name
    meta = set(mine) - set(SECTIONS) - {"prechecked"}
    assert meta <= set(typing.get_type_hints(Report.model_fields["meta"].annotation))


def test_the_pipeline_assembles_the_report_around_the_sections(panel: Transcript) -> None:
    report = analyze(panel, FakeEngine(), {"arguments_per_speaker": 2})
    assert report.transcript == panel and report.stats == compute_stats(panel)
    assert report.meta.engine == "fake" and report.meta.model == "fake" and report.meta.generator
    assert all(a.id for a in report.arguments)  # ids given by the pipeline, not the engine
    per_speaker = {s: sum(a.speaker == s for a in report.arguments) for s in {t.speaker for t in panel.turns}}
    assert set(per_speaker.values()) <= {1, 2} and 2 in per_speaker.values()


def test_the_fake_engine_is_deterministic(panel: Transcript) -> None:
    strip = {"meta"}
    first, second = analyze(panel, FakeEngine()), analyze(panel, FakeEngine())
    assert first.model_dump(exclude=strip) == second.model_dump(exclude=strip)


def test_what_an_engine_invents_is_dropped_once(panel: Transcript) -> None:
    honest = analyze(panel, FakeEngine())
    report = analyze(panel, FakeEngine(), {"invent": True})
    assert INVENTED_SPEAKER not in {a.speaker for a in report.arguments}
    assert INVENTED_QUOTE not in {c.quote for c in report.comments}
    assert report.comments == honest.comments and report.arguments == honest.arguments
    assert report.verification is not None and honest.verification is not None
    assert report.verification.dropped == 2
    issues = [i for i in report.verification.issues if i.action == "dropped"]
    assert len(issues) == 2  # once each: verification runs once
