"""Distinctive phrases of groups of text (class-based TF-IDF over unigrams and bigrams)."""

from __future__ import annotations

import math
import re
from collections import Counter

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each even ever every few for from further get gets getting
    go going gone got had hadn't has hasn't have haven't having he he's her here here's hers
    herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
    just know let's like lot lots make many may me might more most much must mustn't my myself
    need needs no nor not now of off on once one only or other ought our ours ourselves out over
    own really right said same say says see she she's should shouldn't so some such sure take
    than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've thing things think this those though through to too under until up
    upon us use used very want was wasn't way we we'd we'll we're we've well were weren't what
    what's when when's where where's whether which while who who's whom why why's will with
    within without won't would wouldn't yes yet you you'd you'll you're you've your yours
    yourself yourselves actually already always another around back bit come comes coming done
    first give given good great important indeed kind last look looking mean means mentioned new
    next part per put quite rather say second see seen since still talk talking tell thank
    thanks today together two three time times try trying ways whole work working year years
    able across along among course different example fact having help instance least less let
    long made making maybe mr ms non okay perhaps point points question questions sort talked
    terms thing thinking went yeah colleagues colleague ladies gentlemen excellencies
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Z]")


def _tokens(text: str) -> list[str]:
    return [t.replace("’", "'") for t in _TOKEN.findall(text)]


