"""What every renderer shows, in order: a read-only view of a Report.

Renderers never compute analysis; this module only arranges what the Report holds
(speaker order, which sections have content, suspects by turn) so that the HTML,
Markdown, text and DOCX layouts agree on what is shown and what is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import (
    Argument,
    AttributionSuspect,
    Report,
    Speaker,
    SpeakerStats,
    Stance,
    Turn,
)

#: What readers see where a section exists but one of its parts is empty.
NONE_IDENTIFIED = "None identified."
#: Shown where the input names no speakers (captions): nothing is credited to one person.
NO_ATTRIBUTION = (
    "No speaker attribution exists in this input (captions without speaker names): "
    "per-speaker sections are left out."
)


#: Roles that name a part in the conversation rather than a title: shown in lower case.
GENERIC_ROLES = frozenset({
    "interviewer", "interviewee", "moderator", "host", "co-host", "guest", "panelist", "panellist",
    "speaker", "participant", "audience", "presenter", "facilitator", "chair", "respondent", "discussant",
})


@dataclass(frozen=True)
class SpeakerBlock:
    """One speaker with their statistics and arguments."""

    speaker: Speaker
    stats: SpeakerStats | None
    arguments: list[Argument]
    anchor: str

    @property
    def name(self) -> str:
        return self.speaker.name

    @property
    def role_line(self) -> str:
        """Role and affiliation as one line ('' when neither is known).

        A role that repeats the name is dropped ("Interviewer – Interviewer"), and a generic
        part in a conversation reads in lower case ("Stephen Ibaraki – interviewer").
        """
        parts = [p for p in (self.speaker.role, self.speaker.affiliation) if p and p.lower() != self.name.lower()]
        return ", ".join(p.lower() if p.lower() in GENERIC_ROLES else p for p in parts)


@dataclass(frozen=True)
class Section:
    """A top-level section: its anchor id and heading."""

    id: str
    title: str


@dataclass
class ReportView:
    """The parts of a Report that renderers lay out."""

    report: Report
    title: str
    when: str | None
    blocks: list[SpeakerBlock]
    suspects: dict[int, list[AttributionSuspect]]
    sections: list[Section] = field(default_factory=list)
    attribution_note: str | None = None

    # ---------------------------------------------------------------- helpers
    @property
    def info(self):  # -> SessionInfo
        return self.report.transcript.info

    @property
    def listed(self) -> list[SpeakerBlock]:
        return [b for b in self.blocks if b.speaker.listed]

    @property
    def additional(self) -> list[SpeakerBlock]:
        return [b for b in self.blocks if not b.speaker.listed]

    @property
    def with_stats(self) -> list[SpeakerBlock]:
        return [b for b in self.blocks if b.stats is not None]

    @property
    def any_estimated(self) -> bool:
        """True where any time or speed shown is an estimate, not a measurement."""
        return any(b.stats.estimated for b in self.with_stats if b.stats.seconds is not None)

    @property
    def keypoints(self):  # -> list[DiscussionPoint]
        g = self.report.glance
        return g.keypoints or self.report.discussion_points

    def anchor_of(self, name: str) -> str | None:
        return next((b.anchor for b in self.blocks if b.name == name), None)

    def turn_label(self, turn: Turn) -> str:
        """A turn's time as shown: measured 'MM:SS', or empty where unknown/estimated."""
        from .formatting import clock

        if turn.start is None or turn.time_estimated:
            return ""
        return clock(turn.start)

    def has(self, section: str) -> bool:
        return any(s.id == section for s in self.sections)


def _stances_empty(*groups: list[Stance]) -> bool:
    return all(not g for g in groups)


def _when(report: Report) -> str | None:
    info = report.transcript.info
    if not info.date:
        return None
    if info.start_time and info.end_time:
        return f"{info.date} {info.start_time}h - {info.end_time}h"
    return info.date


def _shown_stats(s: SpeakerStats, timed: bool) -> SpeakerStats:
    """Without timestamps a speed is words ÷ a time shared out by words: the same for everyone
    by construction, so it is shown as unknown ("–"); the time stays, marked as an estimate."""
    return s if timed or not s.estimated else s.model_copy(update={"wpm": None})


def build_view(report: Report) -> ReportView:
    """Arrange `report` for rendering: speaker blocks, suspects by turn, present sections."""
    tr = report.transcript
    stats = {s.name: _shown_stats(s, tr.has_timestamps) for s in report.stats}
    names = [s.name for s in tr.speakers]
    speakers = list(tr.speakers)
    # Speakers heard or argued for but missing from the list still get a block.
    for name in [s.name for s in report.stats] + [a.speaker for a in report.arguments]:
        if name not in names:
            names.append(name)
            speakers.append(Speaker(name=name, listed=False))
    blocks = [
        SpeakerBlock(
            speaker=sp,
            stats=stats.get(sp.name),
            arguments=report.arguments_of(sp.name),
            anchor=f"speaker-{i + 1}",
        )
        for i, sp in enumerate(speakers)
    ]
    suspects: dict[int, list[AttributionSuspect]] = {}
    for s in tr.suspects:
        suspects.setdefault(s.turn_index, []).append(s)

    view = ReportView(
        report=report,
        title=tr.info.title or "Untitled session",
        when=_when(report),
        # without attribution there are no speakers to show, only the session's words
        blocks=blocks if tr.info.attributed else [],
        suspects=suspects,
        attribution_note=None if tr.info.attributed else NO_ATTRIBUTION,
    )
    view.sections = _sections(report, view)
    return view


def _sections(report: Report, view: ReportView) -> list[Section]:
    ag, df, tk = report.agreements, report.differences, report.takeaways
    present = [
        # The glance is always shown: it carries the speakers list.
        ("glance", "Session at a glance", True),
        ("statistics", "Speaking time and speed", bool(report.stats) and report.transcript.info.attributed),
        ("report", "Full session report", bool(report.narrative)),
        (
            "speakers",
            "Per-speaker analysis",
            bool(view.blocks) and (bool(report.arguments) or any(b.stats for b in view.blocks)),
        ),
        (
            "agreements",
            "Agreements",
            not _stances_empty(ag.agreement_points, ag.similar_viewpoints, ag.unexpected_consensus)
            or bool(ag.assessment or ag.consensus_level),
        ),
        (
            "differences",
            "Differences",
            not _stances_empty(
                df.different_viewpoints, df.unexpected_differences, df.partial_agreements
            )
            or bool(df.assessment or df.disagreement_level),
        ),
        (
            "takeaways",
            "Takeaways",
            bool(tk.key_takeaways or tk.action_items or tk.unresolved_issues or tk.compromises),
        ),
        ("comments", "Thought-provoking comments", bool(report.comments)),
        ("questions", "Follow-up questions", bool(report.follow_up_questions)),
        ("transcript", "Session transcript", bool(report.transcript.turns)),
        (
            "verification",
            "Verification",
            report.verification is not None
            and bool(report.verification.checked or report.verification.issues),
        ),
        ("about", "About this report", True),
    ]
    return [Section(id=i, title=t) for i, t, shown in present if shown]
