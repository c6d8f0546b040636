"""A test event of real sessions written into a folder, with its CSV manifest.

22 sessions: the three seeds and the Senate hearing (from ../shared), the example panel,
15 QMSum meetings (committee, product and academic; their first turns written out as
`Name: text`) and two short espeak-ng recordings. Sessions are kept short so the suite stays
fast; the manifest spreads them over two days and two tracks.
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
from pathlib import Path

from sessionlens.evaluation.corpora import qmsum_transcript

from ..asr.dialogue import SCRIPT, have_espeak, synthesize

REPO = Path(__file__).resolve().parents[2]
#: QMSum meetings per subset, and the turns kept of each
QMSUM = {"Committee/test": 6, "Product/test": 5, "Academic/test": 4}
QMSUM_TURNS = 40
#: two short dialogues (a few seconds each) from the ASR tests' script
RECORDINGS = {"talk-transport": [SCRIPT[2], SCRIPT[4]], "talk-funding": [SCRIPT[8], SCRIPT[9]]}
DAYS = ("2025-06-23", "2025-06-24")
TRACKS = ("Main hall", "Room B")


def write_event(shared: Path, folder: Path, recordings: bool = True) -> Path:
    """Write the event's inputs into `folder` and return its manifest (manifest.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for seed in sorted((shared / "seeds").glob("*.txt")):
        files.append(_copy(seed, folder / f"seed-{seed.name}"))
    files.append(_copy(shared / "data" / "hearing-senate-2024" / "transcript.txt", folder / "senate-hearing.txt"))
    files.append(_copy(REPO / "examples" / "climate-panel.vtt", folder / "climate-panel.vtt"))
    for subset, count in QMSUM.items():
        for meeting in sorted((shared / "data" / "qmsum" / subset).glob("*.json"))[:count]:
            transcript, _ = qmsum_transcript(meeting)
            lines = [f"{t.speaker}: {t.text}" for t in transcript.turns[:QMSUM_TURNS]]
            out = folder / f"qmsum-{meeting.stem}.txt"
            out.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
            files.append(out)
    if recordings and can_record():
        for name, script in RECORDINGS.items():
            path, _ = synthesize(folder / f".{name}", script)
            files.append(_copy(path, folder / f"{name}.wav"))
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "date", "start", "track", "language", "speakers"])
        for n, path in enumerate(files):
            title = "" if n % 3 == 0 else f"Session {n + 1}: {path.stem}"  # some titles from the inputs
            renames = "Amara Osei=Dr Amara Osei" if path.name == "climate-panel.vtt" else ""
            writer.writerow(
                [
                    path.name,
                    title,
                    DAYS[n % 2],
                    f"{9 + n // 4:02d}:{15 * (n % 4):02d}",
                    TRACKS[(n // 2) % 2],
                    "en",
                    renames,
                ]
            )
    return manifest


def can_record() -> bool:
    """espeak-ng to speak the recordings and the asr extra to transcribe them."""
    return have_espeak() and importlib.util.find_spec("faster_whisper") is not None


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target
