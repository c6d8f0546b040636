"""Which transcript sentences may stand as a claim: complete declarative sentences of substance.

A claim has a subject and a finite verb, 6-40 words, and ends like a finished sentence. It is
not a question, a greeting or thanks, an introduction of another speaker, a chairing line
("I recognize…", "I yield", "without objection") or addressed small talk. Each test is a
general English pattern, so the same rules hold for hearings, UN debates and panels.
"""

from __future__ import annotations

import re

MIN_WORDS, MAX_WORDS = 6, 40
SMALL_TALK_WORDS = 12  # "I'm sure he had a good job." is small talk; a longer sentence may argue

# Cut off mid-clause: a trailing comma, dash, ellipsis, or a word that cannot end a sentence.
_FRAGMENT_END = re.compile(
    r"(?:[,;:(]|-{2,}|[—–]|\.\.\.|…|\b(?:and|or|but|so|because|that|which|who|whose|the|a|an|of|to|"
    r"with|for|in|on|at|by|from|if|than|as|into|about|our|my|their|your|its|is|are|was|were|"
    r"we|i|they|you|not|also|like|such|very|more|most|this|these|those|whether|when|while|"
    r"where|how|what|between|both|either)\s*)[\"'”’)]*$",
    re.I,
)

# A finite verb: an auxiliary, modal or copula, or a pronoun subject followed by a word.
_FINITE = re.compile(
    r"\b(?:am|is|are|was|were|has|have|had|do|does|did|will|would|shall|should|can|could|may|"
    r"might|must|need|needs|[a-z]+(?:n't|n’t|'s|'re|'m|'ve|'ll|'d|’s|’re|’m|’ve|’ll|’d)|(?-i:[a-z]{3,}ed)|(?:go|goes|come|comes|make|makes|mean|means|give|gives|take|takes|show|shows|"
    r"work|works|help|helps|remain|remains|become|becomes|seem|seems|exist|exists|matter|matters|"
    r"require|requires|allow|allows|enable|enables|include|includes|provide|provides|affect|affects|"
    r"depend|depends|happen|happens|lead|leads|bring|brings|create|creates|support|supports|"
    r"believe|think|know|see|want|say|says|get|gets)|(?:i|we|they|you|he|she|it|this|that|there|which|who|everyone|people|nobody)\s+[a-z]{3,})\b",
    re.I,
)

GREETING = re.compile(
    r"^(?:\W*)(?:good (?:morning|afternoon|evening)|hello|hi|dear|welcome|greetings)\b|"
    r"\b(?:thank(?:s| you)?\b|i(?:'m| am) (?:grateful|delighted|pleased|happy|glad|honou?red) "
    r"(?:to|for)|(?:a|my|our) (?:real |great |special |distinct )?(?:pleasure|privilege|honou?r) (?:to|for)|"
    r"i appreciate (?:the|this) "
    r"opportunity|congratulat\w+|it is our honou?r)\b",
    re.I,
)

# Introducing someone else (or oneself) instead of arguing.
INTRODUCTION = re.compile(
    r"\b(?:we (?:also )?have (?:with us )?(?:(?-i:[A-Z])\w+|our|the (?:next|last))|joining us|"
    r"joins us|(?:is|are) (?:up )?next\b|let me introduce|i(?:'d| would) like to (?:welcome|"
    r"introduce|invite|call (?:on|upon))|please welcome|(?:our|the) (?:next|first|last|final) "
    r"(?:speaker|panel(?:l)?ist|guest|witness)|my name is|we welcome \w+ witness|i(?:'ll| will) "
    r"introduce|(?:the|our) (?:co-founder|founder|ceo|director[- ]general|secretary[- ]general|"
    r"deputy secretary[- ]general|executive director|president|minister) of (?:the )?(?-i:[A-Z]))",
    re.I,
)

