"""Daily and event summaries from the session reports (issue 15).

Offline (the default) they are extractive-and-template: each sentence is made from one or more
session reports (their statistics, topics and verbatim takeaways) and names the sessions it
comes from. With `engine="llm"` and an endpoint configured, the LLM engine's client rewrites
the same material into prose; its sentences must cite sessions too. Either way
`verify_summary` then drops every sentence with a figure, a speaker's name, a session title or
a quote that its cited sessions (and the event file's facts) do not hold, as the session
reports' verification does; an LLM summary left empty falls back to the offline one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import TYPE_CHECKING

from ..engines.offline.topic_levels import split_label
from ..verify import Verifier, figures
from .event_file import Event, EventSession
from .people import event_people
from .threads import Thread, is_substantive

if TYPE_CHECKING:
    from ..engines.llm.settings import LLMOptions

#: speakers and topics named per session and per event: enough to orient, few enough to read
TOP = 3
_QUOTE = re.compile(r"“([^”]+)”")
_TITLE = re.compile(r"«([^»]+)»")
_SPACE = re.compile(r"\s+")
#: words (punctuation aside) below which a quote says too little out of its session
QUOTE_MIN_WORDS = 8
#: below this many words a sentence that leans on "it" or "they" cannot be read alone
CONTEXT_WORDS = 15
_WORDS = re.compile(r"[A-Za-z0-9][\w'’-]*")
# Hesitations, and raw recognition output with punctuation detached ("Okay , you all switched on .")
_DISFLUENT = re.compile(
    r"\b(?:uh|um+|uhm|erm?|hmm+|mm+|mhm)\b|\s[,.?!](?:\s|$)|\s(?:'\w+|n't)\b|\b(\w+) \1\b|\bgonna\b", re.I
)
# Openers and forms of address before what a quote leans on ("Mr. Chair, this came from…").
_OPENER = re.compile(
    r"^(?:(?:and|but|so|well|now|also|then|therefore|however|thus|okay|ok|yes|yeah|indeed|of course|"
    r"(?:as )?you know|i mean|i think|i believe|"
    r"(?:(?:mr|mrs|ms|madam|mister)\.? )?(?:chair(?:man|woman)?|speaker|president))\b[\s,.]*)+",
    re.I,
)
# Words that point back to something said before, or to the listener: a quote opening with one
# needs its context.
_POINTER = re.compile(
    r"^(?:it|its|this|that|these|those|they|them|their|he|she|his|her|him|you(?:'re|’re| are))\b", re.I
)
_LEANING = re.compile(r"\b(?:it|they|them|he|she|him)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a summary and the sessions (slugs) it is taken from."""

    text: str
    sessions: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    """The summary of one day (`scope` = its date) or of the whole event (`scope` = 'event')."""

    scope: str
    title: str
    sentences: tuple[Sentence, ...]
    engine: str = "offline"
    dropped: int = 0


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def day_title(day: str | None) -> str:
    """'Tuesday 4 March 2025' for '2025-03-04'; 'Undated sessions' for None."""
    if not day:
        return "Undated sessions"
    try:
        d = Date.fromisoformat(day)
    except ValueError:
        return day
    return f"{d:%A} {d.day} {d:%B %Y}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _top_speakers(s: EventSession) -> list[str]:
    """The session's most heard speakers, its moderators aside (they chair, they do not argue)."""
    assert s.report is not None
    chairs = {sp.name for sp in s.report.transcript.speakers if sp.is_moderator}
    stats = sorted(s.report.stats, key=lambda x: (-(x.seconds or 0), -x.words, x.name))
    return [x.name for x in stats if x.words and x.name not in chairs][:TOP]


def _baskets(s: EventSession) -> list[str]:
    assert s.report is not None
    return list(dict.fromkeys(split_label(t)[0] for t in s.report.glance.topics))[:TOP]


