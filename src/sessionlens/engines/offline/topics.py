"""Classification by embedding similarity against a topic taxonomy (`sessionlens.taxonomy`)."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import numpy as np

from ...taxonomy import BUILT_IN, Taxonomy, Topic, load_taxonomy
from .topic_levels import ISSUE_SEP

__all__ = ["BUILT_IN", "Taxonomy", "Topic", "TopicClassifier", "load_taxonomy", "taxonomy_vectors", "write_vectors"]

#: Vectors of a built-in taxonomy's texts ship beside its JSON (`scripts/taxonomy_vectors.py`
#: writes them), so a run does not re-embed ~50 fixed texts; any text not found is embedded.
VECTORS_SUFFIX = ".vectors.npz"


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def shipped_vectors(name: str) -> dict[str, np.ndarray]:
    """text-sha1 -> unit vector for a built-in taxonomy; empty if none ship or the model differs."""
    from .embeddings import MODEL_NAME

    if name not in BUILT_IN:
        return {}
    res = resources.files("sessionlens.data.taxonomies").joinpath(name + VECTORS_SUFFIX)
    if not res.is_file():
        return {}
    with resources.as_file(res) as path, np.load(path, allow_pickle=False) as data:
        if str(data["model"]) != MODEL_NAME:
            return {}
        vecs = data["vecs"].astype(np.float32)
        vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
        return dict(zip(data["keys"].tolist(), vecs, strict=True))


def taxonomy_texts(taxonomy: Taxonomy) -> list[str]:
    """Every text a taxonomy is embedded by: each topic's texts, then each issue's bare name."""
    return [t for topic in taxonomy.topics for t in topic.texts] + [
        i for topic in taxonomy.topics for i in topic.issues
    ]


def taxonomy_vectors(taxonomy: Taxonomy, embed) -> np.ndarray:
    """Vectors of `taxonomy_texts` in order: shipped ones where they match, else `embed`."""
    texts = taxonomy_texts(taxonomy)
    known = shipped_vectors(taxonomy.name)
    missing = list(dict.fromkeys(t for t in texts if _text_key(t) not in known))
    if missing:
        known.update(zip(map(_text_key, missing), embed(missing), strict=True))
    return np.stack([known[_text_key(t)] for t in texts]) if texts else np.zeros((0, 384))


def write_vectors(taxonomy: Taxonomy, embed, path: Path) -> None:
    """Store the vectors of a taxonomy's texts (float16, keyed by text sha1) at `path`."""
    from .embeddings import MODEL_NAME

    texts = list(dict.fromkeys(taxonomy_texts(taxonomy)))
    np.savez_compressed(
        path,
        model=np.array(MODEL_NAME),
        keys=np.array([_text_key(t) for t in texts]),
        vecs=np.asarray(embed(texts), dtype=np.float16),
    )


class TopicClassifier:
    """Scores texts against each topic: the mean of the similarity to the topic's
    description and the best similarity to one of its issues (issues carry the
    specific vocabulary, the description the overall scope)."""

    def __init__(self, taxonomy: Taxonomy, embed) -> None:
        self.taxonomy = taxonomy
        vecs = taxonomy_vectors(taxonomy, embed)
        self._desc: list[np.ndarray] = []
        self._issues: list[np.ndarray] = []
        k = 0
        for topic in taxonomy.topics:
            n = len(topic.texts)
            self._desc.append(vecs[k])
            self._issues.append(vecs[k + 1 : k + n] if n > 1 else vecs[k : k + 1])
            k += n
        self._names = vecs[k:]  # each issue's bare name, in the order of the topics' issues

    def issue_vectors(self) -> tuple[list[tuple[str, str]], np.ndarray]:
        """(basket, issue) of every issue of the taxonomy and one unit vector each: the mean of
        the vectors of its name and of its "name: description" text. Speakers say the name
        ("AI", "the digital divide"); the description alone, a list of examples, dilutes it."""
        labels = [(t.label, i) for t in self.taxonomy.topics for i in t.issues]
        if not labels:
            return labels, np.zeros((0, 384), dtype=np.float32)
        described = np.concatenate([m for t, m in zip(self.taxonomy.topics, self._issues, strict=True) if t.issues])
        vecs = described + self._names
        return labels, vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """(n, topics) similarity scores of unit vectors."""
        cols = []
        for desc, issues in zip(self._desc, self._issues, strict=True):
            cols.append(0.5 * (vectors @ desc) + 0.5 * (vectors @ issues.T).max(axis=1))
        return np.stack(cols, axis=1) if cols else np.zeros((len(vectors), 0))

    def classify(self, vectors: np.ndarray, top: int = 3, margin: float = 0.12) -> list[list[tuple[str, float]]]:
        """For each vector, 1..`top` basket (label, confidence) pairs, best first, then the
        best issue of the first basket as "Basket › Issue" when the taxonomy has issues.

        A basket is kept when its score is within `margin` of the best one. Confidence is a
        share of a softmax (temperature 0.05) over the baskets, or over the first basket's
        issues, so it reads as how clearly this label stands out from the others. Which
        baskets a whole session is about is decided by `session_topics`, over all arguments.
        """
        s = self.scores(vectors)
        out: list[list[tuple[str, float]]] = []
        for v, row in zip(vectors, s, strict=True):
            order = np.argsort(-row)
            conf = _softmax(row)
            picked = [order[0]] + [j for j in order[1:top] if row[j] >= row[order[0]] - margin]
            labels = [(self.taxonomy.topics[j].label, round(float(conf[j]), 3)) for j in picked]
            best = self.taxonomy.topics[order[0]]
            if best.issues:
                sims = self._issues[order[0]] @ v
                k = int(np.argmax(sims))
                labels.append((best.label + ISSUE_SEP + best.issues[k], round(float(_softmax(sims)[k]), 3)))
            out.append(labels)
        return out


def _softmax(row: np.ndarray, temperature: float = 0.05) -> np.ndarray:
    z = np.exp((row - row.max()) / temperature)
    return z / z.sum()
