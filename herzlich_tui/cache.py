"""Loading with a cache: the parsed, checked and indexed dataset and its search index, kept in the user
cache folder so that a second start does not parse TOML again.

The cache is keyed by every data file's path, size, modification and change time, the SHA-256 of its
bytes, and by the program's version and code (the size and modification time of each module whose objects
it holds); any change makes it miss (a same-size edit that kept the
modification time, as `cp -p` or `touch -r` leave it, changes the hash). A cache file that cannot be read
(truncated, corrupt, from another version) is ignored and rebuilt. The load's problems keep their messages
as said (strings.Said: a template's name and its values), so that a problem read from the cache is shown
in the language of the moment; one whose template is gone or asks for other values fails to be read, and
the cache is rebuilt.

The cache is a pickle, and unpickling can run code: it is read only from a folder that belongs to the
user (or root) and that nobody else can write to, and only files that belong to the user, that nobody
else can write to and that are regular files, not symlinks (as ssh checks its files). The folder is made
with mode 0700; a folder of the user's own that others can write to is made 0700 first. A folder of
another user is not used at all (and `Loaded.notice` says why).
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import pickle
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BufferedReader
from itertools import accumulate, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, cast

from herzlich_tui import __version__
from herzlich_tui import strings as S
from herzlich_tui.bulk import IsCancelled, Progress, paused_gc, release_memory
from herzlich_tui.loading.files import discover
from herzlich_tui.settings import atomic_file

# The loader, the model and the search index are imported by the functions that use them: the app looks at
# the files and reads the list kept from its last run (`fingerprint`, `read_snapshot`) before its first
# frame, and the rest after it.
if TYPE_CHECKING:
    from herzlich_tui.cache_export import ExportStore
    from herzlich_tui.cache_format import Column
    from herzlich_tui.cache_hits import CachedSearch
    from herzlich_tui.loading import LoadResult
    from herzlich_tui.loading.loader import FilePart
    from herzlich_tui.model import Dataset
    from herzlich_tui.search import SearchIndex, TermIndex

__all__ = [
    "CACHE_FORMAT",
    "Loaded",
    "cache_file",
    "data_size",
    "export_cached",
    "fingerprint",
    "keep_export",
    "keep_hits",
    "load_dataset_at",
    "load_indexed",
    "read_trusted",
    "search_cached",
    "trusted_folder",
]

CACHE_FORMAT = 9


@dataclass
class Loaded:
    """A load result with its search index, and whether both came from the cache. `notice`: why the
    cache folder was not used (it belongs to another user), for the user to be told (said: str() gives it
    in the language of the moment); else None."""

    result: LoadResult
    index: SearchIndex
    from_cache: bool
    notice: str | None = None
    # The cache key the data was kept under (every data file's times and content hash) and the stamp of
    # the cache's files; None when it was not kept (see `keep_hits`).
    key: tuple | None = None
    stamp: str | None = None


# --- trust ---------------------------------------------------------------------------------------------
def _owners() -> tuple[int, ...] | None:
    """The owners a cache folder or file may have (the user, root); None where there are none (Windows)."""
    return (os.geteuid(), 0) if hasattr(os, "geteuid") else None


def _distrust(info: os.stat_result) -> str | None:
    """Why a cache folder or file of this `stat` cannot be trusted ("owner": it belongs to another user;
    "writable": others can write to it), or None when it can."""
    owners = _owners()
    if owners is None:
        return None
    if info.st_uid not in owners:
        return "owner"
    if info.st_mode & 0o022:
        return "writable"
    return None


def trusted_folder(cache_dir: Path) -> str | None:
    """Make the cache folder (mode 0700) when it is missing, make a folder of the user's own that others
    can write to 0700; then None when it can be used, or why not (said). (A folder that cannot be made or
    looked at is not refused here: writing to it fails quietly, and nothing is read from it.)"""
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(cache_dir)
    except OSError:
        return None
    why = _distrust(info)
    if why == "writable":
        try:
            os.chmod(cache_dir, 0o700)
            info = os.stat(cache_dir)
        except OSError:
            pass
        why = _distrust(info)
    if why is None:
        return None
    name = "CACHE_FOLDER_OTHER_USER" if why == "owner" else "CACHE_FOLDER_WRITABLE"
    return S.said(name, folder=str(cache_dir))


# (O_NOFOLLOW: a symlink in the cache folder is never followed; O_NONBLOCK: a FIFO is never waited for.)
_OPEN_TRUSTED = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _open_trusted(path: Path) -> BufferedReader | None:
    """`path` opened for reading when it is a regular file (not a symlink) that the user owns and nobody
    else can write to, in a folder of the same kind; else None."""
    try:
        if _distrust(os.stat(path.parent)) is not None:
            return None
        fd = os.open(path, _OPEN_TRUSTED)
    except OSError:
        return None
    handle = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or _distrust(info) is not None:
        handle.close()
        return None
    return handle


def _is_trusted(path: Path) -> bool:
    """Whether `path` is a file `_open_trusted` would open (for files opened by others: SQLite)."""
    try:
        info = os.lstat(path)
        return stat.S_ISREG(info.st_mode) and _distrust(info) is None
    except OSError:
        return False


def read_trusted(path: Path, limit: int) -> bytes | None:
    """The bytes of the cache file `path` when `_open_trusted` opens it and it holds at most `limit` bytes;
    else None."""
    handle = _open_trusted(path)
    if handle is None:
        return None
    with handle:
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def cache_file(
    cache_dir: Path, roots: Sequence[tuple[Path, str]], prefix: str = "load", suffix: str = "pickle"
) -> Path:
    """The cache file of one kind (`prefix`, `suffix`) for the data below `roots`."""
    name = "\0".join(f"{Path(p).absolute()}\1{layer}" for p, layer in roots).encode()
    # A name, not a check (the key inside each file is): zlib comes with Textual, and hashlib would be
    # imported on the way to the first frame for it.
    return cache_dir / f"{prefix}-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.{suffix}"


def fingerprint(roots: Sequence[tuple[Path, str]]) -> tuple | None:
    """What the data files look like, without reading them: every data file's path, size, modification and
    change time, the version and the code (None when a file cannot be looked at: then nothing is cached).
    The change time is the system's: `cp -p` and `touch -r` keep a file's modification time, not that.
    The cache adds each file's content hash (see `load_indexed`); this alone keys the first screen's list,
    taken before the first frame."""
    files, problems = discover(roots)
    entries = []
    for path, layer in files:
        try:
            info = os.stat(path)
        except OSError:
            return None  # an unreadable file: load normally, so that its problem is reported
        entries.append((str(path), layer, info.st_size, info.st_mtime_ns, info.st_ctime_ns, stat.S_ISDIR(info.st_mode)))
    # (The problems as their English: a key the same whichever language the program speaks.)
    found = tuple((p.location, p.key, str.__str__(p.message)) for p in problems)
    return (CACHE_FORMAT, __version__, _code_key(), tuple(entries), found)


def _with_contents(key: tuple) -> tuple | None:
    """`key` (a `fingerprint`) with the SHA-256 of each of its data files' bytes, or None when a file
    cannot be read as the loader would read it (then nothing is cached, and the loader reports why)."""
    from herzlich_tui.loading.files import MAX_FILE_BYTES

    hashes = []
    buffer = bytearray(_HASH_BLOCK)
    for path, *_, folder in key[3]:
        if folder:
            hashes.append("")
            continue
        digest = _content_hash(Path(path), MAX_FILE_BYTES, buffer)
        if digest is None:
            return None
        hashes.append(digest)
    return (*key, tuple(hashes))


_HASH_BLOCK = 1 << 20


def _content_hash(path: Path, limit: int, buffer: bytearray) -> str | None:
    """The SHA-256 of the bytes of `path` when the loader would read them (`files.open_regular`: a regular
    file, symlinks followed, of at most `limit` bytes); else None. Read a block at a time into `buffer`,
    not as one bytes object: a warm search hashes every data file, and a large new object per file costs
    as much as the hashing."""
    import hashlib

    from herzlich_tui.loading.files import open_regular

    digest = hashlib.sha256()
    total = 0
    try:
        with open_regular(path, limit) as handle, memoryview(buffer) as view:
            while (size := handle.readinto(view)) and total <= limit:
                digest.update(view[:size])
                total += size
    except OSError:
        return None
    return digest.hexdigest() if total <= limit else None


@functools.cache
def _code_key() -> tuple[tuple[str, int, int], ...]:
    """The code whose objects the cache holds, as each module's path, size and modification time: a changed
    model or loader never reads an old cache, even when the version number was not raised. (Looked at, not
    read: the key is taken before every first frame.)"""
    root = Path(__file__).parent
    paths = [path for folder in ("model", "loading") for path in sorted((root / folder).glob("*.py"))]
    paths += [root / name for name in ("search.py", "cache_format.py", "cache_hits.py")]
    return file_stamps(paths)


def file_stamps(paths: Iterable[str | Path]) -> tuple[tuple[str, int, int], ...]:
    """Each file as (path, size, modification time), for a key that a changed file makes miss; a file that
    cannot be looked at is left out (the key differs from one where it could)."""
    stamps = []
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            stamps.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stamps)


class Keyed(NamedTuple):
    """Where the data below some roots is kept in the cache, and under which key: `key`, their `fingerprint`
    with each data file's content hash, and `target`, the dataset's cache file; both None when nothing is
    cached (no cache folder, one refused (`notice` says why), or a data file that cannot be read). Taking
    it looks at and hashes every data file: a command takes it once."""

    notice: str | None
    key: tuple | None
    target: Path | None


def keyed(roots: Sequence[tuple[Path, str]], cache_dir: Path | None, key: tuple | None = None) -> Keyed:
    """Where the data below `roots` is cached in `cache_dir` (see Keyed). `key`: the roots' `fingerprint`,
    when the caller has just taken it."""
    notice = trusted_folder(cache_dir) if cache_dir is not None else None
    if cache_dir is None or notice is not None:
        return Keyed(notice, None, None)  # (another user's folder: nothing is read from it or written to it)
    key = fingerprint(roots) if key is None else key
    key = _with_contents(key) if key is not None else None
    return Keyed(None, key, cache_file(cache_dir, roots) if key is not None else None)


def load_indexed(
    roots: Sequence[tuple[Path, str]],
    cache_dir: Path | None,
    loaded: Callable[[LoadResult], None] | None = None,
    *,
    result: LoadResult | None = None,
    key: tuple | None = None,
    place: Keyed | None = None,
    cancelled: IsCancelled | None = None,
    progress: Progress | None = None,
    reuse: Sequence[FilePart] | None = None,
    glimpsed: tuple[str, Callable[[LoadResult], None]] | None = None,
) -> Loaded:
    """Load the data below `roots` and index it; use and refresh the cache in `cache_dir` when given.

    `loaded` is called with the dataset as soon as it is ready, before the search index is built (which
    takes a while for a large dataset read from its files). `result`: the data, already loaded from
    these roots; then only the index is made (and the cache written). `key`: the roots' `fingerprint`,
    when the caller has just taken it (each taking looks at every data file); `place`: where the data is
    cached, when the caller has just worked it out (see `keyed`). `cancelled` is asked now and
    then while files are read and the index is built; when it says so, Cancelled is raised, and what was
    written to the cache by then (the dataset, once loaded) stays for the next start. `progress` is told
    how far the reading of the data files is (see `loader.load`); reading the cache tells it nothing.
    `reuse`: the file parts of the data loaded last (`LoadResult.parts`, as the app holds them): when the
    cache does not hold these files, only the files whose bytes changed since are parsed and checked. When
    not given, the parts are taken from the cache of these roots if it holds other data (some file was
    changed, added or removed while the program was not running). `glimpsed`: a query and a function,
    called when the data must be read from its files, before that, with the files that hold the query's
    words loaded alone (see glimpse.py; not when none does): a first answer to a search shown meanwhile.

    The cache is three files tied together by a stamp: the dataset (`load-*.pickle`, written as soon as
    it is loaded), the word index (`load-*.terms.pickle`) and the ranking index (`load-*.fts.sqlite`),
    both written once the index is built. A dataset found without its indexes is used, and they are
    built again."""
    from herzlich_tui.loading.loader import load
    from herzlich_tui.search import SearchIndex

    notice, key, target = place or keyed(roots, cache_dir, key)
    from_cache = False
    stamp = None
    if result is None:
        if target is not None and (cached := _read_dataset(target, key)) is not None:
            result, stamp = cached
            from_cache = True
            terms = _read_terms(_terms_file(target), stamp)
            if terms is not None and _is_trusted(_fts_file(target)):
                index = SearchIndex.from_file(result.dataset, terms, _fts_file(target), stamp)
                return Loaded(result, index, True, key=key, stamp=stamp)
        else:
            if reuse is None and target is not None:
                reuse = _stale_parts(target, key)
            if glimpsed is not None and not reuse:
                from herzlich_tui.glimpse import glimpse

                query, show = glimpsed
                if (first := glimpse(roots, query, cancelled)) is not None:
                    show(first)
                    reuse = first.parts  # (those files are not parsed again)
            result = load(roots, cancelled=cancelled, progress=progress, reuse=reuse or (), digests=_digests(key))
        if loaded is not None:
            loaded(result)
    if target is None:
        return Loaded(result, SearchIndex(result.dataset, cancelled=cancelled), False, notice)
    if stamp is None:
        import secrets

        stamp = secrets.token_hex(8)  # ties the cache's three files together
        _keep_dataset(target, key, result, stamp)
    return Loaded(result, _index_and_keep(result, target, stamp, cancelled), from_cache, key=key, stamp=stamp)


def _keep(path: Path, parts: tuple, write: Callable[[BinaryIO], None] | None = None) -> None:
    """Write `parts` to `path`, each as a pickle of its own, atomically; nothing when that fails. (A key
    comes first: a stale file is recognised without reading the rest.) `write`, when given, writes more
    after the first part."""
    with (
        contextlib.suppress(OSError, pickle.PicklingError, RecursionError, ValueError),
        atomic_file(path) as temp,
        temp.open("wb") as handle,
    ):
        for number, part in enumerate(parts):
            if number == 1 and write is not None:
                write(handle)
            pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)


# The dataset's free text (titles, summaries, quotes: most of its memory) is written apart from the pickle,
# in marshal format, a column at a time in blocks of _TEXT_CHUNK texts. The pickler would leave a UTF-8 copy
# in every text that is not ASCII, for as long as the text lives (CPython keeps the copy it writes), and
# remember each text until the whole dataset is written. A block is its texts joined into one string, and
# their lengths: marshal would otherwise intern again every text the loader interned, and Python's table of
# interned strings would double (docs/performance.md has the figures). Each
# block is read whole and then unmarshalled (marshal reading a file itself asks it for every piece apart).
_TEXT_CHUNK = 4096


def _write_block(handle: BinaryIO, value: Any) -> None:
    data = marshal.dumps(value)
    handle.write(len(data).to_bytes(8, "little"))
    handle.write(data)


def _read_block(handle: BufferedReader, buffer: bytearray) -> Any:
    """The next block, read into `buffer` (one buffer for every block: no block of its own left behind
    as a hole among the texts in memory)."""
    size = int.from_bytes(handle.read(8), "little")
    if size > os.fstat(handle.fileno()).st_size - handle.tell():  # a damaged length: never allocate it
        raise EOFError("the cache file ends early")
    if len(buffer) < size:
        buffer.extend(bytes(size - len(buffer)))
    with memoryview(buffer) as whole, whole[:size] as data:
        if handle.readinto(data) != size:
            raise EOFError("the cache file ends early")
        return marshal.loads(data)


def _keep_dataset(path: Path, key: tuple | None, result: LoadResult, stamp: str) -> None:
    """Write the load result to `path` (see `_keep`): the key, its texts, then the rest and the stamp."""
    import dataclasses

    from herzlich_tui.cache_format import pack_dataset, pack_parts

    texts: list[Column] = []
    state = pack_dataset(result.dataset, texts)
    state["parts"] = pack_parts(result.parts, result.dataset)
    # (The dataset and the file parts go as their packed forms.)
    shell = dataclasses.replace(result, dataset=cast("Dataset", None), parts=[])
    _keep(path, (key, (shell, state, stamp)), functools.partial(_write_texts, texts))
    del texts, state
    release_memory(len(result.dataset))
    _remove_earlier_names(path.parent)


def _remove_earlier_names(cache_dir: Path) -> None:
    """Remove the cache files of another naming from the user's own cache folder (as a new dataset is kept):
    `load-` or `view-` and 20 hex digits, where `cache_file` writes 16. Nothing reads them."""
    earlier = re.compile(r"(?:load|view)-[0-9a-f]{20}\..+")
    with contextlib.suppress(OSError):
        for entry in os.scandir(cache_dir):
            if earlier.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _write_texts(texts: list[Column], handle: BinaryIO) -> None:
    _write_block(handle, [len(column) for column in texts])
    for column in texts:
        values = iter(column)
        while chunk := list(islice(values, _TEXT_CHUNK)):
            _write_block(handle, ("".join(chunk), list(map(len, chunk))))


def _read_dataset_parts(handle: BufferedReader) -> tuple[LoadResult, str]:
    """What `_keep_dataset` wrote after the key: the load result and its stamp."""
    from herzlich_tui.cache_format import unpack_dataset, unpack_parts

    texts: list[list[str]] = []
    buffer = bytearray()
    for size in _read_block(handle, buffer):
        column: list[str] = []
        keep = dict[str, str]().setdefault  # equal texts of a column (a place, a title files repeat) are one string
        while len(column) < size:
            joined, lengths = _read_block(handle, buffer)
            if not lengths or sum(lengths) != len(joined):
                raise ValueError("not a block of texts")
            ends = list(accumulate(lengths))
            pieces = list(map(joined.__getitem__, map(slice, [0, *ends[:-1]], ends)))
            column.extend(map(keep, pieces, pieces))
        texts.append(column)
    result, state, stamp = pickle.load(handle)
    result.dataset = unpack_dataset(state, texts)
    result.parts = unpack_parts(state["parts"], result.dataset)
    return result, stamp


def _index_and_keep(result: LoadResult, target: Path, stamp: str, cancelled: IsCancelled | None) -> SearchIndex:
    """Index the data and keep the index in the cache: the ranking index is built right in its own file
    (it never takes memory), then the word index is pickled. When the cache cannot be written, the index
    is made in memory and not kept."""
    import sqlite3

    from herzlich_tui.search import SearchIndex

    fts = _fts_file(target)
    try:
        with atomic_file(fts) as temp:
            index = SearchIndex(result.dataset, build_at=temp, cancelled=cancelled)
            index.finish(fts, stamp)
    except (OSError, sqlite3.Error):
        return SearchIndex(result.dataset, cancelled=cancelled)
    release_memory(len(result.dataset))  # what building the index left free, before the word index is written
    _keep(_terms_file(target), (stamp, index.terms))
    return index


def search_cached(
    roots: Sequence[tuple[Path, str]],
    cache_dir: Path,
    query: str,
    limit: int,
    year: int | None,
    place: Keyed | None = None,
) -> CachedSearch | None:
    """The command line's search of the data below `roots` answered from the cache alone: the ranking
    index and the rows of the hits it prints (see cache_hits.py), never the cached dataset. The data files
    are looked at and hashed as for `load_indexed` (`place`: as the caller just did, see `keyed`), so stale
    data is never shown. None when the cache cannot answer (no usable cache folder, a cache of other or
    changed data, of an older format, or damaged): then the caller loads with `load_indexed`."""
    _, key, target = place or keyed(roots, cache_dir)
    if target is None:
        return None
    fts, hits = _fts_file(target), _hits_file(target)
    if not (_is_trusted(fts) and _is_trusted(hits)):
        return None
    from herzlich_tui.cache_hits import read_hits

    return read_hits(fts, hits, repr(key), query, limit, year)


def keep_hits(roots: Sequence[tuple[Path, str]], cache_dir: Path, loaded: Loaded) -> None:
    """Keep what the command line's search shows of each record (see cache_hits.py) beside the cache that
    `loaded` came from or went to, for the next searches to answer from the cache alone. Written by the
    first search that had to load the data, not by every first start: they take seconds to write at a
    large size, and disk, and the app never reads them (docs/performance.md). Nothing when the data was
    not kept in the cache, or when they cannot be written."""
    import sqlite3

    from herzlich_tui.cache_hits import write_hits

    if loaded.key is None or loaded.stamp is None:
        return  # (nothing kept: no cache folder, or one that is refused)
    with (
        contextlib.suppress(OSError, sqlite3.Error, ValueError),
        atomic_file(_hits_file(cache_file(cache_dir, roots))) as temp,
    ):
        write_hits(temp, loaded.result.dataset, repr(loaded.key), loaded.stamp, len(loaded.result.problems))


def data_size(key: tuple | None) -> int | None:
    """How many bytes the data files of a `fingerprint` hold (None: unknown, a file could not be read)."""
    return None if key is None else sum(entry[2] for entry in key[3])


def _fts_file(target: Path) -> Path:
    return target.with_suffix(".fts.sqlite")


def _hits_file(target: Path) -> Path:
    return target.with_suffix(".hits.sqlite")


def _terms_file(target: Path) -> Path:
    return target.with_suffix(".terms.pickle")


def _read_dataset(path: Path, key: tuple | None) -> tuple[LoadResult, str] | None:
    """The cached load result and its stamp, if `path` holds them for exactly `key`."""
    from herzlich_tui.loading.loader import LoadResult

    found = _read(path, key, _read_dataset_parts)
    if found is None or not isinstance(found[0], LoadResult) or not isinstance(found[1], str):
        return None
    return found


def _stale_parts(path: Path, key: tuple | None) -> list[FilePart]:
    """The file parts kept in the cache file `path` when it holds the same roots' data as it was (some file
    changed, was added or removed since), written by this program: a load takes the parts of the files
    that did not change. None kept (a cache of another program, or damaged): []."""
    handle = _open_trusted(path)
    if handle is None or key is None:
        return []
    try:
        with handle, paused_gc():
            kept = pickle.load(handle)
            if not isinstance(kept, tuple) or kept[:3] != key[:3]:
                return []
            result, _ = _read_dataset_parts(handle)
    except Exception:  # (whatever is wrong with it: it is overwritten once the data is loaded)
        return []
    return result.parts


def _digests(key: tuple | None) -> dict[str, str] | None:
    """The SHA-256 of each data file of a key that `keyed` made, by path (None: no key)."""
    if key is None:
        return None
    return {entry[0]: digest for entry, digest in zip(key[3], key[-1], strict=True) if digest}


def _read_terms(path: Path, stamp: str) -> TermIndex | None:
    """The cached word index, if `path` holds the one made with `stamp`."""
    from herzlich_tui.search import TermIndex

    found = _read(path, stamp)
    return found if isinstance(found, TermIndex) else None


def _read(path: Path, key: object, read: Callable[[BufferedReader], Any] = pickle.load) -> Any:
    """What follows `key` in the cache file `path`, as `read` reads it (None when the file holds another
    key or cannot be read)."""
    handle = _open_trusted(path)
    if handle is None:
        return None
    try:
        with handle, paused_gc():  # read as a stream: no second copy of a large cache in memory
            if pickle.load(handle) != key:
                return None
            return read(handle)
    except Exception:
        # Whatever is wrong with a cache file (truncated, from another version, garbage), the remedy is
        # the same: ignore it, load from the data files, and overwrite it.
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None


# --- the export's records ------------------------------------------------------------------------------
def load_dataset_at(roots: Sequence[tuple[Path, str]], place: Keyed) -> tuple[LoadResult, str | None]:
    """The data below `roots` without its search index, for a command that only reads the records
    (`export`), where `keyed` just found it cached (`place`; the data files are not looked at again): the
    cached dataset when the cache holds it for exactly these files, else the data loaded from its files
    (parsing only those changed since the cache was written) and kept in the cache (its indexes are built
    by the next start that searches). Also why the cache folder was not used (said; see
    `Loaded.notice`), or None."""
    from herzlich_tui.loading.loader import load

    notice, key, target = place
    if target is None:
        return load(roots), notice
    if (cached := _read_dataset(target, key)) is not None:
        return cached[0], None
    import secrets

    result = load(roots, reuse=_stale_parts(target, key), digests=_digests(key))
    _keep_dataset(target, key, result, secrets.token_hex(8))
    return result, None


def export_cached(place: Keyed) -> ExportStore | None:
    """The records of the data cached at `place` (see `keyed`) as the command line's export writes them
    (see cache_export.py), when they were kept for exactly these data files by this code and can be read
    whole; else None: then the caller loads the data (`load_dataset_at`) and keeps them (`keep_export`).
    The caller closes what it gets."""
    if place.target is None or place.key is None:
        return None
    path = _export_file(place.target)
    if not _is_trusted(path):
        return None
    from herzlich_tui.cache_export import open_export

    store = open_export(path)
    if store is not None and not store.usable(repr(place.key)):
        store.close()
        return None
    return store


def keep_export(place: Keyed, result: LoadResult) -> None:
    """Keep the records of `result`, loaded from the data cached at `place`, as the export writes them
    (see cache_export.py), for the next exports to read them alone. Written by the first export that had
    to load the data, not by every load: the app and `search` never read them. Nothing when the data was
    not kept in the cache, or when they cannot be written."""
    import sqlite3

    from herzlich_tui.cache_export import write_export

    if place.target is None or place.key is None:
        return
    with (
        contextlib.suppress(OSError, sqlite3.Error, ValueError, OverflowError),
        atomic_file(_export_file(place.target)) as temp,
    ):
        write_export(temp, result.dataset, repr(place.key), len(result.problems))


def _export_file(target: Path) -> Path:
    return target.with_suffix(".export.sqlite")
