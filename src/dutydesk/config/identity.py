"""Who is recording: kept in config; asked inside the duty desk on first start (a dialog),
never on a terminal prompt — a command in a pipe or a script must never wait for input."""

from __future__ import annotations

import os

from dutydesk.config.officer import Officer
from dutydesk.config.settings import load_settings, os_user
from dutydesk.infra.safe_text import neutralise


def save_officer_name(name: str) -> None:
    from dutydesk.config.write import set_config_value  # noqa: PLC0415  (tomlkit: only when a name is saved)

    set_config_value("officer_name", name)


def officer_named() -> bool:
    """Whether the officer's name has been given (DUTYDESK_OFFICER or config)."""
    return bool(os.environ.get("DUTYDESK_OFFICER") or load_settings().officer_name)


def resolve_officer() -> Officer:
    """DUTYDESK_OFFICER, then config, else the OS user; never asks."""
    user = os_user()
    name = os.environ.get("DUTYDESK_OFFICER") or load_settings().officer_name
    # One line, controls shown: a name is written into every audit row and log entry (issue 30).
    name = " ".join(neutralise(name).split()) if name else None
    return Officer(name or user, user)
