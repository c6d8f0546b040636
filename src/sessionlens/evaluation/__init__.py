"""Measuring report quality against references: metrics, baselines, corpus readers, harness.

`evaluate(candidate, reference)` compares two Reports section by section
(`metrics.py`); `rouge.py` holds the ROUGE protocol the literature uses; `baselines.py` a
trivial engine for sanity floors; `corpora.py` readers of the public meeting corpora;
`harness.py` runs engines over them and writes `docs/quality.md`.
"""

from __future__ import annotations

from .metrics import EvalResult, evaluate

__all__ = ["EvalResult", "evaluate"]
