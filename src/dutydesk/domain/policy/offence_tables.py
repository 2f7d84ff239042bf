"""The tables that say how offences are written (data/acts.toml, data/offence_aliases.csv), validated
on load against the Appendix II list they point into."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass

from dutydesk.domain.policy.tables import Offence
from dutydesk.errors import PolicyError

ALIAS_HEADER = ["wording", "charged_section", "charged_act", "offence", "section", "act", "note"]


@dataclass(frozen=True)
class Inchoate:
    act: str
    sections: tuple[str, ...]
    kind: str  # "attempt", "conspiracy", …


@dataclass(frozen=True)
class Acts:
    abbreviations: dict[str, str]  # "OAPA 1861" -> "Offences Against the Person Act 1861"
    titles: dict[str, str]  # a title as the statute book has it -> as the list writes it
    inchoate: tuple[Inchoate, ...]


@dataclass(frozen=True)
class Alias:
    wording: str
    offence: Offence | None  # None: the wording is not an App. II offence (`note` says why)
    charged_section: str | None = None  # "39" where the police charge it under another provision
    charged_act: str | None = None
    note: str = ""


def parse_acts(text: str, source: str) -> Acts:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"not valid TOML: {exc}") from None
    tables = {}
    for name in ("abbreviations", "titles"):
        table = doc.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
            raise PolicyError(source, name, "a table of text = text is required")
        tables[name] = dict(table)
    for key in tables["abbreviations"]:
        if not key.split()[-1].isdigit():
            raise PolicyError(
                source, f"abbreviations.{key!r}", "an abbreviation is read with its year, e.g. 'OAPA 1861'"
            )
    inchoate = []
    for i, entry in enumerate(doc.get("inchoate", [])):
        where = f"inchoate[{i}]"
        act, sections, kind = entry.get("act"), entry.get("sections"), entry.get("kind")
        if not isinstance(act, str) or not isinstance(kind, str) or not act or not kind:
            raise PolicyError(source, where, "act and kind (text) are required")
        if not isinstance(sections, list) or not sections or not all(isinstance(s, str) for s in sections):
            raise PolicyError(source, f"{where}.sections", 'a list of section numbers as text, e.g. ["1"]')
        inchoate.append(Inchoate(act, tuple(sections), kind))
    return Acts(tables["abbreviations"], tables["titles"], tuple(inchoate))


def _row(offences: tuple[Offence, ...], offence: str, section: str, act: str, where: str, source: str) -> Offence:
    found = [o for o in offences if o.section == section and o.act == act and (not offence or o.offence == offence)]
    if len(found) != 1:
        what = f"{offence + ', ' if offence else ''}{section}, {act or '(no Act)'}"
        problem = "is not a row of Appendix II" if not found else "names more than one row: give the offence too"
        raise PolicyError(source, where, f"{what} {problem} (data/offences.csv)")
    return found[0]


def _section_number(section: str, where: str, source: str) -> str:
    number = section.removeprefix("Section ").strip()
    if not number or not number[0].isdigit():
        raise PolicyError(source, where, f"{section!r}: write 'Section N'")
    return number.lower()


def parse_aliases(text: str, source: str, offences: tuple[Offence, ...]) -> tuple[Alias, ...]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames != ALIAS_HEADER:
        raise PolicyError(source, "header", f"{reader.fieldnames}: expected {','.join(ALIAS_HEADER)}")
    aliases = []
    for n, row in enumerate(reader, start=2):
        where = f"row {n}"
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            raise PolicyError(source, where, "more cells than the header has: quote text with commas in it")
        if not cells["wording"]:
            raise PolicyError(source, where, "wording is required")
        note = cells["note"]
        if cells["offence"] == "none":
            if not note:
                raise PolicyError(source, f"{where}.note", "a wording that is not an App. II offence says why")
            target = None
        else:
            target = _row(offences, cells["offence"], cells["section"], cells["act"], where, source)
        charged = cells["charged_section"], cells["charged_act"]
        if bool(charged[0]) != bool(charged[1]):
            raise PolicyError(source, where, "charged_section and charged_act go together")
        aliases.append(
            Alias(
                cells["wording"],
                target,
                _section_number(charged[0], f"{where}.charged_section", source) if charged[0] else None,
                charged[1] or None,
                note,
            )
        )
    return tuple(aliases)
