"""The shape of the house (issue 31; README "What is where"): a folder per layer, dependencies
pointing inward, no import circle, the domain pure. The layer contracts themselves live in
pyproject.toml ([tool.importlinter]) and are checked here and by `lint-imports` in CI."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import grimp

import dutydesk

PACKAGE = Path(dutydesk.__file__).parent
ROOT_MODULES_ALLOWED = {"__init__.py", "__main__.py", "errors.py"}


def test_the_import_contracts_hold() -> None:
    """tui, cli → services → store, drafting, importers → config, infra → domain; the domain
    imports no terminal, database, command line or file finder."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint)], capture_output=True, text=True, cwd=PACKAGE.parents[1])
    assert run.returncode == 0, run.stdout[-3000:]


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if not w.startswith("dutydesk"):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(m for m in graph.modules if m.startswith("dutydesk")):
        if module not in index:
            visit(module)
    return found


def test_no_import_circle() -> None:
    """Imports made only for type checking do not run, so they cannot make a circle."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    graph = grimp.build_graph("dutydesk", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_the_package_root_holds_only_its_entry_points() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - ROOT_MODULES_ALLOWED
    assert not loose, f"put {sorted(loose)} in the folder of its layer (README: What is where)"


def test_domain_never_reads_the_clock_or_a_file() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"now", "today", "read_text", "open", "environ"}:
                raise AssertionError(f"{path.relative_to(PACKAGE)}:{node.lineno} uses .{node.attr}: pass it in")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                raise AssertionError(f"{path.relative_to(PACKAGE)}:{node.lineno} opens a file: pass its text in")


def test_the_app_is_thin() -> None:
    """The App wires; what it does lives in modules of their own (tui/startup.py, privacy.py,
    case_actions.py, commands.py, crash_output.py)."""
    from dutydesk.tui.app import DutydeskApp

    source = inspect.getsource(DutydeskApp)
    assert len(source.splitlines()) <= 200


def test_screens_get_what_they_need_in_their_constructor() -> None:
    """No `self.app.store` behind a `type: ignore`: the Desk protocol (tui/desk.py) is handed in."""
    for path in (PACKAGE / "tui").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "app." in line and "type: ignore" in line:
                raise AssertionError(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")


def test_imports_are_at_the_top_but_a_few_each_with_its_reason() -> None:
    """Ruff's PLC0415 (pyproject.toml) refuses an import inside a function unless its noqa says
    why; here, how many there are: on the start-up path and for optional extras only."""
    deferred = []
    for path in PACKAGE.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "noqa:" in line and "PLC0415" in line:
                assert "(" in line.split("PLC0415", 1)[1], f"{path.name}: a deferred import says why: {line.strip()}"
                deferred.append(line)
    assert (
        len(deferred) <= 33
    )  # 31, 32: the desk's sync with the office and its count (issue 33) load the store when they run;
    # 33: `config set theme` checks the name against Textual's themes (issue 34), Textual only then
