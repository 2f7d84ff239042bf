"""Realistic synthetic cases (Faker en_GB) for demos and benchmarks. Never real people."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from faker import Faker

from dutydesk.domain.case.enums import CaseStatus
from dutydesk.domain.case.model import (
    C1A,
    Address,
    Allegation,
    CaseInfo,
    Check,
    Forms,
    HarmForm,
    Person,
)
from dutydesk.domain.case.model import Case as CaseModel

COURTS = [
    "Central Family Court",
    "Leeds Family Court",
    "Manchester Civil Justice Centre",
    "Birmingham Civil and Family Justice Centre",
    "Bristol Civil and Family Justice Centre",
    "Cardiff Civil and Family Justice Centre",
    "Newcastle Civil and Family Courts",
    "Liverpool Family Court",
]
EXTRA_GIVEN = [
    "Mohammed",
    "Muhammad",
    "Aisha",
    "Fatima",
    "Priya",
    "Arjun",
    "Wojciech",
    "Agnieszka",
    "Katarzyna",
    "Siobhan",
    "Niamh",
    "Ciaran",
    "Chinedu",
    "Adaeze",
    "Kwame",
    "Ama",
    "Oluwaseun",
    "Yusuf",
]
EXTRA_FAMILY = [
    "Khan",
    "Ahmed",
    "Begum",
    "Patel",
    "Singh",
    "Nowak",
    "Kowalski",
    "Wiśniewska",
    "O'Brien",
    "Murphy",
    "Ní Bhriain",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Hussain",
    "Rahman",
]


@dataclass
class Pools:
    given_f: list[str]
    given_m: list[str]
    family: list[str]
    streets: list[str]
    towns: list[str]
    postcodes: list[str]


def _pools(fake: Faker, size: int = 2000) -> Pools:
    return Pools(
        given_f=[fake.first_name_female() for _ in range(size)] + EXTRA_GIVEN[:9],
        given_m=[fake.first_name_male() for _ in range(size)] + EXTRA_GIVEN[9:],
        family=[fake.last_name() for _ in range(size)] + EXTRA_FAMILY,
        streets=[fake.street_address() for _ in range(size)],
        towns=[fake.city() for _ in range(size // 4)],
        postcodes=[fake.postcode() for _ in range(size)],
    )


def generate(n: int, seed: int = 1, today: date | None = None, open_share: float = 0.05) -> Iterator[CaseModel]:
    """`n` cases; about `open_share` are open, the rest complete or closed, as in a real store."""
    fake = Faker("en_GB")
    Faker.seed(seed)
    rng = random.Random(seed)
    pools = _pools(fake)
    today = today or datetime.now(UTC).date()
    for i in range(n):
        yield _case(i, rng, pools, today, open_share)


def _address(rng: random.Random, pools: Pools, since: date) -> Address:
    return Address(
        line1=rng.choice(pools.streets),
        town=rng.choice(pools.towns),
        postcode=rng.choice(pools.postcodes),
        from_=since,
        confidential=rng.random() < 0.05,
    )


def _case(i: int, rng: random.Random, pools: Pools, today: date, open_share: float) -> CaseModel:
    is_open = rng.random() < open_share
    received = today - timedelta(days=rng.randint(0, 20) if is_open else rng.randint(30, 365 * 8))
    hearing = received + timedelta(days=rng.randint(20, 45))
    family = rng.choice(pools.family)
    mother = Person(
        id="p1",
        role="applicant",
        given_names=rng.choice(pools.given_f),
        family_name=family,
        date_of_birth=date(rng.randint(1975, 2002), rng.randint(1, 12), rng.randint(1, 28)),
        relationship_to_children="mother",
        addresses=[_address(rng, pools, received - timedelta(days=900))],
    )
    if rng.random() < 0.3:
        mother.previous_names = [f"{mother.given_names} {rng.choice(pools.family)}"]
    father = Person(
        id="p2",
        role="respondent",
        given_names=rng.choice(pools.given_m),
        family_name=family if rng.random() < 0.7 else rng.choice(pools.family),
        date_of_birth=date(rng.randint(1970, 2000), rng.randint(1, 12), rng.randint(1, 28)),
        relationship_to_children="father",
        addresses=[_address(rng, pools, received - timedelta(days=400))],
    )
    if rng.random() < 0.5:
        mother, father = (
            Person(**{**mother.__dict__, "role": "respondent"}),
            Person(**{**father.__dict__, "role": "applicant"}),
        )
    children = [
        Person(
            id=f"c{k + 1}",
            role="child",
            given_names=rng.choice(pools.given_f + pools.given_m),
            family_name=family,
            date_of_birth=received - timedelta(days=rng.randint(200, 365 * 16)),
            lives_with=["p1"],
        )
        for k in range(rng.choice((1, 1, 1, 2, 2, 3)))
    ]
    harm = rng.random() < 0.55
    c1a = C1A(completed=harm and rng.random() < 0.85)
    if c1a.completed:
        ongoing = rng.random() < 0.4
        c1a.allegations.append(
            Allegation(
                by="p1",
                against="p2",
                kind="domestic_abuse",
                types=["physical", "emotional"],
                children_at_risk=[c.id for c in children],
                witnessed_by_children=True,
                ongoing=ongoing,
                description="Synthetic allegation text.",
            )
        )
    status: CaseStatus = "open" if is_open else rng.choice(("complete", "closed", "closed"))
    at = datetime.combine(received, datetime.min.time(), UTC) + timedelta(hours=9, minutes=rng.randint(0, 480))
    return CaseModel(
        case=CaseInfo(
            reference=f"SY-{received.year}-{i + 1:07d}",
            court=rng.choice(COURTS),
            applications=["child_arrangements"],
            received_at=at,
            first_hearing_at=datetime.combine(hearing, datetime.min.time(), UTC) + timedelta(hours=9),
            status=status,
        ),
        people=[mother, father, *children],
        forms=Forms(c1=HarmForm(received_on=received, harm_indicated=harm), c7=HarmForm(), c1a=c1a),
        checks=[Check(id="k1", kind="cafcass_records", requested_at=at, outcome="pending")],
    )
