"""textsafe: every string that reaches the terminal shows escapes, controls, bidi and invisible characters
visibly, whatever its origin (values, keys, kinds, file and folder names, arguments)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from herzlich_tui.cli import main
from herzlich_tui.loading import Problem
from herzlich_tui.textsafe import is_safe, safe_json, safe_line, safe_text

WriteToml = Callable[[str, str], Path]

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\"  # "write this to the clipboard"
TITLE = "\x1b]0;T\x07"  # "set the window title"
HOSTILE = [OSC52, TITLE, "\x1b[2J", "\x9b31m", "a\u202eb", "z\u200bw", "\u2066x\u2069", "\ufeff", "x\U000e0041y"]


def raw_escapes(text: str) -> list[str]:
    """The characters of `text` that would drive a terminal or hide or reorder text (newlines allowed)."""
    return [c for c in text if c != "\n" and not is_safe(c)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return int(code), out, err


# --- the functions ---------------------------------------------------------------------------------------
def test_safe_line_shows_every_kind_of_hostile_character() -> None:
    assert safe_line(OSC52) == "␛]52;c;ZWNobyBwd25lZA==␛\\"
    assert safe_line(TITLE) == "␛]0;T␇"
    assert safe_line("a\x9bb\x7f") == "a\ufffdb␡"
    assert safe_line("one\ntwo\r") == "one␊two␍"
    assert safe_line("tab\there") == "tab\there"
    assert safe_line("a\u202eb\u202cc") == "a<U+202E>b<U+202C>c"
    assert safe_line("\u2066\u2069\u200e\u200f\u061c") == "<U+2066><U+2069><U+200E><U+200F><U+061C>"
    assert safe_line("z\u200bw\u200c\u200d\u2060\ufeff") == "z<U+200B>w<U+200C><U+200D><U+2060><U+FEFF>"
    assert safe_line("x\U000e0041") == "x<U+E0041>"
    assert safe_line(Path("a\x1bb")) == "a␛b"  # anything, as its str()
    plain = "Förderung [/ „Grubentalchen“ – 100 %"
    assert safe_line(plain) is plain


def test_safe_text_keeps_newlines_only() -> None:
    assert safe_text("one\ntwo\r\n\x1b") == "one\ntwo␍\n␛"
    assert safe_text("a\u202eb") == "a<U+202E>b"
    for text in HOSTILE:
        assert raw_escapes(safe_line(text)) == raw_escapes(safe_text(text)) == []
        assert not is_safe(text)
    assert is_safe("line\nline", multiline=True) and not is_safe("line\nline")


def test_every_character_is_safe_after_cleaning() -> None:
    everything = "".join(map(chr, range(0x30000)))
    for cleaned in (safe_line(everything), safe_text(everything)):
        assert is_safe(cleaned, multiline=True)
    assert "\n" not in safe_line(everything)


def test_safe_json_keeps_every_value_and_drives_no_terminal() -> None:
    """JSON for a terminal (check --format json): every character of every kind, lone surrogates (a file
    name that is not UTF-8) and characters beyond U+FFFF read back unchanged; nothing unsafe is written."""
    # (without high surrogates: one before a low one reads back as the pair's character, in any JSON; a file
    # name that is not UTF-8 gives low ones only, U+DC80-U+DCFF)
    everything = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xDC00) + "\U000e0041\U0010ffff"
    for value in [everything, *HOSTILE, {"key": OSC52, "list": [TITLE, "a\udcfcb"]}]:
        text = safe_json(json.dumps(value, ensure_ascii=False, indent=2))
        assert json.loads(text) == value
        assert is_safe(text, multiline=True)
        text.encode("utf-8")  # (no lone surrogate is left raw)
    plain = json.dumps({"a": "Förderung „Grubentalchen“"}, ensure_ascii=False)
    assert safe_json(plain) is plain


def test_textsafe_imports_nothing_heavy() -> None:
    program = (
        "import sys; before = set(sys.modules); import herzlich_tui.textsafe; print(sorted(set(sys.modules) - before))"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True)
    loaded = eval(done.stdout)
    assert [m for m in loaded if m.startswith("herzlich_tui")] == ["herzlich_tui", "herzlich_tui.textsafe"]
    assert not [m for m in loaded if m.split(".")[0] in ("textual", "rich", "sqlite3", "tomllib", "rtoml")]


# --- each origin, through the command line -----------------------------------------------------------------
def test_problem_lines_are_safe_whatever_they_quote() -> None:
    problem = Problem(f"data/{TITLE}.toml", "unknown field", 3, key=f"event.{OSC52}")
    assert str(problem) == "data/␛]0;T␇.toml:3: event.␛]52;c;ZWNobyBwd25lZA==␛\\: unknown field"
    assert problem.path == f"data/{TITLE}.toml"  # the fields keep what was found


def test_check_shows_hostile_keys_kinds_file_and_folder_names_visibly(
    capsys, write_toml: WriteToml, review_toml: str, data_dir: Path
) -> None:
    write_toml("review.toml", review_toml)
    key = OSC52.replace("\\", "\\\\").replace("\x1b", "\\u001b")
    write_toml(
        f"{TITLE}.toml",
        f'''
        [[event]]
        id = "e1"
        title = "T\\u202eb"
        date = "2021"
        summary = "s"
        sources = ["r-test"]
        "{key}" = 1

        [["k\\u001b[2Jind"]]
        x = 1

        [[{"a" * 3}]]
        y = 1
        ''',
    )
    code, out, err = run(capsys, "check", str(data_dir), str(data_dir / "no\x1b]0;folder\x07"))
    assert code == 1 and out == ""
    assert raw_escapes(err) == []
    assert f"/{TITLE.replace(chr(27), '␛').replace(chr(7), '␇')}.toml:" in err
    assert ": event.␛]52;c;ZWNobyBwd25lZA==␛\\: 'e1': unknown field" in err
    assert "k␛[2Jind" in err
    assert "no␛]0;folder␇: no such file or folder" in err


def test_search_output_and_messages_are_safe(capsys, write_toml: WriteToml, review_toml: str, data_dir: Path) -> None:
    write_toml("review.toml", review_toml)
    write_toml(
        "event.toml",
        """
        [[event]]
        id = "e1"
        title = "Grubentalchen \\u202eevil\\u200b \\u001b]0;T\\u0007"
        date = "2021"
        summary = "s"
        sources = ["r-test"]
        """,
    )
    code, out, err = run(capsys, "search", "grubentalchen", "--data", str(data_dir))
    assert code == 0, err
    assert raw_escapes(out) == [] and "Grubentalchen <U+202E>evil<U+200B> ␛]0;T␇" in out
    code, out, err = run(capsys, "search", f"nothing{OSC52}\u202e", "--data", str(data_dir))
    assert code == 1 and raw_escapes(err) == []


def test_arguments_echoed_in_errors_are_safe(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "--programme", f"x{OSC52}\u202e")
    assert code == 2 and out == ""
    assert raw_escapes(err) == [] and "Unknown programme" in err
    target = tmp_path / f"out{TITLE}.json"
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 0 and target.exists()
    assert raw_escapes(err) == [] and err == f"Wrote {tmp_path}/out␛]0;T␇.json\n"


def test_loaded_values_are_cleaned_of_bidi_and_invisible_characters(
    write_toml: WriteToml, review_toml: str, load_dir
) -> None:
    write_toml("review.toml", review_toml)
    write_toml(
        "p.toml",
        '''
        [[person]]
        id = "p1"
        name = "Anna\\u202e \\u200bB\\u2066C\\u2069"
        description = """Zeile eins
        Zeile\\u200d zwei"""
        sources = ["r-test"]
        ''',
    )
    person = load_dir().dataset["p1"]
    assert person.name == "Anna<U+202E> <U+200B>B<U+2066>C<U+2069>"
    assert person.description == "Zeile eins\nZeile<U+200D> zwei"
