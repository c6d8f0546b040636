"""Lexical cues shared by the extractive steps (procedure, claims, contrast, commitments…).

Cues are general English discourse markers, not words of one session: they decide what
kind of sentence something is, while embeddings decide what it is about.
"""

from __future__ import annotations

import re

# Chairing and courtesy: thanks, welcomes, giving the floor, housekeeping.
PROCEDURAL = re.compile(
    r"\b(thank(s| you)|welcome|good (morning|afternoon|evening)|ladies and gentlemen|"
    r"excellenc(y|ies)|colleagues|give (you )?the floor|over to you|floor is yours|"
    r"(i('ll| will| would like to)|let me|let's|we('ll| will)) (now )?(turn|move|go|pass|invite|"
    r"introduce|call|hand|come back|go back|start|begin|close|wrap)|next speaker|"
    r"(our|the) (next|last|first) (speaker|panel(l)?ist|question)|microphone|on mute|"
    r"can you hear|round of applause|(my|the) question (to|for) you|i('d| would) like to ask|"
    r"pleasure to|honou?red to|privilege to|it's great to (see|have)|bear with me|"
    r"apologi[sz]e|sorry|please)\b",
    re.I,
)

# Handing over the floor: procedure whatever the sentence length.
FLOOR = re.compile(
    r"\b(hand (the floor )?over to|give (you )?the floor|the floor (is yours|to)|over to you|"
    r"next speaker|ladies and gentlemen|without further ado|join me in)\b",
    re.I,
)

# A claim: stance, obligation, evaluation or causal language.
CLAIM = re.compile(
    r"\b(must|should|need(s|ed)? to|have to|has to|essential|critical|crucial|important|"
    r"key|vital|require[sd]?|necessary|cannot|can't|will|could|believe|think|argue|"
    r"fundamental|priority|challenge|opportunit(y|ies)|risk|because|therefore|means|"
    r"ensure|help|enable|allow)\b",
    re.I,
)

# Contrast, concession and negation: what separates different viewpoints.
CONTRAST = re.compile(
    r"\b(but|however|although|though|whereas|rather than|instead|on the other hand|"
    r"on the contrary|not|no|never|nor|cannot|can't|don't|doesn't|isn't|aren't|won't|"
    r"disagree|differ|unlike|yet|despite|concern(ed)?|caution|careful)\b",
    re.I,
)

# Explicit agreement with someone else.
AGREE = re.compile(
    r"\b(i (fully |totally |completely |strongly )?(agree|concur)|i share|as (?!i\b|we\b)\w+ (said|mentioned|"
    r"noted|pointed out|rightly)|(you're|you are|he's|she's|\w+ is) (absolutely |completely |"
    r"quite |so )?(right|correct)|to echo|echoing|building on|i second)\b",
    re.I,
)

# Explicit disagreement.
DISAGREE = re.compile(
    r"\b(i (respectfully |strongly |would )?disagree|i('m| am) not (so )?sure (that|i agree)|"
    r"i (would|'d) (push back|challenge|take issue)|that's not (quite )?(right|true|correct)|"
    r"on the contrary|i see it differently|i don't (think|agree|believe) that)\b",
    re.I,
)

# Setting a position against another one without naming anyone: rejecting a role, an
# answer or an approach ("that's not our job", "rather than", "will never be"). Discourse
# contrast inside one's own argument ("on the other hand", "but") is deliberately absent.
REJECT = re.compile(
    r"\b(not (our|the|my|their) (job|role|answer|solution|way|task|business|place)|"
    r"(that|this|it)(['’]s| is) not (what|where|how|why|the)|is not the (answer|solution|way)|"
    r"(will|would|should|can) (be )?never|never be|rather than|instead of|push back|"
    r"(i|we) (don['’]t|do not) (think|believe) (that|we|it)|we (should|must) not|we shouldn['’]t|"
    r"not so sure|misguided|a mistake|the wrong)\b",
    re.I,
)

# Commitments: who will do what (action items).
COMMIT = re.compile(
    r"\b((we|i|our \w+)( will|'ll|’ll| are going to| are launching| have launched| are committed to|"
    r" commit(ted)? to| plan to| intend to| aim to| are working (on|to)| are developing| are "
    r"building| are planning| pledge| are trying to| are ready to| are prepared to| would continue| will continue"
    r")|will be launch(ed|ing)|(we are|we're|we’re) (launching|rolling "
    r"out|scaling up|organi[sz]ing|convening|hosting|setting up)|our (goal|target|aim|ambition|plan) is|"
    r"what (we|i) (are|am) (trying|going|planning) to do|(is|are) now (the )?(secretariat|launching|leading|"
    r"hosting|coordinating)|by (20\d\d|the end of))\b",
    re.I,
)

