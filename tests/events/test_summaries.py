"""Daily and event summaries (issue 15): every sentence names its sessions and holds no figure,
speaker name, session title or quote that those sessions (and the event file) do not; forged
sentences are dropped; the LLM rewrite is verified the same way and falls back when empty. A
summary quotes no procedure, disfluency or line leaning on its context, and names subtopics."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from sessionlens.engines.llm.settings import LLMOptions
from sessionlens.events.event_file import Event, load_event
from sessionlens.events.summaries import Sentence, Summary, event_facts, quotable, summarize, verify_summary
from sessionlens.events.threads import Thread, find_threads, verify_threads
from sessionlens.verify import figures

from ..shared_data import shared_path
from .hub_event import write_event

_QUOTES = re.compile(r"“([^”]+)”")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Event:
    return load_event(write_event(tmp_path_factory.mktemp("event"), shared_path()))


@pytest.fixture(scope="module")
def threads(event: Event) -> list[Thread]:
    sessions = [(s.slug, s.report) for s in event.built if s.report is not None]
    return verify_threads(find_threads(sessions), sessions)


@pytest.fixture(scope="module")
def summaries(event: Event, threads: list[Thread]) -> list[Summary]:
    return summarize(event, threads)


def test_one_summary_for_the_event_and_each_day(summaries: list[Summary]) -> None:
    assert [s.scope for s in summaries] == ["event", "2025-03-03", "2025-03-04", "2025-03-05"]
    assert all(s.sentences and s.dropped == 0 for s in summaries)


def test_every_sentence_is_traceable_to_its_sessions(
    summaries: list[Summary], event: Event, threads: list[Thread]
) -> None:
    by_slug = {s.slug: s for s in event.sessions}
    everyone = {x.name for s in event.built for x in s.report.stats}  # type: ignore[union-attr]
    facts = event_facts(event, threads)
    quotes = 0
    for summary in summaries:
        for sentence in summary.sentences:
            assert sentence.sessions and all(slug in by_slug for slug in sentence.sessions), sentence
            cited = [by_slug[slug] for slug in sentence.sessions]
            turns = " ".join(_flat(t.text) for s in cited if s.report for t in s.report.transcript.turns)
            for q in re.findall(r"“([^”]+)”", sentence.text):
                assert _flat(q) in turns, q
                quotes += 1
            for title in re.findall(r"«([^»]+)»", sentence.text):
                assert title in {s.title for s in cited}
            names = {x.name for s in cited if s.report for x in s.report.stats}
            bare = re.sub(r"“[^”]+”|«[^»]+»", "", sentence.text)
            assert all(n in names for n in everyone if n in bare), sentence.text
            spoken = set(figures(turns)) | set(figures(" ".join(s.reason or "" for s in cited)))
            assert all(f in spoken or f in facts for f in figures(bare)), sentence.text
    assert quotes >= 3


def test_day_summaries_name_each_session_of_the_day(summaries: list[Summary], event: Event) -> None:
    for summary in summaries[1:]:
        day = [s for s in event.sessions if s.date == summary.scope]
        text = " ".join(x.text for x in summary.sentences)
        assert all(f"«{s.title}»" in text for s in day)
    failed = next(s for s in event.sessions if not s.done)
    assert f"«{failed.title}» ({failed.track}, {failed.start}) has no report: {failed.reason}." in text


def test_forged_sentences_are_dropped(summaries: list[Summary], event: Event, threads: list[Thread]) -> None:
    un, hearing = (next(s for s in event.sessions if s.slug == k) for k in ("un-panel", "senate-hearing"))
    assert un.report is not None and hearing.report is not None
    someone = un.report.stats[0].name
    good = Sentence(f"In «{un.title}», {someone} spoke.", (un.slug,))
    forged = [
        Sentence(f"In «{un.title}», {someone} spoke to 987654 people.", (un.slug,)),  # invented figure
        Sentence(f"In «{hearing.title}», {someone} spoke.", (hearing.slug,)),  # the wrong session's speaker
        Sentence(f"In «{hearing.title}», someone spoke.", (un.slug,)),  # a title the sentence does not cite
        Sentence(f"{someone} said: “we will plant a billion trees tomorrow”", (un.slug,)),  # never said
        Sentence("Every session agreed.", ()),  # cites nothing
        Sentence("Every session agreed.", ("no-such-session",)),
    ]
    draft = Summary(scope="event", title="t", sentences=(good, *forged))
    checked = verify_summary(draft, event, threads)
    assert checked.sentences == (good,)
    assert checked.dropped == len(forged)


def test_llm_summaries_need_an_endpoint(event: Event, threads: list[Thread], tmp_path: Path, monkeypatch) -> None:
    from sessionlens.engines.llm.errors import LLMConfigError

    monkeypatch.setenv("SESSIONLENS_CONFIG", str(tmp_path / "none.toml"))
    for var in ("SESSIONLENS_LLM_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(LLMConfigError, match="no LLM endpoint"):
        summarize(event, threads, engine="llm")


class _Chat(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint answering every chat call with `answer`."""

    answer: ClassVar[dict[str, Any]] = {}

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = {
            "id": "c",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": json.dumps(self.answer)},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, type[_Chat]]]:
    monkeypatch.setenv("SESSIONLENS_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("SESSIONLENS_CACHE_DIR", str(tmp_path / "cache"))
    handler = type("Chat", (_Chat,), {"answer": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", handler
    server.shutdown()
    server.server_close()


def test_llm_summaries_are_verified_and_fall_back(
    chat: tuple[str, type[_Chat]], event: Event, threads: list[Thread], summaries: list[Summary]
) -> None:
    url, handler = chat
    un = next(s for s in event.sessions if s.slug == "un-panel")
    true = f"The «{un.title}» took place on the second day."
    handler.answer = {
        "sentences": [
            {"text": true, "sessions": [un.slug]},
            {"text": f"The «{un.title}» drew 4,321 delegates.", "sessions": [un.slug]},  # invented
        ]
    }
    options = LLMOptions(url=url, model="m", use_cache=False)
    out = summarize(event, threads, engine="llm", options=options)
    assert [s.engine for s in out] == ["llm"] * len(out)
    assert all(s.sentences == (Sentence(true, (un.slug,)),) and s.dropped == 1 for s in out)
    handler.answer = {"sentences": [{"text": "The event cured 977 diseases.", "sessions": [un.slug]}]}
    fallback = summarize(event, threads, engine="llm", options=options)
    assert [replace(s, dropped=0) for s in fallback] == summaries


@pytest.mark.parametrize(
    "line",
    [
        "Okay , you all switched on .",  # disfluent opener, detached punctuation
        "I 've have never handled them .",
        "We ought to decide who starts and all that .",
        "Okay this is uh the working design , presented by me , the uh Industrial Designer extraordinaire .",
        "I want to remind those who are participating by video conference that, when they talk, they must use "
        "the channel that corresponds to the language they are speaking in.",  # housekeeping
        "Item 2, then, this morning is an evidence session to scrutinise the Welsh Government's progress.",  # agenda
        "Today, the Senate Judiciary Committee will continue its work on an issue on the mind of most families.",
        "Only about half of the countries have switched it on for public warnings.",  # what is "it"?
        "Mr. Chair, this came from a memo issued by a deputy minister.",  # "this" after the address
        "Therefore, it's not going to be on the face of the Bill, the mental health aspect, for example.",
        "Thank you very much for inviting me to this important panel today.",
    ],
)
def test_a_summary_never_quotes_procedure_disfluency_or_a_pointer(line: str) -> None:
    assert not quotable(line)


@pytest.mark.parametrize(
    "line",
    [
        "So technology has to travel through trusted local people, and that means paying and training "
        "community volunteers, not just sending messages.",
        "Cell broadcast already exists in almost every mobile network in the world.",
    ],
)
def test_a_summary_quotes_a_self_standing_argument(line: str) -> None:
    assert quotable(line)


def test_summaries_quote_the_first_quotable_line_and_name_subtopics(summaries: list[Summary], event: Event) -> None:
    quoted = {
        s: q
        for summary in summaries[1:]
        for x in summary.sentences
        for s in x.sessions
        for q in _QUOTES.findall(x.text)
    }
    assert quoted and all(quotable(q) for q in quoted.values())
    skipped = 0
    for s in event.built:
        assert s.report is not None
        first = next(iter(s.report.takeaways.key_takeaways), None)
        if first is not None and not quotable(first):
            skipped += 1
            assert quoted.get(s.slug) != _flat(first)
    assert skipped, "a session of the test event opens its takeaways with a line no summary may quote"
    text = " ".join(x.text for summary in summaries[1:] for x in summary.sentences)
    for s in event.built:
        assert s.report is not None
        for label in s.report.glance.topics[:1]:
            issue = label.split(" › ")[-1]
            assert issue[:1].lower() + issue[1:] in text or issue in text, issue
