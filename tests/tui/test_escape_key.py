"""The Escape key as a terminal sends it (issue 28): one ESC byte, told apart from an escape
sequence at once, whatever follows it and however soon."""

from __future__ import annotations

from textual import events
from textual.drivers import linux_driver

from dutydesk.tui.keys.escape_key import EscapeKeyParser, install


def keys(*reads: str) -> list[str]:
    parser = EscapeKeyParser()
    out: list[str] = []
    for data in reads:
        out += [e.key if isinstance(e, events.Key) else type(e).__name__ for e in parser.feed(data)]
    return out


def test_escape_then_a_letter_in_the_next_read_is_escape_then_the_letter() -> None:
    assert keys("\x1b", "c", "\t", "Lily") == ["escape", "c", "tab", "L", "i", "l", "y"]


def test_escape_then_keys_in_one_read_as_tmux_send_keys_delivers_them() -> None:
    assert keys("\x1bc\tLily") == ["escape", "c", "tab", "L", "i", "l", "y"]
    assert keys("\x1bOscar") == ["escape", "O", "s", "c", "a", "r"]  # not keypad 3
    assert keys("\x1b\x1bn") == ["escape", "escape", "n"]


def test_sequences_are_still_sequences() -> None:
    assert keys("\x1b[A", "\x1bOB", "\x1b[15~", "\x1bOP") == ["up", "down", "f5", "f1"]
    assert keys("x\x1b[Dy") == ["x", "left", "y"]
    assert keys("\x1b[<0;10;5M")[0].startswith("Mouse")


def test_a_paste_is_left_to_textual_and_escape_after_it_is_a_key() -> None:
    parser = EscapeKeyParser()
    got = list(parser.feed("\x1b[200~Lily Grace\nWhitmore\x1b[201~\x1b"))
    assert [type(e).__name__ for e in got] == ["Paste", "Key"]
    assert isinstance(got[0], events.Paste) and got[0].text == "Lily Grace\nWhitmore"
    assert isinstance(got[1], events.Key) and got[1].key == "escape"


def test_a_full_read_ending_in_escape_waits_for_the_rest() -> None:
    """A read that filled the buffer may have cut a sequence after its ESC: not the Escape key."""
    parser = EscapeKeyParser()
    first = list(parser.feed("a" * 4095 + "\x1b"))
    assert [e.key for e in first if isinstance(e, events.Key)][-1] == "a"
    assert [e.key for e in parser.feed("[A") if isinstance(e, events.Key)] == ["up"]


def test_textual_still_builds_its_parser_where_it_is_replaced() -> None:
    """The one place dutydesk reaches into Textual's input: fails when Textual moves it."""
    install()
    assert linux_driver.XTermParser is EscapeKeyParser
    import inspect

    assert "XTermParser(" in inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
