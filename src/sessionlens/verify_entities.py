"""Entity check: names, organisations, numbers and dates in generated sentences must occur in
the transcript or the session's metadata.

A language model that writes "the permanent members" or "Acme Corporation" where no turn says
so has added a fact. Quotes and evidence figures are checked elsewhere (`verify.py`); this
module looks at every sentence an engine wrote (titles, explanations, summaries, assessments,
takeaways, the narrative) for:

- capitalised words (names, organisations, places, months, weekdays) that occur nowhere in the
  transcript, the speaker list or the session's title, event and date, compared without case;
  an all-capitals acronym must occur as written or as the initials of a capitalised phrase of
  the transcript ("WHO" for "World Health Organization");
- figures in the fields `verify.py` does not already check.

Consecutive capitalised words (and the joining words between them) are one name ("Acme
Fisheries Alliance", flagged once); the long form of an acronym the transcript uses passes
("World Summit on the Information Society" where speakers say "WSIS"). The first word of a
sentence is capitalised by grammar, not because it is a name: it is never checked itself, only
the capitalised words after it ("Implement Connect for Refugees" passes when "Connect" and
"Refugees" occur). Markdown headings are not checked. Findings are flagged (never changed) and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import Report
from .verifier import Verifier
from .verify_text import figures

_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_LEAD = re.compile(r"^\s*(?:[-*•>]+|\d+[.)])\s*|^\W+")  # bullets, numbering, opening quotes
_JOINERS = frozenset({"of", "for", "and", "the", "on", "de", "du", "des", "la", "von", "van", "der"})
_POSSESSIVE = re.compile(r"['’]s?$")
# the written fields of a stance item (its quotes are checked as quotes)
_STANCE_TEXT = ("summary", "explanation")
# a label written as a heading (a discussion point's title, a stance item's point): title case
# by style, so only its figures are checked; it is marked as a Markdown heading for that
_HEADING = "# "


def _norm(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip(".-&")).replace(".", "")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = [c for c in _acronym_core(word) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _acronym_core(word: str) -> str:
    """ "ATMs" -> "ATM", "COVID-19" -> "COVID": the letters that name the thing."""
    core = re.split(r"[-\d]", word, maxsplit=1)[0] or word
    return core[:-1] if core.endswith("s") and core[:-1].isupper() else core


# British and American spellings of one word ("organisation", "organization"; "centre", "center")
_SPELLINGS = (("isation", "ization"), ("ise", "ize"), ("tre", "ter"), ("our", "or"), ("yse", "yze"))


def _spellings(low: str) -> set[str]:
    out = {low}
    for a, b in _SPELLINGS:
        for x, y in ((a, b), (b, a)):
            if x in low:
                out.add(low.replace(x, y))
    return out


class Vocabulary:
    """The words a generated sentence may use as names: those of the transcript and metadata."""

    def __init__(self, report: Report) -> None:
        t = report.transcript
        texts = [x.text for x in t.turns]
        texts += [t.info.title or "", t.info.event or "", t.info.date or "", t.info.source or ""]
        for s in t.speakers:
            texts += [s.name, s.role or "", s.affiliation or "", *s.aliases]
        texts += [x.speaker for x in t.turns]
        texts += [topic for a in report.arguments for topic in a.topics]
        # what the engine says of its own method (a tool or model it names) is not invented
        texts += [report.disclaimer or "", report.meta.model or ""]
        self.lower: set[str] = set()
        self.exact: set[str] = set()
        for text in texts:
            words = [_norm(w) for w in _WORD.findall(text)]
            self.exact.update(w for w in words if w)
            self.lower.update(w.lower() for w in words if w)
            for part in (p for w in words for p in w.split("-")):
                self.lower.add(part.lower())
            self.exact.update(_initials(words))

    def knows(self, word: str) -> bool:
        if _is_acronym(word):
            core = _acronym_core(word)
            return bool({word, core, core + "s"} & self.exact)
        parts = [p for p in word.lower().split("-") if p]
        return any(v in self.lower for v in _spellings(word.lower())) or all(_spellings(p) & self.lower for p in parts)


def _initials(words: list[str]) -> Iterator[str]:
    """Acronyms of capitalised runs and their parts ("The World Health Organization" -> "WHO",
    "TWHO", "WH", ...), small joining words skipped."""
    run: list[str] = []
    for w in [*words, ""]:
        if w and _is_capitalised(w):
            run.append(w)
        elif w.lower() in _JOINERS and run:
            continue
        else:
            letters = "".join(x[0] for x in run[:12])
            for i in range(len(letters)):
                for j in range(i + 2, len(letters) + 1):
                    yield letters[i:j]
            run = []


def _runs(words: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(start, words) of each capitalised run, joining words inside it kept ("World Summit on
    the Information Society"); an acronym is a run of its own ("… Society (WSIS)")."""
    run: list[str] = []
    start = 0

    def flush() -> Iterator[tuple[int, list[str]]]:
        while run and run[-1].lower() in _JOINERS:
            run.pop()
        if run:
            yield start, list(run)
        run.clear()

    for i, w in enumerate([*words, ""]):
        if w and _is_acronym(w):
            yield from flush()
            yield i, [w]
        elif w and _is_capitalised(w):
            if not run:
                start = i
            run.append(w)
        elif run and w.lower() in _JOINERS:
            run.append(w)
        else:
            yield from flush()


