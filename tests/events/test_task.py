"""A failed session's reason as the event shows it: the input's file name, not the builder's
path, and advice an event build can follow (the manifest's format column, which is used)."""

from __future__ import annotations

from pathlib import Path

from sessionlens.events.manifest import SessionSpec
from sessionlens.events.task import SessionTask, Settings, run_session


def _run(path: Path, fmt: str | None = None) -> str | None:
    spec = SessionSpec(path=path, slug="s", format=fmt)
    return run_session(SessionTask(spec, Settings(event="e", engine="none", formats=("json",)), "k")).reason


def test_reason_names_the_file_not_its_folder(tmp_path: Path) -> None:
    prose = tmp_path / "in" / "prose.txt"
    prose.parent.mkdir()
    prose.write_text("We should fund broadband now. It matters for schools.\n", encoding="utf-8")
    reason = _run(prose)
    assert reason is not None and reason.startswith("prose.txt: no speaker labels")
    assert str(tmp_path) not in reason and "--format" not in reason and "manifest's format column" in reason
    # the column is used: a forced reader gives its own reason
    assert _run(prose, "qa") == "prose.txt: no questions found for a Q&A interview"
    prose.write_text("Ana Lima: We should fund broadband now.\n\nBo Chen: It matters for schools.\n", encoding="utf-8")
    assert _run(prose, "labelled") is None


def test_an_event_report_leads_back_to_the_hub(tmp_path: Path) -> None:
    from sessionlens.renderers import render

    talk = tmp_path / "talk.txt"
    talk.write_text("Ana Lima: We should fund broadband now.\n\nBo Chen: It matters for schools.\n", encoding="utf-8")
    spec = SessionSpec(path=talk, slug="talk")
    result = run_session(SessionTask(spec, Settings(event="e", engine="none", formats=("json", "html")), "k"))
    page = result.files["report.html"].decode()
    assert '<a class="crumb" href="../../index.html">← Event</a>' in page
    # the same report outside an event has no link to a hub that is not there
    from sessionlens.models import Report

    alone = render(Report.from_json(result.files["report.json"]), "html")
    assert 'class="crumb"' not in alone  # type: ignore[operator]
