"""Write the shipped background vector: the mean sentence vector of meetings about nothing digital.

    SESSIONLENS_SHARED=../shared python scripts/background_vector.py

Reads the QMSum meetings in `../shared/data/qmsum` (AMI design meetings, ICSI research meetings,
Welsh and Canadian committee hearings; MIT / CC BY 4.0, Zhong et al. 2021), embeds their
substantive sentences and stores only their mean (384 numbers, no text) as
`src/sessionlens/data/background.npz`. `engines.offline.session_issues` subtracts each issue's similarity
to it, so issues that any meeting sounds like (cooperation, governance, research) do not win.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from sessionlens.embeddings import MODEL_NAME, get_embedder
from sessionlens.evaluation.corpora import qmsum_transcript
from sessionlens.engines.offline.session import build_session

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sessionlens" / "data" / "background.npz"

if __name__ == "__main__":
    shared = Path(os.environ.get("SESSIONLENS_SHARED", ROOT.parent / "shared"))
    embed = get_embedder().embed
    total, n, meetings = np.zeros(384), 0, 0
    for path in sorted((shared / "data" / "qmsum").glob("*/*/*.json")):
        session = build_session(qmsum_transcript(path)[0], embed)
        vecs = session.vectors[session.content]
        total, n, meetings = total + vecs.sum(axis=0), n + len(vecs), meetings + 1
    np.savez_compressed(OUT, model=np.array(MODEL_NAME), mean=(total / n).astype(np.float32), sentences=n)
    print(f"wrote {OUT}: mean of {n} sentences from {meetings} meetings")
