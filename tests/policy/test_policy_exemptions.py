"""Exemption ends and reviews, FR eligibility and dates, FS plan length (R-EX-01..08,
R-DA-02, R-FR-01/02/04/05/08, R-FS-03; E26, E28-E31). Split from test_policy_compliance.py to
keep files under 400 lines; imports go through ``policy.compliance``, which re-exports them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from policy.compliance import (
    ONE_TIME_EXEMPTIONS,
    ab429_eligible,
    ab429_services_end,
    exemption_ends_on,
    exemption_review_on,
    fr_redetermination_due,
    fs_plan_latest_end,
    one_time_exemption_available,
    reunification_ineligibility,
)
from policy.deadlines import exemption_review_date
from policy.exemptions import EXEMPTION_KINDS, young_child_end

pytestmark = pytest.mark.pure

D = date

# --- exemptions (R-EX-01..08, R-DA-02) ------------------------------------------------------

E31_BABY = D(2026, 1, 20)


@pytest.mark.parametrize(
    ("kind", "kwargs", "ends"),
    [
        pytest.param(
            "child_under_6m_onetime", {"child_birthdate": E31_BABY}, D(2026, 7, 20), id="E31"
        ),
        pytest.param(
            "child_under_6m_onetime",
            {"child_birthdate": E31_BABY, "young_child_months": 12},
            D(2027, 1, 20),
            id="county-12-months",
        ),
        pytest.param(
            "child_under_6m_onetime",
            {"child_birthdate": E31_BABY, "young_child_months": 3},
            D(2026, 4, 14),
            id="county-12-weeks",
        ),
        pytest.param(
            "child_under_6m_onetime",
            {"child_birthdate": D(2025, 8, 31)},
            D(2026, 2, 28),
            id="month-end-clamp",
        ),
        pytest.param(
            "child_0_23m_onetime", {"child_birthdate": E31_BABY}, D(2028, 1, 20), id="24-months"
        ),
        pytest.param(
            "child_0_23m_onetime",
            {"child_birthdate": D(2024, 2, 29)},
            D(2026, 2, 28),
            id="leap-baby-24-months",
        ),
        pytest.param("subsequent_child_12w", {}, D(2026, 4, 14), id="12-weeks"),
        pytest.param(
            "under_16", {"person_birthdate": D(2010, 3, 5)}, D(2026, 3, 5), id="16th-birthday"
        ),
        pytest.param(
            "under_16", {"child_birthdate": D(2010, 3, 5)}, D(2026, 3, 5), id="16th-child-name"
        ),
        pytest.param(
            "school_16_18",
            {"person_birthdate": D(2008, 9, 1), "expected_end_on": D(2027, 6, 10)},
            D(2027, 6, 10),
            id="school-term-ends-first",
        ),
        pytest.param(
            "school_16_18", {"person_birthdate": D(2008, 3, 1)}, D(2027, 3, 1), id="19th-birthday"
        ),
        pytest.param("school_16_18", {}, None, id="school-unknown"),
        pytest.param(
            "disability", {"expected_end_on": D(2026, 8, 16)}, D(2026, 8, 16), id="doctor-end"
        ),
        pytest.param("disability", {}, None, id="disability-open"),
        pytest.param("care_of_ill_member", {}, None, id="ill-member-open"),
        pytest.param("nonparent_caretaker", {}, None, id="caretaker-open"),
        pytest.param(
            "pregnancy", {"expected_end_on": D(2026, 9, 1)}, D(2026, 9, 1), id="pregnancy"
        ),
        pytest.param("age_60", {}, None, id="age-60"),
        pytest.param("domestic_abuse", {}, None, id="domestic-abuse"),
    ],
)
def test_exemption_ends_on(kind: str, kwargs: dict[str, Any], ends: date | None) -> None:
    assert exemption_ends_on(kind, starts_on=E31_BABY, **kwargs) == ends


@pytest.mark.parametrize(
    ("kind", "kwargs", "match"),
    [
        pytest.param("vacation", {}, "unknown exemption kind", id="unknown-kind"),
        pytest.param("child_under_6m_onetime", {}, "child_birthdate", id="no-child"),
        pytest.param("child_0_23m_onetime", {}, "child_birthdate", id="no-child-0-23"),
        pytest.param("under_16", {}, "person_birthdate", id="no-birthdate"),
        pytest.param(
            "under_16",
            {"person_birthdate": D(2010, 1, 1), "child_birthdate": D(2011, 1, 1)},
            "disagree",
            id="two-birthdates",
        ),
        pytest.param(
            "child_under_6m_onetime",
            {"child_birthdate": E31_BABY, "young_child_months": 13},
            "3 \\(12 weeks\\) to 12",
            id="county-13-months",
        ),
        pytest.param(
            "child_under_6m_onetime",
            {"child_birthdate": E31_BABY, "young_child_months": 2},
            "3 \\(12 weeks\\) to 12",
            id="county-2-months",
        ),
        pytest.param(
            "child_under_6m_onetime",
            {"child_birthdate": D(2025, 1, 1)},
            "already have ended",
            id="child-too-old",
        ),
    ],
)
def test_exemption_ends_on_bad_input(kind: str, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        exemption_ends_on(kind, starts_on=E31_BABY, **kwargs)


@pytest.mark.parametrize(
    ("kind", "kwargs", "review"),
    [
        pytest.param(
            "child_under_6m_onetime", {"ends_on": D(2026, 7, 20)}, D(2026, 6, 20), id="E31"
        ),
        pytest.param("under_16", {"ends_on": D(2026, 3, 5)}, D(2026, 2, 3), id="16th-minus-30"),
        pytest.param("disability", {"ends_on": D(2026, 8, 16)}, D(2026, 7, 17), id="disability"),
        pytest.param("disability", {"ends_on": None}, None, id="no-end-no-review"),
        pytest.param("age_60", {"ends_on": None}, None, id="age-60"),
        pytest.param("domestic_abuse", {"ends_on": None}, D(2026, 4, 20), id="E30-style"),
        pytest.param(
            "domestic_abuse",
            {"ends_on": None, "da_review_months": 6},
            D(2026, 7, 20),
            id="AB-969",
        ),
        pytest.param(
            "domestic_abuse",
            {"ends_on": None, "after": D(2026, 4, 20)},
            D(2026, 7, 20),
            id="after-first-review",
        ),
        pytest.param(
            "pregnancy",
            {"ends_on": None, "expected_delivery_on": D(2026, 9, 1)},
            D(2026, 9, 1),
            id="pregnancy",
        ),
        pytest.param(
            "subsequent_child_12w",
            {"ends_on": D(2026, 1, 30)},
            E31_BABY,
            id="short-reviewed-at-once",
        ),
    ],
)
def test_exemption_review_on(kind: str, kwargs: dict[str, Any], review: date | None) -> None:
    assert exemption_review_on(kind, starts_on=E31_BABY, **kwargs) == review


def test_e30_domestic_abuse_review_three_or_six_months() -> None:
    granted = D(2026, 1, 15)
    assert exemption_review_on("domestic_abuse", ends_on=None, starts_on=granted) == D(2026, 4, 15)
    ab969 = exemption_review_on(
        "domestic_abuse", ends_on=None, starts_on=granted, da_review_months=6
    )
    assert ab969 == D(2026, 7, 15)
    # Each review counts from the start: 31 Jan -> 30 Apr -> 31 Jul, not 30 Jul.
    late = D(2026, 1, 31)
    assert exemption_review_on("domestic_abuse", ends_on=None, starts_on=late) == D(2026, 4, 30)
    assert exemption_review_on(
        "domestic_abuse", ends_on=None, starts_on=late, after=D(2026, 4, 30)
    ) == D(2026, 7, 31)


def test_e31_review_reuses_the_deadlines_rule_and_cannot_be_reused() -> None:
    ends = exemption_ends_on("child_under_6m_onetime", starts_on=E31_BABY, child_birthdate=E31_BABY)
    assert ends is not None
    review = exemption_review_on("child_under_6m_onetime", ends_on=ends, starts_on=E31_BABY)
    assert review == exemption_review_date(ends) == ends - timedelta(days=30)
    used = ["child_under_6m_onetime"]
    assert not one_time_exemption_available("child_under_6m_onetime", already_used=used)
    assert one_time_exemption_available("child_0_23m_onetime", already_used=used)
    assert one_time_exemption_available("subsequent_child_12w", already_used=used * 2)
    assert ONE_TIME_EXEMPTIONS == {"child_0_23m_onetime", "child_under_6m_onetime"}
    assert ONE_TIME_EXEMPTIONS < set(EXEMPTION_KINDS)


@pytest.mark.parametrize(
    ("kind", "kwargs", "match"),
    [
        pytest.param("pregnancy", {"ends_on": None}, "expected delivery", id="pregnancy-no-date"),
        pytest.param(
            "domestic_abuse", {"ends_on": None, "da_review_months": 0}, "1 or more", id="da-0"
        ),
        pytest.param("disability", {"ends_on": D(2026, 1, 1)}, "before it starts", id="end<start"),
        pytest.param("nope", {"ends_on": None}, "unknown exemption kind", id="unknown"),
    ],
)
def test_exemption_review_on_bad_input(kind: str, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        exemption_review_on(kind, starts_on=E31_BABY, **kwargs)


def test_young_child_end_default_is_six_months() -> None:
    assert young_child_end(E31_BABY) == D(2026, 7, 20)


# --- family reunification and stabilization (R-FR-01/02/04/08, R-FS-03) ---------------------


@pytest.mark.parametrize(
    ("flags", "reason"),
    [
        pytest.param({}, None, id="eligible"),
        pytest.param({"ssi": True}, "ssi", id="E28-ssi"),
        pytest.param({"undocumented": True}, "undocumented", id="undocumented"),
        pytest.param({"fleeing_felon": True}, "fleeing_felon", id="fleeing-felon"),
        pytest.param({"timed_out": True}, "timed_out", id="timed-out"),
        pytest.param({"ssi": True, "timed_out": True}, "ssi", id="first-reason-wins"),
        pytest.param({"fleeing_felon": True, "timed_out": True}, "fleeing_felon", id="order"),
    ],
)
def test_reunification_ineligibility(flags: dict[str, bool], reason: str | None) -> None:
    base = {"ssi": False, "undocumented": False, "fleeing_felon": False, "timed_out": False}
    assert reunification_ineligibility(**{**base, **flags}) == reason


def test_e26_ab429_services_only() -> None:
    assert (
        ab429_eligible(all_children_removed=True, aided_at_removal=True, sw_found_necessary=True)
        == ()
    )
    assert ab429_services_end(D(2026, 2, 10)) == D(2026, 8, 9)


@pytest.mark.parametrize(
    ("removed", "aided", "necessary", "rules"),
    [
        (False, True, True, ["R-FR-01"]),
        (True, False, True, ["R-FR-01"]),
        (True, True, False, ["R-FR-01"]),
        (False, False, False, ["R-FR-01", "R-FR-01", "R-FR-01"]),
    ],
)
def test_ab429_lists_what_is_missing(
    removed: bool, aided: bool, necessary: bool, rules: list[str]
) -> None:
    missing = ab429_eligible(
        all_children_removed=removed, aided_at_removal=aided, sw_found_necessary=necessary
    )
    assert len(missing) == len(rules)
    assert all(rule in sentence for rule, sentence in zip(rules, missing, strict=True))
    if not removed:
        assert "R-FR-05" in missing[0]


@pytest.mark.parametrize(
    ("plan_on", "due"),
    [
        (D(2026, 2, 10), D(2026, 8, 10)),
        (D(2026, 8, 31), D(2027, 2, 28)),
        (D(2027, 8, 31), D(2028, 2, 29)),
        (D(2026, 7, 15), D(2027, 1, 15)),
    ],
    ids=str,
)
def test_fr_redetermination_due_six_months_later(plan_on: date, due: date) -> None:
    assert fr_redetermination_due(plan_on) == due


@pytest.mark.parametrize(
    ("starts", "latest"),
    [
        pytest.param(D(2026, 5, 4), D(2027, 5, 3), id="E29"),
        pytest.param(D(2026, 1, 1), D(2026, 12, 31), id="calendar-year"),
        pytest.param(D(2028, 2, 29), D(2029, 2, 28), id="leap-day-start"),
        pytest.param(D(2026, 3, 1), D(2027, 2, 28), id="march-first"),
    ],
)
def test_fs_plan_latest_end(starts: date, latest: date) -> None:
    assert fs_plan_latest_end(starts) == latest
