"""A reason written into the audit trail (accepting a case as stored, keying the trail, rebuilding
what is derived from it): at least a few words, for whoever reads the trail years later. One rule
for the store, the command line and the desk's dialogs."""

from __future__ import annotations

from dutydesk.errors import BadInput

MIN_REASON = 5  # characters, once trimmed: "ok" explains nothing


def reason_problem(text: str, what: str) -> str | None:
    """Why `text` will not do as the reason `what` ("the stored case is accepted"), else None."""
    if len(text.strip()) < MIN_REASON:
        return f"Say why {what}, in a few words: it goes in the audit trail."
    return None


def required_reason(text: str, what: str) -> str:
    """The reason, trimmed; BadInput (exit 2 at the command line) when it will not do."""
    problem = reason_problem(text, what)
    if problem:
        raise BadInput(problem + " Nothing was changed.")
    return text.strip()
