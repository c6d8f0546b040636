"""Microsoft Teams transcripts (WebVTT): `<v Name>text</v>` voice tags, GUID cue ids, HTML
entities in names and text (`<v AT&amp;T Representative>`), decoded once."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source
from .vtt import is_vtt, read_as

NAME = "teams"
DESCRIPTION = "Microsoft Teams transcript (WebVTT with voice tags)"

_CUE_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F-]{27,}/\d+-\d+\s*$", re.M)


def sniff(text: str) -> float:
    if not is_vtt(text):
        return 0.0
    head = text[:20_000]
    return 1.0 if "<v " in head and (_CUE_ID.search(head) or "</v>" in head) else 0.0


def read(source: Source) -> Transcript:
    return read_as(source, NAME)
