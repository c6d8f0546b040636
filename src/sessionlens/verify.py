"""Verification of any engine's report against its own transcript (DESIGN: "Verify").

`verify_report(report)` returns a copy in which:

- every **speaker** named anywhere is a speaker of the transcript: a variant of a name
  ("Dr. Ko Barrett", "Barrett") is replaced by the speaker's name (fixed); an unknown name is
  removed from lists (fixed) and an argument or comment owned by one is dropped;
- every **quote** (comments; fragments joined by "…") is found in the transcript, exactly or
  at a fuzzy score >= 90 (rapidfuzz), and replaced by the exact span (fixed); a quote found in
  another speaker's turns is given to that speaker (fixed); a quote not found is dropped;
- every **figure** in an argument's evidence occurs in that speaker's turns; a sentence of
  evidence with one that does not is dropped. Figures in titles, explanations, takeaways and
  prose (summary, narrative, assessments) that occur nowhere in the transcript are flagged;
- every speaker named in an **agreement or difference** item has a position with a quote that
  is verbatim (or fuzzy >= 90, then replaced by the exact span) in **their own** turns; a
  speaker without one is removed from the item (dropped), an item left with fewer than two
  speakers (a difference: fewer than two sides) is dropped, and the disclaimer counts both;
- argument **relations** follow from the stance items (`Report.link_relations`), so A agrees
  with B exactly when B agrees with A; a relation not tied to an item is made symmetric;
- every argument's **discussion point** is one of the session's (fixed or cleared), every
  argument title a group cites exists, every source turn exists.

`report.verification` gets the counts and the issues, and the disclaimer a sentence with the
counts. Nothing here depends on the engine; an extractive report simply passes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from .models import Argument, Report, Stance, Transcript, Turn, Verification, VerificationIssue
from .normalize import name_key

FUZZY_MIN = 90.0  # quotes: the issue's threshold
POINT_MATCH_MIN = 85.0  # discussion point titles written slightly differently
_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.+|\[\.\.\.\])\s*")
_SPACE = re.compile(r"\s+")
_VERIFICATION_NOTE = re.compile(r"\s*Verification: [^.]*\.$")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80"}
_WORD_NUMBERS = (
    {w: str(i) for i, w in enumerate(_NUMBER_WORDS.split())}
    | _TENS
    | {
        "ninety": "90",
        "hundred": "100",
        "thousand": "1000",
    }
)
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)


def figures(text: str | None) -> list[str]:
    """The numbers in `text`, normalised ("1,000" -> "1000"), in order."""
    if not text:
        return []
    out = []
    for raw in _FIGURE.findall(text):
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
            raw = raw.replace(",", "")
        out.append(raw)
    return out


def _spoken_figures(text: str) -> set[str]:
    """Figures of a turn, written in digits or as a number word ("fourteen" -> "14")."""
    found = set(figures(text))
    found.update(_WORD_NUMBERS[m.lower()] for m in _WORD_NUMBER.findall(text))
    return found


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return text[start:end].strip()


class Verifier:
    """The checks, usable one by one (the LLM engine checks extracted arguments before it
    writes prose from them); `result` accumulates what was checked, fixed and dropped."""

    def __init__(self, transcript: Transcript, prior: Verification | None = None) -> None:
        self.turns = [t.model_copy(update={"text": _collapse(t.text)}) for t in transcript.turns]
        names = [s.name for s in transcript.speakers]
        names += [t.speaker for t in self.turns if t.speaker not in names]
        self.names = names
        self.by_key: dict[str, str] = {}
        for s in transcript.speakers:
            for label in (s.name, *s.aliases):
                self.by_key.setdefault(name_key(label), s.name)
        for n in names:
            self.by_key.setdefault(name_key(n), n)
        self.turns_of: dict[str, list[Turn]] = defaultdict(list)
        self.figures_of: dict[str, set[str]] = defaultdict(set)
        for t in self.turns:
            self.turns_of[t.speaker].append(t)
            self.figures_of[t.speaker] |= _spoken_figures(t.text)
        self.all_figures = set().union(*self.figures_of.values()) if self.figures_of else set()
        self.indices = {t.index for t in self.turns}
        self.result = prior.model_copy(deep=True) if prior is not None else Verification()
        self.unsupported = 0  # speakers removed from stance items for want of their own words
        self.stances_dropped = 0
        self.argument_titles: dict[str, str] = {}
        self.argument_turns: dict[str, list[int]] = {}

    # ------------------------------------------------------------------ bookkeeping

    def issue(self, section: str, item: str, problem: str, action: str) -> None:
        self.result.issues.append(VerificationIssue(section=section, item=item[:160], problem=problem, action=action))
        setattr(self.result, action, getattr(self.result, action) + 1)

    def check(self, n: int = 1) -> None:
        self.result.checked += n

    # ------------------------------------------------------------------ speakers

    def resolve(self, name: str | None) -> str | None:
        """The transcript's name for `name`, or None when it names nobody in it."""
        if not name:
            return None
        if name in self.names:
            return name
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        # "Barrett" or "Ko" for "Ko Barrett": only when exactly one speaker fits
        tokens = set(key.split())
        fits = [n for n in self.names if tokens and tokens <= set(name_key(n).split())]
        return fits[0] if len(fits) == 1 else None

    def speaker(self, section: str, item: str, name: str | None) -> str | None:
        """Resolve one speaker reference, recording a fix or an unknown name."""
        self.check()
        real = self.resolve(name)
        if real is None:
            self.issue(section, item, f"speaker {name!r} is not in the transcript", "dropped")
        elif real != name:
            self.issue(section, item, f"speaker {name!r} written as {real!r}", "fixed")
        return real

    def speaker_list(self, section: str, item: str, names: Iterable[str], exclude: str | None = None) -> list[str]:
        out: list[str] = []
        for name in names:
            real = self.speaker(section, item, name)
            if real is not None and real != exclude and real not in out:
                out.append(real)
        return out

    # ------------------------------------------------------------------ quotes

    def _find(self, fragment: str, turns: list[Turn]) -> tuple[str, Turn] | None:
        """(exact span, its turn) of `fragment` in the first of `turns` that holds it exactly,
        else in the one that holds it best at a fuzzy score >= FUZZY_MIN."""
        frag = _collapse(fragment).strip(" \"'“”‘’")
        if len(frag) < 3:
            return None
        for t in turns:
            if frag in t.text:
                return frag, t
        best: tuple[float, str, Turn] | None = None
        low = frag.lower()
        for t in turns:
            hay = t.text.lower()
            if len(hay) != len(t.text) or len(low) > len(hay):
                continue  # lower() changed offsets, or the fragment is longer than the turn
            found = fuzz.partial_ratio_alignment(low, hay, score_cutoff=FUZZY_MIN)
            if found is None or (best is not None and found.score <= best[0]):
                continue
            best = (found.score, _whole_words(t.text, found.dest_start, found.dest_end), t)
        return (best[1], best[2]) if best else None

    def locate(self, fragment: str, speaker: str | None) -> tuple[str, str] | None:
        """(exact span, its speaker) of `fragment` in the transcript (the speaker's own turns
        first), or None."""
        own = self.turns_of.get(speaker or "", [])
        found = self._find(fragment, own + [t for t in self.turns if t.speaker != speaker])
        return (found[0], found[1].speaker) if found else None

    def locate_own(self, fragment: str, speaker: str) -> tuple[str, int] | None:
        """(exact span, turn index) of `fragment` in `speaker`'s own turns only, or None."""
        found = self._find(fragment, self.turns_of.get(speaker, []))
        return (found[0], found[1].index) if found else None

    # ------------------------------------------------------------------ sections

    def arguments(self, args: list[Argument]) -> list[Argument]:
        kept = []
        for a in args:
            real = self.speaker("arguments", a.title, a.speaker)
            if real is None:
                continue
            a.speaker = real
            valid = [i for i in a.source_turns if i in self.indices]
            self.check()
            if len(valid) != len(a.source_turns):
                self.issue("arguments", a.title, "source turns that do not exist removed", "fixed")
                a.source_turns = valid
            a.evidence = self.evidence(a)
            for field in ("title", "explanation"):
                self.flag_figures("arguments", a.title, getattr(a, field))
            relations = []
            for r in a.relations:
                other = self.speaker("arguments", a.title, r.speaker)
                if other is not None and other != real:
                    relations.append(r.model_copy(update={"speaker": other}))
            a.relations = relations
            kept.append(a)
        return kept

    def evidence(self, a: Argument) -> str | None:
        if not a.evidence:
            return a.evidence
        spoken = self.figures_of.get(a.speaker, set())
        keep = []
        for sentence in _SENTENCE.split(a.evidence.strip()):
            nums = figures(sentence)
            self.check(len(nums))
            missing = [n for n in nums if n not in spoken]
            if missing:
                self.issue(
                    "arguments",
                    a.title,
                    f"figure {missing[0]} in the evidence is not in {a.speaker}'s turns; sentence removed",
                    "dropped",
                )
            else:
                keep.append(sentence)
        return " ".join(keep) or None

    def flag_figures(self, section: str, item: str, text: str | None) -> None:
        nums = figures(text)
        self.check(len(nums))
        for n in dict.fromkeys(nums):
            if n not in self.all_figures:
                self.issue(section, item, f"figure {n} does not occur in the transcript", "flagged")

    def points(self, report: Report) -> None:
        titles = [p.title for p in report.discussion_points]
        if not titles:
            return
        for a in report.arguments:
            if a.discussion_point is None:
                continue
            self.check()
            if a.discussion_point in titles:
                continue
            match = process.extractOne(
                a.discussion_point,
                titles,
                scorer=fuzz.token_set_ratio,
                processor=default_process,
                score_cutoff=POINT_MATCH_MIN,
            )
            problem = f"discussion point {a.discussion_point!r} is not one of the session's"
            a.discussion_point = match[0] if match else None
            self.issue("arguments", a.title, problem + (f"; set to {match[0]!r}" if match else "; cleared"), "fixed")

    def stances(
        self,
        section: str,
        groups: list[Stance],
        titles: dict[str, set[str]],
        ids: dict[str, str],
        opposed: bool = False,
    ) -> list[Stance]:
        """Each position's speaker resolved and backed by a quote from their own turns."""
        kept = []
        for s in groups:
            label = s.point or s.summary or section
            positions = []
            for p in s.positions:
                real = self.speaker(section, label, p.speaker)
                if real is None or any(q.speaker == real for q in positions):
                    continue
                self.check()
                found = self.locate_own(p.quote, real) if p.quote else None
                if found is None:
                    self.unsupported += 1
                    self.issue(
                        section,
                        label,
                        f"{real} named without words from their own turns; removed from the item",
                        "dropped",
                    )
                    continue
                quote, turn = found
                if quote != _collapse(p.quote or ""):
                    self.issue(section, label, "quote replaced by the transcript's exact words", "fixed")
                argument = p.argument_id if ids.get(p.argument_id or "") == real else None
                positions.append(
                    p.model_copy(update={"speaker": real, "quote": quote, "turn": turn, "argument_id": argument})
                )
            s.positions = positions
            known = [t for t in s.arguments if any(t in titles.get(sp, set()) for sp in s.speakers)]
            self.check(len(s.arguments))
            if len(known) != len(s.arguments):
                self.issue(section, label, "arguments that none of its speakers made removed", "fixed")
                s.arguments = known
            for p in s.positions:  # the speaker's argument the item cites, or made from the turn
                if p.argument_id is None:
                    p.argument_id = next(
                        (
                            i
                            for t in s.arguments
                            for i, who in ids.items()
                            if who == p.speaker and self.argument_titles.get(i) == t
                        ),
                        None,
                    ) or next(
                        (i for i, turns in self.argument_turns.items() if ids.get(i) == p.speaker and p.turn in turns),
                        None,
                    )
            self.check()
            sides = len({p.side for p in s.positions})
            if len(s.speakers) < 2 or (opposed and sides < 2):
                self.stances_dropped += 1
                self.issue(section, label, "fewer than two speakers (or sides) backed by their own words", "dropped")
                continue
            kept.append(s)
        return kept

    def symmetric(self, report: Report) -> None:
        """Relations follow from the stance items; a relation not tied to one (written by an
        engine directly) gets its mirror on one of the other speaker's arguments."""
        report.link_relations()
        mine: dict[str, list[Argument]] = defaultdict(list)
        for a in report.arguments:
            mine[a.speaker].append(a)
        for a in report.arguments:
            for r in [r for r in a.relations if r.stance_id is None]:
                self.check()
                partners = mine.get(r.speaker, [])
                if any(x.kind == r.kind and x.speaker == a.speaker for p in partners for x in p.relations):
                    continue
                if not partners:
                    self.issue(
                        "arguments",
                        a.title,
                        f"{r.speaker} has no argument that could {r.kind.removesuffix('d')} back",
                        "flagged",
                    )
                    continue
                target = next((p for p in partners if p.id == r.argument_id), None) or next(
                    (p for p in partners if p.discussion_point and p.discussion_point == a.discussion_point),
                    partners[0],
                )
                target.relations.append(r.model_copy(update={"speaker": a.speaker, "argument_id": a.id}))
                self.issue(
                    "arguments", target.title, f"made symmetric: {target.speaker} {r.kind} with {a.speaker}", "fixed"
                )

    def comments(self, report: Report) -> None:
        kept = []
        for c in report.comments:
            claimed = self.resolve(c.speaker)
            self.check()
            fragments = [f for f in _ELLIPSIS.split(c.quote) if f.strip(" \"'“”")]
            spans, speaker = [], claimed
            for frag in fragments:
                self.check()
                found = self.locate(frag, speaker)
                if found is None:
                    break
                spans.append(found[0])
                speaker = found[1]
            if not fragments or len(spans) != len(fragments):
                self.issue("comments", c.quote, "quote not found in the transcript", "dropped")
                continue
            quote = " … ".join(spans)
            if quote != _collapse(c.quote):
                self.issue("comments", c.quote, "quote replaced by the transcript's exact words", "fixed")
            if speaker != c.speaker:
                self.issue("comments", c.quote, f"quote spoken by {speaker}, not {c.speaker}", "fixed")
            c.quote, c.speaker = quote, speaker or c.speaker
            kept.append(c)
        report.comments = kept

    def prose(self, report: Report) -> None:
        t = report.takeaways
        for section, texts in (
            ("takeaways", [*t.key_takeaways, *t.unresolved_issues, *t.compromises, *(x.text for x in t.action_items)]),
            (
                "glance",
                [
                    report.glance.summary,
                    report.glance.purpose,
                    report.glance.tone,
                    *(p.description for p in report.glance.keypoints),
                ],
            ),
            ("discussion_points", [p.description for p in report.discussion_points]),
            ("narrative", [report.narrative]),
            ("agreements", [report.agreements.assessment, *(s.summary for s in self.all_stances(report))]),
            ("differences", [report.differences.assessment]),
            ("comments", [report.comments_assessment, *(c.reason for c in report.comments)]),
            ("follow_up_questions", [q.question for q in report.follow_up_questions]),
        ):
            for text in texts:
                if text:
                    self.flag_figures(section, text, text)

    @staticmethod
    def all_stances(report: Report) -> list[Stance]:
        a, d = report.agreements, report.differences
        return [
            *a.agreement_points,
            *a.similar_viewpoints,
            *a.unexpected_consensus,
            *d.different_viewpoints,
            *d.unexpected_differences,
            *d.partial_agreements,
        ]


