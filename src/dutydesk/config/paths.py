"""Where dutydesk finds its shipped policy data and the user's own files."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "dutydesk"


@cache
def data_dir() -> Path:
    """The policy tables: inside the wheel (`dutydesk/data`) or, in a source checkout, `data/`."""
    packaged = Path(str(resources.files("dutydesk"))) / "data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "data"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"dutydesk's policy data is missing (looked in {packaged} and {checkout})")


def config_dir() -> Path:
    """The user's settings folder; DUTYDESK_CONFIG_DIR overrides it (tests, shared laptops)."""
    override = os.environ.get("DUTYDESK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def user_data_dir() -> Path:
    """Where the store and outbox live unless --db / DUTYDESK_DB say otherwise."""
    override = os.environ.get("DUTYDESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def state_dir() -> Path:
    """Where the log goes (XDG_STATE_HOME on Linux); DUTYDESK_STATE_DIR overrides it."""
    override = os.environ.get("DUTYDESK_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME))
