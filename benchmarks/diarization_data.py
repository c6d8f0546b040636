"""Generated conversations for the diarization benchmark, with their exact speaker times.

    python benchmarks/diarization_data.py --out .cache/diarization --count 30

Each conversation has 2-8 voices drawn from Debian's text-to-speech engines (espeak-ng
accents and variants, flite's voices), each at its own rate and pitch. Turns range from
one-word interjections to statements of several sentences; some interjections fall in a
pause inside another speaker's statement, some turns overlap the end of the previous one,
and room noise (sox reverb + brown/pink noise) is mixed in. Written per conversation:
`NAME.wav` (16 kHz mono), `NAME.rttm` (reference) and `NAME.json` (turns with speaker, text,
start, end, kind). Generation is deterministic (seeded) and skipped for files that exist.
The script text is this file's own, different from the tests' (tests/asr/dialogue.py).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import tempfile
import wave
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

RATE = 16_000

#: Base voices; a conversation never uses one twice. (engine, voice)
BASE_VOICES: list[tuple[str, str]] = [
    *[
        ("espeak-ng", f"{lang}+{var}")
        for lang in ("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan")
        for var in ("m1", "m3", "m7", "f2", "f4", "Andy", "Annie", "Michael", "Steph")
    ],
    ("flite", "slt"),
    ("flite", "rms"),
    ("flite", "awb"),
    ("flite", "kal16"),
]

INTERJECTIONS = ["Yes.", "Exactly.", "Right.", "No.", "I agree.", "Okay.", "Absolutely.", "Indeed.", "Sure.", "Hmm."]

SENTENCES = [
    "The river authority has warned that the reservoirs are at their lowest level in twenty years.",
    "Farmers in the valley say they cannot plant anything until the water rights are settled.",
    "We should not forget that the same pipes were laid more than a century ago.",
    "Leaks alone waste almost a third of the water that the treatment plants produce.",
    "My own district replaced its mains last spring, and the bills went down within months.",
    "Teachers tell us that children arrive at school hungry on Monday mornings.",
    "A free breakfast costs less than a single day of absence, according to the ministry.",
    "I visited a clinic in the north where one nurse looks after four villages.",
    "Telemedicine helps, but only where the signal is strong enough for a video call.",
    "The insurance scheme now covers dental care for everyone under eighteen.",
    "Rents in the capital have doubled while wages have hardly moved.",
    "Building more homes is necessary, but it takes years before anyone can move in.",
    "The council owns empty offices that could be converted much faster.",
    "Young people are leaving the islands because there is no work for them.",
    "Broadband on the islands would let them work for companies on the mainland.",
    "Our survey found that older residents want a bank branch more than an app.",
    "The museum doubled its visitors after it stopped charging for entry on Sundays.",
    "Tourism brings money, but it also brings traffic and noise to small streets.",
    "The fishing quota was cut by fifteen percent for the next three seasons.",
    "Scientists say the stock needs at least a decade to recover.",
    "Wind farms at sea could employ the same crews that work on the boats today.",
    "The port needs deeper berths before it can handle the new cargo ships.",
    "Nobody consulted the workers before the shifts were changed to twelve hours.",
    "The union has asked for an independent review of the safety record.",
    "Our libraries lend laptops now, and the waiting list is longer than for any novel.",
    "Digital skills courses for adults are full within an hour of opening.",
    "The pilot project trained two hundred volunteers to help their neighbours online.",
    "Air quality near the ring road exceeds the legal limit on most weekdays.",
    "Planting trees along the schools would cut the worst of the dust.",
    "The budget for parks has been frozen for six years in a row.",
    "Volunteers now mow the grass in half of the city's playgrounds.",
    "Emergency services answered the flood calls in under ten minutes on average.",
    "The new warning system sends a text message to every phone in the area.",
    "Insurance companies refuse to cover homes on the flood plain.",
    "Moving families away from the river is expensive and deeply unpopular.",
    "The court ruled that the consultation had been too short to be fair.",
    "Translation services at hospitals are used by one patient in twelve.",
    "The cooperative sells vegetables directly to the school kitchens.",
    "Prices at the market rose sharply after the bridge was closed for repairs.",
    "The ferry timetable has not changed since the bridge reopened in April.",
]


#: Seconds of audio to aim for: a little longer with more voices.
def _target_seconds(n_speakers: int) -> float:
    return 10.0 + 2.5 * n_speakers


@dataclass(frozen=True)
class Voice:
    engine: str
    name: str
    rate: int  # words per minute (espeak-ng) or percent of normal speed (flite)
    pitch: int  # espeak-ng 0-99, or flite's mean F0 in Hz


@dataclass
class RefTurn:
    speaker: str
    text: str
    start: float
    end: float
    kind: str  # "statement", "short", "interjection"


def have_tools() -> list[str]:
    """The programs this generator needs that are not installed."""
    return [p for p in ("espeak-ng", "flite", "sox") if shutil.which(p) is None]


def _read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        return np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float32) / 32768.0


def _write_wav(path: Path, audio: np.ndarray) -> None:
    pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


def speak(text: str, voice: Voice, tmp: Path) -> np.ndarray:
    """One utterance at 16 kHz, leading and trailing silence trimmed, peak-normalised."""
    raw, out = tmp / "raw.wav", tmp / "out.wav"
    if voice.engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", voice.name, "-s", str(voice.rate), "-p", str(voice.pitch), "-w", str(raw), text]
    else:
        stretch = 100.0 / voice.rate
        cmd = ["flite", "-voice", voice.name, "--setf", f"duration_stretch={stretch:.2f}"]
        cmd += ["--setf", f"int_f0_target_mean={voice.pitch}", "-t", text, "-o", str(raw)]
    subprocess.run(cmd, check=True, capture_output=True)
    subprocess.run(["sox", "-V1", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)
    audio = _read_wav(out)
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    audio = audio[loud[0] : loud[-1] + 1] if len(loud) else audio
    return 0.5 * audio / max(float(np.abs(audio).max()), 1e-6)


def _pick_voices(rng: random.Random, n: int) -> list[Voice]:
    voices = []
    for engine, name in rng.sample(BASE_VOICES, n):
        if engine == "espeak-ng":
            voices.append(Voice(engine, name, rng.randint(140, 190), rng.randint(25, 75)))
        else:
            base = {"slt": 170, "rms": 100, "awb": 110, "kal16": 105}[name]
            voices.append(Voice(engine, name, rng.randint(85, 115), int(base * rng.uniform(0.85, 1.2))))
    return voices


def _statement(rng: random.Random, long: bool) -> list[str]:
    sentences = rng.sample(SENTENCES, rng.randint(2, 3) if long else 1)
    # one statement in five opens with the speaker's own "Yes." / "Right.": short sentences
    # that belong to the statement, not to someone else
    return [rng.choice(INTERJECTIONS), *sentences] if rng.random() < 0.2 else sentences


def make_conversation(index: int, n_speakers: int, out_dir: Path) -> Path:
    """Write conversation `index` (wav, rttm, json) unless it exists; return the wav path."""
    name = f"conv{index:02d}_{n_speakers}spk"
    out_dir.mkdir(parents=True, exist_ok=True)
    wav = out_dir / f"{name}.wav"
    if wav.exists() and (out_dir / f"{name}.json").exists():
        return wav
    rng = random.Random(1000 + index)
    voices = _pick_voices(rng, n_speakers)
    labels = [f"S{i + 1}" for i in range(n_speakers)]
    target = _target_seconds(n_speakers)
    track = np.zeros(int((target + 150) * RATE), np.float32)
    turns: list[RefTurn] = []
    t = 0.5
    prev = -1
    order = list(range(n_speakers))
    rng.shuffle(order)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)

        def place(audio: np.ndarray, start: float, who: int, text: str, kind: str) -> float:
            a = int(start * RATE)
            track[a : a + len(audio)] += audio
            end = start + len(audio) / RATE
            turns.append(RefTurn(labels[who], text, round(start, 3), round(end, 3), kind))
            return end

        step = 0
        spoken = [0] * n_speakers  # turns per voice: every voice speaks at least twice
        while t < target or min(spoken) < 2:
            # everyone speaks once first; then anyone but the last speaker, often the quietest
            others = [i for i in range(n_speakers) if i != prev]
            if step < n_speakers:
                who = order[step]
            elif rng.random() < 0.5:
                who = min(others, key=lambda i: spoken[i])
            else:
                who = rng.choice(others)
            step += 1
            roll = rng.random()
            if roll < 0.2 and prev >= 0:  # a one-word answer as a turn of its own
                text = rng.choice(INTERJECTIONS)
                t = place(speak(text, voices[who], tmp), t, who, text, "interjection")
                spoken[who] += 1
            elif roll < 0.8:
                text = " ".join(_statement(rng, long=False))
                t = place(speak(text, voices[who], tmp), t, who, text, "short")
                spoken[who] += 1
            else:
                sentences = _statement(rng, long=True)
                other = rng.choice([i for i in range(n_speakers) if i != who])
                cut = rng.randint(1, len(sentences) - 1) if rng.random() < 0.5 else 0
                first = " ".join(sentences[:cut] if cut else sentences)
                t = place(speak(first, voices[who], tmp), t, who, first, "statement")
                if cut:  # someone says "Exactly." in a pause inside this statement
                    word = rng.choice(INTERJECTIONS)
                    t = place(speak(word, voices[other], tmp), t + rng.uniform(0.25, 0.45), other, word, "interjection")
                    spoken[other] += 1
                    rest = " ".join(sentences[cut:])
                    t = place(speak(rest, voices[who], tmp), t + rng.uniform(0.25, 0.45), who, rest, "statement")
                spoken[who] += 1
            prev = who
            # the next turn: a pause, or (one time in six) a start before this one ends
            t += -rng.uniform(0.2, 0.6) if rng.random() < 1 / 6 else rng.uniform(0.2, 0.9)
        end = max(x.end for x in turns) + 0.5
        clean = tmp / "clean.wav"
        _write_wav(clean, track[: int(end * RATE)])
        _room(clean, wav, rng, end, tmp)
    turns.sort(key=lambda x: x.start)
    meta = {
        "name": name,
        "duration": round(end, 3),
        "voices": {lab: asdict(v) for lab, v in zip(labels, voices, strict=True)},
        "turns": [asdict(x) for x in turns],
    }
    (out_dir / f"{name}.json").write_text(json.dumps(meta, indent=1))
    (out_dir / f"{name}.rttm").write_text(
        "".join(
            f"SPEAKER {name} 1 {x.start:.3f} {x.end - x.start:.3f} <NA> <NA> {x.speaker} <NA> <NA>\n" for x in turns
        )
    )
    return wav


def _room(clean: Path, out: Path, rng: random.Random, seconds: float, tmp: Path) -> None:
    """Reverberation of a room, then a steady noise floor 15-30 dB below the speech."""
    noise = tmp / "noise.wav"
    colour = rng.choice(["brownnoise", "pinknoise"])
    level = 0.5 * 10 ** (-rng.uniform(15, 30) / 20)
    synth = ["synth", f"{seconds:.3f}", colour, "vol", f"{level:.5f}"]
    subprocess.run(["sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(noise), *synth], check=True)
    wet = tmp / "wet.wav"
    reverb = str(rng.randint(10, 40))
    subprocess.run(["sox", str(clean), str(wet), "reverb", reverb, "50", "60"], check=True)
    subprocess.run(["sox", "-m", str(wet), str(noise), str(out), "trim", "0", f"{seconds:.3f}"], check=True)


def speaker_counts(count: int) -> list[int]:
    """2, 3, ... 8, 2, 3 ...: every count equally often (two- and three-voice ones first)."""
    return [2 + i % 7 for i in range(count)]


def generate(out_dir: Path, count: int) -> list[Path]:
    return [make_conversation(i, n, out_dir) for i, n in enumerate(speaker_counts(count))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(".cache/diarization"))
    ap.add_argument("--count", type=int, default=30)
    args = ap.parse_args()
    missing = have_tools()
    if missing:
        raise SystemExit(f"missing programs: {', '.join(missing)} (scripts/system-deps.sh installs them)")
    for path in generate(args.out, args.count):
        print(path)


if __name__ == "__main__":
    main()