def _phrases(text: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Counts of lower-cased unigrams and bigrams (no stopword inside), with surface forms."""
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    toks = _tokens(text)
    for n in (1, 2):
        for i in range(len(toks) - n + 1):
            gram = toks[i : i + n]
            if any(g.lower() in STOPWORDS or len(g) < 2 for g in gram):
                continue
            key = " ".join(g.lower() for g in gram)
            counts[key] += 1
            surface.setdefault(key, Counter())[" ".join(gram)] += 1
    return counts, surface


def distinctive_phrases(groups: list[str], per_group: int = 3) -> list[list[str]]:
    """For each group's text, its `per_group` most distinctive phrases (surface form).

    Score: frequency in the group × log(1 + groups / groups containing the phrase); bigrams
    count 1.5×, since they name things better. A unigram inside a chosen bigram is skipped.
    """
    stats = [_phrases(g) for g in groups]
    df: Counter[str] = Counter()
    for counts, _ in stats:
        df.update(counts.keys())
    k = len(groups)
    out: list[list[str]] = []
    for counts, surface in stats:
        scored = sorted(
            counts,
            key=lambda p: (
                -(counts[p] * math.log(1 + k / df[p]) * (1.5 if " " in p else 1.0)),
                p,
            ),
        )
        chosen: list[str] = []
        for p in scored:
            if counts[p] < 2 and chosen:
                break
            if any(p in c.split() or p in c or c in p for c in chosen):
                continue
            chosen.append(p)
            if len(chosen) == per_group:
                break
        out.append([surface[p].most_common(1)[0][0] for p in chosen])
    return out


def phrase_title(phrases: list[str]) -> str:
    """'Early warnings, disaster risk and data' from a list of phrases."""
    if not phrases:
        return ""
    items = [phrases[0][:1].upper() + phrases[0][1:], *phrases[1:]]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _stem(word: str) -> str:
    """Light plural folding so 'skills' meets 'skill' and 'communities' 'community'."""
    w = word.lower().replace("’", "'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def phrase_uses(texts: list[tuple[str, int, str]]) -> dict[str, dict[str, list[int]]]:
    """phrase -> who -> ids, for (who, id, text) items; unigrams and bigrams, stopwords out."""
    uses: dict[str, dict[str, list[int]]] = {}
    for who, ident, text in texts:
        toks = _tokens(text)
        seen: set[str] = set()
        for n in (1, 2):
            for i in range(len(toks) - n + 1):
                gram = toks[i : i + n]
                if any(g.lower() in STOPWORDS or len(g) < 2 for g in gram):
                    continue
                key = " ".join(_stem(g) for g in gram)
                if key not in seen:
                    seen.add(key)
                    uses.setdefault(key, {}).setdefault(who, []).append(ident)
    return uses


# Words that cannot open or close a noun phrase: verb and adverb forms, forms of address.
_NOT_AT_EDGE = re.compile(r"(?:ing|ed|ly)$", re.I)
_NOUNS_IN_LY = frozenset("early family assembly supply italy july ally anomaly".split())  # noqa: SIM905
_NP_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Z]|\d+")
ADDRESS = frozenset(
    """
    senator senators chairman chair chairwoman member members ranking madam sir mr mrs ms dr
    excellency excellencies president minister secretary general deputy ladies gentlemen folks
    everybody everyone somebody anything something nothing
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
_VERBS = frozenset(
    """
    is are was were be been has have had do does did can could will would should must may might
    shall get got make made take took give gave see saw say said tell told think thought know
    knew believe want wanted need needed show showed bring brought keep kept let put seem seems
    become happen happens mean means try tried ask asked
    require requires ensure ensures enable enables include includes provide provides allow allows
    continue continues improve improves reduce reduces
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def _phrase_ok(gram: list[str], exclude: frozenset[str]) -> bool:
    low = [g.lower() for g in gram]
    if low[0].isdigit() or any(
        w in STOPWORDS or w in _VERBS or w in ADDRESS or w in exclude or len(w) < 2 for w in low
    ):
        return False
    if any(w.isdigit() for w in low) and not gram[0][:1].isupper():  # "Section 230", not "connect 20"
        return False
    if any(w.endswith("ed") for w in low):  # "companies implemented commonsense": a clause, not a name
        return False
    return not any(_NOT_AT_EDGE.search(w) and w not in _NOUNS_IN_LY for w in (low[0], low[-1]))


def noun_phrases(text: str, exclude: frozenset[str] = frozenset()) -> Counter[str]:
    """Counts of 1-3 word phrases that may be noun phrases, keyed by their surface form."""
    out: Counter[str] = Counter()
    for run in re.split(r"[.,;:!?()\"“”]|\s[-–—]+\s", text):
        toks = _NP_TOKEN.findall(run.replace("’", "'"))
        for n in (1, 2, 3):
            for i in range(len(toks) - n + 1):
                gram = toks[i : i + n]
                if _phrase_ok(gram, exclude):
                    out[" ".join(gram)] += 1
    return out


def key_phrases(groups: list[str], exclude: frozenset[str] = frozenset()) -> list[str]:
    """For each group's text, the noun phrase that best names it, each group a different one.

    Score: frequency in the group × log(1 + groups / groups containing it) × length bonus
    (a two- or three-word phrase names a question better than a single word). Case is folded
    for counting; the most frequent surface form is returned.
    """
    folded: list[Counter[str]] = []
    surface: dict[str, Counter[str]] = {}
    for g in groups:
        counts: Counter[str] = Counter()
        for form, n in noun_phrases(g, exclude).items():
            key = " ".join(_stem(w) for w in form.split())
            counts[key] += n
            surface.setdefault(key, Counter())[form] += n
        folded.append(counts)
    df: Counter[str] = Counter()
    for c in folded:
        df.update(c.keys())
    k = len(groups)
    used: set[str] = set()
    out: list[str] = []
    for counts in folded:

        def score(p: str, counts: Counter[str] = counts) -> tuple[float, str]:
            bonus = {1: 1.0, 2: 2.2, 3: 2.6}[len(p.split())]
            return (-(counts[p] * math.log(1 + k / df[p]) * bonus), p)

        ranked = [p for p in sorted(counts, key=score) if p not in used]
        # A single word only where no phrase of two or three words recurs in the group.
        multi = [p for p in ranked if " " in p and counts[p] >= 2]
        best = (multi or ranked or [""])[0]
        used.add(best)
        out.append(_surface(surface[best]) if best else "")
    return out


def _surface(forms: Counter[str]) -> str:
    """The usual written form; a capital only seen at a sentence start is not kept."""
    inner = Counter({f: n for f, n in forms.items() if f[:1].islower()})
    return (inner or forms).most_common(1)[0][0]


def as_title(phrase: str) -> str:
    """'digital divide' -> 'Digital divide'; acronyms and names keep their case."""
    return phrase[:1].upper() + phrase[1:] if phrase else phrase
