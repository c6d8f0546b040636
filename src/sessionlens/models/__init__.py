"""The one data model every stage takes and returns.

Transcript side (ingest, normalise, stats) and report side (engines, verify, render) live
together so that a report JSON always carries the transcript it was made from. All analysis
sections are optional: an engine fills what it can, renderers hide the rest. The modules hold
the types by what they describe; every name is importable from here.
"""

from __future__ import annotations

from .arguments import Argument, Relation
from .base import MIGRATES_FROM, SCHEMA_VERSION
from .meta import ReportMeta, StageUsage, Verification, VerificationIssue
from .migrate import migrate, paired_relations
from .report import PairKind, Report, report_schema, schema_json
from .sections import ActionItem, Comment, DiscussionPoint, FollowUpQuestion, Glance, Takeaways
from .stances import Agreements, Differences, Position, Stance
from .transcript import AttributionSuspect, SessionInfo, Speaker, SpeakerMerge, SpeakerStats, Transcript, Turn, Word

__all__ = [
    "MIGRATES_FROM",
    "SCHEMA_VERSION",
    "ActionItem",
    "Agreements",
    "Argument",
    "AttributionSuspect",
    "Comment",
    "Differences",
    "DiscussionPoint",
    "FollowUpQuestion",
    "Glance",
    "PairKind",
    "Position",
    "Relation",
    "Report",
    "ReportMeta",
    "SessionInfo",
    "Speaker",
    "SpeakerMerge",
    "SpeakerStats",
    "StageUsage",
    "Stance",
    "Takeaways",
    "Transcript",
    "Turn",
    "Verification",
    "VerificationIssue",
    "Word",
    "migrate",
    "paired_relations",
    "report_schema",
    "schema_json",
]