# Chairing: recognising, yielding, handing over, ordering the proceedings.
CHAIRING = re.compile(
    r"\b(?:recogni[sz]es? (?:senator|mr\b|ms\b|mrs\b|dr\b|ranking|the (?:ranking|gentle|senator))|"
    r"(?:we(?:'ll| will| are going to)|i(?:'ll| will| am going to|'m going to)) (?:also )?hear (?:\w+ ){0,3}from|"
    r"i yield|yield (?:back|the (?:rest|remainder|balance)|my time)|turn (?:it )?(?:over )?to "
    r"(?:my|our|the|senator|mr|ms|mrs|dr|[A-Z])|without objection|next speaker|"
    r"(?:his|her|their|your) (?:\d+|five|seven|ten) minutes|(?:\d+|five|seven|ten) minutes each|"
    r"come to order|(?:is|are|stand) adjourned|in recess|rounds? of questions|the chair "
    r"(?:recogni[sz]es|calls)|i call (?:on|upon)|over to you|floor (?:is yours|to)|give (?:you )?"
    r"the floor|hand (?:it )?(?:back )?over|let me (?:now )?(?:turn|go|move|come) (?:to|back)|"
    r"(?:my|the) (?:first|next|last|final) question|(?:let's|let us|i(?:'ll| will)|we(?:'ll| will)) "
    r"(?:now )?(?:move on|go into|go to|turn to|start with|begin with|hear from|open the floor)|"
    r"(?:time|your time) (?:has|is) (?:expired|up)|for the record|the record will|"
    r"i(?:'ll| will) take that (?:to be|as) (?:a )?(?:no|yes))",
    re.I,
)

# Addressed small talk: short replies and pleasantries that carry no position.
SMALL_TALK = re.compile(
    r"^(?:\W*)(?:(?:yes|no|okay|ok|right|sure|absolutely|exactly|of course|indeed|great|"
    r"wonderful|fantastic|excellent|well)\b[\s,.!]*(?:senator|chair(?:man)?|sir|madam)?[\s,.!]*$|"
    r"(?:i(?:'m| am) (?:aware|sure|not sure|sorry))\b)|"
    r"\b(?:how are you|nice to (?:see|meet)|good to (?:see|be)|great to (?:see|be|have)|"
    r"happy to be (?:here|with)|you(?:'re| are) (?:welcome|right)|bear with me|can you hear)\b",
    re.I,
)

_WORD = re.compile(r"\S+")
# "And how we can help those populations…": an indirect question without its main clause.
_WH_CLAUSE = re.compile(r"^(?:(?:and|so|but|or)\s*,?\s+)?(?:how|why|whether)\b(?!.*\?)", re.I)


def words(text: str) -> int:
    return len(_WORD.findall(text))


def plain(text: str) -> str:
    """Curly apostrophes as straight ones, so one pattern matches both spellings."""
    return text.replace("’", "'").replace("‘", "'")


def is_fragment(text: str) -> bool:
    """Cut off mid-clause, starting mid-clause (lower case), or without a subject and finite verb."""
    body = plain(text).strip().lstrip("\"'“(")
    return (
        not body
        or body[0].islower()
        or bool(_FRAGMENT_END.search(body))
        or not _FINITE.search(body)
        or bool(_WH_CLAUSE.match(body))
    )


def is_question(text: str) -> bool:
    return text.rstrip("\"'”’) ").endswith("?")


def rejection(text: str) -> str | None:
    """Why `text` cannot be a claim (a short reason), or None when it can."""
    text = plain(text)
    if is_question(text):
        return "question"
    if is_fragment(text):
        return "fragment"
    for reason, pattern in (("chairing", CHAIRING), ("introduction", INTRODUCTION), ("greeting", GREETING)):
        if pattern.search(text):
            return reason
    if SMALL_TALK.search(text) and words(text) < SMALL_TALK_WORDS:
        return "small talk"
    if not MIN_WORDS <= words(text) <= MAX_WORDS:
        return "length"  # last: a complete sentence of any length may still support a claim
    return None


def is_claim(text: str) -> bool:
    """A complete declarative sentence of substance (see the module docstring)."""
    return rejection(text) is None


def is_procedural_line(text: str) -> bool:
    """Chairing, greeting or introduction: never an item of any list section."""
    return any(p.search(plain(text)) for p in (CHAIRING, INTRODUCTION, GREETING))
