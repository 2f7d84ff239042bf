"""domain/ and store/ stay free of the UI; domain/ never touches the database or the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import dutydesk

PACKAGE = Path(dutydesk.__file__).parent


def imports_of(folder: str) -> dict[str, set[str]]:
    found = {}
    for path in (PACKAGE / folder).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE))] = names
    return found


def test_domain_imports_neither_textual_nor_the_store() -> None:
    for path, names in imports_of("domain").items():
        bad = {
            n
            for n in names
            if n.split(".")[0] in {"textual", "sqlmodel", "sqlalchemy"} or n.startswith("dutydesk.store")
        }
        assert not bad, f"{path} imports {bad}"


def test_store_does_not_import_textual() -> None:
    for path, names in imports_of("store").items():
        assert not {n for n in names if n.split(".")[0] == "textual"}, path


def test_domain_never_reads_the_clock() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        text = path.read_text()
        assert ".now(" not in text and "today()" not in text, f"{path} reads the clock; pass `now` in"