def unknown_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """Capitalised phrases of `text` with a word that the transcript and metadata lack."""
    out: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue  # a Markdown heading is title case by style
        for sentence in _SENTENCE.split(line):
            words = [w for w in (_norm(x) for x in _WORD.findall(_LEAD.sub("", sentence))) if w]
            for start, run in _runs(words):
                caps = [w for w in run if _is_capitalised(w)]
                # a sentence's first word is capitalised by grammar ("Implement Connect for
                # Refugees"): only the words after it can make the run a name
                checked = caps[1:] if start == 0 and not _is_acronym(caps[0]) else caps
                if all(vocabulary.knows(w) for w in checked):
                    continue
                if len(caps) >= 2 and "".join(w[0] for w in caps) in vocabulary.exact:
                    continue  # the long form of an acronym the transcript uses
                while len(run) > 1 and (vocabulary.knows(run[0]) or run[0].lower() in _JOINERS):
                    run = run[1:]  # "The Acme Alliance" -> "Acme Alliance"
                if " ".join(run) not in out:
                    out.append(" ".join(run))
    return out


def generated_texts(report: Report) -> Iterator[tuple[str, str, bool]]:
    """(section, text, whether its figures still need checking) of every sentence an engine
    wrote; `Verifier.prose` and `Verifier.arguments` already check the figures of the others."""
    out: list[tuple[str, str | None, bool]] = []
    for a in report.arguments:
        out += [("arguments", a.title, False), ("arguments", a.explanation, False), ("arguments", a.evidence, False)]
    for p in report.discussion_points:
        out += [("discussion_points", _HEADING + p.title, True), ("discussion_points", p.description, False)]
    g = report.glance
    out += [("glance", g.summary, False), ("glance", g.purpose, False), ("glance", g.tone, False)]
    out += [("narrative", report.narrative, False)]
    ag, df = report.agreements, report.differences
    out += [("agreements", ag.assessment, False), ("agreements", ag.consensus_level, True)]
    out += [("differences", df.assessment, False), ("differences", df.disagreement_level, True)]
    stances = [("agreements", s) for s in (*ag.agreement_points, *ag.similar_viewpoints, *ag.unexpected_consensus)]
    stances += [
        ("differences", s) for s in (*df.different_viewpoints, *df.unexpected_differences, *df.partial_agreements)
    ]
    for section, s in stances:
        out += [(section, s.point and _HEADING + s.point, True)]
        out += [(section, getattr(s, name, None), name != "summary") for name in _STANCE_TEXT]
    t = report.takeaways
    out += [("takeaways", x, False) for x in (*t.key_takeaways, *t.unresolved_issues, *t.compromises)]
    out += [("takeaways", x.text, False) for x in t.action_items]
    for c in report.comments:
        out += [("comments", c.reason, False), ("comments", c.impact, True)]
    out += [("comments", report.comments_assessment, False)]
    for q in report.follow_up_questions:
        out += [("follow_up_questions", q.question, False), ("follow_up_questions", q.explanation, True)]
    return ((section, text, fig) for section, text, fig in out if text)


def check_entities(v: Verifier, report: Report) -> int:
    """Flag names and figures of generated text that the transcript lacks; how many."""
    vocabulary = Vocabulary(report)
    before = v.result.flagged
    for section, text, check_figures in generated_texts(report):
        names = unknown_names(text, vocabulary)
        v.check(len(names) + 1)
        for name in names:
            v.issue(section, text, f"name {name!r} does not occur in the transcript", "flagged")
        if check_figures and figures(text):
            label = text.removeprefix(_HEADING)
            v.flag_figures(section, label, label)
    return v.result.flagged - before