def verify_report(report: Report) -> Report:
    """A copy of `report` checked against its transcript (see the module docstring)."""
    from .verify_entities import check_entities  # it builds on this module

    report = report.model_copy(deep=True)
    # an engine may have checked part of its material already: carry its counts on
    v = Verifier(report.transcript, report.verification)
    report.arguments = v.arguments(report.arguments)
    v.points(report)
    report.assign_ids()
    titles: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, str] = {}
    for a in report.arguments:
        titles[a.speaker].add(a.title)
        ids[a.id or ""] = a.speaker
        v.argument_titles[a.id or ""] = a.title
        v.argument_turns[a.id or ""] = a.source_turns
    ag, df = report.agreements, report.differences
    ag.agreement_points = v.stances("agreements", ag.agreement_points, titles, ids)
    ag.similar_viewpoints = v.stances("agreements", ag.similar_viewpoints, titles, ids)
    ag.unexpected_consensus = v.stances("agreements", ag.unexpected_consensus, titles, ids)
    df.different_viewpoints = v.stances("differences", df.different_viewpoints, titles, ids, True)
    df.unexpected_differences = v.stances("differences", df.unexpected_differences, titles, ids, True)
    df.partial_agreements = v.stances("differences", df.partial_agreements, titles, ids)
    v.symmetric(report)
    v.comments(report)
    for item in report.takeaways.action_items:
        if item.speaker is not None:
            real = v.resolve(item.speaker)
            v.check()
            if real != item.speaker:
                v.issue(
                    "takeaways",
                    item.text,
                    f"speaker {item.speaker!r} "
                    + (f"written as {real!r}" if real else "is not in the transcript; removed"),
                    "fixed",
                )
                item.speaker = real
    for q in report.follow_up_questions:
        q.speakers = v.speaker_list("follow_up_questions", q.question, q.speakers)
    v.prose(report)
    unknown = check_entities(v, report)
    report.verification = v.result
    r = v.result
    added = f" ({unknown} of them: names or figures in generated text that are not in the transcript)"
    note = (
        f"Verification: {r.checked} items checked against the transcript, {r.fixed} fixed, "
        f"{r.dropped} dropped, {r.flagged} flagged{added if unknown else ''}; {v.unsupported} speakers named in "
        f"agreements or differences without words of their own removed, {v.stances_dropped} "
        "such items dropped."
    )
    base = _VERIFICATION_NOTE.sub("", report.disclaimer or "").strip()
    report.disclaimer = f"{base} {note}".strip()
    return report