# Open problems: gaps, unknowns, unsolved questions.
OPEN_ISSUE = re.compile(
    r"\b(gap|lack(s|ing)?|missing|not (yet|enough|sufficient|adequate(ly)?)|remain(s)? (a |an )?"
    r"(challenge|problem|issue|open|unclear|unresolved)|unresolved|we don't (yet )?know|"
    r"the (big |key |real |open )?question (is|remains)|how (do|can|should) we|unclear|"
    r"no one knows|barrier|bottleneck|fragment(ed|ation)|divide|no mention|neglect(ed)?|diverg(ing|ent|e)|"
    r"(don['’]t|do not|doesn['’]t|does not) have (access|the|enough)|without access|left behind|"
    r"could (really )?(raise|worsen|widen|increase|undermine|deepen)|(the|a) (real |big |main )?problem is|"
    r"not (being )?(addressed|covered|solved))\b",
    re.I,
)


def open_issue(text: str) -> re.Match[str] | None:
    """The first gap or open problem named in `text`: in lower case or opening the sentence
    ("missing data", "The question is…"), not inside a name ("Missing and Exploited Children")."""
    return next((m for m in OPEN_ISSUE.finditer(text) if m.group(0)[:1].islower() or m.start() == 0), None)


# Middle ground: balancing, combining, trade-offs.
COMPROMISE = re.compile(
    r"\b(balanc(e|ing)|trade-?offs?|compromise|middle ground|both .{1,60} and|not only .{1,60} "
    r"but (also)?|at the same time|combin(e|ing)|mix of|while (also|still|ensuring|protecting)|"
    r"without (losing|sacrificing|stifling)|rather than|complement)\b",
    re.I,
)

# Evidence: figures, studies, named programmes, examples.
FIGURE = re.compile(
    r"\d|\b(percent|per cent|million|billion|thousand|hundred|half|double|triple|tripling|"
    r"doubl(ed|ing)|twice|quarter|third)\b",
    re.I,
)
STUDY = re.compile(
    r"\b(stud(y|ies)|research|report|survey|simulation|analysis|data (show|shows|suggest)|"
    r"evidence|found that|findings|index|estimate[sd]?)\b",
    re.I,
)
EXAMPLE = re.compile(
    r"\b(for example|for instance|such as|e\.g\.|like the|case of|in (kenya|india|africa|"
    r"asia|europe|latin america)|initiative|programme|program|project|platform|launched|pilot)\b",
    re.I,
)

# Forward-looking needs: follow-up questions and research needs.
NEED_TO_KNOW = re.compile(
    r"\b(we need to (understand|know|explore|look at|think about|find out|ask)|more research|"
    r"further (research|work|study|discussion)|need(s)? (more|further) |it remains to be seen|"
    r"the question (is|remains)|open question|how (do|can|should|will) we|what (do|can|should|"
    r"will) we)\b",
    re.I,
)

_DISCOURSE_OPENER = re.compile(
    r"^((so|and|but|well|now|also|then|okay|ok|yes|yeah|right|indeed|of course|you know|"
    r"i mean|look|again|actually|basically|i think|i believe|i would say|in my (view|opinion)|"
    r"senator|chair(man|woman)?|ranking member( \w+)?|madam chair|first(ly)?|second(ly)?|third(ly)?|"
    r"finally|number (one|two|three))\s*[,.:]?\s+(that\s+)?)+",
    re.I,
)


def trim_opener(text: str) -> int:
    """Characters of leading discourse fillers ("So, and, you know,") to skip in a title."""
    m = _DISCOURSE_OPENER.match(text)
    if not m or m.end() >= len(text) - 10:
        return 0
    return m.end()


def has(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def core(text: str) -> str:
    """The sentence without leading fillers and forms of address, where what is left still
    opens like a sentence (a capital or a digit); a verbatim span either way."""
    body = text[trim_opener(text) :]
    return body if body[:1].isupper() or body[:1].isdigit() else text
