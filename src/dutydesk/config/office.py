"""The office a letter comes from: its name, postal address, phone and secure email, and the
officer's role and direct line. Kept in config.toml's [office] table, validated with pydantic
(config_schema.OfficeSchema: types, lengths and formats declared, not hand-checked), set with
`dutydesk office` or the desk's Office details dialog.

A letter to the court, children's social care or a party is not drafted while a detail it
prints is missing: "please contact me" with no way to do so is what Ofsted criticised.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from dutydesk.errors import BadInput

FIELDS: dict[str, str] = {
    "name": "the office's name as on the letterhead (e.g. Cafcass, Birmingham office)",
    "address": "the office's postal address (lines separated by commas)",
    "phone": "the office's telephone number",
    "email": "the office's secure email address",
    "role": "your role as it is signed (e.g. Family Court Adviser)",
    "direct_line": "your direct line (optional: letters give the office number without it)",
}
REQUIRED = ("name", "address", "phone", "email", "role")


@dataclass(frozen=True)
class Office:
    """Validated office details (config_schema.OfficeSchema checks them; this is what is used)."""

    name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    role: str | None = None
    direct_line: str | None = None

    def missing(self) -> list[str]:
        return [name for name in REQUIRED if not getattr(self, name)]

    def address_lines(self) -> list[str]:
        return [part.strip() for part in re.split(r"[,\n]", self.address or "") if part.strip()]

    def given(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def parse_office(raw: object, source: str = "[office]") -> Office:
    """The [office] table, or BadInput naming the key and what is accepted."""
    if raw is None:
        return Office()
    if not isinstance(raw, dict):
        raise BadInput(f"{source} must be a table of office details ({', '.join(FIELDS)})")
    from dutydesk.config import schema  # noqa: PLC0415  (pydantic: only when office details are checked)

    try:
        return Office(**schema.validate_office(raw))
    except schema.SchemaProblem as problem:
        if problem.kind == "extra_forbidden":
            raise BadInput(f"{source}: {problem.key!r} is not an office detail; known: {', '.join(FIELDS)}") from None
        raise BadInput(f"{source} {problem.key}: {problem.message}") from None


class OfficeMissing(BadInput):
    """A letter needs office details that are not set: the desk opens the Office dialog."""


def missing_message(office: Office) -> str:
    gaps = office.missing()
    flags = " ".join(f"--{name.replace('_', '-')} …" for name in gaps)
    return (
        "a letter needs the office's details and they are not all set: "
        + "; ".join(FIELDS[name] for name in gaps)
        + f". Set them with `dutydesk office {flags}` or Office details in the desk (Ctrl+P)"
    )
