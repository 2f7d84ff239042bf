"""Local settings (config.toml in the user's config folder): office practice, not framework."""

from __future__ import annotations

import difflib
import getpass
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from datetime import time
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from dutydesk.config.office import FIELDS as OFFICE_FIELDS
from dutydesk.config.office import Office, parse_office
from dutydesk.config.paths import config_dir
from dutydesk.domain.time.dates import parse_hhmm
from dutydesk.errors import BadInput, PolicyError


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
    office_url: str | None = None  # the office's PostgreSQL store that `dutydesk sync` reaches (issue 33)

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
    "office_url": "the office store `dutydesk sync` reaches: postgresql+psycopg://USER@HOST/DATABASE (no password)",
    **{f"office.{name}": what for name, what in OFFICE_FIELDS.items()},
}


def unknown_keys(doc: dict[str, object]) -> list[str]:
    """A warning for each key config.toml holds that dutydesk does not know, naming the nearest."""

    office = doc.get("office")
    found = [k for k in doc if k != "office"] + [f"office.{k}" for k in (office if isinstance(office, dict) else {})]
    return [f"config.toml: {not_a_setting(key)}, so it does nothing" for key in found if key not in KNOWN_KEYS]


def not_a_setting(key: str) -> str:
    """'KEY' is not a setting, naming the nearest one (or the letterhead's, for the table `office`)."""
    if key == "office":
        near = ", ".join(k for k in KNOWN_KEYS if k.startswith("office."))
        return f"'office' is the letterhead's table, not one setting: its settings are {near}"
    close = difflib.get_close_matches(key, list(KNOWN_KEYS), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(KNOWN_KEYS)}"
    return f"{key!r} is not a setting dutydesk knows{hint}"


def config_warnings(path: Path | None = None) -> list[str]:
    """Unknown keys in config.toml (each command and the desk say so once as they start)."""
    path = path or config_file()
    try:
        return unknown_keys(tomllib.loads(read_small_text(path, MAX_CONFIG_BYTES))) if path.exists() else []
    except (PolicyError, tomllib.TOMLDecodeError):
        return []  # an unreadable file is reported, with its problem, where it is loaded


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_file()
    if not path.exists():
        return Settings()
    text = read_small_text(path, MAX_CONFIG_BYTES)
    return settings_from_text(text, str(path))


MAX_CONFIG_BYTES = 1_048_576  # a config or closures file is a few hundred bytes; 1 MB is not one


def read_small_text(path: Path, limit: int) -> str:
    """A settings-like file read only when it is of a size such a file has (issue 30: a 120 MB
    config.toml took 46 s to refuse); the limit is named in the error."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise PolicyError(str(path), "(file)", f"is {size:,} bytes; a file like this is at most {limit:,} bytes")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), "(file)", f"cannot be read: {exc}") from None


# What each key accepts, said plainly when pydantic refuses a value.
ACCEPTS = {
    "officer_name": "a name in quotes",
    "cutoff": 'a time of day as HH:MM, e.g. "16:30"',
    "safeguarding_letter_days_before_hearing": "a whole number of working days from 0 to 60",
    "police_check_all_child_arrangements": "true or false",
    "idle_lock_minutes": "a number of minutes ≥ 0 (0 turns the lock off)",
    "lock_passphrase": "set it with `dutydesk lock-passphrase`, not by hand",
    "theme": 'a theme\'s name, e.g. "textual-dark"',
    "office": "a table of office details",
    "office_url": "postgresql+psycopg://USER@HOST/DATABASE in quotes, without a password (put it in ~/.pgpass)",
}


def _holds_password(url: str) -> bool:
    """A password in the URL, in its user part or its query, however its key is spelt or encoded."""
    parts = urlsplit(url)
    keys = {unquote(key).lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return bool(parts.password) or bool(keys & {"password", "passfile"})


def settings_from_text(text: str, source: str) -> Settings:
    """Validate a config.toml's text (pydantic), or reuse the values validated for these exact
    bytes before: pydantic then stays off the start-up path while the file is unchanged."""
    cached = _cached(text)
    if cached is None:
        cached = _validate(text, source)
        _remember(text, cached)
    return _settings(cached)


def _validate(text: str, source: str) -> dict[str, Any]:
    from dutydesk.config import schema  # noqa: PLC0415  (pydantic: only when config.toml changed)

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"cannot be read: {exc}") from None
    try:
        read = schema.validate_settings(doc)
    except schema.SchemaProblem as problem:
        key = problem.key.split(".")[0]
        raise PolicyError(source, key, ACCEPTS.get(key, problem.message)) from None
    try:
        if read.cutoff:
            parse_hhmm(read.cutoff)
    except BadInput as exc:
        raise PolicyError(source, "cutoff", str(exc)) from None
    if read.office_url and _holds_password(read.office_url):
        raise PolicyError(source, "office_url", "holds a password: leave it out and put it in ~/.pgpass or PGPASSWORD")
    try:
        office = parse_office(read.office)
    except BadInput as exc:
        raise PolicyError(source, "office", str(exc)) from None
    values = read.model_dump(exclude={"office"})
    values["office"] = office.given()
    values["extra"] = dict(read.model_extra or {})
    return values


def _settings(values: dict[str, Any]) -> Settings:
    return Settings(
        values.get("officer_name"),
        parse_hhmm(values["cutoff"]) if values.get("cutoff") else None,
        int(values.get("safeguarding_letter_days_before_hearing", 3)),
        bool(values.get("police_check_all_child_arrangements", False)),
        dict(values.get("extra") or {}),
        float(values.get("idle_lock_minutes", 10)),
        values.get("lock_passphrase"),
        values.get("theme"),
        Office(**(values.get("office") or {})),
        values.get("office_url"),
    )


def validated_cache_file() -> Path:
    """Beside config.toml (hidden): the values pydantic validated for its current bytes."""
    return config_file().with_name(".config.toml.validated.json")


# The cache holds the validated text itself: compared whole, with no hash to compute (hashlib
# loads OpenSSL, a few milliseconds of every start).
@cache
def _checks() -> str:
    """Which checks validated the values: the code that checks them. A dutydesk whose checks
    changed (a URL with a password refused, say) validates the same text again, never trusting
    what an older one let through."""
    here = Path(__file__).parent
    code = b"".join((here / name).read_bytes() for name in ("settings.py", "schema.py", "office.py"))
    return hashlib.sha256(code).hexdigest()[:16]


def _cached(text: str) -> dict[str, Any] | None:
    try:
        found = json.loads(validated_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(found, dict)
        or found.get("text") != text
        or found.get("checks") != _checks()
        or not isinstance(found.get("values"), dict)
    ):
        return None
    return found["values"]  # type: ignore[no-any-return]


def _remember(text: str, values: dict[str, Any]) -> None:
    """Owner-only, like config.toml itself (it holds the same values); best effort."""
    try:
        path = validated_cache_file()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"text": text, "checks": _checks(), "values": values}, handle, default=str)
        os.replace(path.with_suffix(".tmp"), path)
    except (OSError, TypeError, ValueError):
        pass
