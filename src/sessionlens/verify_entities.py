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

Consecutive capitalised words are one name ("Acme Fisheries Alliance", flagged once). The first
word of a sentence is capitalised by grammar, not because it is a name, so alone it is not
checked; as the start of a longer name ("Acme Corporation said") it is. Markdown headings
are not checked. Findings are flagged (never changed) and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import Report
from .verify import Verifier, figures

_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_LEAD = re.compile(r"^\s*(?:[-*•>]+|\d+[.)])\s*|^\W+")  # bullets, numbering, opening quotes
_POSSESSIVE = re.compile(r"['’]s?$")
# the written fields of a stance item (its quotes are checked as quotes)
_STANCE_TEXT = ("title", "point", "summary", "explanation")


def _norm(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip(".-&")).replace(".", "")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


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
            return word in self.exact or word.rstrip("s") in self.exact
        low = word.lower()
        return low in self.lower or all(p.lower() in self.lower for p in word.split("-") if p)


def _initials(words: list[str]) -> Iterator[str]:
    """Acronyms of capitalised runs and their parts ("The World Health Organization" -> "WHO",
    "TWHO", "WH", ...), small joining words skipped."""
    run: list[str] = []
    for w in [*words, ""]:
        if w and _is_capitalised(w):
            run.append(w)
        elif w.lower() in {"of", "for", "and", "the", "on", "de", "du", "des", "la"} and run:
            continue
        else:
            letters = "".join(x[0] for x in run[:12])
            for i in range(len(letters)):
                for j in range(i + 2, len(letters) + 1):
                    yield letters[i:j]
            run = []


def unknown_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """Capitalised phrases of `text` with a word that the transcript and metadata lack."""
    out: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue  # a Markdown heading is title case by style
        for sentence in _SENTENCE.split(line):
            words = [w for w in (_norm(x) for x in _WORD.findall(_LEAD.sub("", sentence))) if w]
            runs: list[list[str]] = []
            starts: list[int] = []
            for i, w in enumerate(words):
                if not _is_capitalised(w):
                    continue
                if runs and starts[-1] + len(runs[-1]) == i:
                    runs[-1].append(w)
                else:
                    runs.append([w])
                    starts.append(i)
            for start, run in zip(starts, runs, strict=True):
                if start == 0 and len(run) == 1 and not _is_acronym(run[0]):
                    continue  # capitalised by grammar
                if all(vocabulary.knows(w) for w in run):
                    continue
                while vocabulary.knows(run[0]):  # "The Acme Alliance" -> "Acme Alliance"
                    run = run[1:]
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
        out += [("discussion_points", p.title, True), ("discussion_points", p.description, False)]
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
            v.flag_figures(section, text, text)
    return v.result.flagged - before