def _lower(label: str) -> str:
    """'Digital divide' -> 'digital divide' inside a sentence; 'AI governance' keeps its case."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _subtopics(s: EventSession) -> list[str]:
    """What the session was about, as its report names it: the subtopics, else the baskets."""
    assert s.report is not None
    issues = [issue for basket, issue in map(split_label, s.report.glance.topics) if issue]
    return [_lower(t) for t in dict.fromkeys(issues or _baskets(s))][:TOP]


def quotable(text: str) -> bool:
    """A line a summary may quote out of its session: an argument (`threads.is_substantive`:
    no chairing, housekeeping or agenda) of QUOTE_MIN_WORDS words or more, fluent, and not
    leaning on what was said before ("It…", "they have switched it on")."""
    body = _collapse(text)
    n = len(_WORDS.findall(body))
    if n < QUOTE_MIN_WORDS or not is_substantive(body) or _DISFLUENT.search(body):
        return False
    core = _OPENER.sub("", body)
    return not (_POINTER.match(core) or (n < CONTEXT_WORDS and _LEANING.search(core)))


def _takeaway(s: EventSession) -> tuple[str, str] | None:
    """(speaker, verbatim words) of the session's first quotable key takeaway, else of its first
    quotable argument title, found verbatim in one speaker's turns: a participant's before a
    moderator's, and never a line naming another participant (an introduction or an address)."""
    assert s.report is not None
    verifier = Verifier(s.report.transcript)
    chairs = {sp.name for sp in s.report.transcript.speakers if sp.is_moderator}
    people = [sp.name for sp in s.report.transcript.speakers if len(sp.name) > 3]
    found: list[tuple[str, str]] = []
    for text in [*s.report.takeaways.key_takeaways, *(a.title for a in s.report.arguments)]:
        if not quotable(text):
            continue
        at = verifier.locate(text, None)
        if at is None or at[0] != _collapse(text) or any(n != at[1] and n in at[0] for n in people):
            continue
        if at[1] not in chairs:
            return at[1], at[0]
        found.append((at[1], at[0]))
    return found[0] if found else None


def _session_sentences(s: EventSession) -> list[Sentence]:
    where = ", ".join(x for x in (s.track, s.start) if x)
    head = f"«{s.title}»" + (f" ({where})" if where else "")
    if not s.done:
        return [Sentence(f"{head} has no report: {s.reason or 'it failed'}.", (s.slug,))]
    speakers, subtopics = _top_speakers(s), _subtopics(s)
    said = _takeaway(s)
    if subtopics:
        text = f"{head} turned on {_and(subtopics)}" + (f", with {_and(speakers)} heard most." if speakers else ".")
    else:
        text = f"In {head}, " + (f"{_and(speakers)} were heard most" if speakers else "nobody was heard")
        text += "; no topic stood out."
    out = [Sentence(text, (s.slug,))]
    if said is not None:
        out.append(Sentence(f"{said[0]} said: “{said[1]}”", (s.slug,)))
    return out


def sessions_by_day(event: Event) -> dict[str | None, list[EventSession]]:
    """The event's sessions by date, in event order (undated ones under None)."""
    days: dict[str | None, list[EventSession]] = {}
    for s in event.sessions:
        days.setdefault(s.date, []).append(s)
    return days


def day_summary(event: Event, day: str | None) -> Summary:
    """The offline summary of one day of the event."""
    sessions = sessions_by_day(event).get(day, [])
    tracks = sorted({s.track for s in sessions if s.track})
    opener = (
        f"On {day_title(day)}, {_plural(len(sessions), 'session')} ran"
        if day
        else (f"{_plural(len(sessions), 'session')} have no date")
    )
    opener += f" in {_plural(len(tracks), 'track')}: {_and(tracks)}." if tracks else "."
    sentences = [Sentence(opener, tuple(s.slug for s in sessions))]
    for s in sessions:
        sentences += _session_sentences(s)
    return Summary(scope=day or "undated", title=day_title(day), sentences=tuple(sentences))


