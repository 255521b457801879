"""The `herzlich-tui` command: the bare command opens the browser; `check`, `export` and `search` work
without it. Data goes to stdout, diagnostics to stderr.

Exit codes (also in the README):
    0  success
    1  `check` found problems, or `search` found nothing
    2  wrong usage (unknown option, unknown programme or kind)
    3  the output file (or standard output) could not be written
  141  standard output was closed early (`export | head`): nothing more is written, no message
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from enum import IntEnum
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO, cast

from herzlich_tui import __version__, paths
from herzlich_tui import strings as S
from herzlich_tui.browse.spec import SORT_NAMES, VIEW_NAMES
from herzlich_tui.bulk import paused_gc
from herzlich_tui.i18n import LANGUAGES, choose_language, gettext, number, set_language
from herzlich_tui.loading.files import data_roots, discover
from herzlich_tui.settings import saved_language
from herzlich_tui.textsafe import safe_line

# The commands import the loader and the model when they run: starting the browser (the command most often
# run) does not wait for them, it shows its first frame first.
if TYPE_CHECKING:
    import argparse

    from herzlich_tui.browse.state import ViewState
    from herzlich_tui.cache import Keyed
    from herzlich_tui.loading import LoadResult, Problem
    from herzlich_tui.model import Dataset, Programme

__all__ = ["ExitCode", "main"]


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    OUTPUT_ERROR = 3
    INTERRUPTED = 130  # ctrl+c
    PIPE_CLOSED = 141  # 128 + SIGPIPE, as a shell reports a writer whose reader went away


# `check` lists at most this many problems (and says how many more) unless asked for all.
MAX_LISTED_PROBLEMS = 200
# `check --format`: a line per problem on stderr, or every problem on stdout for a program.
CHECK_FORMATS = ("text", "json", "sarif")
# What the parser gives the bare command, for what the app reads of it (a test holds the two together).
BARE_COMMAND = {"command": None, "view": None, "year": None, "programme": None, "search": None}
FRAME_RATE = 240  # the most frames a second the app paints (Textual: 60); see use_frame_rate


class UsageError(Exception):
    """A value on the command line that does not fit the data (e.g. an unknown programme)."""


class _StdoutError(Exception):
    """Standard output (or error) could not be written: a full disk, a closed pipe."""

    def __init__(self, error: OSError, stream: TextIO) -> None:
        super().__init__(error)
        self.error = error
        self.stream = stream


class _Kinds(Sequence[str]):
    """The record kinds, the choices of `export --kind`, taken from the model only when argparse asks
    (to check a value given, or to list them in a help text)."""

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        from herzlich_tui.model import KINDS

        return KINDS[index]

    def __len__(self) -> int:
        from herzlich_tui.model import KINDS

        return len(KINDS)

    def __iter__(self) -> Iterator[str]:
        from herzlich_tui.model import KINDS

        return iter(KINDS)


def _help_formatter() -> type[argparse.HelpFormatter]:
    """argparse's formatter, except that descriptions and epilogs never break a path at a hyphen
    (the user data folder ends in `herzlich-tui`), so that a folder named in `--help` can be copied."""
    import argparse
    import textwrap

    class HelpFormatter(argparse.HelpFormatter):
        def _fill_text(self, text: str, width: int, indent: str) -> str:
            text = " ".join(text.split())
            return textwrap.fill(
                text,
                width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_on_hyphens=False,
                break_long_words=False,
            )

    return HelpFormatter


def _common() -> argparse.ArgumentParser:
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        help=S.CLI_HELP_DATA,
    )
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=S.CLI_HELP_LANG)
    return common


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser (argparse is imported with it: the bare command needs neither)."""
    import argparse

    common = _common()
    formatter = _help_formatter()
    parser = argparse.ArgumentParser(
        prog="herzlich-tui",
        description=S.APP_DESCRIPTION,
        formatter_class=formatter,
        parents=[common],
        epilog=S.CLI_EPILOG.format(user_dir=paths.user_data_dir()),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help=S.CLI_HELP_VERSION)
    parser.add_argument("--view", choices=VIEW_NAMES, help=S.CLI_HELP_VIEW)
    parser.add_argument("--year", type=int, help=S.CLI_HELP_YEAR)
    parser.add_argument("--programme", metavar="P", help=S.CLI_HELP_PROGRAMME)
    parser.add_argument("--search", metavar="TEXT", help=S.CLI_HELP_SEARCH)
    sub = parser.add_subparsers(dest="command", metavar=S.CLI_COMMANDS)

    check = sub.add_parser("check", parents=[common], help=S.CLI_CHECK_HELP, description=S.CLI_CHECK_DESCRIPTION)
    check.add_argument("--all", action="store_true", help=S.CLI_CHECK_ALL.format(count=MAX_LISTED_PROBLEMS))
    check.add_argument("--format", "-f", choices=CHECK_FORMATS, default="text", help=S.CLI_CHECK_FORMAT)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=S.CLI_CHECK_PATHS)

    export = sub.add_parser("export", parents=[common], help=S.CLI_EXPORT_HELP, description=S.CLI_EXPORT_DESCRIPTION)
    export.add_argument(
        "--format", "-f", choices=("json", "toml", "csv", "md"), default="json", help=S.CLI_EXPORT_FORMAT
    )
    export.add_argument("--year", type=int, metavar="YEAR", help=S.CLI_EXPORT_YEAR)
    export.add_argument("--programme", metavar="P", help=S.CLI_EXPORT_PROGRAMME)
    # A metavar of its own: argparse would otherwise list the choices as the parser is built (and import the
    # model before the app's first frame); %(choices)s is filled in only when help is shown.
    export.add_argument("--kind", choices=_Kinds(), action="append", metavar="KIND", help=S.CLI_EXPORT_KIND)
    export.add_argument("--sort", choices=SORT_NAMES, help=S.CLI_EXPORT_SORT)
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help=S.CLI_OUTPUT)

    search = sub.add_parser("search", parents=[common], help=S.CLI_SEARCH_HELP, description=S.CLI_SEARCH_DESCRIPTION)
    search.add_argument("query", nargs="+", metavar="QUERY", help=S.CLI_SEARCH_QUERY)
    search.add_argument("--year", type=int, metavar="YEAR", help=S.CLI_SEARCH_YEAR)
    search.add_argument("--programme", metavar="P", help=S.CLI_SEARCH_PROGRAMME)
    search.add_argument("--limit", type=int, default=20, metavar="N", help=S.CLI_SEARCH_LIMIT)

    schema = sub.add_parser(
        "schema", help=S.CLI_SCHEMA_HELP, description=S.CLI_SCHEMA_DESCRIPTION, formatter_class=formatter
    )
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help=S.CLI_OUTPUT)

    new = sub.add_parser(
        "new",
        parents=[common],
        help=S.CLI_NEW_HELP,
        description=S.CLI_NEW_DESCRIPTION.format(user_dir=paths.user_data_dir()),
        formatter_class=formatter,
    )
    new.add_argument("municipality", metavar="MUNICIPALITY", help=S.CLI_NEW_MUNICIPALITY)
    new.add_argument("year", metavar="YEAR", type=int, help=S.CLI_NEW_YEAR)
    new.add_argument("-o", "--output", type=Path, metavar="FILE", help=S.CLI_NEW_OUTPUT)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(choose_language(_lang_argument(arguments), saved_language(), os.environ))
    parser: argparse.ArgumentParser | None = None
    if arguments:
        _argparse_speaks()
        parser = build_parser()
        args = parser.parse_args(arguments)
    else:
        # The bare command, the one run most often, opens the browser without argparse: importing it and
        # making the parser would come before the first frame.
        args = cast("argparse.Namespace", SimpleNamespace(**BARE_COMMAND))
    extra: list[Path] = getattr(args, "data", [])
    try:
        if args.command is not None:
            # A folder named with --data that is not there is a mistake on the command line: the command
            # would otherwise run on the other data and succeed.
            for folder in extra:
                if not folder.exists():
                    raise UsageError(S.CLI_NO_DATA_DIR.format(path=folder))
        if args.command == "check":
            return _check(args.paths, extra, listed=None if args.all else MAX_LISTED_PROBLEMS, fmt=args.format)
        if args.command == "schema":
            return _schema(args.output)
        if args.command == "new":
            return _new(args.municipality, args.year, args.output, extra)
        if args.command == "export":
            return _export(args, extra)
        if args.command == "search":
            return _search(args, extra)
        return _run_app(args, extra)
    except UsageError as error:
        (parser or build_parser()).exit(ExitCode.USAGE, safe_line(S.CLI_ERROR.format(error=error)) + "\n")
    except _StdoutError as failure:
        _silence(failure.stream)
        if isinstance(failure.error, BrokenPipeError):
            return ExitCode.PIPE_CLOSED  # (the reader has all it wanted: no message)
        if failure.stream is sys.stdout:
            with contextlib.suppress(_StdoutError):
                _err(S.CLI_CANNOT_WRITE_STDOUT.format(error=failure.error.strerror or failure.error))
        return ExitCode.OUTPUT_ERROR
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    return ExitCode.OK  # pragma: no cover - every branch returns


