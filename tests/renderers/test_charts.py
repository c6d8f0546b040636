"""Charts: drawn from what the report holds, by time only where time was measured."""

from __future__ import annotations

import re

from sessionlens import pipeline
from sessionlens.models import Report, Transcript, Turn
from sessionlens.renderers.charts import AGREE, DISAGREE, all_charts, network_chart
from sessionlens.renderers.view import build_view
from sessionlens.stats import compute_stats


def timed_report() -> Report:
    turns = [
        Turn(index=0, speaker="Ana Lima", text="one two three four", start=0.0, end=60.0),
        Turn(index=1, speaker="Ben Okafor", text="five six", start=60.0, end=90.0),
        Turn(index=2, speaker="Ana Lima", text="seven eight nine", start=90.0, end=120.0),
    ]
    tr = pipeline.prepare(Transcript(turns=turns))
    return Report(transcript=tr, stats=compute_stats(tr))


def test_measured_times_are_not_marked_as_estimates():
    charts = all_charts(build_view(timed_report()))
    assert set(charts) == {"words", "time", "speed", "timeline"}  # no topics, no network
    assert "estimated" not in charts["time"].title and "est." not in charts["time"].svg
    assert charts["timeline"].title == "Timeline of turns"
    # Ben's turn starts at 60 s of 120 s: halfway along the axis.
    rects = re.findall(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"', charts["timeline"].svg)
    x0, w0 = map(float, rects[0])
    x1, _ = map(float, rects[1])
    assert abs((x1 - x0) - w0) < 0.2
    assert "01:00–01:30" in charts["timeline"].svg


def test_estimated_times_are_hatched_and_said(panel_report):
    chart = all_charts(build_view(panel_report))["time"]
    assert "(estimated)" in chart.title and chart.note
    assert chart.svg.count('fill="url(#chart-time-est)"') == len(panel_report.stats)


def test_network_draws_every_pair_the_report_lists(panel_report):
    chart = network_chart(build_view(panel_report))
    assert chart is not None
    agree = {tuple(r[:2]) for r in chart.rows if r[2] == "agree"}
    disagree = {tuple(r[:2]) for r in chart.rows if r[2] == "disagree"}
    assert ("Fatima Rahman", "Wei Zhang") in disagree
    assert ("Nadia Haddad", "Rafael Quispe") in agree
    # One line per pair (the legend's lines carry no <title>).
    assert len(re.findall(f'stroke="{AGREE}" stroke-width="\\d"><title>', chart.svg)) == len(agree)
    drawn = re.findall(f'stroke="{DISAGREE}" stroke-dasharray="7 4" stroke-width="\\d"><title>', chart.svg)
    assert len(drawn) == len(disagree)


def test_topic_counts_match_arguments(panel_report):
    chart = all_charts(build_view(panel_report))["topics"]
    counts = {row[0]: int(row[1]) for row in chart.rows}
    for topic, n in counts.items():
        assert n == sum(topic in a.topics for a in panel_report.arguments)
