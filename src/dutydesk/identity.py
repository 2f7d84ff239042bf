"""Who is recording: asked once and kept in config; never asked without a terminal."""

from __future__ import annotations

import os
import sys

from dutydesk.officer import Officer
from dutydesk.settings import config_file, load_settings, os_user


def save_officer_name(name: str) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if not line.strip().startswith("officer_name")]
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text("\n".join([f'officer_name = "{escaped}"', *lines]) + "\n", encoding="utf-8")
    path.chmod(0o600)


def resolve_officer(interactive: bool | None = None) -> Officer:
    """DUTYDESK_OFFICER, then config, then (at a terminal, first use) ask; else the OS user."""
    user = os_user()
    name = os.environ.get("DUTYDESK_OFFICER") or load_settings().officer_name
    if not name and (sys.stdin.isatty() if interactive is None else interactive):
        try:
            typed = input(f"Your name as it should appear on records [{user}]: ").strip()
        except EOFError:
            typed = ""
        name = typed or user
        save_officer_name(name)
    return Officer(name or user, user)
