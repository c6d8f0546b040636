"""The Jinja2 environment shared by the template-based renderers.

Templates are files under `sessionlens/templates/`. An organisation brands its reports by
putting files of the same names in its own folder and passing it as `templates=` to a
renderer, or listing it in the `SESSIONLENS_TEMPLATES` environment variable (several
folders separated by `os.pathsep`); its files win, the packaged ones fill the gaps.

HTML templates are autoescaped; Markdown and text templates are not, and escape with the
`md` filter (Markdown) or need none (plain text). Values are never compiled as templates,
so a transcript saying `{{ 7*7 }}` stays text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from . import formatting

TEMPLATES_ENV = "SESSIONLENS_TEMPLATES"

TemplateDirs = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None


def template_dirs(templates: TemplateDirs = None) -> tuple[str, ...]:
    """Folders searched before the packaged templates: the argument, else the env var."""
    if templates is None:
        raw = os.environ.get(TEMPLATES_ENV, "")
        return tuple(p for p in raw.split(os.pathsep) if p)
    if isinstance(templates, str | os.PathLike):
        return (os.fspath(templates),)
    return tuple(os.fspath(p) for p in templates)


def environment(templates: TemplateDirs = None) -> Environment:
    """The Jinja2 environment for the given override folders (cached per folder list)."""
    return _environment(template_dirs(templates))


@lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> Environment:
    for d in dirs:
        if not Path(d).is_dir():
            from ..errors import InputError

            raise InputError(d, "template folder does not exist")
    loader = ChoiceLoader(
        [*(FileSystemLoader(d) for d in dirs), PackageLoader("sessionlens", "templates")]
    )
    env = Environment(
        loader=loader,
        # Escape everything that ends up in HTML or SVG; md/txt templates escape themselves.
        autoescape=select_autoescape(["html", "htm", "svg", "xml"], default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(formatting.FILTERS)
    return env
