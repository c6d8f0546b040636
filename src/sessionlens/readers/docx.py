"""Word documents (DOCX) holding a transcript in any text layout above (Zoom, Teams, Google
Meet, Otter, Word): the paragraphs become lines of text and the layout is detected on them."""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from ..models import Transcript
from .base import Source

NAME = "docx"
DESCRIPTION = "Word document (DOCX) with a transcript in one of the text layouts"
ENCODING = "docx"
#: A DOCX inflates; a transcript's document.xml is never near this.
_MAX_XML_BYTES = 200 * 1024 * 1024


def is_docx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data


def docx_source(data: bytes, name: str) -> Source:
    """The text of a DOCX's paragraphs (tables row by row), one line each."""
    import docx  # python-docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > _MAX_XML_BYTES:
                raise InputError(name, "the DOCX document is too large once unpacked")
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on broken archives and XML
        raise InputError(name, f"not a readable DOCX file ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("  ".join(cell.text for cell in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(name, "the DOCX document has no text")
    return Source(text, name, ENCODING)


def sniff(text: str) -> float:
    return 0.0  # a container: the layout inside is detected by the text readers


def read(source: Source) -> Transcript:
    from . import detect

    if source.encoding != ENCODING:
        raise InputError(source.name, "not a DOCX file")
    transcript: Transcript = detect(source).read(source)
    return transcript