def argument_baskets(s: EventSession) -> dict[str, int]:
    """The arguments of a session's report per basket: each counts once, for its first basket, as
    the reports' own topic charts count them (the one basis of every per-basket count of the hub)."""
    assert s.report is not None
    out: dict[str, int] = {}
    for a in s.report.arguments:
        if a.topics:
            basket = split_label(a.topics[0])[0]
            out[basket] = out.get(basket, 0) + 1
    return out


def basket_sessions(event: Event) -> dict[str, list[str]]:
    """The sessions (slugs) with at least one argument in each basket (see `argument_baskets`)."""
    out: dict[str, list[str]] = {}
    for s in event.built:
        for b in argument_baskets(s):
            out.setdefault(b, []).append(s.slug)
    return out


def speaker_sessions(event: Event) -> dict[str, list[str]]:
    """The sessions (slugs) in which each person said at least one word; a role label ("Speaker 1",
    "The Chair") stands for no one beyond its session and is left out (see `people`)."""
    who = event_people(event)
    names: dict[str, str] = {}
    out: dict[str, list[str]] = {}
    for s in event.built:
        assert s.report is not None
        for x in s.report.stats:
            person = who[(s.slug, x.name)]
            if not x.words or person.session is not None:
                continue
            slugs = out.setdefault(names.setdefault(person.key, person.name), [])
            if s.slug not in slugs:
                slugs.append(s.slug)
    return out


def event_summary(event: Event, threads: list[Thread]) -> Summary:
    """The offline summary of the whole event: its size, the topics and speakers most present,
    and its widest threads."""
    days = [d for d in sessions_by_day(event) if d]
    tracks = sorted({s.track for s in event.sessions if s.track})
    failed = [s for s in event.sessions if not s.done]
    text = f"{event.subject} had {_plural(len(event.sessions), 'session')}"
    if days:
        text += f" over {_plural(len(days), 'day')}"
    if tracks:
        text += f" in {_plural(len(tracks), 'track')}"
    text += f"; {len(failed)} of them could not be reported." if failed else "."
    sentences = [Sentence(text, tuple(s.slug for s in event.sessions))]
    by_basket = basket_sessions(event)
    # "most" only of topics argued in two sessions or more; counted as the topic map counts
    ranked = [kv for kv in sorted(by_basket.items(), key=lambda kv: (-len(kv[1]), kv[0])) if len(kv[1]) >= 2][:TOP]
    if ranked:
        parts = [f"{b} (arguments in {_plural(len(slugs), 'session')})" for b, slugs in ranked]
        cited = tuple(dict.fromkeys(slug for _, slugs in ranked for slug in slugs))
        sentences.append(Sentence(f"The topics argued in most sessions were {_and(parts)}.", cited))
    heard = speaker_sessions(event)
    several = [n for n, slugs in sorted(heard.items(), key=lambda kv: (-len(kv[1]), kv[0])) if len(slugs) >= 2][:TOP]
    if several:
        parts = [f"{n} ({_plural(len(heard[n]), 'session')})" for n in several]
        cited = tuple(dict.fromkeys(slug for n in several for slug in heard[n]))
        sentences.append(Sentence(f"Heard in more than one session: {_and(parts)}.", cited))
    titles = {s.slug: s.title for s in event.sessions}
    for th in threads[:TOP]:
        names = _and([f"«{titles[slug]}»" for slug in th.sessions])
        text = f"A thread on {_lower(th.label)} ran through {names}, carried by {_plural(len(th.speakers), 'speaker')}."
        sentences.append(Sentence(text, tuple(th.sessions)))
    return Summary(
        scope="event", title=f"{event.title}: the event" if event.titled else "The event", sentences=tuple(sentences)
    )


# ------------------------------------------------------------------ verification


