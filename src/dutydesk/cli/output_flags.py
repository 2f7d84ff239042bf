"""Output forms that exclude each other (--json, --csv, -q, --html): refused alike, in one wording
by every command (issue 34)."""

from __future__ import annotations

from dutydesk.errors import BadInput


def one_output_form(**given: bool) -> None:
    """`given` maps each flag as typed (e.g. "--json") to whether it was given."""
    chosen = [flag for flag, on in given.items() if on]
    if len(chosen) > 1:
        raise BadInput(f"{' and '.join(chosen)} are different ways to print the same thing: give one of them")
