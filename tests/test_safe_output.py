"""`-o` never clobbers what is there by accident (issue 14, finding 4): a regular file is
replaced atomically, a device or FIFO is written through, a symlink is followed, a failure
is one line and leaves no temporary file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sessionlens.errors import OutputError
from sessionlens.safe_output import write_file

TRANSCRIPT = "Alice Moreau: Welcome to the session on water.\n\nBen Okoro: Thank you, Alice.\n"


def report(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    src = tmp_path / "t.txt"
    src.write_text(TRANSCRIPT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "sessionlens", "report", str(src), "--engine", "none", "-q", *args],
        capture_output=True,
        timeout=120,
    )


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_a_regular_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    write_file("new", out)
    assert out.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_symlink_is_followed_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    r = report(tmp_path, "-o", str(link), "--to", "md")
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_file("through the pipe", fifo)
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes needs root")
def test_a_device_is_written_through_never_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # like /dev/full
    assert report(tmp_path, "-o", str(null), "--to", "md").returncode == 0
    r = report(tmp_path, "-o", str(full), "--to", "md")
    assert r.returncode == 2
    assert r.stderr.decode().strip().splitlines() == [
        f"sessionlens: error: {full}: cannot be written (No space left on device)"
    ]
    for dev in (null, full):
        assert stat.S_ISCHR(dev.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_an_unwritable_place_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = report(tmp_path, "-o", str(blocker / "out.md"))
    assert r.returncode == 2
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sessionlens: error: {blocker / 'out.md'}: cannot be written")
    with pytest.raises(OutputError):
        write_file("x", tmp_path)  # a folder
    assert leftovers(tmp_path) == []


def test_a_failed_write_removes_its_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.md"
    out.write_text("old", encoding="utf-8")

    def no_rename(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OutputError, match="No space left"):
        write_file("new", out)
    assert out.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_dash_is_stdout_for_text_and_binary(tmp_path: Path) -> None:
    r = report(tmp_path, "-o", "-", "--to", "md")
    assert r.returncode == 0 and r.stdout.startswith(b"# ")
    assert not (tmp_path / "-").exists()
    r = report(tmp_path, "-o", "-", "--to", "docx")
    assert r.returncode == 0 and r.stdout.startswith(b"PK\x03\x04")
