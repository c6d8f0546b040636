"""The report's other sections: discussion points, takeaways, comments, questions, the glance."""

from __future__ import annotations

from pydantic import Field

from .base import _Model


class DiscussionPoint(_Model):
    """A session-level theme (keypoint / major discussion point)."""

    id: str | None = Field(default=None, description="Stable id within the report, e.g. 'point-1'.")
    title: str
    description: str | None = None


class ActionItem(_Model):
    """A commitment or resolution, with who made it where known."""

    text: str
    speaker: str | None = None


class Takeaways(_Model):
    key_takeaways: list[str] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    unresolved_issues: list[str] = Field(default_factory=list)
    compromises: list[str] = Field(default_factory=list)


class Comment(_Model):
    """A thought-provoking comment: a verbatim quote (fragments joined by '…')."""

    quote: str
    speaker: str
    reason: str | None = None
    impact: str | None = None


class FollowUpQuestion(_Model):
    question: str
    speakers: list[str] = Field(default_factory=list)
    explanation: str | None = None


class Glance(_Model):
    """Session at a glance."""

    summary: str | None = Field(default=None, description="4-6 paragraphs separated by blank lines.")
    keypoints: list[DiscussionPoint] = Field(default_factory=list)
    purpose: str | None = None
    tone: str | None = None
    topics: list[str] = Field(
        default_factory=list,
        description="The few taxonomy issues the whole session is about, 'Basket › Issue', best first.",
    )