def event_facts(event: Event, threads: list[Thread]) -> set[str]:
    """Figures the event file holds, and the counts of its sessions, days, tracks, failures,
    of the sessions of each basket and speaker, and of each thread's sessions and speakers."""
    facts: set[str] = set()
    for s in event.sessions:
        facts.update(figures(" ".join(x for x in (s.date, s.start, s.title, s.reason) if x)))
        if s.date:
            facts.update(figures(day_title(s.date)))
    days = sessions_by_day(event)
    counts = [len(event.sessions), len(days), len({s.track for s in event.sessions if s.track})]
    counts += [len(v) for v in days.values()] + [len({x.track for x in v if x.track}) for v in days.values()]
    counts.append(sum(1 for s in event.sessions if not s.done))
    counts += [len(v) for v in (*basket_sessions(event).values(), *speaker_sessions(event).values())]
    counts += [n for t in threads for n in (len(t.sessions), len(t.speakers))]
    facts.update(str(n) for n in counts)
    return facts


def _sources(s: EventSession) -> tuple[str, set[str], set[str]]:
    """(all the words of a session's report, its figures, its speakers' names)."""
    if s.report is None:
        text = " ".join(x for x in (s.title, s.track, s.reason) if x)
        return text, set(figures(text)), set()
    r = s.report
    parts = [t.text for t in r.transcript.turns] + r.takeaways.key_takeaways + [r.glance.summary or ""]
    parts += [a.title for a in r.arguments] + [s.title, s.track or ""]
    text = _collapse(" ".join(parts))
    return text, set(figures(text)), {x.name for x in r.stats} | {sp.name for sp in r.transcript.speakers}


def _name_pattern(names: set[str]) -> re.Pattern[str] | None:
    """One regex finding any of `names` as whole words, longest first (one pass per sentence
    however many speakers the event has)."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def verify_summary(summary: Summary, event: Event, threads: list[Thread] | None = None) -> Summary:
    """`summary` without the sentences that cite no session of the event or hold a figure,
    a speaker's name, a session title or a quote their cited sessions do not; `dropped` counts
    them. The counts of `threads` are facts too."""
    by_slug = {s.slug: s for s in event.sessions}
    sources = {slug: _sources(s) for slug, s in by_slug.items()}
    everyone = _name_pattern(set().union(*(names for _, _, names in sources.values())) if sources else set())
    facts = event_facts(event, threads or [])
    kept = []
    for sentence in summary.sentences:
        cited = [slug for slug in sentence.sessions if slug in by_slug]
        if not cited or len(cited) != len(sentence.sessions):
            continue
        nums = set().union(*(sources[c][1] for c in cited)) | facts
        names = set().union(*(sources[c][2] for c in cited))
        titles = {by_slug[c].title for c in cited} | {event.title}
        bare = _QUOTE.sub("", sentence.text)
        if any(n not in nums for n in figures(_TITLE.sub("", bare))):
            continue
        # other speakers' names are looked for as whole words, outside titles and outside the
        # cited sessions' tracks and speakers (a speaker labelled "B" is named neither by
        # "Room B" nor by "Grad B")
        prose = _TITLE.sub("", bare)
        for known in sorted({by_slug[c].track or "" for c in cited} | names, key=len, reverse=True):
            prose = prose.replace(known, " ") if known else prose
        if everyone is not None and everyone.search(prose):
            continue
        if any(t not in titles for t in _TITLE.findall(sentence.text)):
            continue
        quotes = _QUOTE.findall(sentence.text)
        if quotes and any(all(_collapse(q) not in sources[c][0] for c in cited) for q in quotes):
            continue
        kept.append(sentence)
    return replace(summary, sentences=tuple(kept), dropped=summary.dropped + len(summary.sentences) - len(kept))


# ------------------------------------------------------------------ entry point


def summarize(
    event: Event, threads: list[Thread], *, engine: str = "offline", options: LLMOptions | None = None
) -> list[Summary]:
    """The event summary, then one per day in order, verified. `engine="llm"` asks the
    configured endpoint to rewrite each offline summary (see `llm_summary`)."""
    drafts = [event_summary(event, threads)] + [day_summary(event, d) for d in sessions_by_day(event)]
    out = []
    for draft in drafts:
        summary = verify_summary(draft, event, threads)
        if engine == "llm":
            from .summaries_llm import llm_summary

            rewritten = verify_summary(llm_summary(draft, event, options), event, threads)
            summary = rewritten if rewritten.sentences else summary
        out.append(summary)
    return out
