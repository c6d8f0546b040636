"""What the llm engine gives the model: claim budgets that scale with the speakers, the
conversation where stances and outcomes live, the session's context, limits that fit the
request; and what verification makes of an invented organisation. Against the scripted server,
on a 14-speaker council debate (tests/engines/council.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sessionlens.engines.llm.chunks import turn_line
from sessionlens.models import Transcript
from sessionlens.pipeline import analyze

from ..conftest import options_for
from ..council import (
    AMENDMENT_VOTE,
    CHAIR,
    DELEGATES,
    DISAGREEMENT,
    QUESTION,
    REFUSAL,
    TITLE,
    VOTE,
    council,
)
from ..fake_openai_server import INVENTED_ORG, Request, ScriptedServer

LIAM = "Liam O'Connor"


def _user(request: Request) -> str:
    return request.messages[1]["content"]


def _schema(request: Request) -> dict[str, Any]:
    fmt = request.response_format or {}
    return fmt["json_schema"]["schema"] if fmt.get("type") == "json_schema" else fmt["schema"]


def _max_items(schema: dict[str, Any], name: str) -> int:
    """maxItems of the first array property called `name`, searched depth-first."""
    for key, sub in schema.get("properties", {}).items():
        for node in (sub, *sub.get("anyOf", [])):
            if key == name and node.get("type") == "array":
                return node["maxItems"]
            inner = node.get("items") if node.get("type") == "array" else node
            if isinstance(inner, dict) and inner.get("type") == "object":
                try:
                    return _max_items(inner, name)
                except KeyError:
                    pass
    raise KeyError(name)


@pytest.fixture
def debate(tmp_path: Path) -> Transcript:
    return council(tmp_path)


def _run(debate: Transcript, tmp_path: Path, context: int, **extra: str) -> tuple[Any, ScriptedServer]:
    server = ScriptedServer().start()
    options = options_for(server.url, tmp_path, **{"context": context, **extra})
    try:
        report = analyze(debate, "llm", options)
    finally:
        server.stop()
    return report, server


@pytest.mark.parametrize("context", [8192, 32768])
def test_argument_requests_allow_claims_for_every_speaker(debate: Transcript, tmp_path: Path, context: int) -> None:
    report, server = _run(debate, tmp_path, context)
    calls = server.chat_calls("arguments")
    allowed: Counter[str] = Counter()
    total = 0
    for call in calls:
        quotas = re.search(r"claims to give\): (.*)\n", _user(call))
        assert quotas is not None
        asked = {
            m.group(1): int(m.group(2)) for m in re.finditer(r"([^;]+?)(?: - [^;(]+)? \(up to (\d+)\)", quotas.group(1))
        }
        maximum = _max_items(_schema(call), "arguments")
        assert sum(asked.values()) <= maximum  # the schema holds what the prompt asks for
        allowed.update({name.strip(): n for name, n in asked.items()})
        total += maximum
    assert total >= 2 * len(debate.speakers) == 28
    for name, *_ in DELEGATES:  # every substantive speaker: at least two, at most three
        assert 2 <= allowed[name] <= 3, (name, allowed)
    assert allowed[CHAIR] <= 1  # the chair's procedural turns are not claims
    # the scripted model gives two claims a speaker where it may: every delegate has arguments
    assert {a.speaker for a in report.arguments} >= {name for name, *_ in DELEGATES}


def _turn_of(debate: Transcript, sentence: str) -> tuple[int, str]:
    turn = next(t for t in debate.turns if sentence in t.text)
    return turn.index, turn.speaker


@pytest.mark.parametrize("context", [8192, 32768])
def test_the_stance_request_carries_the_exchanges(debate: Transcript, tmp_path: Path, context: int) -> None:
    _, server = _run(debate, tmp_path, context)
    (call,) = server.chat_calls("stances")
    user = _user(call)
    exchanges = user.split("Exchanges:\n", 1)[1].split("\n\nArguments:", 1)[0].splitlines()
    for sentence in (DISAGREEMENT, QUESTION, REFUSAL, "With respect, two more years of fishing"):
        index, speaker = _turn_of(debate, sentence)
        prefix = turn_line(index, speaker, "")
        line = next((x for x in exchanges if x.startswith(prefix)), None)
        assert line is not None, (sentence, exchanges)
        assert sentence in line  # verbatim, with its turn number and speaker
    # in transcript order
    numbers = [int(re.match(r"\[(\d+)\]", x).group(1)) for x in exchanges]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("context", [8192, 32768])
def test_takeaways_and_summary_see_the_vote(debate: Transcript, tmp_path: Path, context: int) -> None:
    _, server = _run(debate, tmp_path, context)
    for stage in ("takeaways", "glance", "narrative"):
        (call,) = server.chat_calls(stage)
        assert VOTE in _user(call) and AMENDMENT_VOTE in _user(call), stage


def test_every_prompt_has_the_session_context(debate: Transcript, tmp_path: Path) -> None:
    report, server = _run(debate, tmp_path, 32768)
    for call in server.chat_calls():
        user = _user(call)
        assert TITLE in user and "2026-03-04" in user, call.stage
        if call.stage == "arguments":
            continue  # the map lists only its own chunk's speakers
        assert "Regional Council, 12th meeting" in user
        assert f"{CHAIR} - Moderator" in user and "Kenji Watanabe - Japan" in user
    # the disclaimer names the input by its file name, never its folder
    assert "council-debate.txt" in report.disclaimer
    assert str(tmp_path) not in report.disclaimer


def test_digests_are_in_transcript_order(debate: Transcript, tmp_path: Path) -> None:
    _, server = _run(debate, tmp_path, 32768)
    for stage in ("discussion_points", "stances", "questions"):
        (call,) = server.chat_calls(stage)
        numbers = [int(n) for n in re.findall(r"^#(\d+) ", _user(call), re.M)]
        assert len(numbers) >= 5 and numbers == sorted(numbers), stage


def test_stance_items_carry_each_speakers_own_words(debate: Transcript, tmp_path: Path) -> None:
    report, server = _run(debate, tmp_path, 32768)
    (call,) = server.chat_calls("stances")
    position = _schema(call)["properties"]["different_viewpoints"]["items"]["properties"]["positions"]["items"]
    assert {"speaker", "quote", "turn", "argument", "side"} <= set(position["required"])
    assert set(position["properties"]["speaker"]["enum"]) == {s.name for s in debate.speakers}
    # the refusal the model read in the exchanges: two sides, each in their own words and turn
    refusal = next(s for s in report.differences.different_viewpoints if LIAM in s.speakers)
    by_speaker = {p.speaker: p for p in refusal.positions}
    assert set(by_speaker) == {CHAIR, LIAM} and len({p.side for p in refusal.positions}) == 2
    assert by_speaker[CHAIR].quote == QUESTION and by_speaker[LIAM].quote == REFUSAL
    assert tuple(sorted((CHAIR, LIAM))) in report.pairs("disagreement")
    # every position of every item: a quote from that speaker's own turn
    turns = {t.index: t for t in debate.turns}
    for item in [*report.agreements.items(), *report.differences.items()]:
        assert len(item.positions) >= 2
        for p in item.positions:
            assert p.quote and turns[p.turn].speaker == p.speaker and p.quote in turns[p.turn].text


# --------------------------------------------------------------------------- limits


def _asked(stage: str, user: str) -> dict[str, int]:
    """The item counts a step's instructions ask for, read from the prompt as sent."""
    if stage == "arguments":
        return {"arguments": int(re.search(r"At most (\d+) claims", user).group(1))}
    if stage == "discussion_points":
        digest = [x for x in user.split("Arguments:\n", 1)[1].splitlines() if x.startswith("#")]
        return {"points": int(re.search(r"Give the \d+-(\d+)", user).group(1)), "assignments": len(digest)}
    if stage == "stances":
        return {"positions": int(re.search(r"at least two, at most (\d+)", user).group(1))}
    if stage == "takeaways":
        return {k: int(n) for k, n in re.findall(r"(\w+) \(at most (\d+)", user)}
    if stage == "comments":
        return {"comments": int(re.search(r"Pick the (\d+)", user).group(1))}
    if stage == "questions":
        return {"questions": int(re.search(r"up to (\d+) questions", user).group(1))}
    if stage == "glance":
        return {"summary": int(re.search(r"summary: \d+-(\d+) paragraphs", user).group(1))}
    if stage == "narrative":
        sections = int(re.search(r"as (\d+) sections", user).group(1))
        named = len(re.findall(r"one section on ", user)) + 5  # the points + the fixed parts
        assert sections == named
        return {"sections": sections}
    raise AssertionError(stage)


