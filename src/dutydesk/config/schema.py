"""config.toml's declared types (pydantic), imported only when a settings file is validated —
not on every start (settings.py keeps the validated values for the file's exact bytes)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    field_validator,
)

# A UK phone as people write it: 0…, +44…, 0044…, "(0)", spaces, dashes, dots; 10 or 11 digits.
_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone.replace("(0)", ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and phone.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


class OfficeSchema(BaseModel):
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


class SettingsFile(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    officer_name: StrictStr | None = None
    cutoff: StrictStr | None = None
    safeguarding_letter_days_before_hearing: Annotated[StrictInt, Field(ge=0, le=60)] = 3
    police_check_all_child_arrangements: StrictBool = False
    idle_lock_minutes: Annotated[StrictInt | StrictFloat, Field(ge=0, le=24 * 60)] = 10
    lock_passphrase: Annotated[StrictStr, Field(pattern=r"^scrypt:")] | None = None
    theme: StrictStr | None = None
    office: dict[str, object] | None = None
    office_url: Annotated[StrictStr, Field(pattern=r"^postgresql(\+\w+)?://")] | None = None


class SchemaProblem(Exception):
    """The first thing wrong with a table: where (a key path), what, and pydantic's kind of error."""

    def __init__(self, key: str, message: str, kind: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key, self.message, self.kind = key, message, kind


def _first_problem(exc: ValidationError) -> SchemaProblem:
    first = exc.errors()[0]
    key = ".".join(str(p) for p in first["loc"]) or "(table)"
    return SchemaProblem(key, str(first["msg"]).removeprefix("Value error, "), str(first["type"]))


def validate_settings(doc: object) -> SettingsFile:
    """config.toml's table as its declared types, or SchemaProblem."""
    try:
        return SettingsFile.model_validate(doc)
    except ValidationError as exc:
        raise _first_problem(exc) from None


def validate_office(raw: object) -> dict[str, str | None]:
    """The [office] table's values, checked, or SchemaProblem."""
    try:
        return OfficeSchema.model_validate(raw).model_dump()
    except ValidationError as exc:
        raise _first_problem(exc) from None
