"""Issue 19: one gate for every way in. Each hostile file — huge numbers, deep nesting, oversized
and sparse files, duplicate keys, NaN and Infinity, unpaired surrogates, references with path
tricks — through the CLI (case file and HMCTS feed) and the desk: exit 2 with one plain line,
the store byte for byte unchanged, no traceback, nothing written outside the data folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from dutydesk.config.paths import data_dir
from tests.cli_helpers import run_cli
from tests.conftest import FIXTURES

Capsys = pytest.CaptureFixture[str]
SAMPLE = data_dir() / "samples" / "01-no-harm.json"
FEED = FIXTURES / "hmcts" / "cafcass-search-response.json"


def case(**changes: Any) -> dict[str, Any]:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["case"]["reference"] = "DD-2025-000999"
    for path, value in changes.items():
        target = doc
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = value
    return doc


def nested(depth: int) -> str:
    return '{"format": "dutydesk-case/1", "case": ' + "[" * depth + "]" * depth + "}"


HOSTILE: dict[str, tuple[str | bytes, str]] = {
    "5000-digit integer": (json.dumps(case()).replace('"law": "private"', '"law": ' + "9" * 5000), "digits"),
    "10**30 working days": (
        json.dumps(case(**{"case.court_directions": [{"kind": "other", "working_days": 10**30}]})),
        "digits",
    ),
    "1e999": (json.dumps(case()).replace('"law": "private"', '"law": 1e999'), "too large"),
    "NaN": (json.dumps(case()).replace('"law": "private"', '"law": NaN'), "NaN"),
    "-Infinity": (json.dumps(case()).replace('"law": "private"', '"law": -Infinity'), "-Infinity"),
    "nested 200,000 deep": (nested(200_000), "nested"),
    "nested 40 deep": (nested(40), "nested"),
    "duplicate key": (json.dumps(case())[:-1] + ', "format": "dutydesk-case/2"}', "appears twice"),
    "unpaired surrogate": (json.dumps(case()).replace('"private"', '"\\ud800"'), "broken character"),
    "not UTF-8": (b'{"format": "\xff\xfe"}', "not UTF-8"),
    "reference with /../": (json.dumps(case(**{"case.reference": "DD/../../etc"})), "not a case reference"),
    "reference with ..": (json.dumps(case(**{"case.reference": "DD-..-1"})), "not a case reference"),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path, capsys: Capsys) -> Path:
    path = tmp_path / "store.sqlite3"
    assert run_cli(capsys, "--db", str(path), "import", str(data_dir() / "samples" / "04-ongoing-da.json")).code == 0
    return path


def refused(capsys: Capsys, db: Path, *argv: str, says: str) -> None:
    before = digest(db)
    done = run_cli(capsys, "--db", str(db), *argv)
    assert done.code == 2, (done.code, done.err[-400:])
    assert "Traceback" not in done.err and says.lower() in done.err.lower(), done.err[-400:]
    assert digest(db) == before


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_case_file_is_refused_in_one_line(capsys: Capsys, db: Path, tmp_path: Path, name: str) -> None:
    content, says = HOSTILE[name]
    file = tmp_path / "hostile.json"
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    refused(capsys, db, "import", str(file), says=says)


@pytest.mark.parametrize("name", ["5000-digit integer", "nested 200,000 deep", "duplicate key", "NaN"])
def test_a_hostile_hmcts_feed_is_refused_in_one_line(capsys: Capsys, db: Path, tmp_path: Path, name: str) -> None:
    says = HOSTILE[name][1]
    feed = json.loads(FEED.read_text(encoding="utf-8"))
    text = json.dumps(feed)
    if name == "nested 200,000 deep":
        text = '{"cases": ' + "[" * 200_000 + "]" * 200_000 + "}"
    elif name == "duplicate key":
        text = text[:-1] + ', "cases": []}'
    else:
        marker = "9" * 5000 if name == "5000-digit integer" else "NaN"
        text = text[:-1] + f', "total": {marker}}}'
    file = tmp_path / "feed.json"
    file.write_text(text, encoding="utf-8")
    refused(capsys, db, "import", "--hmcts", str(file), says=says)


def test_oversized_and_sparse_files_are_refused_before_reading(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    for size in (47 * 1_048_576, 1 << 30):  # 47 MB, and a 1 GB sparse file (no disk used)
        file = tmp_path / f"big-{size}.json"
        with file.open("wb") as handle:
            handle.truncate(size)
        refused(capsys, db, "import", str(file), says="MB")


def test_a_byte_order_mark_is_accepted(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    file = tmp_path / "bom.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(case()).encode("utf-8"))
    assert run_cli(capsys, "--db", str(db), "import", str(file)).code == 0


def test_export_and_draft_write_only_new_files_where_they_are_told(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    ref = "DD-2025-000104"
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    existing = tmp_path / "existing.json"
    existing.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    refused(capsys, db, "export", ref, "--out", str(existing), says="already exists")
    assert existing.read_text(encoding="utf-8") == "keep me"
    refused(capsys, db, "export", ref, "--out", str(link), says="symbolic link")
    assert not (tmp_path / "elsewhere.json").exists()
    refused(capsys, db, "draft", ref, "court_referral_made", "--out", str(folder), says="is a folder")
    assert os.stat(folder).st_mode & 0o777 == 0o755 and not list(folder.iterdir())  # its mode untouched
    if Path("/dev/full").exists():
        refused(capsys, db, "export", ref, "--out", "/dev/full/x.json", says="cannot")
    forced = run_cli(capsys, "--db", str(db), "export", ref, "--out", str(existing), "--force")
    assert forced.code == 0 and json.loads(existing.read_text(encoding="utf-8"))["case"]["reference"] == ref


async def test_the_desk_refuses_a_hostile_file_and_keeps_working(tmp_path: Path) -> None:
    from dutydesk.config.policy_files import load_policy
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store
    from dutydesk.tui.app import DutydeskApp

    store = Store.open(Officer("Test Officer", "tester"), db=tmp_path / "tui.sqlite3")
    app = DutydeskApp(store, load_policy())
    messages: list[str] = []
    app.notify = lambda message, **_: messages.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name in ("nested 200,000 deep", "5000-digit integer", "duplicate key", "reference with /../"):
            content, says = HOSTILE[name]
            file = tmp_path / f"{len(messages)}.json"
            file.write_text(content if isinstance(content, str) else content.decode("latin-1"), encoding="utf-8")
            app.import_file()
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("Input").value = str(file)  # type: ignore[attr-defined]
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert says.lower() in messages[-1].lower(), (name, messages[-1])
        assert app.is_running
    assert store.list_cases() == []
    store.close()
