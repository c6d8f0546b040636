"""The scripted server's "model": each answer built from the prompt it receives (sentences of
the transcript chunk, lines of the digest), so a good answer is grounded in the transcript and
a test can tell what verification must keep; `invent` adds what verification must drop."""

from __future__ import annotations

import itertools
import re
from typing import Any

INVENTED_SPEAKER = "Mallory Intruder"
INVENTED_QUOTE = "We will abolish every border by next Tuesday."
INVENTED_FIGURE = "987654"
INVENTED_ORG = "Oceanic Harvest Alliance"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _transcript_lines(user: str) -> list[tuple[int, str, str]]:
    m = re.search(r"<transcript>\n(.*?)\n</transcript>", user, re.S)
    out = []
    for line in m.group(1).splitlines() if m else []:
        lm = re.match(r"\[(\d+)\] ([^:]+): (.*)", line)
        if lm:
            out.append((int(lm.group(1)), lm.group(2), lm.group(3)))
    return out


def _digest(user: str, pattern: str) -> list[re.Match[str]]:
    section = user.split("\n\n")[-1]
    return [m for m in (re.match(pattern, line) for line in section.splitlines()) if m]


def answer_for(stage: str, user: str, *, invent: bool, obey: bool) -> dict[str, Any]:
    user = user.split("\n\nAnswer with one JSON object that matches this JSON Schema")[0]
    if stage == "arguments":
        return _arguments(user, invent=invent or obey)
    if stage == "ask":
        return _ask(user, invent=invent)
    items = _digest(user, r"#(\d+) \[([^\]]+)\] ([^:]*)")
    evidence = _digest(user, r"- \[([^\]]+)\] (.*)")
    if stage == "discussion_points":
        topics = re.search(r"topics from this list: (.*)\.", user)
        first_topic = topics.group(1).split(", ")[0] if topics else None
        points = [
            {"title": f"Theme {k}: {it.group(3)[:40]}", "description": it.group(3)} for k, it in enumerate(items[:3], 1)
        ]
        return {
            "points": points,
            "assignments": [
                {
                    "argument": int(it.group(1)),
                    "point": (k % max(1, len(points))) + 1,
                    "topics": [first_topic] if first_topic else [],
                }
                for k, it in enumerate(items)
            ],
        }
    if stage == "stances":
        return _stances(user, items)
    if stage == "takeaways":
        return {
            "key_takeaways": [e.group(2)[:200] for e in evidence[:3]],
            "action_items": [{"text": e.group(2)[:150], "speaker": e.group(1)} for e in evidence[:1]],
            "unresolved_issues": [],
            "compromises": [],
        }
    if stage == "comments":
        quotes = _digest(user, r"Q(\d+) \[([^\]]+)\]")
        return {
            "comments": [
                {"quote": int(q.group(1)), "reason": "It frames the debate.", "impact": "Others returned to it."}
                for q in quotes[:3]
            ],
            "assessment": "The comments were pointed.",
        }
    if stage == "questions":
        return {
            "questions": [
                {
                    "question": f"How will {it.group(2)} follow up on this?",
                    "speakers": [it.group(2)],
                    "explanation": it.group(3)[:200],
                }
                for it in items[:2]
            ]
        }
    if stage == "glance":
        paragraphs = [e.group(2) for e in evidence[:5]] or ["The session was short."]
        return {"summary": paragraphs, "purpose": "To exchange views.", "tone": "Constructive throughout."}
    if stage == "narrative":
        body = "\n".join(f"- {e.group(1)}: {e.group(2)}" for e in evidence)
        return {
            "sections": [
                {"heading": "Executive summary", "text": body},
                {"heading": "Conclusion", "text": "To be continued."},
            ]
        }
    return {}


