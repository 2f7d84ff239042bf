"""Local settings (config.toml in the user's config folder): office practice, not framework."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from dutydesk.domain.dates import parse_hhmm
from dutydesk.errors import BadInput, PolicyError
from dutydesk.office import FIELDS as OFFICE_FIELDS
from dutydesk.office import Office, parse_office
from dutydesk.paths import config_dir


@dataclass(frozen=True)
class Settings:
    officer_name: str | None = None
    cutoff: time | None = None
    safeguarding_letter_days_before_hearing: int = 3
    police_check_all_child_arrangements: bool = False
    extra: dict[str, object] = field(default_factory=dict)
    idle_lock_minutes: float = 10  # 0 turns the idle lock off
    lock_passphrase: str | None = None  # "scrypt:salt:hash", never the passphrase itself
    theme: str | None = None  # the desk's colours as last chosen (Ctrl+P, "Change theme")
    office: Office = field(default_factory=Office)  # the letterhead ([office] table)

    def officer(self) -> str:
        """Who is recording: the configured name, else the OS user (never asks)."""
        return self.officer_name or os_user()


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_closures_file() -> Path:
    return config_dir() / "closures.toml"


# Every key config.toml may hold, with what it is: `dutydesk config list` shows them, and a
# key not here is warned about with the nearest of these names (a typo is never silent).
KNOWN_KEYS: dict[str, str] = {
    "officer_name": "your name as records show it",
    "cutoff": "HH:MM: events at or after it count from the next working day (local practice)",
    "safeguarding_letter_days_before_hearing": "working days before the first hearing (local practice)",
    "police_check_all_child_arrangements": "true: a police check on every child arrangements case",
    "idle_lock_minutes": "minutes without a key before every case is hidden (0: off)",
    "lock_passphrase": "set with `dutydesk lock-passphrase` (a scrypt hash)",
    "theme": "the desk's colours",
    **{f"office.{name}": what for name, what in OFFICE_FIELDS.items()},
}


def unknown_keys(doc: dict[str, object]) -> list[str]:
    """A warning for each key config.toml holds that dutydesk does not know, naming the nearest."""
    import difflib

    office = doc.get("office")
    found = [k for k in doc if k != "office"] + [f"office.{k}" for k in (office if isinstance(office, dict) else {})]
    warnings = []
    for key in found:
        if key in KNOWN_KEYS:
            continue
        near = difflib.get_close_matches(key, list(KNOWN_KEYS), n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]!r}?" if near else f"; known: {', '.join(KNOWN_KEYS)}"
        warnings.append(f"config.toml: {key!r} is not a setting dutydesk knows, so it does nothing{hint}")
    return warnings


def config_warnings(path: Path | None = None) -> list[str]:
    """Unknown keys in config.toml (each command and the desk say so once as they start)."""
    path = path or config_file()
    try:
        return unknown_keys(tomllib.loads(path.read_text(encoding="utf-8"))) if path.exists() else []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []  # an unreadable file is reported, with its problem, where it is loaded


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_file()
    if not path.exists():
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), "(file)", f"cannot be read: {exc}") from None
    return settings_from_text(text, str(path))


def settings_from_text(text: str, source: str) -> Settings:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"cannot be read: {exc}") from None
    cutoff_text = doc.pop("cutoff", None)
    try:
        cutoff = parse_hhmm(cutoff_text) if cutoff_text else None
    except BadInput as exc:
        raise PolicyError(source, "cutoff", str(exc)) from None
    days = doc.pop("safeguarding_letter_days_before_hearing", 3)
    if not isinstance(days, int) or days < 0:
        raise PolicyError(source, "safeguarding_letter_days_before_hearing", "a whole number ≥ 0")
    all_ca = doc.pop("police_check_all_child_arrangements", False)
    if not isinstance(all_ca, bool):
        raise PolicyError(source, "police_check_all_child_arrangements", "true or false")
    name = doc.pop("officer_name", None)
    if name is not None and not isinstance(name, str):
        raise PolicyError(source, "officer_name", "a string")
    idle = doc.pop("idle_lock_minutes", 10)
    if isinstance(idle, bool) or not isinstance(idle, int | float) or idle < 0:
        raise PolicyError(source, "idle_lock_minutes", "a number of minutes ≥ 0 (0 turns the lock off)")
    lock = doc.pop("lock_passphrase", None)
    if lock is not None and (not isinstance(lock, str) or not lock.startswith("scrypt:")):
        raise PolicyError(source, "lock_passphrase", "set it with `dutydesk lock-passphrase`, not by hand")
    theme = doc.pop("theme", None)
    if theme is not None and not isinstance(theme, str):
        raise PolicyError(source, "theme", 'a theme\'s name, e.g. "textual-dark"')
    try:
        office = parse_office(doc.pop("office", None))
    except BadInput as exc:
        raise PolicyError(source, "office", str(exc)) from None
    return Settings(name, cutoff, days, all_ca, doc, float(idle), lock, theme, office)
