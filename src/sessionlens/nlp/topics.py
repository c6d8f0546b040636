"""Topic taxonomies as data files, and classification by embedding similarity.

A taxonomy file holds `name`, `title`, `source` and `topics`: each topic has an `id`, a
`label`, a `description` and optional `issues` (`label` + `description`). Built in are
`diplo` (the seven Diplo baskets, default), `sdg` (17 goals) and `wsis` (11 action lines);
any JSON file of the same shape can be given instead (`--taxonomy path.json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import InputError

BUILT_IN = ("diplo", "sdg", "wsis")


@dataclass
class Topic:
    label: str
    texts: list[str]  # description first, then one text per issue


@dataclass
class Taxonomy:
    name: str
    title: str
    topics: list[Topic]


def load_taxonomy(spec: str | Path) -> Taxonomy:
    """A built-in taxonomy by name, or a JSON file of the same shape; InputError if bad."""
    spec = str(spec)
    if spec in BUILT_IN:
        text = resources.files("sessionlens.data.taxonomies").joinpath(f"{spec}.json").read_text(
            encoding="utf-8"
        )
        source = spec
    else:
        path = Path(spec)
        if not path.is_file():
            raise InputError(
                spec, f"no such taxonomy (use one of {', '.join(BUILT_IN)} or a JSON file)"
            )
        text = path.read_text(encoding="utf-8")
        source = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"taxonomy is not valid JSON ({exc.msg}, line {exc.lineno})"
        raise InputError(source, problem) from None
    return _parse(data, source)


def _parse(data: object, source: str) -> Taxonomy:
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list) or not data["topics"]:
        raise InputError(source, "taxonomy needs a non-empty 'topics' list")
    topics: list[Topic] = []
    for i, item in enumerate(data["topics"]):
        if not isinstance(item, dict) or not str(item.get("label") or "").strip():
            raise InputError(source, f"taxonomy topic {i + 1} has no 'label'")
        label = str(item["label"]).strip()
        texts = [f"{label}: {item.get('description') or label}"]
        for issue in item.get("issues") or []:
            if isinstance(issue, dict) and issue.get("label"):
                texts.append(f"{issue['label']}: {issue.get('description') or issue['label']}")
            elif isinstance(issue, str) and issue.strip():
                texts.append(issue.strip())
            else:
                raise InputError(source, f"taxonomy topic {label!r} has a malformed issue")
        topics.append(Topic(label=label, texts=texts))
    name = str(data.get("name") or Path(source).stem)
    return Taxonomy(name=name, title=str(data.get("title") or name), topics=topics)


class TopicClassifier:
    """Scores texts against each topic: the mean of the similarity to the topic's
    description and the best similarity to one of its issues (issues carry the
    specific vocabulary, the description the overall scope)."""

    def __init__(self, taxonomy: Taxonomy, embed) -> None:
        self.taxonomy = taxonomy
        texts = [t for topic in taxonomy.topics for t in topic.texts]
        vecs = embed(texts)
        self._desc: list[np.ndarray] = []
        self._issues: list[np.ndarray] = []
        k = 0
        for topic in taxonomy.topics:
            n = len(topic.texts)
            self._desc.append(vecs[k])
            self._issues.append(vecs[k + 1 : k + n] if n > 1 else vecs[k : k + 1])
            k += n

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """(n, topics) similarity scores of unit vectors."""
        cols = []
        for desc, issues in zip(self._desc, self._issues, strict=True):
            cols.append(0.5 * (vectors @ desc) + 0.5 * (vectors @ issues.T).max(axis=1))
        return np.stack(cols, axis=1) if cols else np.zeros((len(vectors), 0))

    def classify(
        self, vectors: np.ndarray, top: int = 3, margin: float = 0.12
    ) -> list[list[tuple[str, float]]]:
        """For each vector, 1..`top` (label, confidence) pairs, best first.

        A topic is kept when its score is within `margin` of the best one. Confidence is
        the topic's share of a softmax over all topics (temperature 0.05), so it reads as
        how clearly this topic stands out from the others.
        """
        s = self.scores(vectors)
        out: list[list[tuple[str, float]]] = []
        for row in s:
            order = np.argsort(-row)
            z = np.exp((row - row.max()) / 0.05)
            conf = z / z.sum()
            picked = [order[0]] + [j for j in order[1:top] if row[j] >= row[order[0]] - margin]
            out.append([(self.taxonomy.topics[j].label, round(float(conf[j]), 3)) for j in picked])
        return out
