"""Topic taxonomies as data files; no numpy, so every engine can use them (issue 17).

A taxonomy file holds `name`, `title`, `source` and `topics`: each topic has an `id`, a
`label`, a `description` and optional `issues` (`label` + `description`). Built in are
`diplo` (the seven Diplo baskets, default), `sdg` (17 goals) and `wsis` (11 action lines);
any JSON file of the same shape can be given instead (`--taxonomy path.json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import InputError

BUILT_IN = ("diplo", "sdg", "wsis")
DEFAULT = "diplo"


@dataclass
class Topic:
    label: str
    texts: list[str]  # description first, then one text per issue
    issues: list[str] = field(default_factory=list)  # issue labels, in the order of texts[1:]


@dataclass
class Taxonomy:
    name: str
    title: str
    topics: list[Topic]


def load_taxonomy(spec: str | Path) -> Taxonomy:
    """A built-in taxonomy by name, or a JSON file of the same shape; InputError if bad."""
    spec = str(spec)
    if spec in BUILT_IN:
        text = resources.files("sessionlens.data.taxonomies").joinpath(f"{spec}.json").read_text(encoding="utf-8")
        source = spec
    else:
        path = Path(spec)
        if not path.is_file():
            raise InputError(spec, f"no such taxonomy (use one of {', '.join(BUILT_IN)} or a JSON file)")
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
        issues: list[str] = []
        for issue in item.get("issues") or []:
            if isinstance(issue, dict) and issue.get("label"):
                texts.append(f"{issue['label']}: {issue.get('description') or issue['label']}")
                issues.append(str(issue["label"]).strip())
            elif isinstance(issue, str) and issue.strip():
                texts.append(issue.strip())
                issues.append(issue.strip())
            else:
                raise InputError(source, f"taxonomy topic {label!r} has a malformed issue")
        topics.append(Topic(label=label, texts=texts, issues=issues))
    name = str(data.get("name") or Path(source).stem)
    return Taxonomy(name=name, title=str(data.get("title") or name), topics=topics)