def _argparse_speaks() -> None:
    """argparse's own words (usage, section titles, errors) in the interface's language: argparse reads
    them through the gettext functions of its module, which are pointed at the catalog's."""
    import argparse

    setattr(argparse, "_", gettext)  # noqa: B010  (argparse names them so; mypy knows no such attribute)
    setattr(argparse, "ngettext", _ngettext)  # noqa: B010


def _ngettext(one: str, many: str, count: int) -> str:
    return gettext(one if count == 1 else many)


def _lang_argument(arguments: Sequence[str]) -> str:
    """The value of `--lang` on the command line ("" when not given or not a language), read before the
    parser is built: its help texts and messages are in that language."""
    found = ""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        name, equals, value = argument.partition("=")
        if not _is_lang_option(name):
            continue
        if equals:
            found = value
        elif index + 1 < len(arguments):
            found = arguments[index + 1]
    return found if found in LANGUAGES else ""


def _is_lang_option(name: str) -> bool:
    """Whether a command-line word names `--lang`, in full or shortened as argparse accepts it ("--lan";
    "--l" could be `--limit` too)."""
    return len(name) >= 4 and "--lang".startswith(name)


def _write_stdout(text: str, *, flush: bool = True) -> None:
    """Write to stdout and flush (unless told not to, when more follows: the last write flushes), so that a
    full disk or a closed pipe is met here, not as a traceback when the interpreter flushes at exit."""
    try:
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()
    except OSError as error:
        raise _StdoutError(error, sys.stdout) from error


