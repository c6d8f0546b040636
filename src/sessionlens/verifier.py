"""The `Verifier`: each check of `verify_report`, usable one by one, and what it found."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from .models import Argument, Position, Report, Stance, Transcript, Turn, Verification, VerificationIssue
from .normalize import name_key
from .verify_text import ELLIPSIS, SENTENCE, collapse, figures, spoken_figures, whole_words

FUZZY_MIN = 90.0  # quotes: the issue's threshold
POINT_MATCH_MIN = 85.0  # discussion point titles written slightly differently
Action = Literal["dropped", "fixed", "flagged"]


class Verifier:
    """The checks, usable one by one (the LLM engine checks extracted arguments before it
    writes prose from them); `result` accumulates what was checked, fixed and dropped."""

    def __init__(self, transcript: Transcript, prior: Verification | None = None) -> None:
        self.turns = [t.model_copy(update={"text": collapse(t.text)}) for t in transcript.turns]
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
            self.figures_of[t.speaker] |= spoken_figures(t.text)
        self.all_figures = set().union(*self.figures_of.values()) if self.figures_of else set()
        self.indices = {t.index for t in self.turns}
        self.result = prior.model_copy(deep=True) if prior is not None else Verification()
        self.unsupported = 0  # speakers removed from stance items for want of their own words
        self.stances_dropped = 0
        self.argument_titles: dict[str, str] = {}
        self.argument_turns: dict[str, list[int]] = {}

    # ------------------------------------------------------------------ bookkeeping

    def issue(self, section: str, item: str, problem: str, action: Action) -> None:
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
        frag = collapse(fragment).strip(" \"'“”‘’")
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
            best = (found.score, whole_words(t.text, found.dest_start, found.dest_end), t)
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
        for sentence in SENTENCE.split(a.evidence.strip()):
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
            positions: list[Position] = []
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
                if quote != collapse(p.quote or ""):
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
            fragments = [f for f in ELLIPSIS.split(c.quote) if f.strip(" \"'“”")]
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
            if quote != collapse(c.quote):
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
