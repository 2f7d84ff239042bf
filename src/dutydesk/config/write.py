"""Writing one setting into config.toml without disturbing the rest of it. tomlkit keeps the
officer's comments, order and tables; a top-level key appended by hand after a table would land
inside that table and silently have no effect."""

from __future__ import annotations

import tomlkit

from dutydesk.config.settings import config_file


def set_config_value(key: str, value: str | int | float | bool | None) -> None:
    """Set (or, with None, remove) a top-level key; the file stays owner-only."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    doc = tomlkit.parse(text)
    if value is None:
        doc.pop(key, None)
        text = tomlkit.dumps(doc)
    elif key in doc:
        doc[key] = value  # in place: its comment and position kept
        text = tomlkit.dumps(doc)
    else:
        text = tomlkit.dumps({key: value}) + text  # first in the file: top level whatever follows
    assert value is None or tomlkit.parse(text)[key] == value
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)


def set_config_table(name: str, values: dict[str, str | None]) -> None:
    """Set keys in one table (None removes a key), keeping the rest of the file as it was."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    doc = tomlkit.parse(path.read_text(encoding="utf-8") if path.exists() else "")
    table = doc.get(name)
    if table is None:
        table = tomlkit.table()
        doc[name] = table
    for key, value in values.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    path.chmod(0o600)
