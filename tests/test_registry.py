"""The one registry record (sessionlens.registry.Entry) behind readers, renderers and transcript writers."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from sessionlens.asr.writers import FORMATS
from sessionlens.errors import InputError
from sessionlens.readers import READERS, reader
from sessionlens.registry import Entry, format_from_suffix
from sessionlens.renderers import RENDERERS, suffix


def test_every_reader_entry_is_the_module_it_names() -> None:
    assert len(READERS) >= 18
    for name, entry in READERS.items():
        module = reader(name)
        assert entry.name == name == module.NAME
        assert entry.description == module.DESCRIPTION and entry.description
        assert entry.target == f"sessionlens.readers.{module.__name__.rsplit('.', 1)[-1]}"
        assert callable(module.sniff) and callable(module.read)


def test_renderer_entries_carry_suffix_binary_and_extras() -> None:
    assert list(RENDERERS) == ["json", "md", "text", "html", "docx", "pdf"]
    assert {n for n, e in RENDERERS.items() if e.binary} == {"docx", "pdf"}
    assert RENDERERS["docx"].extras == ("docx",) and RENDERERS["json"].extras == ()
    assert suffix("html") == ".html" and suffix("text") == ".txt"
    assert all(e.suffixes and all(s.startswith(".") for s in e.suffixes) for e in RENDERERS.values())
    assert callable(RENDERERS["json"].load())


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.json", "json"), ("out/r.HTM", "html"), ("r.markdown", "md"), ("r.txt", "text"), (None, None), ("-", None)],
)
def test_the_format_follows_the_suffix(path: str | None, fmt: str | None) -> None:
    assert format_from_suffix(path, RENDERERS) == fmt


@pytest.mark.parametrize("path", ["report.xyz", "report", "talk.txt"])
def test_an_unknown_suffix_is_an_input_error_naming_the_file(path: str) -> None:
    entries = FORMATS if path == "talk.txt" else RENDERERS
    with pytest.raises(InputError) as caught:
        format_from_suffix(path, entries)
    assert caught.value.source == path
    assert "--to" in caught.value.problem
    assert all(s in caught.value.problem for e in entries.values() for s in e.suffixes)


def test_an_entry_point_maps_onto_an_entry() -> None:
    point = EntryPoint(name="fake", value="sessionlens.registry:Entry.from_entry_point [nlp]", group="x")
    entry = Entry.from_entry_point(point, "a test")
    assert entry == Entry("fake", "sessionlens.registry:Entry.from_entry_point", "a test", extras=("nlp",))
    assert entry.load() == Entry.from_entry_point  # dotted attributes are followed
    assert Entry("m", "sessionlens.registry").load().__name__ == "sessionlens.registry"
    with pytest.raises(ModuleNotFoundError):
        Entry("gone", "sessionlens.no_such_module:x").load()
