"""A dutydesk app that meets a bug while a case is open: the error's message and its locals hold
the case's names and address. Run headless by test_crash_output."""

from __future__ import annotations

import sys
from pathlib import Path

from dutydesk.config.policy_files import load_policy
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp


class Buggy(DutydeskApp):
    def on_mount(self) -> None:
        super().on_mount()
        self.set_timer(0.5, self.boom)

    def boom(self) -> None:
        assert self.store is not None
        case = self.store.load(sys.argv[2]).case
        person = case.people[0]
        address = person.addresses[0]
        raise ValueError(f"cannot place {person.given_names} {person.family_name} at {address.line1}")


if __name__ == "__main__":
    store = Store.open(Officer("J. Officer", "j"), db=Path(sys.argv[1]))
    app = Buggy(store, load_policy())
    app.run(headless=True, size=(120, 40))
    store.close()
    sys.exit(app.return_code or 0)
