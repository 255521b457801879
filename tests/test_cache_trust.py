"""The load cache cannot run code another user planted, and sees same-size edits that kept their
modification time."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from herzlich_tui import cache
from herzlich_tui.cache import load_indexed
from herzlich_tui.cli import main
from herzlich_tui.loading import data_roots

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX")

EVENT = """
[[event]]
id = "e-cache"
title = "Cache-Test in Grübentälchen"
date = "2022-05"
summary = "Ein Ereignis."
sources = ["r-test"]
"""


@pytest.fixture
def roots(write_toml, review_toml: str, data_dir: Path) -> list[tuple[Path, str]]:
    write_toml("a.toml", review_toml + EVENT)
    return data_roots([data_dir], shipped=False, user=False)


class Planted:
    """A pickle that, when loaded, creates the file `marker` (as a planted cache would run a command)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.marker,))


def plant(target: Path, marker: Path) -> None:
    """Replace a cache file with one whose first pickle runs code (the key is read first)."""
    target.unlink(missing_ok=True)
    target.write_bytes(pickle.dumps(Planted(marker)))


def the_pickle(folder: Path) -> Path:
    (found,) = (p for p in folder.glob("load-*.pickle") if not p.name.endswith(".terms.pickle"))
    return found


# --- what the cache reads ------------------------------------------------------------------------------
@posix_only
def test_a_new_cache_folder_is_private(roots, tmp_path: Path) -> None:
    load_indexed(roots, tmp_path / "cache")
    assert stat.S_IMODE(os.stat(tmp_path / "cache").st_mode) == 0o700


@posix_only
def test_a_file_others_can_write_is_never_unpickled(roots, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_indexed(roots, folder)
    marker = tmp_path / "ran"
    target = the_pickle(folder)
    plant(target, marker)
    os.chmod(target, 0o666)  # as a file left by another user in a shared folder would be
    again = load_indexed(roots, folder)
    assert not marker.exists()
    assert not again.from_cache and [h.record.id for h in again.index.search("grubentalchen")] == ["e-cache"]
    assert load_indexed(roots, folder).from_cache  # written again, and then used


@posix_only
def test_a_folder_others_can_write_is_made_private_first(roots, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o777)
    load_indexed(roots, folder)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert load_indexed(roots, folder).from_cache


@posix_only
def test_a_folder_of_another_user_is_not_used(roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    load_indexed(roots, folder)
    marker = tmp_path / "ran"
    plant(the_pickle(folder), marker)
    monkeypatch.setattr(cache, "_owners", lambda: (os.geteuid() + 4711,))  # (every file is another user's)
    again = load_indexed(roots, folder)
    assert not marker.exists() and not again.from_cache
    assert again.notice == f"the cache folder {folder} belongs to another user"
    assert [h.record.id for h in again.index.search("grubentalchen")] == ["e-cache"]


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() != 0, reason="only root can give a file away")
def test_a_file_of_another_user_is_never_unpickled(roots, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_indexed(roots, folder)
    marker = tmp_path / "ran"
    target = the_pickle(folder)
    plant(target, marker)
    os.chown(target, 65534, 65534)
    assert not load_indexed(roots, folder).from_cache and not marker.exists()


@posix_only
def test_a_symlink_or_fifo_in_the_cache_is_not_followed(roots, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_indexed(roots, folder)
    marker = tmp_path / "ran"
    target = the_pickle(folder)
    elsewhere = tmp_path / "elsewhere.pickle"
    plant(elsewhere, marker)
    target.unlink()
    target.symlink_to(elsewhere)
    assert not load_indexed(roots, folder).from_cache and not marker.exists()
    target = the_pickle(folder)
    target.unlink()
    os.mkfifo(target)
    # In a process of its own: reading a FIFO would wait for a writer for ever.
    program = (
        "import sys; from pathlib import Path; from herzlich_tui.cache import load_indexed\n"
        "from herzlich_tui.loading import data_roots\n"
        "print(load_indexed(data_roots([Path(sys.argv[1])], shipped=False, user=False), Path(sys.argv[2])).from_cache)"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(roots[0][0]), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "False\n"), done.stderr


@posix_only
def test_the_search_command_says_why_the_cache_is_not_used(capsys, user_dirs, monkeypatch) -> None:
    monkeypatch.setattr(cache, "_owners", lambda: (os.geteuid() + 4711,))
    assert main(["search", "digital"]) == 0
    err = capsys.readouterr().err
    why = f"the cache folder {user_dirs.cache} belongs to another user"
    assert err == f"herzlich-tui: the load cache is not used: {why}.\n"


# --- what the cache is keyed by -------------------------------------------------------------------------
def test_a_same_size_edit_with_the_old_modification_time_is_seen(roots, tmp_path: Path, data_dir: Path) -> None:
    """As `cp -p`, `rsync -t` or `touch -r` leave a file: other bytes, the same size and time. The key the
    caller took before the edit (as the app takes it at its start) still names the old size and times: the
    content hash alone tells the files apart."""
    path = data_dir / "a.toml"
    key = cache.fingerprint(roots)
    assert not load_indexed(roots, tmp_path / "cache", key=key).from_cache
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Cache-Test", "Neu-Titel!"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    again = load_indexed(roots, tmp_path / "cache", key=key)
    assert not again.from_cache
    assert again.result.dataset["e-cache"].label.startswith("Neu-Titel!")
    assert cache.fingerprint(roots) != key  # (and where the system keeps change times, the key sees it too)
