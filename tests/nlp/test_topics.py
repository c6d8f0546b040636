"""Taxonomies as data: the three built-ins share one shape; classification follows meaning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.embeddings import get_embedder
from sessionlens.errors import InputError
from sessionlens.nlp.topics import BUILT_IN, TopicClassifier, load_taxonomy


@pytest.mark.parametrize(("name", "count"), [("diplo", 7), ("sdg", 17), ("wsis", 11)])
def test_built_in_taxonomies(name: str, count: int) -> None:
    tax = load_taxonomy(name)
    assert tax.name == name and len(tax.topics) == count
    assert all(t.label and t.texts for t in tax.topics)
    assert len({t.label for t in tax.topics}) == count


def test_diplo_has_the_seven_baskets() -> None:
    labels = [t.label for t in load_taxonomy("diplo").topics]
    assert labels == ["Infrastructure", "Cybersecurity", "Human rights", "Legal and regulatory",
                      "Economic", "Development", "Sociocultural"]


@pytest.mark.parametrize("bad", [
    "{", "[]", '{"topics": []}', '{"topics": [{"description": "no label"}]}',
    '{"topics": [{"label": "A", "issues": [42]}]}',
])
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
