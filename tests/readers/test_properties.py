"""Properties of every labelled read: nothing dropped, nothing counted twice, and a line that
looks like a label either opens a turn or is recorded as a suspect."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessionlens.pipeline import prepare
from sessionlens.readers import read_text
from sessionlens.stats import compute_stats

NAMES = [
    "Dana O'Neil",
    "AT&T Representative",
    "Speaker 12",
    "Moderator/Chair",
    "H.E. Ms. Ndiaye",
    "Dr. Smith (Chair)",
    "MR. SMITH",
    "Q",
    "Jean-Luc Picard",
    "王小明",
    "Иван Петров",
]
# body words can never form a label: lower case, no colon
_word = st.sampled_from(
    ["the", "rural", "network", "covers", "most", "homes", "and", "towns", "but", "gaps", "remain", "92", "per", "cent"]
)
_body_line = st.lists(_word, min_size=1, max_size=12).map(" ".join)
_turn = st.tuples(st.sampled_from(NAMES), st.lists(_body_line, min_size=1, max_size=3), st.booleans())
# label-like prefixes: name-ish tokens, heading words, markup, digits, ampersands, many words
_token = st.sampled_from(
    [
        "Note",
        "Question",
        "Summary",
        "AT&T",
        "Minister",
        "of",
        "rural",
        "adviser",
        "<b>x</b>",
        "{{ cfg }}",
        "Dr.",
        "Smith",
        "12",
        "Chair/Host",
        "O'Neil",
        "policy",
        "Ko",
        "Barrett",
        "(Chair)",
        "Ms.",
        "Ndiaye",
    ]
)
_first = st.sampled_from(["Note", "Question", "AT&T", "Minister", "Dr.", "Smith", "12", "<b>x</b>", "Ko", "Ms."])
_label_like = st.tuples(_first, st.lists(_token, max_size=10)).map(lambda p: " ".join([p[0], *p[1]]))


def _render(turns: list[tuple[str, list[str], bool]]) -> str:
    out = []
    for name, lines, alone in turns:
        out += [f"{name}:", *lines] if alone else [f"{name}: {lines[0]}", *lines[1:]]
        out.append("")
    return "\n".join(out)


def _words(turns: list[tuple[str, list[str], bool]]) -> int:
    return sum(len(x.split()) for _, lines, _ in turns for x in lines)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=st.lists(_turn, min_size=1, max_size=8))
def test_words_are_conserved(turns: list[tuple[str, list[str], bool]]) -> None:
    t = prepare(read_text(_render(turns), fmt="labelled"))
    stats = compute_stats(t)
    assert sum(s.words for s in stats) == sum(len(x.text.split()) for x in t.turns) == _words(turns)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    turns=st.lists(_turn, min_size=2, max_size=6),
    label=_label_like,
    text=_body_line,
    where=st.integers(min_value=0, max_value=5),
)
def test_a_label_like_line_never_moves_words_silently(
    turns: list[tuple[str, list[str], bool]], label: str, text: str, where: int
) -> None:
    before = prepare(read_text(_render(turns), fmt="labelled"))
    at = where % (len(turns) - 1) + 1  # between two turns, so no other line can follow it
    injected = f"{label}: {text}"
    doc = _render(turns[:at]) + "\n" + injected + "\n\n" + _render(turns[at:])
    after = prepare(read_text(doc, fmt="labelled"))
    count_before = Counter({s.name: s.words for s in compute_stats(before)})
    count_after = Counter({s.name: s.words for s in compute_stats(after)})
    assert sum(count_after.values()) == sum(count_before.values()) + len(injected.split()) - (
        len(label.split()) if len(after.turns) > len(before.turns) else 0
    )
    changed = {n for n in count_after | count_before if count_after[n] != count_before[n]}
    if len(after.turns) == len(before.turns):
        # the line stayed in the turn before it (each rendered turn is one turn): only that
        # turn's speaker changed, and the line is flagged
        assert changed <= {before.turns[at - 1].speaker}
        assert any(s.reason.startswith("line ") for s in after.suspects), injected
