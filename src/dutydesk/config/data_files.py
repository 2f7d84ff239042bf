"""Where the policy tables shipped in data/ are read from: the one place that opens them."""

from __future__ import annotations

from dutydesk.config.paths import data_dir


def read_data_file(name: str) -> tuple[str, str]:
    """(text, where it came from) of a file in data/, for a parser to name in its errors."""
    path = data_dir() / name
    return path.read_text(encoding="utf-8"), str(path)
