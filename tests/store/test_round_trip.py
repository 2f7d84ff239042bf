"""Case files in and out: every sample round-trips; invalid files are refused whole."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from dutydesk.domain.case.codec import Problems
from dutydesk.domain.case.enums import (
    AllegationKind,
    Application,
    CaseStatus,
    CheckKind,
    CheckOutcome,
    Consent,
    FindingKind,
    HarmClassification,
    HarmType,
    Informed,
    Law,
    Level,
    OrderKind,
    ReferralKind,
    Role,
    WelfareWork,
)
from dutydesk.services.demo import sample_files
from tests.store.conftest import OpenStore

SAMPLES = sample_files()


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_samples_for_the_main_paths() -> None:
    assert len(SAMPLES) >= 7


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_export_import_export_is_equal(path: Path, open_store: OpenStore) -> None:
    store = open_store()
    doc = load(path)
    ref = store.import_document(doc).case.case.reference
    first = store.export(ref)
    # Keys this version does not know (the sample's "sample" block) are kept.
    assert first["sample"] == doc["sample"]
    first["case"]["reference"] = ref + "-B"
    store.import_document(copy.deepcopy(first))
    second = store.export(ref + "-B")
    assert second == first
    # Every value the sample gave survives, whatever was added as null.
    assert second["people"][0]["given_names"] == doc["people"][0]["given_names"]


ENUMS: list[tuple[str, list[str | int], Any]] = [
    ("case.law", ["case", "law"], Law),
    ("case.status", ["case", "status"], CaseStatus),
    ("case.applications[]", ["case", "applications", 0], Application),
    ("case.court_requested_welfare_work[]", ["case", "court_requested_welfare_work", 0], WelfareWork),
    ("people[].role", ["people", 0, "role"], Role),
    ("allegations[].kind", ["forms", "c1a", "allegations", 0, "kind"], AllegationKind),
    ("allegations[].types[]", ["forms", "c1a", "allegations", 0, "types", 0], HarmType),
    ("protective_orders[].kind", ["forms", "c1a", "protective_orders", 0, "kind"], OrderKind),
    ("checks[].kind", ["checks", 0, "kind"], CheckKind),
    ("checks[].outcome", ["checks", 0, "outcome"], CheckOutcome),
    ("checks[].consent", ["checks", 0, "consent"], Consent),
    ("findings[].kind", ["findings", 0, "kind"], FindingKind),
    ("screening.harm_classification", ["screening", "harm_classification"], HarmClassification),
    ("risk.overall", ["risk", "overall"], Level),
    ("risk.factors[].level", ["risk", "factors", 0, "level"], Level),
    ("referrals[].kind", ["referrals", 0, "kind"], ReferralKind),
    ("referrals[].consent.child", ["referrals", 0, "consent", "child"], Consent),
    ("referrals[].child_informed", ["referrals", 0, "child_informed"], Informed),
]


def full_document() -> dict[str, Any]:
    doc = load(next(p for p in SAMPLES if "listed-offence" in p.stem))
    other = load(next(p for p in SAMPLES if "ongoing" in p.stem))
    doc["case"]["court_requested_welfare_work"] = ["section7_report"]
    doc["forms"]["c1a"] = other["forms"]["c1a"]
    doc["forms"]["c1a"]["allegations"][0]["children_at_risk"] = ["c1"]
    doc["forms"]["c1a"]["allegations"][0]["by"], doc["forms"]["c1a"]["allegations"][0]["against"] = "p1", "p2"
    doc["forms"]["c1a"]["protective_orders"] = [{"kind": "non_molestation"}]
    doc["screening"] = {"harm_classification": "none"}
    doc["risk"] = other["risk"]
    doc["referrals"] = other["referrals"]
    doc["referrals"][0]["children"] = ["c1"]
    return doc


@pytest.mark.parametrize(("name", "path", "enum"), ENUMS, ids=[e[0] for e in ENUMS])
def test_every_enumeration_error_names_path_value_and_allowed(name: str, path: list[str | int], enum: Any) -> None:
    from typing import get_args

    from dutydesk.domain.case.casefile import parse_case

    doc = full_document()
    parse_case(copy.deepcopy(doc))  # the document is valid before the bad value goes in
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "not_a_value"
    with pytest.raises(Problems) as exc:
        parse_case(doc)
    (problem,) = exc.value.problems
    json_path = "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path)
    assert problem.path == json_path
    assert "'not_a_value'" in problem.message
    for allowed in get_args(enum):
        assert allowed in problem.message


def test_unknown_risk_factor_and_imminent_factor_are_refused(open_store: OpenStore) -> None:
    store = open_store()
    doc = full_document()
    doc["risk"]["factors"].append({"factor": "bad_vibes", "level": "imminent"})
    with pytest.raises(Problems) as exc:
        store.import_document(doc)
    messages = [str(p) for p in exc.value.problems]
    assert any("bad_vibes" in m and "domestic_violence" in m for m in messages)
    assert any("only for risk.overall" in m for m in messages)
    assert store.list_cases() == []


def test_references_to_unknown_people_are_named() -> None:
    from dutydesk.domain.case.casefile import parse_case

    doc = full_document()
    doc["checks"][0]["subject"] = "p99"
    with pytest.raises(Problems, match=r"\$\.checks\[0\]\.subject: 'p99' is not a person"):
        parse_case(doc)


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [
        ("dutydesk-case/2", "cannot read"),
        ("something-else/1", "not a dutydesk case file"),
        (None, "not a dutydesk case file"),
    ],
)
def test_other_formats_are_refused(fmt: str | None, needle: str) -> None:
    from dutydesk.domain.case.casefile import parse_case

    doc = full_document()
    doc["format"] = fmt
    with pytest.raises(Problems, match=needle):
        parse_case(doc)


@pytest.mark.parametrize("reference", ["[bold]DD-1[/bold]", "DD\x1b[31m-1", "", "x" * 65])
def test_a_reference_that_is_not_one_is_refused(reference: str) -> None:
    from dutydesk.domain.case.casefile import parse_case

    doc = full_document()
    doc["case"]["reference"] = reference
    if reference == "":
        parse_case(doc)  # empty: the store gives the case the next reference
        return
    with pytest.raises(Problems, match=r"\$\.case\.reference"):
        parse_case(doc)
