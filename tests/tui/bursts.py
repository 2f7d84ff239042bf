"""Keys as a terminal delivers them to a fast typist: all at once, without waiting between them."""

from __future__ import annotations

import asyncio
import unicodedata
from typing import Any

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from dutydesk.tui.quiet import until_quiet


def _key_event(key: str) -> events.Key:
    if len(key) == 1:  # a character: the terminal sends it as itself
        return events.Key(_character_to_key(key) if not key.isalnum() else key, key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def burst(app: App[Any], *keys: str | events.Paste) -> None:
    """Every key (or paste) handed to the driver at once, none awaited: what a burst is.
    A plain string of several characters is typed character by character."""
    driver = app._driver
    assert driver is not None
    for item in keys:
        if isinstance(item, events.Paste):
            driver.send_message(item)
            continue
        for key in [item] if len(item) == 1 or item in NAMED else list(item):
            driver.send_message(_key_event(key))


NAMED = {
    "tab",
    "shift+tab",
    "enter",
    "backspace",
    "ctrl+u",
    "end",
    "home",
    "escape",
    "down",
    "up",
    "ctrl+z",
    "space",
    "pageup",
    "pagedown",
    "ctrl+down",
    "ctrl+up",
    *(f"f{n}" for n in range(1, 13)),
}


async def keys_done(app: App[Any], pilot: Any, seconds: float = 10.0) -> None:
    """Wait until every key of the burst has been handled (not for a fixed time)."""
    await pilot.pause()
    deadline = asyncio.get_running_loop().time() + seconds
    while getattr(app, "keys_pending", 0) and asyncio.get_running_loop().time() < deadline:
        await pilot.pause(0.02)
    await until_quiet(pilot)  # the rules refresh and the save throttle have run
