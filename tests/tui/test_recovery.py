"""On start, a recovery file left by a refused save is shown — what it holds — with one key to
put it back into the case (merged: nothing saved since is overwritten) or to set it aside."""

from __future__ import annotations

import json

from dutydesk.domain.case.casefile import to_document
from dutydesk.services.recovery import folder
from dutydesk.services.session import CaseSession
from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.recovery import RecoveryDialog
from tests.rules.builders import case
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle


def _refused_save(store: Store) -> str:
    """A session whose last typing never reached the store: it wrote a recovery file."""
    reference = store.import_document(json.loads(json.dumps(to_document(case())))).case.case.reference
    session = CaseSession(store, reference)
    session.set("risk.analysis", "Father's threats at handover are escalating")
    session.set("case.court", "Bradford Family Court")
    session.write_recovery_file()
    return reference


async def test_recovery_is_offered_and_put_back_without_overwriting(store: Store) -> None:
    reference = _refused_save(store)
    # Meanwhile another officer saved a different court name.
    loaded = store.load(reference)
    loaded.case.case.court = "Leeds Combined Court"
    store.save(loaded.case, loaded.version)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RecoveryDialog)
        shown = dialog.found[0].describe()
        assert reference in shown and "2 unsaved change(s)" in shown
        await pilot.press("r")
        await settle(pilot)
        assert not isinstance(app.screen, RecoveryDialog)
    saved = store.load(reference).case
    assert saved.risk.analysis == "Father's threats at handover are escalating"  # empty in the store: filled
    assert saved.case.court == "Leeds Combined Court"  # saved since: it stands
    (note,) = [e for e in saved.events if e.kind == "conflict"]
    assert note.text is not None and "Bradford Family Court" in note.text  # and ours is kept beside it
    assert not list(folder().glob("*.json")) and list((folder() / "set-aside").glob("*.json"))


async def test_recovery_set_aside_keeps_the_file(store: Store) -> None:
    reference = _refused_save(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(app.screen, RecoveryDialog)
    assert store.load(reference).case.risk.analysis is None
    assert list((folder() / "set-aside").glob(f"{reference}-*.json"))
