"""The docs stay in step with `--help`: every `sessionlens` command line the README and docs/
show names a command that exists and only options that command has, and every command,
sub-commands included, is shown at least once (a new command must be documented)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from sessionlens.cli import cli

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: `sessionlens WORD…` at the start of a shell word (not `sessionlens[all]`, not a path)
INVOCATION = re.compile(r"(?<![\w./\[-])sessionlens((?:[ \t]+[^\s|;&#>]+)+)")
OPTION = re.compile(r"^(-{1,2}[A-Za-z][\w-]*)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    """Every command path ("report", "event build") and its command, sub-groups included."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = (*prefix, name)
        yield " ".join(path), command
        if isinstance(command, click.Group):
            yield from commands(command, path)


COMMANDS = dict(commands())


def options_of(command: click.Command) -> set[str]:
    names = {"--help", "-h"}
    for param in command.params:
        if isinstance(param, click.Option):
            names.update(param.opts, param.secondary_opts)
    return names


def code_of(text: str) -> Iterator[str]:
    """Code the reader would type: fenced and indented blocks (with `\\` continuations joined)
    and inline code spans."""
    fenced = False
    block: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")):
            block.append(line.strip())
            if not line.rstrip().endswith("\\"):
                yield " ".join(x.rstrip("\\") for x in block)
                block = []
        else:
            yield from CODE_SPAN.findall(line)


def invocations() -> Iterator[tuple[str, str, list[str]]]:
    """(doc, command path as written, the words after it) for every command line in the docs."""
    for doc in DOCS:
        for code in code_of(doc.read_text(encoding="utf-8")):
            for m in INVOCATION.finditer(code):
                words = m.group(1).split()
                if not words or not re.fullmatch(r"[a-z][\w-]*", words[0]):
                    continue  # `sessionlens --help`, `sessionlens …`
                path = words[0]
                # a group's sub-command ("event build") is part of the path
                while path in COMMANDS and isinstance(COMMANDS[path], click.Group) and len(words) > 1:
                    if f"{path} {words[1]}" not in COMMANDS:
                        break
                    path = f"{path} {words.pop(1)}"
                yield doc.relative_to(REPO).as_posix(), path, words[1:]


def test_the_docs_show_command_lines() -> None:
    found = list(invocations())
    assert len(found) > 20 and {path for _, path, _ in found} >= {"report", "stats"}


def test_every_documented_command_and_option_exists() -> None:
    wrong = []
    for doc, path, words in invocations():
        if path not in COMMANDS:
            wrong.append(f"{doc}: `sessionlens {path}` is not a command (commands: {', '.join(sorted(COMMANDS))})")
            continue
        known = options_of(COMMANDS[path])
        for word in words:
            m = OPTION.match(word.lstrip("[("))
            if m and m.group(1) not in known:
                hint = f"see `sessionlens {path} --help`"
                wrong.append(f"{doc}: `sessionlens {path}` has no option {m.group(1)} ({hint})")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_every_command_is_documented() -> None:
    shown = {path for _, path, _ in invocations()}
    # a group is shown through its sub-commands ("event build" shows "event")
    shown |= {" ".join(path.split()[:n]) for path in shown for n in range(1, len(path.split()))}
    missing = sorted(set(COMMANDS) - shown)
    assert not missing, (
        f"commands no doc shows as `sessionlens COMMAND …` in README.md or docs/*.md: {', '.join(missing)}"
    )


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_option_has_help_text(path: str) -> None:
    """`--help` is the reference the docs point to: no option without a line of help."""
    bare = [
        p.opts[0]
        for p in COMMANDS[path].params
        if isinstance(p, click.Option) and not p.hidden and not (p.help or "").strip()
    ]
    assert not bare, f"`sessionlens {path}`: options without help text: {bare}"
