"""Generated and mutated inputs for every reader: a read ends in a Transcript or in one
InputError of one line, never in another exception.

The suite runs a small sample (test_fuzz.py); the full run, whose figures are in
docs/input-formats.md, is `nice python -m tests.readers.fuzz_inputs 10000`.
"""

from __future__ import annotations

import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from sessionlens.errors import InputError
from sessionlens.pipeline import prepare
from sessionlens.readers import READERS, read_source
from sessionlens.readers.base import decode
from sessionlens.stats import compute_stats

FIXTURES = Path(__file__).parent / "fixtures"

_INLINE = {
    "labelled": "Dana O'Neil: Welcome.\nKo Barrett: Thanks, Dana.\n[00:01:02] Dana O'Neil: Next.\n",
    "srt": "1\n00:00:01,000 --> 00:00:02,500\nAna: Hello.\n\n2\n00:00:03,000 --> 00:00:04,000\nBen: Hi.\n",
    "vtt": "WEBVTT - Panel\n\n00:00:01.000 --> 00:00:02.500\n<v Ana>Hello.</v>\n\n"
    "00:00:03.000 --> 00:00:04.000\n<v Ben>Hi.</v>\n",
    "json": '{"language": "en", "segments": [{"start": 0, "end": 2.5, "text": "Hello.", "speaker": "A",'
    ' "words": [{"word": "Hello.", "start": 0, "end": 1}]}, {"start": 3, "end": 4, "text": "Hi."}]}',
    "timeindex": ':00:05: What first?\n"We built towers."\n:01:10: And then?\n"Fibre."\n:02:00: Last?\n"Done."\n',
    "qa": "Why towers?\n\nBecause "
    + "the villages had no signal at all and people travelled far to call. " * 2
    + "\n\nWhat next?\n\nFibre "
    + "to every school and clinic in the region over five years. " * 2,
    "diplo": "Panel title\n10 Jul 2025 11:00h - 12:00h\nSession at a glance\nSpeakers\n– **Ana** – Chair\n"
    "Session transcript\nAna: Welcome.\nBen: Thanks.\n",
    "docx": "Dana O'Neil   0:03\nWelcome.\nKo Barrett   0:10\nThanks.\n",
}
_FILES = {
    "youtube-vtt": ["youtube_auto.vtt"],
    "youtube-text": ["youtube_copied.txt"],
    "otter": ["otter.txt"],
    "rev": ["rev.txt"],
    "zoom": ["zoom.vtt", "zoom.txt"],
    "teams": ["teams.vtt"],
    "meet": ["meet_docs.txt", "meet_lines.txt"],
    "gpo": ["gpo.txt"],
    "un": ["un_record.txt"],
    "hansard": ["hansard.txt", "hansard_uk.txt"],
}
_SNIPPETS = [
    "Note: x",
    "AT&T rep: y",
    "<script>alert(1)</script>: z",
    "{{ 7*7 }}: a",
    "Q:",
    "A: ",
    "WEBVTT",
    "00:00:01.000 --> 00:00:00.500",
    "99:99:99.999 --> 99:99:99.999",
    "NaN --> Inf",
    "1e308",
    "-->",
    "[",
    "]",
    "[Applause.",
    "    Mr. SMITH. ",
    "    Chair X.",
    "Mr. X (Y) (spoke in Z):",
    "(",
    ")",
    "0:00",
    "999999999999:00",
    "\u200b",
    "\u202e",
    "\x00",
    "\x07",
    "\ufeff",
    "王",
    "Иван:",
    "&amp;&#0;&#x110000;",
    "<v >",
    "<v AT&amp;T>",
    "<00:00:01.000><c>",
    "</c>",
    "\t\t",
    "\r",
    " " * 50,
    "x" * 5000,
    '{"segments": [{"start": NaN, "end": 1e999, "text": 1}]}',
    "Speaker 1  1:02:03",
    "[Name] 25:61:61",
]


def seeds(name: str) -> list[str]:
    """The well-formed inputs that a reader's mutations start from."""
    files = [(FIXTURES / f).read_text(encoding="utf-8") for f in _FILES.get(name, [])]
    return files or [_INLINE[name]]


def mutate(text: str, rng: random.Random) -> str:
    """One to four random edits: lines dropped, doubled, swapped or cut; snippets, digits and
    characters inserted; the text truncated."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:
            del lines[i]
        elif op == 1 and lines:
            lines.insert(i, lines[i])
        elif op == 2 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines.insert(i, rng.choice(_SNIPPETS))
        elif op == 4 and lines:
            s = lines[i]
            k = rng.randint(0, len(s))
            lines[i] = s[:k] + rng.choice(_SNIPPETS) + s[k:]
        elif op == 5 and lines:
            lines[i] = "".join(
                rng.choice("0123456789:.,") if c.isdigit() and rng.random() < 0.5 else c for c in lines[i]
            )
        elif op == 6 and lines:
            s = lines[i]
            k = rng.randint(0, len(s))
            lines[i] = s[:k] + "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randint(1, 8))) + s[k:]
        else:
            lines = lines[: rng.randint(0, len(lines))]
    return "\n".join(lines)


def read_one(data: bytes, fmt: str | None) -> str:
    """'ok', 'error' (one-line InputError) or 'FAIL: …' for anything else."""
    try:
        source = decode(data, "fuzz.txt")
        stats = compute_stats(prepare(read_source(source, fmt)))
        assert sum(s.words for s in stats) >= 0
        return "ok"
    except InputError as exc:
        return "error" if "\n" not in str(exc) else f"FAIL: multi-line message {str(exc)[:80]!r}"
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return f"FAIL: {type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: {str(exc)[:80]}"


def fuzz(name: str, n: int, seed: int = 0) -> tuple[Counter[str], list[tuple[str, bytes]]]:
    """`n` mutated inputs for reader `name`, read forced and (one in five) detected."""
    rng = random.Random(f"{name}-{seed}")
    base = seeds(name)
    outcomes: Counter[str] = Counter()
    failures: list[tuple[str, bytes]] = []
    for k in range(n):
        text = mutate(rng.choice(base), rng)
        data = text.encode("utf-8", errors="surrogatepass") if rng.random() < 0.9 else text.encode("utf-16")
        if name == "docx":
            data = _as_docx(text, data)
        for fmt in [name, None] if k % 5 == 0 else [name]:
            result = read_one(data, fmt)
            outcomes[result if not result.startswith("FAIL") else "fail"] += 1
            if result.startswith("FAIL"):
                failures.append((result, data))
    return outcomes, failures


def _as_docx(text: str, fallback: bytes) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        try:
            document.add_paragraph(line)
        except ValueError:  # XML cannot hold control characters: the raw bytes are fuzzed instead
            return fallback
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    names = argv[1:] or sorted(READERS)
    total_fail = 0
    print("| reader | inputs | reads | read | one-line error | other failure | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        t0 = time.perf_counter()
        outcomes, failures = fuzz(name, n)
        total_fail += len(failures)
        reads = sum(outcomes.values())
        print(
            f"| `{name}` | {n:,} | {reads:,} | {outcomes['ok']:,} | {outcomes['error']:,} | "
            f"{outcomes['fail']:,} | {time.perf_counter() - t0:.0f} |",
            flush=True,
        )
        for message, _ in failures[:3]:
            print(f"    {message}", file=sys.stderr)
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
