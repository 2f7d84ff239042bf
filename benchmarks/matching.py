"""Person matching: recall and "likely" precision on planted variants, and query time, at
100,000 and 1,000,000 people; prints JSON.

The population is Faker en_GB names plus names of South Asian, Polish, Irish and West African
origin, with dates of birth, addresses (some with an earlier one) and previous names. 1,000
people are then looked for under a variant of how they were recorded — each kind of slip the
issue lists, and combinations — with the product's own index (store/people_index.py, written
through the same `insert_people` as every save) and search (store/person_search.py).
Baseline: a plain case-insensitive substring search (family name within the recorded names,
given name within the recorded names), run at the smaller size.

Run: python benchmarks/matching.py [--sizes 100000,1000000] [--planted 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from faker.providers.address.en_GB import Provider as AddressProvider
from faker.providers.person.en_GB import Provider as PersonProvider
from sqlalchemy import text

from dutydesk.config.name_variants import name_variants as variants
from dutydesk.config.officer import Officer
from dutydesk.domain.people.matching import Facts, facts_of, place
from dutydesk.domain.people.names import fold
from dutydesk.store.person_search import search
from dutydesk.store.repository import Store, insert_people

GIVEN_EXTRA = {
    "south_asian": [
        "Mohammed",
        "Muhammad",
        "Aisha",
        "Fatima",
        "Priya",
        "Arjun",
        "Gurpreet",
        "Harpreet",
        "Imran",
        "Zainab",
        "Yusuf",
        "Ibrahim",
        "Ayesha",
        "Sanjay",
        "Deepa",
        "Rahul",
        "Nadia",
        "Bilal",
        "Hamza",
        "Sana",
    ],
    "polish": [
        "Wojciech",
        "Agnieszka",
        "Katarzyna",
        "Piotr",
        "Jakub",
        "Malgorzata",
        "Krzysztof",
        "Tomasz",
        "Magdalena",
        "Marek",
        "Zofia",
        "Aleksander",
        "Joanna",
        "Pawel",
        "Ewa",
    ],
    "irish": [
        "Siobhan",
        "Niamh",
        "Ciaran",
        "Aoife",
        "Sinead",
        "Saoirse",
        "Padraig",
        "Eoin",
        "Roisin",
        "Oisin",
        "Caoimhe",
        "Grainne",
        "Ruairi",
        "Aisling",
        "Tadhg",
    ],
    "west_african": [
        "Oluwaseun",
        "Chinedu",
        "Adaeze",
        "Kwame",
        "Ama",
        "Oluwafemi",
        "Olusegun",
        "Ngozi",
        "Chukwuemeka",
        "Abimbola",
        "Kofi",
        "Ayodele",
        "Adebayo",
        "Oluwatobi",
        "Efua",
    ],
}
FAMILY_EXTRA = {
    "south_asian": [
        "Khan",
        "Ahmed",
        "Begum",
        "Patel",
        "Singh",
        "Kaur",
        "Hussain",
        "Rahman",
        "Chaudhry",
        "Siddiqui",
        "Sharma",
        "Ali",
        "Iqbal",
        "Malik",
        "Shah",
    ],
    "polish": [
        "Nowak",
        "Kowalski",
        "Wisniewski",
        "Wojcik",
        "Kaminski",
        "Lewandowski",
        "Zielinski",
        "Szymanski",
        "Wozniak",
        "Dabrowski",
    ],
    "irish": [
        "O'Brien",
        "Murphy",
        "Kelly",
        "O'Sullivan",
        "Walsh",
        "McCarthy",
        "O'Connor",
        "Byrne",
        "Ryan",
        "Doyle",
        "Ní Bhriain",
        "Mac Giolla",
    ],
    "west_african": ["Okafor", "Mensah", "Adeyemi", "Okonkwo", "Boateng", "Owusu", "Adebayo", "Eze", "Nwosu", "Asante"],
}
KINDS = (
    "accents_case_punctuation",
    "transliteration",
    "hyphenated",
    "reordered",
    "phonetic",
    "nickname",
    "dob_swap",
    "dob_digit",
    "dob_year",
    "previous_name",
    "old_address",
    "nickname+dob_swap",
    "previous_name+dob_year",
    "reordered+phonetic",
    "transliteration+old_address",
)


@dataclass
class Person:
    given: str
    family: str
    previous: list[str]
    dob: date
    places: list[tuple[str, str, date | None, date | None]]  # postcode, line1, from, to


def pools(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    given = list(PersonProvider.first_names_female) + list(PersonProvider.first_names_male)
    family = list(PersonProvider.last_names)
    for names in GIVEN_EXTRA.values():
        given += names * 3
    for names in FAMILY_EXTRA.values():
        family += names * 6
    streets = [
        f"{rng.choice(list(PersonProvider.last_names))} {rng.choice(list(AddressProvider.street_suffixes))}"
        for _ in range(3000)
    ]
    return given, family, streets


def postcode(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUWYZ"
    return f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(1, 29)} {rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def person(rng: random.Random, given: list[str], family: list[str], streets: list[str]) -> Person:
    g = rng.choice(given)
    if rng.random() < 0.3:
        g += " " + rng.choice(given)
    f = rng.choice(family)
    if rng.random() < 0.05:
        f = f"{f}-{rng.choice(family)}"
    previous = [f"{g.split()[0]} {rng.choice(family)}"] if rng.random() < 0.15 else []
    dob = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 70))
    places = [(postcode(rng), f"{rng.randint(1, 200)} {rng.choice(streets)}", date(2021, 1, 1), None)]
    if rng.random() < 0.4:
        places.insert(
            0, (postcode(rng), f"{rng.randint(1, 200)} {rng.choice(streets)}", date(2015, 6, 1), date(2020, 12, 31))
        )
    return Person(g, f, previous, dob, places)


def build(db: Path, n: int, seed: int) -> tuple[Store, list[tuple[int, Person]]]:
    rng = random.Random(seed)
    given, family, streets = pools(rng)
    store = Store.open(Officer("Bench", "bench"), db=db)
    people: list[tuple[int, Person]] = []
    batch: list[dict[str, object]] = []
    for i in range(n):
        p = person(rng, given, family, streets)
        people.append((i, p))
        batch.append(
            {
                "case_ref": f"BM-{i // 3:07d}",
                "person_id": f"p{i % 3}",
                "role": "applicant",
                "given_names": p.given,
                "family_name": p.family,
                "previous_names": "|".join(p.previous),
                "date_of_birth": p.dob.isoformat(),
                "postcodes": "|".join(sorted({pl[0] for pl in p.places})),
                "places": json.dumps(
                    [
                        [pc, l1, fr.isoformat() if fr else None, to.isoformat() if to else None]
                        for pc, l1, fr, to in p.places
                    ]
                ),
            }
        )
        if len(batch) == 20_000 or i == n - 1:
            with store.writing() as conn:
                insert_people(conn, batch)  # the product's own path: people rows and search keys
            batch = []
    return store, people


SPELLING = [
    ("ph", "f"),
    ("th", "t"),
    ("y", "i"),
    ("ie", "y"),
    ("ck", "k"),
    ("c", "k"),
    ("ll", "l"),
    ("mm", "m"),
    ("nn", "n"),
    ("ou", "o"),
    ("ss", "s"),
    ("ei", "ie"),
]


def respell(name: str, rng: random.Random) -> str:
    """A spelling slip that still sounds the same (Thompson -> Thomson, Katherine -> Kathryn)."""
    low = name.lower()
    options = [(a, b) for a, b in SPELLING if a in low] + [(b, a) for a, b in SPELLING if b in low and len(b) < len(a)]
    if options:
        a, b = rng.choice(options)
        i = low.index(a)
        return name[:i] + b + name[i + len(a) :]
    if len(name) > 4:  # double a consonant
        i = rng.randrange(1, len(name) - 1)
        if name[i].lower() not in "aeiou":
            return name[:i] + name[i] + name[i:]
    return name + "e"


def variant_of(p: Person, kind: str, rng: random.Random) -> tuple[Facts, bool] | None:
    """The query an officer would type for `p` under `kind`; None if `p` cannot have it."""
    v = variants()
    given, family, dob = p.given.split()[0], p.family, p.dob
    places: list = []
    for step in kind.split("+"):
        if step == "accents_case_punctuation":
            family = family.replace("'", "").upper() if "'" in family else family.upper()
            given = given.replace("e", "é", 1) if "e" in given else given.lower()
        elif step == "transliteration":
            group = v.group.get(fold(given)) or v.group.get(fold(family))
            if not group:
                return None
            if fold(given) in v.group:
                given = rng.choice(sorted(group - {fold(given)})).title()
            else:
                family = rng.choice(sorted(group - {fold(family)})).title()
        elif step == "hyphenated":
            if "-" in family:
                family = rng.choice(family.split("-"))
            else:
                family = f"{family}-{rng.choice(['Smith', 'Jones', 'Khan', 'Murphy'])}"
        elif step == "reordered":
            given, family = family, given
        elif step == "phonetic":
            family = respell(family, rng) if rng.random() < 0.5 else family
            given = respell(given, rng) if family == p.family else given
        elif step == "nickname":
            nicks = sorted(v.related.get(fold(given), ()))
            if not nicks:
                return None
            given = rng.choice(nicks).title()
        elif step == "dob_swap":
            if dob.day > 12 or dob.day == dob.month:
                return None
            dob = date(dob.year, dob.day, dob.month)
        elif step == "dob_digit":
            digits = dob.strftime("%Y%m%d")
            for _ in range(20):
                i = rng.choice([2, 3, 5, 7])
                changed = digits[:i] + str(rng.randrange(10)) + digits[i + 1 :]
                try:
                    new = date(int(changed[:4]), int(changed[4:6]), int(changed[6:]))
                except ValueError:
                    continue
                if new != dob:
                    dob = new
                    break
            else:
                return None
        elif step == "dob_year":
            try:
                dob = dob.replace(year=dob.year + rng.choice((-1, 1)))
            except ValueError:
                return None
        elif step == "previous_name":
            if not p.previous:
                return None
            family = p.previous[0].split(" ", 1)[1]
        elif step == "old_address":
            old = [pl for pl in p.places if pl[3] is not None]
            if not old:
                return None
            places = [place(old[0][0], old[0][1])]
    with_dob = "old_address" not in kind
    return facts_of(given, family, None, dob if with_dob else None, places), with_dob


def substring_hit(conn: object, q: Facts) -> list[tuple[str, str]]:
    """The baseline: records whose names contain the typed family and given names (any case)."""
    fam, giv = f"%{q.family.lower()}%", f"%{q.given.lower()}%"
    rows = conn.execute(  # type: ignore[attr-defined]
        text(
            "SELECT case_ref, person_id FROM people_index WHERE "
            "lower(family_name || ' ' || previous_names) LIKE :fam AND lower(given_names) LIKE :giv ORDER BY id LIMIT 5"
        ),
        {"fam": fam, "giv": giv},
    )
    return [(r[0], r[1]) for r in rows]


def run(size: int, planted: int, seed: int, baseline: bool, keep: Path | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = keep or Path(scratch)
        db = tmp / f"people-{size}-{seed}.sqlite3"
        t0 = time.perf_counter()
        if keep and db.exists():  # the same population again (same seed): only the search is measured
            rng = random.Random(seed)
            given, family, streets = pools(rng)
            people = [(i, person(rng, given, family, streets)) for i in range(size)]
            store = Store.open(Officer("Bench", "bench"), db=db)
        else:
            store, people = build(db, size, seed)
        build_s = time.perf_counter() - t0
        rng = random.Random(seed + 1)
        queries: list[tuple[str, Facts, tuple[str, str]]] = []
        per_kind = planted // len(KINDS) + 1
        for kind in KINDS:
            made = 0
            while made < per_kind and len(queries) < planted:
                i, p = rng.choice(people)
                v = variant_of(p, kind, rng)
                if v is None:
                    continue
                queries.append((kind, v[0], (f"BM-{i // 3:07d}", f"p{i % 3}")))
                made += 1
        times, found, likely_true, likely_all = [], 0, 0, 0
        by_kind: dict[str, list[int]] = {}
        base_found = 0
        with store.engine.connect() as conn:
            search(conn, queries[0][1])  # warm the name tables and the page cache once
            for kind, q, truth in queries:
                t = time.perf_counter()
                results = search(conn, q, limit=5)
                times.append(time.perf_counter() - t)
                hit = any((r.case_ref, r.person_id) == truth for r in results)
                found += hit
                by_kind.setdefault(kind, []).append(int(hit))
                for r in results:
                    if r.match.label == "likely":
                        likely_all += 1
                        likely_true += (r.case_ref, r.person_id) == truth
                if baseline:
                    base_found += truth in substring_hit(conn, q)
            keys = conn.execute(text("SELECT count(*) FROM person_keys")).scalar_one()
        store.close()
        size_mb = sum(f.stat().st_size for f in tmp.glob(f"{db.name}*")) / 1e6
    times.sort()
    out: dict[str, object] = {
        "people": size,
        "planted_queries": len(queries),
        "recall_top5": round(found / len(queries), 4),
        "likely_precision": round(likely_true / likely_all, 4) if likely_all else None,
        "likely_labels": likely_all,
        "query_ms_median": round(statistics.median(times) * 1000, 2),
        "query_ms_p95": round(times[int(len(times) * 0.95)] * 1000, 2),
        "index_rows_person_keys": keys,
        "store_mb": round(size_mb, 1),
        "build_s": round(build_s, 1),
        "recall_by_kind": {k: round(sum(v) / len(v), 3) for k, v in by_kind.items()},
    }
    if baseline:
        out["baseline_substring_recall_top5"] = round(base_found / len(queries), 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--planted", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the generated stores in this folder")
    args = parser.parse_args()
    os.environ.setdefault("DUTYDESK_OFFICER", "Bench")
    sizes = [int(s) for s in args.sizes.split(",")]
    results = [run(n, args.planted, args.seed, (n == min(sizes)), args.keep) for n in sizes]
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "targets": {"recall_top5": 0.98, "likely_precision": 0.95, "p95_ms_at_1M": 50},
                "runs": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
