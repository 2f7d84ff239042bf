"""The names a person may be recorded under: the `nicknames` package's pairs and data/
name_variants.toml's spelling groups, read once for the person search."""

from __future__ import annotations

import csv
import tomllib
from functools import cache

from nicknames import with_names_csv_path

from dutydesk.config.data_files import read_data_file
from dutydesk.domain.people.names import Variants, parse_variants
from dutydesk.errors import PolicyError


@cache
def name_variants() -> Variants:
    """Nicknames (the `nicknames` package's CSV) and data/name_variants.toml's spelling groups."""

    text, source = read_data_file("name_variants.toml")
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "file", str(exc)) from exc
    with with_names_csv_path() as path, open(path, encoding="utf-8", newline="") as handle:
        return parse_variants(csv.DictReader(handle), table, source)
