"""Prompt templates: one Jinja2 file per step in `sessionlens/prompts/`, readable and editable.

`SESSIONLENS_PROMPTS` may name a folder whose files replace the packaged ones of the same name.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    folders = [str(PROMPTS_DIR)]
    override = os.environ.get("SESSIONLENS_PROMPTS")
    if override:
        folders.insert(0, override)
    # Prompts are plain text, not HTML: no autoescape. StrictUndefined: a typo fails loudly.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders), undefined=jinja2.StrictUndefined,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )


def render(name: str, **values: Any) -> str:
    """The text of template `name` filled with `values`."""
    return _environment().get_template(name).render(**values).strip()