def _silence(stream: TextIO) -> None:
    """Point a standard stream at the null device: the interpreter flushes it at exit, and would fail (and
    print a traceback) again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):  # (no file descriptor: a test's captured stdout)
        pass


def _err(message: str) -> None:
    """Print one line of diagnostics to stderr, made safe for the terminal: it may quote a file name, a key
    or an argument, any of which can hold escapes."""
    try:
        print(safe_line(message), file=sys.stderr)
    except OSError as error:
        raise _StdoutError(error, sys.stderr) from error


def _report(problems: Sequence[Problem], listed: int | None = None) -> None:
    """Print the problems, one a line; only the first `listed` (and how many more) when given."""
    shown = problems if listed is None else problems[:listed]
    for problem in shown:
        _err(str(problem))
    if len(shown) < len(problems):
        _err(S.CLI_MORE_PROBLEMS.format(count=number(len(problems) - len(shown))))


def _load(roots: Sequence[tuple[Path, str]], place: Keyed) -> LoadResult:
    """The data, read through the load cache (the dataset alone: see `cache.load_dataset_at`); `place`: where
    it is cached (see `cache.keyed`)."""
    from herzlich_tui.cache import load_dataset_at

    result, notice = load_dataset_at(roots, place)
    if notice is not None:
        _err(S.CLI_CACHE_REFUSED.format(why=notice))
    if result.problems:
        _err(S.CLI_LOAD_PROBLEMS.format(count=number(len(result.problems))))
    return result


def _check(targets: Sequence[Path], extra: Sequence[Path], listed: int | None = None, fmt: str = "text") -> int:
    from herzlich_tui.loading.loader import load, load_files

    if not targets:
        result = load(data_roots(extra))
        counts = dict(files=len(result.files), records=len(result.dataset), problems=len(result.problems))
    else:
        # Named files are checked together with the shipped data, as they load in the app, so that their
        # references to shipped records ("kl-2021", "ikone-ds") are not reported as missing. The counts
        # are those of the named files; a named file that is itself shipped is read once.
        named, problems = discover([(p, "extra") for p in [*targets, *extra]])
        seen = {p.resolve() for p, _ in named}
        context = [(p, layer) for p, layer in discover(data_roots(user=False))[0] if p.resolve() not in seen]
        result = load_files(context + named)
        result.problems[:0] = problems
        checked = {str(p) for p, _ in named}
        counts = dict(
            files=len(named),
            records=sum(1 for r in result.dataset if r.origin is not None and r.origin.path in checked),
            problems=len(result.problems),
        )
    if fmt == "text":
        _report(result.problems, listed)
    else:
        # For a program: every problem, on stdout; the summary below stays on stderr.
        from herzlich_tui.authoring.problem_formats import problems_json, problems_sarif

        if fmt == "json":
            _write_stdout(problems_json(result.problems, files=counts["files"], records=counts["records"]))
        else:
            _write_stdout(problems_sarif(result.problems))
    if result.problems:
        _err(S.CLI_CHECK_PROBLEMS.format(**{name: number(value) for name, value in counts.items()}))
        return ExitCode.PROBLEMS
    _err(S.CLI_CHECK_CLEAN.format(**{name: number(value) for name, value in counts.items()}))
    return ExitCode.OK


def _schema(output: Path | None) -> int:
    from herzlich_tui.authoring.schema import schema_text

    return _write(schema_text(), output)


def _new(municipality: str, year: int, output: Path | None, extra: Sequence[Path]) -> int:
    """Write the starting file of a review (and, beside it, the schema its #:schema line names when none is
    there). Made against the data it loads with: with -o, the shipped data and each --data, as `check FILE`
    reads it; in the user data folder, everything that loads."""
    from herzlich_tui.authoring import scaffold
    from herzlich_tui.loading.loader import load

    try:
        review_id = scaffold.make_review_id(municipality, year)
    except scaffold.ScaffoldError as error:
        raise UsageError(S.CLI_NEW_ERRORS[error.reason].format(value=error.value, origin=error.origin)) from None
    target = output if output is not None else paths.user_data_dir() / f"{review_id}.toml"
    if os.path.lexists(target):  # (a dangling symlink too: it would be written through)
        _err(S.CLI_NEW_EXISTS.format(path=target))
        return ExitCode.OUTPUT_ERROR
    result = load(data_roots(extra, user=output is None))
    if result.problems:
        _err(S.CLI_LOAD_PROBLEMS.format(count=number(len(result.problems))))
    try:
        made = scaffold.scaffold(municipality, year, scaffold.existing_records(result.dataset))
    except scaffold.ScaffoldError as error:
        raise UsageError(S.CLI_NEW_ERRORS[error.reason].format(value=error.value, origin=error.origin)) from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # ("x": never over a file)
            handle.write(made.text)
    except FileExistsError:
        _err(S.CLI_NEW_EXISTS.format(path=target))
        return ExitCode.OUTPUT_ERROR
    except OSError as error:
        _err(S.CLI_CANNOT_WRITE.format(path=target, error=error.strerror or error))
        return ExitCode.OUTPUT_ERROR
    if output is None:
        command = "herzlich-tui check"
    else:
        import shlex

        command = shlex.join(["herzlich-tui", "check", str(target), *(f"--data={folder}" for folder in extra)])
    _err(S.CLI_NEW_WROTE.format(path=target, command=command))
    _schema_beside(target)
    return ExitCode.OK


def _schema_beside(data_file: Path) -> None:
    """Write the schema next to a data file when none is there; say so when the one there is another
    version's. Never fails the command: the data file is written."""
    from herzlich_tui.authoring.schema import SCHEMA_FILE_NAME, schema_text

    path = data_file.parent / SCHEMA_FILE_NAME
    text = schema_text()
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            _err(S.CLI_NEW_SCHEMA_STALE.format(path=path))
        return
    except OSError as error:
        _err(S.CLI_NEW_SCHEMA_FAILED.format(path=path, error=error.strerror or error))
        return
    _err(S.CLI_NEW_SCHEMA_WROTE.format(path=path))


