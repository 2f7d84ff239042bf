"""Who is recording (kept apart from the store so the CLI and the app start light)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Officer:
    """The officer's name and the OS account they are signed in as."""

    name: str
    os_user: str