@pytest.mark.parametrize("context", [4096, 8192, 32768])
@pytest.mark.parametrize("session", ["panel", "council", "long"])
def test_no_request_asks_for_more_items_than_its_schema_allows(
    session: str, context: int, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    transcript = {
        "panel": lambda: request.getfixturevalue("panel"),
        "council": lambda: council(tmp_path),
        "long": lambda: request.getfixturevalue("long_panel"),
    }[session]()
    report, server = _run(transcript, tmp_path, context)
    assert report.meta.degraded_sections == []
    stages = set()
    for call in server.chat_calls():
        stages.add(call.stage)
        asked = _asked(call.stage, _user(call))
        for name, count in asked.items():
            assert count <= _max_items(_schema(call), name), (call.stage, name, count)
    assert stages == {
        "arguments",
        "discussion_points",
        "stances",
        "takeaways",
        "comments",
        "questions",
        "glance",
        "narrative",
    }


def test_narrative_schema_has_a_section_for_each_point(debate: Transcript, tmp_path: Path) -> None:
    report, server = _run(debate, tmp_path, 8192)
    (call,) = server.chat_calls("narrative")
    points = len(report.discussion_points)
    assert points >= 3
    assert _max_items(_schema(call), "sections") >= points + 5
    for p in report.discussion_points:
        assert f'one section on "{p.title}"' in _user(call)


# --------------------------------------------------------------------------- entity check


def test_an_invented_organisation_is_flagged_and_counted(debate: Transcript, tmp_path: Path) -> None:
    server = ScriptedServer().start()
    server.fail("invent_org", stage="arguments", times=100)
    options = options_for(server.url, tmp_path, context=32768)
    try:
        report = analyze(debate, "llm", options)
    finally:
        server.stop()
    assert any(INVENTED_ORG in (a.explanation or "") for a in report.arguments)  # flagged, kept
    flagged = [i for i in report.verification.issues if i.action == "flagged" and INVENTED_ORG in i.problem]
    # where the model wrote it, and wherever later steps repeated it
    assert "arguments" in {i.section for i in flagged}
    count = re.search(r"\((\d+) of them: names or figures in generated text", report.disclaimer)
    assert count is not None and int(count.group(1)) >= len(flagged)
    # the transcript's own names are not flagged
    assert not [i for i in report.verification.issues if "Kwame" in i.problem or "Ghana" in i.problem]


# --------------------------------------------------------------------------- budget


@pytest.mark.parametrize("context", [8192, 32768])
def test_seed_002_costs_at_most_twice_its_transcript(seed_002: Path, tmp_path: Path, context: int) -> None:
    from sessionlens.pipeline import ingest

    from ..fake_openai_server import count_tokens

    transcript = ingest(seed_002)
    report, server = _run(transcript, tmp_path, context)
    tokens = sum(count_tokens(f"{t.speaker}: {t.text}") for t in transcript.turns)
    assert server.prompt_tokens() <= 2 * tokens
    assert report.meta.degraded_sections == []
    # and still every substantive speaker had room for claims
    assert sum(_max_items(_schema(c), "arguments") for c in server.chat_calls("arguments")) >= 2 * len(
        {a.speaker for a in report.arguments}
    )


def test_a_difference_without_sides_puts_each_speaker_on_their_own(debate: Transcript, tmp_path: Path) -> None:
    server = ScriptedServer().start()
    server.fail("no_sides", stage="stances")
    options = options_for(server.url, tmp_path, context=32768)
    try:
        report = analyze(debate, "llm", options)
    finally:
        server.stop()
    (item,) = report.differences.different_viewpoints
    assert len({p.side for p in item.positions}) == len(item.positions) == 2
    assert tuple(sorted((CHAIR, LIAM))) in report.pairs("disagreement")
