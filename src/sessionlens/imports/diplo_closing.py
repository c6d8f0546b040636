"""The closing sections of a DiploAI report: takeaways, thought-provoking comments,
follow-up questions and the disclaimer."""

from __future__ import annotations

from ..models import ActionItem, Comment, FollowUpQuestion, Takeaways
from ..normalize import name_key
from .diplo_base import ReportParser
from .records import Line, parse_records, strip_marker

#: The closing line SessionLens's text renderer adds after the disclaimer.
_COLOPHON = "Made by "


class ClosingSections(ReportParser):
    """Parses what follows the agreements and differences."""

    def _action(self, text: str) -> ActionItem:
        """'Name: commitment' when Name is a speaker of the session, else the text alone."""
        name, sep, rest = text.partition(": ")
        if sep and rest and name_key(name) in self.canon:
            return ActionItem(text=rest.strip(), speaker=self.canon[name_key(name)])
        return ActionItem(text=text)

    def takeaways(self, lines: list[Line]) -> Takeaways:
        names = {
            "key takeaways": "key",
            "resolutions and action items": "actions",
            "action items": "actions",
            "unresolved issues": "unresolved",
            "suggested compromises": "compromises",
            "compromises": "compromises",
        }
        out = Takeaways()
        for key, part in self._subsections(lines, names, "Takeaways"):
            items = [strip_marker(x.text) for x in part]
            if key == "key":
                out.key_takeaways += items
            elif key == "actions":
                out.action_items += [self._action(x) for x in items]
            elif key == "unresolved":
                out.unresolved_issues += items
            else:
                out.compromises += items
        return out

    def disclaimer(self, lines: list[Line]) -> str | None:
        """'Disclaimer: text' (DiploAI) or a 'Disclaimer' heading and its lines (SessionLens,
        whose generated closing line is not part of the report's disclaimer)."""
        texts = [x.text for x in lines]
        if texts and texts[0] == "Disclaimer":
            texts = texts[1:]
        if texts and texts[-1].startswith(_COLOPHON):
            texts = texts[:-1]
        text = " ".join(texts).removeprefix("Disclaimer:").strip()
        return text or None

    def comments(self, lines: list[Line]) -> tuple[list[Comment], str | None]:
        section = "Thought provoking comments"
        at = next((k for k, x in enumerate(lines) if x.text == "Overall assessment"), len(lines))
        records = parse_records(
            lines[:at],
            source=self.name,
            section=section,
            one={"Speaker", "Reason", "Impact"},
            many=set(),
            openers={"Speaker"},
        )
        out = []
        for r in records:
            speaker = r.one("Speaker")
            if speaker is None:
                raise self.error(section, r.line, f"quote {(r.head or '')[:40]!r} has no Speaker")
            out.append(
                Comment(
                    quote=r.head or "",
                    speaker=self.speaker(speaker),
                    reason=r.one("Reason"),
                    impact=r.one("Impact"),
                )
            )
        assessment = "\n\n".join(x.text for x in lines[at + 1 :]) or None
        return out, assessment

    def questions(self, lines: list[Line]) -> list[FollowUpQuestion]:
        section = "Follow-up questions"
        records = parse_records(
            lines,
            source=self.name,
            section=section,
            one={"Explanation"},
            many={"Speaker", "Speakers"},
            openers={"Speaker", "Speakers"},
        )
        out = []
        for r in records:
            names = r.many("Speaker") + r.many("Speakers")
            if not names:
                raise self.error(section, r.line, f"question {(r.head or '')[:40]!r} has no Speaker")
            out.append(
                FollowUpQuestion(
                    question=r.head or "",
                    speakers=[self.speaker(x) for x in names],
                    explanation=r.one("Explanation"),
                )
            )
        return out
