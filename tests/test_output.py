"""`export -o` writes to what the path is (a FIFO, a device, a symlink's target, a file with hard links)
without replacing it, keeps an existing file's mode; stdout that fails (a full disk, a closed pipe) and
odd arguments end in a message and an exit code, never a traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from herzlich_tui.cli import main
from herzlich_tui.output import unused_name, write_output

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, modes and hard links are POSIX")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return int(code), out, err


def cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "herzlich_tui", *argv],
        capture_output="stdout" not in kwargs,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


# --- write_output ----------------------------------------------------------------------------------------
@posix_only
def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_output(fifo, b"data\n")
    reader.join(10)
    assert received == [b"data\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_a_symlink_to_a_device_stays_and_the_device_too(tmp_path: Path) -> None:
    link = tmp_path / "null.json"
    link.symlink_to(os.devnull)
    write_output(link, b"data\n")
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_symlink_is_followed_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "export.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "export.md"
    link.symlink_to(target)
    write_output(link, b"new")
    assert link.is_symlink() and target.read_text() == "new"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "real" / "later.md")
    write_output(dangling, b"made")
    assert dangling.is_symlink() and (tmp_path / "real" / "later.md").read_text() == "made"


@posix_only
def test_an_existing_file_keeps_its_mode_and_hard_links(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_output(target, b"new")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644 and target.read_text() == "new"
    os.chmod(target, 0o604)
    write_output(target, b"newer")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o604
    linked = tmp_path / "elsewhere.json"
    os.link(target, linked)
    inode = os.stat(target).st_ino
    write_output(target, b"both")
    assert linked.read_text() == "both" and os.stat(target).st_ino == inode and os.stat(target).st_nlink == 2


@posix_only
def test_a_new_file_gets_the_mode_a_shell_would_give_it(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_output(tmp_path / "sub" / "new.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "sub" / "new.csv").st_mode) == 0o644
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["new.csv"]  # no temporary file left


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes in any folder")
def test_a_file_in_a_folder_that_cannot_be_written_is_written_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "export.json"
    target.write_text("old")
    folder.chmod(0o555)
    try:
        write_output(target, b"new")
    finally:
        folder.chmod(0o755)
    assert target.read_text() == "new"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_output(tmp_path, b"x")


def test_unused_name(tmp_path: Path) -> None:
    first = tmp_path / "herzlich-1.md"
    assert unused_name(first) == first
    first.write_text("x")
    (tmp_path / "herzlich-1-2.md").symlink_to(tmp_path / "nowhere")
    assert unused_name(first) == tmp_path / "herzlich-1-3.md"


# --- the command line ------------------------------------------------------------------------------------
@posix_only
def test_export_to_a_fifo_and_a_symlink(capsys, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "export", "-f", "csv", "-o", str(fifo))
    reader.join(10)
    assert code == 0, err
    assert received and received[0].startswith(b"kind,id,title")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_to_a_folder_is_an_output_error(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "-o", str(tmp_path))
    assert (code, out) == (3, "")
    assert err == f"herzlich-tui: cannot write {tmp_path}: is a folder\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_disk(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = cli("export", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 3
    assert done.stderr == "herzlich-tui: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("argv", [("export",), ("search", "digital", "--limit", "1000")])
def test_a_reader_that_stops_early(argv: tuple[str, ...]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "herzlich_tui", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head` that has read enough: the pipe is closed before anything is written
    err = process.stderr.read()
    assert process.wait(120) == 141
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_a_limit_beyond_any_number(capsys) -> None:
    code, out, err = run(capsys, "search", "digital", "--limit", "99999999999999999999")
    assert code == 0, err
    assert len(out.splitlines()) > 20 and "Traceback" not in err
    code, out, _ = run(capsys, "search", "digital", "--limit", "-5")
    assert code == 0 and len(out.splitlines()) == 1


@pytest.mark.parametrize("command", [("export",), ("search", "digital"), ("check",)])
def test_a_data_folder_that_is_not_there(capsys, tmp_path: Path, command: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *command, "--data", str(tmp_path / "nonexistent"))
    assert (code, out) == (2, "")
    assert err == f"herzlich-tui: error: --data {tmp_path / 'nonexistent'}: no such folder or file\n"
