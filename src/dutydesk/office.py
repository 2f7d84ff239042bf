"""The office a letter comes from: its name, postal address, phone and secure email, and the
officer's role and direct line. Kept in config.toml's [office] table, validated with pydantic
(field types, lengths and formats are declared, not hand-checked), set with `dutydesk office`
or the desk's Office details dialog.

A letter to the court, children's social care or a party is not drafted while a detail it
prints is missing: "please contact me" with no way to do so is what Ofsted criticised.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from dutydesk.errors import BadInput

# A UK phone as people write it: 0…, +44…, 0044…, "(0)", spaces, dashes, dots; 10 or 11 digits.
_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]

FIELDS: dict[str, str] = {
    "name": "the office's name as on the letterhead (e.g. Cafcass, Birmingham office)",
    "address": "the office's postal address (lines separated by commas)",
    "phone": "the office's telephone number",
    "email": "the office's secure email address",
    "role": "your role as it is signed (e.g. Family Court Adviser)",
    "direct_line": "your direct line (optional: letters give the office number without it)",
}
REQUIRED = ("name", "address", "phone", "email", "role")


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone.replace("(0)", ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and phone.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


class Office(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Line | None = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)] | None = None
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=120)
    role: Line | None = None
    direct_line: str | None = Field(default=None, max_length=30)

    @field_validator("phone", "direct_line")
    @classmethod
    def _uk_phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if not _PHONE_CHARS.match(value) or len(_digits(value)) not in (10, 11) or not _digits(value).startswith("0"):
            raise ValueError("a UK telephone number of 10 or 11 digits, e.g. 0300 456 4000 or +44 300 456 4000")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not _EMAIL.match(value):
            raise ValueError("an email address such as duty.birmingham@cafcass.gov.uk.cjsm.net")
        return value

    def missing(self) -> list[str]:
        return [name for name in REQUIRED if not getattr(self, name)]

    def address_lines(self) -> list[str]:
        return [part.strip() for part in re.split(r"[,\n]", self.address or "") if part.strip()]


def parse_office(raw: object, source: str = "[office]") -> Office:
    """The [office] table, or BadInput naming the key and what is accepted."""
    if raw is None:
        return Office()
    if not isinstance(raw, dict):
        raise BadInput(f"{source} must be a table of office details ({', '.join(FIELDS)})")
    try:
        return Office.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(table)"
        if first["type"] == "extra_forbidden":
            raise BadInput(f"{source}: {key!r} is not an office detail; known: {', '.join(FIELDS)}") from None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise BadInput(f"{source} {key}: {message}") from None


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
