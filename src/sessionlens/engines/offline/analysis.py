"""The offline engine's analysis: every report section, extractive, on the CPU, with no network.

Steps (each its own module under `sessionlens.engines.offline`): sentences and embeddings (`session`),
arguments per speaker (`arguments`), topics from a taxonomy file (`topics`), discussion
points (`points`), agreements and differences (`agreements`), takeaways, comments and
follow-up questions, summary, purpose, tone and the narrative. Every title, explanation,
evidence and quote is a span of the transcript.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np

from ...models import Argument, Glance, Report, Transcript
from ...taxonomy import DEFAULT, load_taxonomy
from ..base import Analysis, EngineOptions, Progress, sections_of
from . import agreements as agreements_step
from . import arguments as arguments_step
from . import comments as comments_step
from . import narrative as narrative_step
from . import points as points_step
from . import summary as summary_step
from . import takeaways as takeaways_step
from . import tone as tone_step
from .arguments import Claim
from .embeddings import MODEL_NAME, get_embedder
from .ledger import Ledger
from .session import Session, build_session
from .session_issues import label_arguments, session_issues
from .stated_stances import Relations, argument_id
from .topic_levels import ISSUE_SEP
from .topics import TopicClassifier

DISCLAIMER = (
    "This report was produced by SessionLens's offline engine on this computer, without any "
    "network access or language model. It is extractive: titles, explanations, evidence and "
    "quotes are sentences of the transcript, selected and grouped with sentence embeddings "
    "({model}); topics come from the {taxonomy} taxonomy by embedding similarity, and the "
    "tone from the VADER sentiment lexicon. Connective phrases are fixed templates. The "
    "selection and grouping are automatic and may miss or misplace points; speaker "
    "attribution is only as good as the transcript's."
)


def _cache_path(options: EngineOptions, transcript: Transcript) -> Path | None:
    if options.cache_dir is None or options.use_cache is False:
        return None
    key = hashlib.sha1("\n".join(f"{t.speaker}\t{t.text}" for t in transcript.turns).encode("utf-8")).hexdigest()[:16]
    return Path(options.cache_dir) / f"embeddings-{key}.npz"


def analyze(transcript: Transcript, options: EngineOptions, progress: Progress) -> Analysis:
    """The sections of `transcript`'s report (see the module docstring)."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    taxonomy = load_taxonomy(options.taxonomy or DEFAULT)  # bad taxonomy: fail before any work
    embedder = get_embedder()
    cache = _cache_path(options, transcript)
    timings["load"] = time.perf_counter() - t

    def embed(texts: list[str]) -> np.ndarray:
        return embedder.embed_cached(texts, cache)

    t = time.perf_counter()
    progress("sentences", 0.1)
    session = build_session(transcript, embed)
    timings["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("arguments", 0.5)
    ledger = Ledger(session)  # no transcript sentence is shown in two sections
    claims = arguments_step.extract_claims(session)
    classifier = TopicClassifier(taxonomy, embedder.embed)
    # Baskets per argument; the issues from everything the session said (session_issues.py).
    about = session_issues(session, classifier)
    if claims:
        vectors = np.stack([c.vector for c in claims])
        topics = label_arguments(classifier.classify(vectors), vectors, about, classifier)
        for c, labels in zip(claims, topics, strict=True):
            c.topics = labels
    points = points_step.discussion_points(session, claims)
    _unique_titles(points)
    # Order of claim on sentences: the list sections with a test of their own (action
    # items, open issues, compromises), key takeaways, argument titles, then
    # explanations and evidence.
    takeaways = takeaways_step.takeaways(session, claims, points, ledger)
    arguments_step.assign_titles(session, claims, ledger)
    arguments_step.fill_support(session, claims, ledger)
    rel = agreements_step.relate(session, claims, points)
    arguments = [_argument(session, claims, rel, points, i) for i in range(len(claims))]
    timings["arguments"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("takeaways", 0.8)
    comments = comments_step.thought_provoking(session, ledger)
    said_by = {s.text: s.speaker for s in session.sentences}
    issues = [(said_by.get(t, ""), t) for t in takeaways.unresolved_issues]
    summary_text = summary_step.summary(
        session, claims, points, rel.agreements, rel.differences, takeaways.action_items
    )
    report = Report(  # a draft: the narrative is written from it
        transcript=transcript,
        arguments=arguments,
        discussion_points=[*(p for p in summary_step.keypoints(points, limit=len(points)))],
        agreements=rel.agreements,
        differences=rel.differences,
        takeaways=takeaways,
        comments=comments,
        comments_assessment=comments_step.comments_assessment(comments),
        follow_up_questions=comments_step.follow_up_questions(session, ledger, issues),
        glance=Glance(
            summary=summary_text,
            keypoints=summary_step.keypoints(points, summary=summary_text, claims=claims),
            purpose=summary_step.purpose(session),
            tone=tone_step.tone(session),
            topics=[a.basket + ISSUE_SEP + a.issue for a in about],
        ),
        disclaimer=DISCLAIMER.format(model=MODEL_NAME, taxonomy=taxonomy.title),
    )
    report.link_relations()
    report.narrative = narrative_step.narrative(report)
    timings["sections"] = time.perf_counter() - t
    progress("done", 1.0)
    return Analysis(**sections_of(report), model=MODEL_NAME, taxonomy=taxonomy.name, timings=timings)


def _unique_titles(points: list[points_step.Point]) -> None:
    """Arguments refer to points by title, so titles must differ."""
    seen: dict[str, int] = {}
    for p in points:
        n = seen.get(p.title, 0)
        seen[p.title] = n + 1
        if n:
            p.title = f"{p.title} ({n + 1})"


def _argument(
    session: Session, claims: list[Claim], rel: Relations, points: list[points_step.Point], i: int
) -> Argument:
    c = claims[i]
    sentence_ids = c.sentence_ids()
    return Argument(
        id=argument_id(i),
        speaker=c.speaker,
        title=arguments_step.title_text(session, c),
        explanation=arguments_step.join_spans(session, c.explanation) or None,
        evidence=arguments_step.join_spans(session, c.evidence) or None,
        discussion_point=points[c.point].title if c.point >= 0 else None,
        topics=[label for label, _ in c.topics],
        topic_confidence=[conf for _, conf in c.topics],
        source_turns=sorted({session.sentences[k].turn for k in sentence_ids}),
    )