def _stances(user: str, items: list[re.Match[str]]) -> dict[str, Any]:
    """Agreement: the first two neighbouring arguments of different speakers, each with its
    own quote. Difference: a question in the exchanges answered with a refusal, quoting both
    turns (else the next pair of arguments)."""
    quotes = {int(it.group(1)): q.group(1) for it in items if (q := re.search(r': "(.*)"$', it.group(0)))}
    pairs = [(a, b) for a, b in itertools.pairwise(items) if a.group(2) != b.group(2)]

    def position(it: re.Match[str], side: int) -> dict[str, Any]:
        n = int(it.group(1))
        return {"speaker": it.group(2), "quote": quotes.get(n, it.group(3)), "turn": None, "argument": n, "side": side}

    def stance(a: re.Match[str], b: re.Match[str], point: str, opposed: bool) -> dict[str, Any]:
        return {
            "point": point,
            "positions": [position(a, 1), position(b, 2 if opposed else 1)],
            "summary": f"{a.group(2)} and {b.group(2)} both spoke to this.",
            "explanation": None,
        }

    exchanges = user.split("Exchanges:\n", 1)[-1].split("\n\nArguments:", 1)[0].splitlines()
    turns = [m for m in (re.match(r"\[(\d+)\] ([^:]+): (.*)", x) for x in exchanges) if m]
    differences = []
    for q, a in itertools.pairwise(turns):
        asked = [x for x in _SENTENCE.split(q.group(3)) if x.endswith("?")]
        if asked and q.group(2) != a.group(2) and re.match(r"No\b", a.group(3)):
            differences.append(
                {
                    "point": "Withdrawal of the amendment",
                    "positions": [
                        {
                            "speaker": q.group(2),
                            "quote": asked[-1],
                            "turn": int(q.group(1)),
                            "argument": None,
                            "side": 1,
                        },
                        {
                            "speaker": a.group(2),
                            "quote": _SENTENCE.split(a.group(3))[0],
                            "turn": int(a.group(1)),
                            "argument": None,
                            "side": 2,
                        },
                    ],
                    "summary": f"{a.group(2)} refused what {q.group(2)} asked.",
                    "explanation": None,
                }
            )
    if not differences and len(pairs) > 1:
        differences.append(stance(*pairs[1], "Different emphasis", True))
    return {
        "agreement_points": [stance(*pairs[0], "Shared view", False)] if pairs else [],
        "similar_viewpoints": [],
        "unexpected_consensus": [],
        "agreement_assessment": "Speakers agreed on some points.",
        "consensus_level": "Moderate",
        "different_viewpoints": differences,
        "unexpected_differences": [],
        "partial_agreements": [],
        "disagreement_assessment": "Few differences.",
        "disagreement_level": "Low",
    }


def credit_invented_org(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with an organisation no transcript names added to its first explanation."""
    for items in answer.values():
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and "explanation" in item:
                item["explanation"] = f"{item['explanation'] or ''} The {INVENTED_ORG} endorsed this view."
                return answer
    return answer


def _arguments(user: str, *, invent: bool) -> dict[str, Any]:
    args = []
    per_speaker: dict[str, int] = {}
    for index, speaker, text in _transcript_lines(user):
        if per_speaker.get(speaker, 0) >= 2:
            continue
        sentences = [s for s in _SENTENCE.split(text) if len(s.split()) >= 5]
        if not sentences:
            continue
        per_speaker[speaker] = per_speaker.get(speaker, 0) + 1
        title = max(sentences[:6], key=len)[:200]
        figure = next((s for s in sentences if re.search(r"\d", s)), None)
        args.append(
            {
                "speaker": speaker,
                "title": title,
                "explanation": sentences[0][:300],
                "evidence": figure,
                "quote": title,
                "turns": [index],
            }
        )
    if invent and args:  # first, so that no maxItems cut can hide them
        real = args[0]["speaker"]
        args[:0] = [
            {
                "speaker": INVENTED_SPEAKER,
                "title": "Borders must go.",
                "explanation": "An invented claim.",
                "evidence": None,
                "quote": INVENTED_QUOTE,
                "turns": [],
            },
            {
                "speaker": real,
                "title": "Budgets rose sharply.",
                "explanation": "An invented figure.",
                "evidence": f"Budgets rose by {INVENTED_FIGURE} dollars last year.",
                "quote": INVENTED_QUOTE,
                "turns": [],
            },
        ]
    return {"arguments": args}


def _ask(user: str, *, invent: bool) -> dict[str, Any]:
    """`ask`: one sentence per passage (the first three), quoting its first sentence."""
    sentences = []
    for m in re.finditer(r"^\[P(\d+)\] ([^(:]+?)(?: \([^)]*\))?: (.*)$", user, re.M):
        first = _SENTENCE.split(m.group(3))[0]
        sentences.append({"text": f"{m.group(2)} said: \u201c{first}\u201d", "citations": [int(m.group(1))]})
    sentences = sentences[:3]
    if invent and sentences:  # an invented quote, and a citation of a passage never shown
        sentences.insert(
            0, {"text": f"They said \u201c{INVENTED_QUOTE}\u201d", "citations": [sentences[0]["citations"][0]]}
        )
        sentences.append({"text": "Everyone agreed on everything.", "citations": [99]})
    return {"sentences": sentences}


# --------------------------------------------------------------------------- HTTP
