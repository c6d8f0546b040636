"""Diarization benchmark: DER, JER, speaker count and word attribution on generated conversations.

    python benchmarks/diarization.py                       # 30 conversations, every embedder
    python benchmarks/diarization.py --embedders combined --rtf 6
    make bench-diarization

The conversations (2-8 voices, `benchmarks/diarization_data.py`) are generated once into
`--data` (default `.cache/diarization`, outside git). Speech recognition is the expensive,
embedder-independent part: faster-whisper (the default tiny.en model, beam 5, VAD, word
times; the call `recognize_recording` makes for a recording under 10 minutes) runs once
per conversation and its segments are cached in `--data/asr/`. Everything after it is the
`transcribe` path's own code: pieces (`asr.pieces`), one embedding per piece
(`recording.embed_pieces`), clustering and short-piece settling (`recording.speaker_labels`)
and the turns of the transcript (`recording.speaker_turns`), once with the true number of
speakers and once with it estimated.

Scores, per conversation, averaged per number of speakers (pyannote.metrics):
* DER with a 0.25-s collar and without one (overlap scored), JER;
* word attribution: the share of recognised words given to the voice that spoke them
  (words within 0.25 s of a true turn, not in an overlap), under the optimal speaker
  mapping; and the mean over voices of each voice's own share;
* the speaker count, when estimated: how often it is exactly right;
* interjections (one-word turns): how many were recognised, how many of their words
  were attributed right, how many were flagged uncertain.
`--rtf N` also runs the whole `transcribe_recording` path (decode, ASR, embeddings,
clustering) on the first N conversations and reports wall time / audio time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from diarization_data import generate, have_tools  # noqa: E402

EMBEDDERS = ["combined", "dvector", "spectral"]
COLLAR = 0.25


def _segments_to_json(segments: list[Any]) -> list[dict[str, Any]]:
    return [{**asdict(s), "words": [asdict(w) for w in s.words]} for s in segments]


def _segments_from_json(rows: list[dict[str, Any]]) -> list[Any]:
    from sessionlens.asr.transcribe import Segment, Word

    return [Segment(r["start"], r["end"], r["text"], tuple(Word(**w) for w in r["words"])) for r in rows]


def recognised(wav: Path, cache: Path) -> tuple[list[Any], float]:
    """The ASR segments of `wav` and the seconds ASR took (cached after the first run)."""
    from sessionlens.asr.decode import read_all
    from sessionlens.asr.transcribe import load_model, recognize

    path = cache / f"{wav.stem}.json"
    if path.exists():
        data = json.loads(path.read_text())
        return _segments_from_json(data["segments"]), data["asr_s"]
    model = load_model("tiny.en")
    audio = read_all(wav)
    t = time.perf_counter()
    segments, _ = recognize(model, audio, offset=0.0, language="en")
    asr_s = time.perf_counter() - t
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"segments": _segments_to_json(segments), "asr_s": asr_s}))
    return segments, asr_s


def _annotation(uri: str, rows: list[tuple[float, float, str]]) -> Any:
    from pyannote.core import Annotation, Segment

    ann = Annotation(uri=uri)
    for i, (start, end, label) in enumerate(rows):
        if end > start:
            ann[Segment(start, end), i] = label
    return ann


def word_attribution(
    turns: list[Any], ref: list[dict[str, Any]], mapping: dict[str, str], unsure: list[bool]
) -> dict[str, Any]:
    """Per true voice: words heard (within 0.25 s of one true turn, no overlap) and words right.

    For interjections also: words given to the wrong voice without an uncertainty flag.
    """
    per: dict[str, Counter[str]] = defaultdict(Counter)
    interjections: Counter[str] = Counter()
    heard_turns: set[int] = set()
    for seg, label, members in turns:
        flagged = any(unsure[m] for m in members)
        for w in seg.words:
            mid = (w.start + w.end) / 2
            hits = [i for i, r in enumerate(ref) if r["start"] - COLLAR <= mid <= r["end"] + COLLAR]
            if len(hits) != 1:
                continue
            true = ref[hits[0]]
            ok = mapping.get(label) == true["speaker"]
            per[true["speaker"]]["words"] += 1
            per[true["speaker"]]["right"] += ok
            if true["kind"] == "interjection":
                interjections["words"] += 1
                interjections["right"] += ok
                interjections["wrong_unflagged"] += not ok and not flagged
                heard_turns.add(hits[0])
    interjections["turns"] = sum(r["kind"] == "interjection" for r in ref)
    interjections["heard"] = len(heard_turns)
    words = sum(c["words"] for c in per.values())
    right = sum(c["right"] for c in per.values())
    return {
        "words": words,
        "accuracy": right / max(words, 1),
        "per_voice": float(np.mean([c["right"] / c["words"] for c in per.values()])) if per else 0.0,
        "interjections": dict(interjections),
    }


def score(meta: dict[str, Any], turns: list[Any], unsure: list[bool]) -> dict[str, Any]:
    from pyannote.metrics.diarization import DiarizationErrorRate, JaccardErrorRate

    ref_rows = [(r["start"], r["end"], r["speaker"]) for r in meta["turns"]]
    reference = _annotation(meta["name"], ref_rows)
    hypothesis = _annotation(meta["name"], [(seg.start, seg.end, label) for seg, label, _ in turns])
    der0 = DiarizationErrorRate(collar=0.0)
    mapping = der0.optimal_mapping(reference, hypothesis)
    return {
        "der": DiarizationErrorRate(collar=COLLAR)(reference, hypothesis),
        "der_nocollar": der0(reference, hypothesis),
        "jer": JaccardErrorRate(collar=0.0)(reference, hypothesis),
        "speakers_found": len({label for _, label, _ in turns}),
        "uncertain_turns": sum(any(unsure[m] for m in members) for _, _, members in turns),
        **word_attribution(turns, meta["turns"], mapping, unsure),
    }


def evaluate(wav: Path, meta: dict[str, Any], embedder_name: str, data: Path) -> dict[str, Any]:
    """Both runs (count given, count estimated) of one embedder on one conversation."""
    from sessionlens.asr.decode import read_all
    from sessionlens.asr.diarize import get_embedder
    from sessionlens.asr.pieces import split_segments
    from sessionlens.asr.recording import Recognition, embed_pieces, speaker_labels, speaker_turns

    segments, asr_s = recognised(wav, data / "asr")
    audio = read_all(wav)
    t = time.perf_counter()
    pieces, groups = split_segments(segments)
    vectors = embed_pieces(get_embedder(embedder_name), audio, 0.0, pieces, None, None)
    embed_s = time.perf_counter() - t
    rec = Recognition(wav.name, meta["duration"], "en", "tiny.en", segments, pieces, groups, np.stack(vectors))
    out: dict[str, Any] = {"name": meta["name"], "voices": len(meta["voices"]), "duration": meta["duration"]}
    for mode, n in (("given", len(meta["voices"])), ("estimated", None)):
        t = time.perf_counter()
        labels, unsure = speaker_labels(rec, n, embedder_name)
        cluster_s = time.perf_counter() - t
        out[mode] = score(meta, speaker_turns(rec, labels), unsure)
        out[mode]["rtf"] = (asr_s + embed_s + cluster_s) / meta["duration"]
    out["embed_rtf"] = embed_s / meta["duration"]
    return out


def whole_path_rtf(wavs: list[tuple[Path, dict[str, Any]]]) -> list[dict[str, Any]]:
    """transcribe_recording end to end (default options, count given): wall time / audio time."""
    from sessionlens.asr import AsrOptions, transcribe_recording

    rows = []
    for wav, meta in wavs:
        t, cpu = time.perf_counter(), time.process_time()
        result = transcribe_recording(wav, AsrOptions(speakers=len(meta["voices"])))
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        timings = result.recognition.timings
        rows.append(
            {
                "name": meta["name"],
                "audio_s": meta["duration"],
                "wall_s": round(wall, 2),
                "rtf": round(wall / meta["duration"], 3),
                # CPU seconds per audio second: what the run costs whatever else shares the machine
                "cpu_per_audio_s": round(cpu / meta["duration"], 3),
                "asr_s": round(timings["asr"], 2),
                "embed_s": round(timings["embed"], 2),
                "cluster_s": round(timings.get("cluster", 0.0), 3),
            }
        )
    return rows


def summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Means per number of voices, then over all conversations."""
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[str(r["voices"])].append(r)
        by["all"].append(r)
    out = []
    for key, group in by.items():
        line: dict[str, Any] = {"voices": key, "conversations": len(group)}
        for mode in ("given", "estimated"):
            g = [r[mode] for r in group]
            line[f"{mode}_der"] = np.mean([x["der"] for x in g])
            line[f"{mode}_der_nocollar"] = np.mean([x["der_nocollar"] for x in g])
            line[f"{mode}_jer"] = np.mean([x["jer"] for x in g])
            line[f"{mode}_words"] = np.mean([x["accuracy"] for x in g])
            line[f"{mode}_per_voice"] = np.mean([x["per_voice"] for x in g])
        line["count_right"] = np.mean([r["estimated"]["speakers_found"] == r["voices"] for r in group])
        inter = Counter()
        for r in group:
            inter.update(r["given"]["interjections"])
        line["interjections"] = dict(inter)
        line["uncertain_turns"] = sum(r["given"]["uncertain_turns"] for r in group)
        line["rtf_cached_path"] = np.mean([r["given"]["rtf"] for r in group])
        line["embed_rtf"] = np.mean([r["embed_rtf"] for r in group])
        out.append(line)
    order = {"all": 99}
    return sorted(out, key=lambda x: order.get(x["voices"], int(x["voices"]) if x["voices"].isdigit() else 98))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def print_table(name: str, lines: list[dict[str, Any]]) -> None:
    print(f"\n### {name}\n")
    print(
        "| voices | conv. | DER 0.25 s (given) | DER no collar | JER | words right | per voice "
        "| DER 0.25 s (estimated) | words right (est.) | count right "
        "| interjections heard | their words right | wrong, unflagged |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for x in lines:
        inter = x["interjections"]
        print(
            f"| {x['voices']} | {x['conversations']} | {_pct(x['given_der'])} | {_pct(x['given_der_nocollar'])} "
            f"| {_pct(x['given_jer'])} | {_pct(x['given_words'])} | {_pct(x['given_per_voice'])} "
            f"| {_pct(x['estimated_der'])} | {_pct(x['estimated_words'])} | {_pct(x['count_right'])} "
            f"| {inter.get('heard', 0)}/{inter.get('turns', 0)} | {inter.get('right', 0)}/{inter.get('words', 0)} "
            f"| {inter.get('wrong_unflagged', 0)} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO / ".cache" / "diarization")
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--embedders", nargs="+", default=EMBEDDERS)
    ap.add_argument("--rtf", type=int, default=0, metavar="N", help="whole-path RTF on the first N conversations")
    ap.add_argument("--json", type=Path, help="write every figure here")
    args = ap.parse_args()
    missing = have_tools()
    if missing:
        raise SystemExit(f"missing programs: {', '.join(missing)} (scripts/system-deps.sh installs them)")
    wavs = [(w, json.loads(w.with_suffix(".json").read_text())) for w in generate(args.data, args.count)]
    results: dict[str, Any] = {}
    for name in args.embedders:
        rows = []
        for wav, meta in wavs:
            rows.append(evaluate(wav, meta, name, args.data))
            print(f"{name} {meta['name']}: DER {_pct(rows[-1]['given']['der'])} %", file=sys.stderr, flush=True)
        results[name] = {"conversations": rows, "summary": summary(rows)}
        print_table(name, results[name]["summary"])
    if args.rtf:
        results["whole_path"] = whole_path_rtf(wavs[: args.rtf])
        total = sum(r["wall_s"] for r in results["whole_path"]) / sum(r["audio_s"] for r in results["whole_path"])
        print(f"\nwhole path, {args.rtf} conversations: RTF {total:.3f}")
        print(json.dumps(results["whole_path"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=float))


if __name__ == "__main__":
    main()
