"""Published figures and computed floors to print beside ours, each with its source.

ROUGE figures are F1 ×100 with the protocol of `rouge.py`. "lead" and "oracle" were
computed on these very subsets (shared/notes/evaluation-protocol.md §3): lead = first
transcript sentences of ≥ 4 words up to the reference's length; oracle = greedy extractive
selection maximising ROUGE recall, a ceiling for extractive output of that length.
"""

from __future__ import annotations

SOURCES = {
    "protocol": "SessionLens evaluation protocol §3 (shared/notes/evaluation-protocol.md), "
    "computed on these subsets with the same ROUGE settings",
    "qmsum": "Zhong et al., QMSum, NAACL 2021, Table 3 (all 279 test queries, general and "
    "specific: a different query mix, indicative only)",
    "hmnet": "Zhu et al., A Hierarchical Network for Abstractive Meeting Summarization, "
    "Findings of EMNLP 2020 (whole-meeting AMI summaries, its own ROUGE settings: not "
    "comparable)",
}

_R = ("summary_rouge1", "summary_rouge2", "summary_rougeLsum")


def _rows(set_name: str, **figures: tuple[tuple[float, float, float], str]) -> dict:
    out: dict[tuple[str, str], list[tuple[str, float, str]]] = {}
    for label, (values, source) in figures.items():
        for metric, value in zip(_R, values, strict=True):
            out.setdefault((set_name, metric), []).append((label.replace("_", " "), value, source))
    return out


#: (set, metric) -> [(label, value, source key)]
FIGURES: dict[tuple[str, str], list[tuple[str, float, str]]] = {
    **_rows(
        "qmsum-committee",
        lead=((28.21, 8.54, 26.61), "protocol"),
        oracle=((38.31, 11.66, 34.57), "protocol"),
        BART_whole_meeting=((29.20, 6.37, 25.49), "qmsum"),
        HMNet_gold_spans=((36.06, 11.36, 31.27), "qmsum"),
    ),
    **_rows(
        "qmsum-product",
        lead_raw_text=((20.00, 4.47, 18.52), "protocol"),
        random=((21.00, 2.37, 18.94), "protocol"),
        oracle=((38.04, 11.68, 33.73), "protocol"),
    ),
    **_rows(
        "qmsum-academic",
        lead_raw_text=((15.22, 0.81, 13.81), "protocol"),
        random=((21.37, 1.52, 18.48), "protocol"),
        oracle=((27.51, 3.69, 23.08), "protocol"),
    ),
    **_rows(
        "ami",
        lead=((21.42, 2.64, 19.74), "protocol"),
        oracle=((36.66, 7.44, 31.84), "protocol"),
    ),
}
FIGURES[("ami", "summary_rouge1")].append(("HMNet", 53.02, "hmnet"))


def figures_for(set_name: str, metric: str) -> list[tuple[str, float, str]]:
    """Reference figures for a metric on a set (empty where none is known)."""
    return FIGURES.get((set_name, metric), [])
