"""Errors that carry a message fit to show the officer as it is."""

from __future__ import annotations


class DutydeskError(Exception):
    """Base: the message is complete and readable; the CLI prints it on one line."""


class BadInput(DutydeskError):
    """Something typed or passed in is not acceptable; the message names what is accepted."""


class NotScreenable(BadInput):
    """A case the private-law rules must not be applied to (a public law case, ¶2.21, ¶2.77)."""


class PolicyError(DutydeskError):
    """A policy table in data/ (or a user's file) is malformed: names the file, key and problem."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}")


class StoreError(DutydeskError):
    """The store cannot do what was asked; nothing was changed."""

    exit_code = 1


class WrongKey(StoreError):
    """The store's key (DUTYDESK_DB_KEY) is wrong or missing: what the officer gave, so exit 2."""

    exit_code = 2


class NotFound(StoreError):
    exit_code = 2


class AlreadyStored(StoreError):
    """A reference already in the store: the input names a case that exists (exit 2)."""

    exit_code = 2


class Conflict(StoreError):
    """Someone saved the case after this copy was loaded; names what they changed."""

    def __init__(self, reference: str, changes: list[str], paths: list[str] | None = None) -> None:
        self.reference, self.changes, self.paths = reference, changes, paths or []
        listed = "; ".join(changes[:8]) + ("; …" if len(changes) > 8 else "")
        super().__init__(
            f"case {reference} was changed by someone else since you opened it ({listed}); "
            "your change was not saved: reload the case and apply it again"
        )


class SecuredError(StoreError):
    """A secured case's records as they were cannot be changed (¶3.42-3.45)."""
