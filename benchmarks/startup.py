"""Launch-to-interactive time: dutydesk's duty board over 10,000 cases vs a bare Textual app
(Header, DataTable, Footer) measured the same way, in the same run; prints JSON.

Each launch is a fresh process (`python benchmarks/startup.py --child …`) run headless; the
parent times from spawning it to the child printing READY once its first screen has drawn.
Run: python benchmarks/startup.py [--cases 10000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path


def child(kind: str, db: str) -> None:
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import DataTable, Footer, Header

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield DataTable()
                yield Footer()

            def on_mount(self) -> None:
                table = self.query_one(DataTable)
                table.add_columns("Case", "Children", "First hearing")
                self.call_after_refresh(self.ready)

            def ready(self) -> None:
                print("READY", flush=True)
                self.exit()

        Bare().run(headless=True)
        return

    # What `dutydesk --db DB` does (the entry point, then cli/desk.py's open_desk), run headless:
    # their imports, the log, the officer and store location, then the app as run_app builds it
    # (the officer's settings), the board painted from a read-only look at the file while the
    # full store (SQLAlchemy, SQLModel) opens in the background.
    import dutydesk.cli
    import dutydesk.cli.desk  # its import cost is part of every launch
    from dutydesk.infra import log

    assert dutydesk.cli.desk_only(["--db", db]) == (True, db)
    log.setup()
    from dutydesk.config.identity import resolve_officer
    from dutydesk.store.location import resolve
    from dutydesk.tui.app import build_app
    from dutydesk.tui.screens.board import BoardScreen

    officer, location = resolve_officer(), resolve(Path(db))

    def opener() -> object:
        from dutydesk.store.repository import Store

        return Store.open(officer, location=location)

    app = build_app(opener=opener, quick_path=location.path)  # type: ignore[arg-type]
    app.ask_name = False  # a first start's name dialog is not start-up

    def ready() -> None:
        print("READY", flush=True)
        app.exit()

    original = BoardScreen.on_mount

    def on_mount(self: BoardScreen) -> None:
        original(self)  # the board's rows are drawn from the open-case list here
        assert self.rows, "the board has no rows"
        self.call_after_refresh(ready)

    BoardScreen.on_mount = on_mount  # type: ignore[method-assign]
    app.run(headless=True)
    if app.store is not None:
        app.store.close()


def launch(kind: str, db: str) -> float:
    t0 = time.perf_counter()
    # An installed wheel has its bytecode compiled by pip, as site-packages' Textual does; a
    # PYTHONDONTWRITEBYTECODE environment would make every launch recompile dutydesk's source
    # from an editable checkout and time the compiler, not the app.
    env = {**os.environ, "DUTYDESK_OFFICER": "Bench Officer"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, db], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise RuntimeError(f"{kind} never became ready")
    proc.wait(timeout=60)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store, create_many
    from dutydesk.tools.synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite3")
        store = Store.open(Officer("Bench", "bench"), db=Path(db))
        cases = generate(args.cases, seed=3)
        while batch := list(islice(cases, 2000)):
            create_many(store, batch)
        open_cases = len(store.list_cases())
        store.close()
        launch("dutydesk", db)  # warm the OS file cache and bytecode for both
        launch("bare", db)
        dutydesk, bare = [], []
        for _ in range(args.repeats):  # interleaved, so both see the same machine
            dutydesk.append(launch("dutydesk", db))
            bare.append(launch("bare", db))
    d, b = statistics.median(dutydesk), statistics.median(bare)
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "cases": args.cases,
                "open_cases": open_cases,
                "repeats": args.repeats,
                "dutydesk_median_s": round(d, 3),
                "bare_textual_median_s": round(b, 3),
                "ratio": round(d / b, 2),
                "target_ratio": 1.15,
                "met": d / b <= 1.15,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
