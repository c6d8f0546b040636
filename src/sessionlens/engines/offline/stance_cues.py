"""Phrases that set one speaker's words against, or beside, another's in a conversation.

Kept apart from `cues` (the cues of claims and sections): these read replies. Each pattern
is matched case-insensitively against one sentence.
"""

from __future__ import annotations

import re

#: Disagreement a speaker states outright, with or without naming the other side.
OPPOSE = re.compile(
    r"\b(i (respectfully |strongly |would |must |have to )?disagree|(we|i) (do not|don['’]t) agree|"
    r"disagree with (that|this|the|your) (characterization|premise|assessment|statement)|"
    r"that['’]s not (quite )?(right|true|correct|accurate|fair)|that is not (quite )?(right|true|correct|"
    r"accurate|fair)|(is|are|was) not accurate|on the contrary|i see it differently|"
    r"with (all )?(due )?respect,|we (oppose|are opposed to|strongly oppose)|does not do the job|"
    r"(i|we) (would|'d) (push back|challenge|take issue))",
    re.I,
)

#: An answer of "no" to a yes/no question.
SAY_NO = re.compile(r"^(no\b(?![-\s]one)|not (really|at all)\b)", re.I)

#: An answer that declines what a question asked for ("we're not prepared to support it").
REFUSE = re.compile(
    r"\b((we|i)(['’]re| are| am|['’]m) not (prepared|ready|able|in a position|going) to|"
    r"(we|i) (can['’]t|cannot|won['’]t|will not|do not|don['’]t) (support|commit|endorse|share|agree))",
    re.I,
)

#: A question that puts an accusation to the other ("Why is it TikTok allowing …?", "Do you
#: have any doubt that …?"): an answer that does not accept it is a difference.
CHALLENGE = re.compile(
    r"^(\w+, )?(why (is|are|do|does|did|would|should|has|have)\b|do you have any doubt|how (can|could) you\b|"
    r"isn['’]t it (true|the case)|don['’]t you (think|agree)|wouldn['’]t you agree)",
    re.I,
)

#: The start of an answer that accepts what was put to it.
ACCEPT = re.compile(r"^(\w+, )?(yes|yeah|i agree|absolutely|certainly|of course|correct|that['’]s right)\b", re.I)

#: The asker's reply to an answer that did not answer ("I'll take that to be no").
ANSWER_REJECTED = re.compile(
    r"\b(take that (to be|as) (a )?no|if that were (working|true|the case|so)|"
    r"(that['’]s|that is) not (an answer|what i asked)|you (didn['’]t|did not|haven['’]t|have not) answer|"
    r"double ?speak)\b|^no, no\b",
    re.I,
)

#: Agreement said to the previous speaker without naming them.
ASSENT = re.compile(
    r"\b(i (fully |totally |completely |strongly )?agree with (you|that|the (senator|chair|minister|"
    r"ambassador|ranking member))|you['’]re (absolutely |quite |so )?right|i couldn['’]t agree more|"
    r"(we|i) (strongly |fully )?(support|endorse) (your|the chair['’]s|the senator['’]s))\b",
    re.I,
)

#: A reply that opens by endorsing the statement before it ("Exactly.", "Yeah, good idea.").
ENDORSE = re.compile(
    r"^((yeah|yes|yep|oh|okay|right|well),? )*(i agree|exactly|definitely|absolutely|true|that['’]s (true|right|"
    r"correct|a good (idea|point))|good (idea|point)|i think so too|me too|same here|sure)\b",
    re.I,
)

#: A question that asks for a yes or a no (support, agreement, a fact), not for an account.
POLAR = re.compile(
    r"^(\w+, )?(so, )?(do|does|did|will|would|are|is|was|were|can|could|should|have|has)\s+(you|your|they|"
    r"it|he|she|we)\b|\byes,? or no\b",
    re.I,
)

#: Capitalised names of things (bills, programmes, laws): "EARN IT Act", "Section 230".
NAMED_THING = re.compile(
    r"\b((?:[A-Z][A-Za-z]*|[A-Z]{2,})(?:[ -](?:[A-Z][A-Za-z]*|[A-Z]{2,}|of|for|and|\d+))*"
    r" (?:Act|Bill|Law|Agreement|Compact|Convention|Initiative|Programme|Program|Treaty|Fund|Plan)|"
    r"Section \d+|[A-Z]{3,}(?: [A-Z]{2,})*)\b"
)
