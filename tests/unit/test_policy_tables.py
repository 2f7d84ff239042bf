"""Every policy table as a policy lead edits it in a text editor — a misspelt key, a word where a
number belongs, a row deleted, a regular expression left open — is refused on load with one
line naming the file, the key path and what is accepted; the shipped tables load."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from dutydesk.config.paths import data_dir
from dutydesk.domain.policy import tables as t
from dutydesk.domain.policy.risk_factors import parse_risk_factors
from dutydesk.domain.time.deadlines import parse_deadlines
from dutydesk.errors import PolicyError

PARSERS: dict[str, Callable[[str, str], object]] = {
    "pathway.toml": t.parse_pathway,
    "escalation.toml": t.parse_escalation,
    "consent.toml": t.parse_consent,
    "referral_checklist.toml": t.parse_checklist,
    "language.toml": t.parse_language,
    "harm_words.toml": t.parse_language,
    "risk_factors.toml": parse_risk_factors,
    "deadlines.toml": parse_deadlines,
    "offences.csv": t.parse_offences,
}


def shipped(name: str) -> str:
    return (data_dir() / name).read_text(encoding="utf-8")


def refused(name: str, text: str) -> str:
    with pytest.raises(PolicyError) as exc:
        PARSERS[name](text, name)
    message = str(exc.value)
    assert message.startswith(f"{name}: ") and "\n" not in message, message
    assert "pydantic" not in message and "Value error" not in message and "errors.pydantic.dev" not in message
    return message


@pytest.mark.parametrize("name", list(PARSERS))
def test_the_shipped_tables_load(name: str) -> None:
    assert PARSERS[name](shipped(name), name)


def once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("name", "edit", "key", "says"),
    [
        (  # a pathway action that nothing could ever mark done
            "pathway.toml",
            lambda s: re.sub(r'done_by = "event:', 'done_by = "', s, count=1),
            r"row\[\d\]\.actions\[\d\]\.done_by",
            "use event:<kind> or referral:<field>",
        ),
        (  # a row id misspelt: App. III's row would silently vanish
            "pathway.toml",
            lambda s: once(s, 'id = "c1a_not_completed"', 'id = "c1a_not_complete"'),
            r"row\[\d\]\.id",
            "use one of 'none', 'c1a_not_completed'",
        ),
        (  # a key misspelt
            "escalation.toml",
            lambda s: once(s, "title =", "titel ="),
            r"discussion\.titel",
            "did you mean 'title'?",
        ),
        (  # one of ¶2.81's ten points deleted
            "escalation.toml",
            lambda s: re.sub(r"\[\[discussion\.point\]\]\s*\n\s*key = [^\n]*\n\s*title = [^\n]*\n", "", s, count=1),
            r"discussion\.point",
            "ten points; found 9",
        ),
        (  # a party misspelt in a consent rule
            "consent.toml",
            lambda s: re.sub(r'"parents"', '"parent"', s, count=1),
            r"[a-z0-9_]+\.(required|inform)\[\d\]",
            "'parent': use one of 'child', 'parents' or 'court'",
        ),
        (  # a whole referral kind's table deleted
            "consent.toml",
            lambda s: once(s, "[s17_needs]", "[s17_need]"),
            r"s17_need",
            "unknown key (misspelt?); did you mean 's17_needs'?",
        ),
        (
            "referral_checklist.toml",
            lambda s: once(s, 'id = "identity"', 'id = "identities"'),
            r"item\[\d+\]\.id",
            "'identities': use one of",
        ),
        (  # a regular expression left open
            "language.toml",
            lambda s: once(s, 'pattern = "', 'pattern = "('),
            r"phrase\[0\]\.pattern",
            "not a valid regular expression",
        ),
        (
            "harm_words.toml",
            lambda s: re.sub(r'suggests = "[a-z_]+"', 'suggests = "harm"', s, count=1),
            r"phrase\[0\]\.suggests",
            "'harm': use one of",
        ),
        (  # a number typed as text
            "harm_words.toml",
            lambda s: re.sub(r"recent_concern_months = \d+", 'recent_concern_months = "12"', s),
            r"recent_concern_months",
            "'12': input should be a valid integer",
        ),
        (
            "harm_words.toml",
            lambda s: re.sub(r"recent_concern_months = \d+", "recent_concern_months = 0", s),
            r"recent_concern_months",
            "greater than or equal to 1",
        ),
        (  # a key written with hyphens, as TOML allows: still named, with the key meant
            "harm_words.toml",
            lambda s: re.sub(r"recent_concern_months = ", "recent-concern-months = ", s),
            r"recent-concern-months",
            "unknown key (misspelt?); did you mean 'recent_concern_months'?",
        ),
        (  # "other" removed: ¶2.14's list is not exclusive
            "risk_factors.toml",
            lambda s: once(s, 'id = "other"', 'id = "others"'),
            r"factor",
            "must keep 'other'",
        ),
        (
            "risk_factors.toml",
            lambda s: re.sub(r"high = \d+", 'high = "3"', s, count=1),
            r"scores\.high",
            "input should be a valid integer",
        ),
        (  # a limit no court sets
            "deadlines.toml",
            lambda s: re.sub(r"working_days = \d+", "working_days = 100000", s, count=1),
            r"deadline\[0\]\.working_days",
            "less than or equal to 500",
        ),
        (
            "deadlines.toml",
            lambda s: once(s, 'direction = "after"', 'direction = "afterwards"'),
            r"deadline\[\d\]\.direction",
            "'afterwards': use one of 'after' or 'before'",
        ),
        (  # a table where a list of tables belongs
            "deadlines.toml",
            lambda s: 'deadline = "soon"\n',
            r"deadline",
            "at least one [[deadline]] table",
        ),
        (
            "offences.csv",
            lambda s: once(s, ",under_18,", ",adult,"),
            r"row \d+\.victim",
            "'adult': use one of 'child' or 'under_18'",
        ),
        (
            "offences.csv",
            lambda s: once(s, "Section 1,", "s.1,"),
            r"row \d+\.section",
            "'s.1': 'Section N' or 'Common Law'",
        ),
    ],
)
def test_a_broken_table_names_file_key_and_what_is_accepted(
    name: str, edit: Callable[[str], str], key: str, says: str
) -> None:
    message = refused(name, edit(shipped(name)))
    assert re.match(rf"{re.escape(name)}: {key}: ", message), message
    assert says in message, message


@pytest.mark.parametrize("name", [n for n in PARSERS if n.endswith(".toml")])
def test_not_toml_at_all(name: str) -> None:
    assert "not valid TOML" in refused(name, "[[unclosed\n")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            '[[closure]]\ndate = "2025-12-24"\ntitle = "Christmas Eve"\n',
            "closure[0].date: '2025-12-24' is not a TOML date",
        ),
        (
            '[[closure]]\ndate = 2025-12-24T12:00:00\ntitle = "Half day"\n',
            "closure[0].date: 2025-12-24T12:00:00 has a time",
        ),
        (
            '[[closures]]\ndate = 2025-12-24\ntitle = "Christmas Eve"\n',
            "closures: unknown key (misspelt?); did you mean 'closure'?",
        ),
        ('[[closure]]\ndate = 2025-12-24\ntitle = "  "\n', "closure[0].title: a non-empty string is required"),
        ("[[closure]]\ndate = 2025-12-24\n", "closure[0].title: is required"),
        ("closure = 3\n", "closure: 3: should be a list"),
    ],
)
def test_an_office_closures_file_typed_by_hand(text: str, says: str) -> None:
    """The one table an office writes itself (`--closures`, closures.toml in the config folder)."""
    from dutydesk.domain.policy.closures import parse_closures

    with pytest.raises(PolicyError) as exc:
        parse_closures(text, "office-closures.toml")
    assert str(exc.value) == f"office-closures.toml: {says}" or str(exc.value).startswith(
        f"office-closures.toml: {says}"
    )