def _write(text: str | Iterable[str], output: Path | None) -> int:
    """Write a command's output to stdout, or to the file -o names (saying so on stderr). Output made a
    piece at a time (an iterable of texts) is written as it is made, a block of pieces at a time."""
    if output is None:
        if isinstance(text, str):
            _write_stdout(text)
        else:
            for block in _blocks(text):
                _write_stdout(block, flush=False)
            _write_stdout("")
        return ExitCode.OK
    from herzlich_tui.output import write_output

    try:
        write_output(output, text.encode("utf-8") if isinstance(text, str) else map(str.encode, _blocks(text)))
    except OSError as error:
        _err(S.CLI_CANNOT_WRITE.format(path=output, error=error.strerror or error))
        return ExitCode.OUTPUT_ERROR
    _err(S.CLI_WROTE.format(path=output))
    return ExitCode.OK


_BLOCK_CHARS = 1 << 16  # output written at a time


def _blocks(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces joined into blocks of some _BLOCK_CHARS characters: a write per block, not per piece
    (a terminal's standard output is written at every newline otherwise)."""
    block: list[str] = []
    size = 0
    for piece in pieces:
        block.append(piece)
        size += len(piece)
        if size >= _BLOCK_CHARS:
            yield "".join(block)
            block.clear()
            size = 0
    if block:
        yield "".join(block)


def _state(dataset: Dataset, year: int | None, programme: str | None) -> ViewState:
    """The browser's state for the command line's filters (a programme resolved from an id or a name)."""
    from herzlich_tui.browse.state import ViewState

    return ViewState(year=year, programme=_programme(dataset.programmes, programme))


def _programme(programmes: Sequence[Programme], text: str | None) -> str | None:
    """The programme a `--programme` names (its id, or "" for none) among the data's; None when not given."""
    from herzlich_tui.browse.engine import programme_named

    if not text:
        return None
    found = programme_named(programmes, text)
    if found is None:
        known = ", ".join(p.id for p in programmes) + ", none"
        raise UsageError(S.CLI_UNKNOWN_PROGRAMME.format(value=text, known=known))
    return found


def _export(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    """Export the data: from the records kept in the cache alone when it holds them for these data files
    (see `cache.export_cached`: a warm export reads them a block at a time, never the whole dataset), else
    from the data loaded through the cache; an export that had to load the data keeps its records then."""
    from herzlich_tui.cache import keyed
    from herzlich_tui.model import KINDS

    roots = data_roots(extra)
    place = keyed(roots, paths.cache_dir())  # (the data files looked at and hashed once, for either way)
    kinds = [kind for kind in KINDS if not args.kind or kind in args.kind]
    newest = _plain_order(kinds, args.sort or "")
    if newest is not None:
        code = _export_cached(args, place, kinds, newest)
        if code is not None:
            return code
    return _export_loaded(args, roots, place, kinds, keep=newest is not None)


def _plain_order(kinds: Sequence[str], sort: str) -> set[str] | None:
    """The kinds an export in the sort order `sort` writes in the reverse of their display order, when it
    writes every kind in one of the two (see `RowMaker.plain_orders`: what the cache's records can be
    written in); else None."""
    from herzlich_tui.browse.spec import VIEWS

    newest = set()
    for kind in kinds:
        # (As `Views.ordered` sorts a kind: by the first view that lists it and has the order.)
        view = next((view for view in VIEWS if view.kind == kind and sort in view.sorts), None)
        if view is None or view.rows is None:
            continue
        reverse = view.rows.plain_orders.get(sort)
        if reverse is None:
            return None
        if reverse:
            newest.add(kind)
    return newest


def _export_cached(args: argparse.Namespace, place: Keyed, kinds: Sequence[str], newest: set[str]) -> int | None:
    """The export written from the records kept in the cache (see `cache.export_cached`), or None when the
    cache does not hold them for these data files."""
    from herzlich_tui.browse.report import chosen_chunks
    from herzlich_tui.cache import export_cached

    store = export_cached(place)
    if store is None:
        return None
    with store:
        if store.problems:
            _err(S.CLI_LOAD_PROBLEMS.format(count=number(store.problems)))
        chosen = store.choose(
            kinds,
            year=args.year,
            programme=_programme(store.programmes, args.programme),
            newest=newest,
            sources=not args.kind,
            reviews=not args.programme,
        )
        return _write(chosen_chunks(chosen, args.format, title=S.APP_TITLE), args.output)


def _export_loaded(
    args: argparse.Namespace, roots: Sequence[tuple[Path, str]], place: Keyed, kinds: Sequence[str], *, keep: bool
) -> int:
    """The export of the data loaded through the cache (`place`: where it is cached); `keep`: then keep
    its records for the next exports to read alone (see `cache.keep_export`), once it is written."""
    from herzlich_tui.browse.engine import Views
    from herzlich_tui.browse.report import export_chunks
    from herzlich_tui.cache import keep_export
    from herzlich_tui.export import with_sources

    result = _load(roots, place)
    dataset = result.dataset
    state = _state(dataset, args.year, args.programme)
    views = Views(dataset, None)
    records = [record for kind in kinds for record in views.ordered(kind, state, args.sort or "")]
    if not args.kind:
        records = with_sources(dataset, [r for r in records if r.kind != "review"] if args.programme else records)
    code = _write(export_chunks(dataset, records, args.format, title=S.APP_TITLE), args.output)
    if keep and code == ExitCode.OK:
        keep_export(place, result)
    return code


def _search(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    """Search the data and print the hits: from the cache alone when it can answer (see
    `cache.search_cached`: a warm search reads the ranking index and the hits' rows, not the dataset),
    else from the data loaded through the cache. A programme is resolved against the loaded data."""
    from herzlich_tui.cache import keyed, search_cached

    roots = data_roots(extra)
    query = " ".join(args.query)
    place = keyed(roots, paths.cache_dir())  # (the data files looked at and hashed once, for either way)
    if not args.programme:
        cached = search_cached(roots, paths.cache_dir(), query, args.limit, args.year, place)
        if cached is not None:
            if cached.problems:
                _err(S.CLI_LOAD_PROBLEMS.format(count=number(cached.problems)))
            return _print_hits(query, [(hit.kind, hit.title, hit.year, hit.field) for hit in cached.hits])
    return _search_loaded(args, roots, query, place, keep=not args.programme)


def _search_loaded(
    args: argparse.Namespace, roots: Sequence[tuple[Path, str]], query: str, place: Keyed, *, keep: bool
) -> int:
    """The search of the data loaded through the cache (`place`: where it is cached); `keep`: then keep
    what the next searches need to answer from the cache alone (see `cache.keep_hits`), once the hits are
    printed."""
    from herzlich_tui.browse.engine import Views
    from herzlich_tui.cache import keep_hits, load_indexed
    from herzlich_tui.cache_hits import year_text
    from herzlich_tui.model import KINDS

    loaded = load_indexed(roots, paths.cache_dir(), place=place)
    if loaded.notice is not None:
        _err(S.CLI_CACHE_REFUSED.format(why=loaded.notice))
    result = loaded.result
    if result.problems:
        _err(S.CLI_LOAD_PROBLEMS.format(count=number(len(result.problems))))
    dataset = result.dataset
    state = _state(dataset, args.year, args.programme)
    within = None
    if state.has_filters:
        views = Views(dataset, None)
        within = {record.id for kind in KINDS for record in views.records(kind, state)}
    # (A limit beyond the number of records means all of them; SQLite takes no number past 64 bits.)
    limit = max(1, min(args.limit, len(dataset)))
    hits = loaded.index.search(query, limit=limit, within=within)
    rows = [(hit.record.kind, dataset.title_of(hit.record), year_text(dataset, hit.record), hit.field) for hit in hits]
    code = _print_hits(query, rows)
    if keep:
        keep_hits(roots, paths.cache_dir(), loaded)
    return code


def _print_hits(query: str, hits: Sequence[tuple[str, str, str, str]]) -> int:
    """Print search hits (kind, title, year, field matched), as a table on a terminal, else a line each
    with tab-separated cells; or say that there are none."""
    if not hits:
        _err(S.CLI_NO_HITS.format(query=query))
        return ExitCode.PROBLEMS
    rows = [(S.KIND_LABELS[kind], title, year, S.FIELD_LABELS.get(field, field)) for kind, title, year, field in hits]
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(*S.CLI_SEARCH_COLUMNS, show_lines=False, highlight=False)
        for row in rows:
            table.add_row(*(Text(safe_line(cell.replace("\n", " "))) for cell in row))
        try:
            Console(highlight=False).print(table)
        except OSError as error:
            raise _StdoutError(error, sys.stdout) from error
    else:
        _write_stdout(
            "".join(
                "\t".join(safe_line(cell.replace("\t", " ").replace("\n", " ")) for cell in row) + "\n" for row in rows
            )
        )
    return ExitCode.OK


def use_frame_rate() -> None:
    """Let Textual paint up to FRAME_RATE frames a second, unless TEXTUAL_FPS says otherwise; before Textual
    is imported, which reads it once. A frame is drawn only when something changed; the rate bounds how long
    a change waits for the screen's next tick (docs/performance.md)."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAME_RATE))


def _run_app(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    if not sys.stdout.isatty() and not os.environ.get("HERZLICH_TUI_FORCE_APP"):
        _err(S.CLI_NO_TERMINAL)
        return ExitCode.USAGE
    use_frame_rate()
    # Importing Textual and the interface makes tens of thousands of objects that live as long as the program,
    # and next to no garbage: the cycle collector would walk them again and again for nothing. It is paused
    # while they are made, and they are moved out of its walks before the app starts (which pauses it again
    # until its first frame).
    with paused_gc():
        from herzlich_tui.ui.app import freeze_imports, run

        freeze_imports()

    return run(
        extra=extra,
        view=args.view,
        year=args.year,
        programme=args.programme,
        search=args.search,
    )
