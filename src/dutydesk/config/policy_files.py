"""Loads and validates the policy tables shipped in data/ (and the user's closures file): the only
reader of policy files. The domain gets what is read here as arguments."""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dutydesk.config.holiday_cache import SHARED as HOLIDAYS
from dutydesk.config.paths import data_dir
from dutydesk.config.settings import Settings, load_settings, user_closures_file
from dutydesk.domain.people.names import Variants, parse_variants
from dutydesk.domain.policy.closures import parse_closures
from dutydesk.domain.time.calendar import Closure, WorkingCalendar
from dutydesk.errors import PolicyError

if TYPE_CHECKING:  # the tables are imported when loaded: the calendar alone stays light
    from dutydesk.domain.policy.bundle import Policy
    from dutydesk.domain.policy.risk_factors import RiskFactors
    from dutydesk.domain.time.deadlines import DeadlineRule


def _read(name: str) -> tuple[str, str]:
    path = data_dir() / name
    return path.read_text(encoding="utf-8"), str(path)


@cache
def deadline_rules() -> dict[str, DeadlineRule]:
    from dutydesk.domain.time.deadlines import parse_deadlines

    return parse_deadlines(*_read("deadlines.toml"))


@cache
def risk_factors() -> RiskFactors:
    from dutydesk.domain.policy.risk_factors import parse_risk_factors

    return parse_risk_factors(*_read("risk_factors.toml"))


MAX_CLOSURES_BYTES = 1_048_576


def load_closures(path: Path) -> list[Closure]:
    try:
        size = path.stat().st_size
        if size > MAX_CLOSURES_BYTES:
            raise PolicyError(
                str(path), "(file)", f"is {size:,} bytes; a closures file is at most {MAX_CLOSURES_BYTES:,}"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), "(file)", f"cannot be read: {exc}") from None
    return parse_closures(text, str(path))


def closures(extra_file: Path | None = None) -> list[Closure]:
    """Shipped closures, the user's file if present, and any file given on the command line."""
    found = load_closures(data_dir() / "closures.toml")
    user = user_closures_file()
    if user.exists():
        found += load_closures(user)
    if extra_file is not None:
        found += load_closures(extra_file)
    return found


def working_calendar(settings: Settings, closures_file: Path | None = None) -> WorkingCalendar:
    return WorkingCalendar(closures(closures_file), settings.cutoff, bank_holidays=HOLIDAYS.bank_holidays)


def plain_calendar() -> WorkingCalendar:
    """England and Wales' bank holidays, no office closures, no cut-off."""
    return WorkingCalendar(bank_holidays=HOLIDAYS.bank_holidays)


@cache
def name_variants() -> Variants:
    """Nicknames (the `nicknames` package's CSV) and data/name_variants.toml's spelling groups."""
    from nicknames import with_names_csv_path  # only a person search needs it

    text, source = _read("name_variants.toml")
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "file", str(exc)) from exc
    with with_names_csv_path() as path, open(path, encoding="utf-8", newline="") as handle:
        return parse_variants(csv.DictReader(handle), table, source)


@cache
def _tables() -> dict[str, object]:
    from dutydesk.domain.policy import tables as t
    from dutydesk.domain.policy.offence_tables import parse_acts, parse_aliases
    from dutydesk.domain.rules.linked_times import parse_linked_times
    from dutydesk.domain.rules.offence_match import OffenceMatcher

    checklist_ref, checklist = t.parse_checklist(*_read("referral_checklist.toml"))
    offences = t.parse_offences(*_read("offences.csv"))
    aliases = parse_aliases(*_read("offence_aliases.csv"), offences)
    return {
        "pathway": t.parse_pathway(*_read("pathway.toml")),
        "escalation": t.parse_escalation(*_read("escalation.toml")),
        "consent": t.parse_consent(*_read("consent.toml")),
        "checklist_ref": checklist_ref,
        "checklist": checklist,
        "language": t.parse_language(*_read("language.toml")),
        "harm_words": t.parse_language(*_read("harm_words.toml")),
        "finding_words": t.parse_finding_words(*_read("finding_words.toml")),
        "offences": offences,
        "offence_matcher": OffenceMatcher(offences, aliases, parse_acts(*_read("acts.toml"))),
        "linked_times": parse_linked_times(*_read("linked_times.toml")),
    }


def load_policy(settings: Settings | None = None, closures_file: Path | None = None) -> Policy:
    """Every policy table, validated; a malformed one stops with its file, key and problem."""
    from dutydesk.domain.policy.bundle import LocalSettings, Policy

    settings = settings or load_settings()
    return Policy(
        calendar=working_calendar(settings, closures_file),
        deadlines=deadline_rules(),
        risk_factors=risk_factors(),
        local=LocalSettings(
            settings.safeguarding_letter_days_before_hearing, settings.police_check_all_child_arrangements
        ),
        **_tables(),  # type: ignore[arg-type]
    )
