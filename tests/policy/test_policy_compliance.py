"""Good cause, time on aid and sanction blockers (R-GC-*, R-TC-*, R-NC-*, R-HR-09,
R-EX-12, R-FS-02, R-FR-03, R-SS-02; E19, E20, E22, E24, E25, E33).
Exemptions, FR and FS are in test_policy_exemptions.py."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError, replace
from datetime import date
from typing import Any

import pytest

from policy.compliance import (
    BLOCKER_WORDS,
    TIME_LIMIT_MONTHS,
    NoncomplianceFacts,
    counts_toward_time_limit,
    good_cause_review_on,
    good_cause_route,
    sanction_blockers,
    sanction_notice,
    sanction_words,
)
from policy.deadlines import add_months, noncompliance_dates
from policy.tracking import WeekEntry, week_totals

pytestmark = pytest.mark.pure

D = date
NOTICE = D(2026, 6, 1)  # E20: NA 840 issued Mon 2026-06-01, day 20 = Sun 2026-06-21


# --- good cause route (R-GC-05) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends", "isolated", "share", "route"),
    [
        pytest.param(D(2026, 7, 6), D(2026, 8, 16), False, 1.0, "exemption_request", id="E24"),
        pytest.param(D(2026, 7, 1), D(2026, 7, 30), False, 0.2, "exemption_request", id="30-days"),
        pytest.param(D(2026, 7, 1), D(2026, 7, 29), False, 0.2, "resume", id="29-days-small"),
        pytest.param(D(2026, 7, 1), D(2026, 7, 29), False, 0.9, "re_refer", id="29-days-half+"),
        pytest.param(D(2026, 7, 1), D(2026, 7, 30), True, 0.1, "exemption_request", id="30-iso"),
        pytest.param(D(2026, 6, 8), D(2026, 6, 12), True, 0.6, "resume", id="E19-isolated"),
        pytest.param(D(2026, 6, 8), None, True, 1.0, "resume", id="unknown-end-isolated"),
        pytest.param(D(2026, 6, 8), None, False, 0.5, "re_refer", id="unknown-end-half"),
        pytest.param(D(2026, 6, 8), None, False, 0.49, "resume", id="just-under-half"),
        pytest.param(D(2026, 6, 8), D(2026, 6, 8), False, 0.0, "resume", id="one-day"),
    ],
)
def test_good_cause_route(
    starts: date, ends: date | None, isolated: bool, share: float, route: str
) -> None:
    got = good_cause_route(
        starts_on=starts, expected_end_on=ends, isolated=isolated, share_of_month=share
    )
    assert got == route


@pytest.mark.parametrize(
    ("ends", "share", "match"),
    [
        pytest.param(D(2026, 6, 7), 0.5, "before it starts", id="end-before-start"),
        pytest.param(D(2026, 6, 9), 1.01, "between 0 and 1", id="share-above-1"),
        pytest.param(D(2026, 6, 9), -0.1, "negative", id="share-below-0"),
        pytest.param(D(2026, 6, 9), math.nan, "number", id="share-nan"),
    ],
)
def test_good_cause_route_bad_input(ends: date, share: float, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        good_cause_route(
            starts_on=D(2026, 6, 8), expected_end_on=ends, isolated=False, share_of_month=share
        )


# --- monthly review (R-GC-06), add_months ---------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "review"),
    [
        (D(2026, 1, 31), D(2026, 2, 28)),
        (D(2028, 1, 31), D(2028, 2, 29)),
        (D(2026, 12, 15), D(2027, 1, 15)),
        (D(2026, 3, 31), D(2026, 4, 30)),
        (D(2026, 2, 28), D(2026, 3, 28)),
        (D(2026, 6, 8), D(2026, 7, 8)),
    ],
    ids=str,
)
def test_good_cause_review_on(decided: date, review: date) -> None:
    assert good_cause_review_on(decided) == review


def test_add_months_rejects_a_fraction() -> None:
    assert add_months(D(2026, 8, 31), -6) == D(2026, 2, 28)
    with pytest.raises(ValueError, match="whole number"):
        add_months(D(2026, 1, 1), 1.5)  # type: ignore[arg-type]


# --- time on aid (R-TC-02, R-TC-03, R-TC-05) ------------------------------------------------


@pytest.mark.parametrize(
    ("required", "good_cause", "sanctioned", "counts"),
    [
        pytest.param(130, 65, False, False, id="exactly-half-excused"),
        pytest.param(130, 64.9, False, True, id="just-under-half"),
        pytest.param(30, 30, False, False, id="E24-all-excused"),
        pytest.param(30, 0, True, False, id="sanctioned"),
        pytest.param(30, 0, False, True, id="ordinary-month"),
        pytest.param(0, 0, False, True, id="no-requirement-counts"),
        pytest.param(0, 5, True, False, id="no-requirement-sanctioned"),
    ],
)
def test_counts_toward_time_limit(
    required: float, good_cause: float, sanctioned: bool, counts: bool
) -> None:
    got = counts_toward_time_limit(
        month_requirement_hours=required, good_cause_hours=good_cause, sanctioned=sanctioned
    )
    assert got is counts
    assert TIME_LIMIT_MONTHS == 60


@pytest.mark.parametrize(("required", "excused"), [(-1, 0), (30, -0.5), (math.nan, 0)])
def test_counts_toward_time_limit_bad_hours(required: float, excused: float) -> None:
    with pytest.raises(ValueError):
        counts_toward_time_limit(
            month_requirement_hours=required, good_cause_hours=excused, sanctioned=False
        )


# --- sanction blockers (R-NC-*, R-GC-04, R-HR-09, R-EX-12, R-FS-02, R-FR-03, R-SS-02) --------

CLEAR = NoncomplianceFacts(county="santa_clara", notice_issued_on=NOTICE, today=D(2026, 6, 22))


def test_nothing_blocks_after_day_20_with_no_facts() -> None:
    assert sanction_blockers(CLEAR) == ()
    assert sanction_notice(CLEAR) == "NA 840"
    assert CLEAR.day_20 == noncompliance_dates(NOTICE)[1] == D(2026, 6, 21)


@pytest.mark.parametrize(
    ("changes", "blockers"),
    [
        pytest.param({"good_cause_found": True}, ("R-GC-04",), id="R-GC-04"),
        pytest.param({"today": D(2026, 6, 21)}, ("R-NC-02",), id="R-NC-02-day-20"),
        pytest.param({"today": NOTICE}, ("R-NC-02",), id="R-NC-02-issue-day"),
        pytest.param({"today": D(2026, 6, 22)}, (), id="day-21-clear"),
        pytest.param({"compliance_plan_agreed": True}, ("R-NC-06",), id="R-NC-06"),
        pytest.param({"county": "orange", "about_cfs_activity": True}, ("R-NC-09",), id="R-NC-09"),
        pytest.param({"met_state_minimum": True}, ("R-HR-09",), id="R-HR-09"),
        pytest.param({"exempt_during_period": True}, ("R-EX-12",), id="R-EX-12"),
        pytest.param({"fs_active": True}, ("R-FS-02",), id="R-FS-02"),
        pytest.param({"fr_services_only": True}, ("R-FR-03",), id="R-FR-03"),
        pytest.param(
            {"missed_on": D(2026, 7, 1), "transportation_advanced": False},
            ("R-SS-02",),
            id="R-SS-02-2026-07-01",
        ),
        pytest.param(
            {"missed_on": D(2026, 6, 30), "transportation_advanced": False},
            ("R-GC-08",),
            id="R-GC-08-2026-06-30",
        ),
        pytest.param(
            {"missed_on": D(2026, 7, 15), "transportation_advanced": True}, (), id="advanced"
        ),
        pytest.param({"transportation_advanced": False}, (), id="no-missed-day"),
    ],
)
def test_each_blocker(changes: dict[str, Any], blockers: tuple[str, ...]) -> None:
    assert sanction_blockers(replace(CLEAR, **changes)) == blockers


@pytest.mark.parametrize(
    ("county", "cfs", "consulted", "blocked"),
    [
        ("orange", True, False, True),
        ("orange", True, True, False),
        ("orange", False, False, False),
        ("santa_clara", True, False, False),
    ],
)
def test_r_nc_09_only_orange_cfs_activities_before_the_sw_is_consulted(
    county: str, cfs: bool, consulted: bool, blocked: bool
) -> None:
    facts = replace(CLEAR, county=county, about_cfs_activity=cfs, sw_consulted=consulted)
    assert ("R-NC-09" in sanction_blockers(facts)) is blocked


def test_all_blockers_come_in_the_contract_order() -> None:
    facts = NoncomplianceFacts(
        county="orange",
        notice_issued_on=NOTICE,
        today=D(2026, 6, 10),
        about_cfs_activity=True,
        good_cause_found=True,
        compliance_plan_agreed=True,
        met_state_minimum=True,
        exempt_during_period=True,
        fs_active=True,
        fr_services_only=True,
        missed_on=D(2026, 7, 20),
        transportation_advanced=False,
    )
    order = ("R-GC-04", "R-NC-02", "R-NC-06", "R-NC-09", "R-HR-09", "R-EX-12", "R-FS-02")
    assert sanction_blockers(facts) == (*order, "R-FR-03", "R-SS-02")
    assert sanction_words(facts) == tuple(BLOCKER_WORDS[r] for r in sanction_blockers(facts))


def test_e20_orange_good_cause_found_during_the_period() -> None:
    facts = NoncomplianceFacts(
        county="orange",
        notice_issued_on=NOTICE,
        today=D(2026, 6, 8),
        about_cfs_activity=True,
        sw_consulted=True,
        good_cause_found=True,
    )
    assert sanction_blockers(facts) == ("R-GC-04", "R-NC-02")
    assert replace(facts, today=D(2026, 7, 1)).today > facts.day_20
    assert sanction_blockers(replace(facts, today=D(2026, 7, 1))) == ("R-GC-04",)


def test_e22_failed_compliance_plan_goes_to_na_817_with_no_new_period() -> None:
    agreed = NoncomplianceFacts(
        county="santa_clara",
        notice_issued_on=NOTICE,
        today=D(2026, 6, 13),  # day 12
        compliance_plan_agreed=True,
    )
    assert sanction_blockers(agreed) == ("R-NC-02", "R-NC-06")
    assert sanction_notice(agreed) == "NA 840"
    # Failing inside the 20 days still goes ahead: R-NC-05 gives no further period.
    for today in (D(2026, 6, 20), D(2026, 7, 14)):
        failed = replace(agreed, compliance_plan_failed=True, today=today)
        assert sanction_blockers(failed) == ()
        assert sanction_notice(failed) == "NA 817"


def test_a_failed_plan_still_yields_to_good_cause() -> None:
    facts = replace(CLEAR, compliance_plan_agreed=True, compliance_plan_failed=True)
    assert sanction_blockers(replace(facts, good_cause_found=True)) == ("R-GC-04",)


def test_e25_transportation_rule_switches_on_2026_07_01() -> None:
    facts = replace(CLEAR, today=D(2026, 8, 10), transportation_advanced=False)
    assert sanction_blockers(replace(facts, missed_on=D(2026, 7, 15))) == ("R-SS-02",)
    assert sanction_blockers(replace(facts, missed_on=D(2026, 6, 15))) == ("R-GC-08",)


def test_e33_excused_week_has_no_shortfall_so_no_noncompliance() -> None:
    rows = [
        WeekEntry("Counseling", True, 2, 2, provider_verified=True),
        WeekEntry("Parenting", True, 3, 0, 3, "provider_cancelled", provider_verified=True),
        WeekEntry("Visitation", True, 6, 6, provider_verified=True),
        WeekEntry("AA", True, 4, 4, provider_verified=True),
        WeekEntry("Job club", True, 15, 15, provider_verified=True),
    ]
    week = week_totals(30, rows)
    assert (week.attended, week.excused, week.shortfall) == (27, 3, 0)


def test_blocker_words_cover_every_rule_in_plain_words() -> None:
    ids = {"R-GC-04", "R-NC-02", "R-NC-06", "R-NC-09", "R-HR-09", "R-EX-12"}
    assert set(BLOCKER_WORDS) == ids | {"R-FS-02", "R-FR-03", "R-SS-02", "R-GC-08"}
    assert BLOCKER_WORDS["R-NC-09"] == (
        "In Orange, talk with the CFS social worker about good cause before a CFS "
        "activity's noncompliance goes further."
    )
    assert all(text.endswith(".") and "R-" not in text for text in BLOCKER_WORDS.values())


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param({"county": "los_angeles"}, "county must be", id="unknown-county"),
        pytest.param({"county": None}, "county must be", id="no-county"),
        pytest.param({"today": D(2026, 5, 31)}, "before the notice", id="today-before-notice"),
    ],
)
def test_noncompliance_facts_bad_input(kwargs: dict[str, Any], match: str) -> None:
    base: dict[str, Any] = {"county": "orange", "notice_issued_on": NOTICE, "today": NOTICE}
    with pytest.raises(ValueError, match=match):
        NoncomplianceFacts(**{**base, **kwargs})


def test_a_rolled_day_20_keeps_the_period_open_until_it_ends() -> None:
    """§e Q10: with the county's roll-forward, Monday Jun 22 is still inside the period."""
    rolled = replace(CLEAR, day_20_on=D(2026, 6, 22))
    assert rolled.day_20 == D(2026, 6, 22)
    assert sanction_blockers(rolled) == ("R-NC-02",)
    assert sanction_blockers(replace(rolled, today=D(2026, 6, 23))) == ()
    with pytest.raises(ValueError, match="day 20 cannot be before 2026-06-21"):
        replace(CLEAR, day_20_on=D(2026, 6, 20))


def test_noncompliance_facts_are_frozen_keyword_only_and_normalise_the_county() -> None:
    facts = NoncomplianceFacts(county=" Orange ", notice_issued_on=NOTICE, today=NOTICE)
    assert facts.county == "orange"
    with pytest.raises(FrozenInstanceError):
        facts.today = D(2026, 7, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        NoncomplianceFacts("orange", NOTICE, NOTICE)  # type: ignore[misc]
