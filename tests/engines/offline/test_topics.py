"""Taxonomies as data: the three built-ins share one shape; classification follows meaning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.engines.offline.embeddings import get_embedder
from sessionlens.engines.offline.topics import (
    BUILT_IN,
    TopicClassifier,
    load_taxonomy,
    taxonomy_texts,
    taxonomy_vectors,
)
from sessionlens.errors import InputError


@pytest.mark.parametrize(("name", "count"), [("diplo", 7), ("sdg", 17), ("wsis", 11)])
def test_built_in_taxonomies(name: str, count: int) -> None:
    tax = load_taxonomy(name)
    assert tax.name == name and len(tax.topics) == count
    assert all(t.label and t.texts for t in tax.topics)
    assert len({t.label for t in tax.topics}) == count


def test_diplo_has_the_seven_baskets() -> None:
    labels = [t.label for t in load_taxonomy("diplo").topics]
    assert labels == [
        "Infrastructure",
        "Cybersecurity",
        "Human rights",
        "Legal and regulatory",
        "Economic",
        "Development",
        "Sociocultural",
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "{",
        "[]",
        '{"topics": []}',
        '{"topics": [{"description": "no label"}]}',
        '{"topics": [{"label": "A", "issues": [42]}]}',
    ],
)
def test_malformed_files_are_input_errors(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(bad)
    with pytest.raises(InputError):
        load_taxonomy(path)


def test_missing_file_names_the_choices() -> None:
    with pytest.raises(InputError, match="diplo"):
        load_taxonomy("/no/such/taxonomy.json")


def test_classifier_follows_meaning() -> None:
    emb = get_embedder()
    clf = TopicClassifier(load_taxonomy("diplo"), emb.embed)
    texts = [
        "Hackers attacked the banking network and stole passwords with ransomware.",
        "Online platforms must respect freedom of expression and the privacy of users.",
        "Cross-border e-commerce and digital trade rules shape the economy and markets.",
    ]
    got = [labels[0][0] for labels in clf.classify(emb.embed(texts))]
    assert got == ["Cybersecurity", "Human rights", "Economic"]
    for labels in clf.classify(emb.embed(texts)):
        assert 1 <= len(labels) <= 3
        assert all(0.0 <= c <= 1.0 for _, c in labels)


def test_all_built_ins_listed() -> None:
    for name in BUILT_IN:
        json.dumps(load_taxonomy(name).title)


@pytest.mark.parametrize("name", BUILT_IN)
def test_shipped_vectors_cover_and_match_the_taxonomy(name: str) -> None:
    """The vectors shipped beside each built-in file are current: every text has one, and
    each equals a fresh embedding (float16 storage aside). Edit a taxonomy without running
    scripts/taxonomy_vectors.py and this fails."""
    tax = load_taxonomy(name)
    texts = taxonomy_texts(tax)
    shipped = taxonomy_vectors(tax, lambda missing: pytest.fail(f"not shipped: {missing[:2]}"))
    fresh = get_embedder().embed(texts)
    assert (shipped * fresh).sum(1).min() > 0.999


def test_texts_without_shipped_vectors_are_embedded(tmp_path: Path) -> None:
    data = json.loads(
        (Path(__file__).parents[3] / "src/sessionlens/data/taxonomies/wsis.json").read_text(encoding="utf-8")
    )
    data["topics"][0]["description"] = "Fishing boats and harbours."
    path = tmp_path / "wsis-edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    asked: list[str] = []

    def embed(texts: list[str]):
        asked.extend(texts)
        return get_embedder().embed(texts)

    taxonomy_vectors(load_taxonomy(path), embed)
    assert any("Fishing boats" in t for t in asked)
