"""How the client takes part decides whether a shortfall blocks (§c6.3, R-FS-02, E29), and a
full-time job is never stacked hours (R-HR-10, R-CF-04)."""

from __future__ import annotations

import pytest

from policy.hours import Activity, is_full_time_employment, reconcile
from policy.plan_findings import PARTICIPATIONS, check_participation

pytestmark = pytest.mark.pure

E29_ROWS = [Activity("FS case management", 6, "wtw"), Activity("Counseling", 4, "cfs")]


@pytest.mark.parametrize(
    ("participation", "severity", "rule", "why"),
    [
        ("mandatory", "error", "R-HR-06", None),
        ("good_cause", "info", "R-GC-01", ": not required while the client has good cause"),
        ("exempt_volunteer", "info", "R-EX-09", ": not required of an exempt volunteer"),
        (
            "family_stabilization",
            "info",
            "R-FS-02",
            ": not required while the client is in family stabilization (R-FS-02)",
        ),
    ],
)
def test_only_a_mandatory_shortfall_is_an_error(
    participation: str, severity: str, rule: str, why: str | None
) -> None:
    result = reconcile(30, E29_ROWS, "santa_clara", participation)
    (shortfall,) = [f for f in result.findings if f.code == "shortfall"]
    assert (shortfall.severity, shortfall.rule) == (severity, rule)
    assert shortfall.message.startswith("The plan is 20 hours short of the 30-hour")
    if why is None:
        assert result.has_errors
    else:
        assert why in shortfall.message
        assert not result.has_errors
    assert result.shortfall == 20
    assert result.participation == participation


def test_e29_fs_client_at_ten_hours_has_no_shortfall_flag() -> None:
    result = reconcile(30, E29_ROWS, "santa_clara", participation="family_stabilization")
    assert [f.severity for f in result.findings] == ["info"]
    assert (result.total_hours, result.other_wtw_needed) == (10, 26)


def test_default_participation_is_mandatory() -> None:
    assert reconcile(30, E29_ROWS, "orange").has_errors
    assert reconcile(30, E29_ROWS, "orange").participation == "mandatory"


@pytest.mark.parametrize("participation", ["sanctioned", "", "exempt", None, 1])
def test_unknown_participation_raises(participation: object) -> None:
    with pytest.raises(ValueError, match="participation must be one of"):
        reconcile(30, E29_ROWS, "orange", participation)  # type: ignore[arg-type]


def test_participation_is_trimmed_and_case_insensitive() -> None:
    assert check_participation(" Family_Stabilization ") == "family_stabilization"
    assert PARTICIPATIONS == ("mandatory", "good_cause", "exempt_volunteer", "family_stabilization")


@pytest.mark.parametrize("participation", PARTICIPATIONS)
def test_no_requirement_is_voluntary_whatever_the_participation(participation: str) -> None:
    result = reconcile(0, E29_ROWS, "orange", participation)
    assert [f.code for f in result.findings] == ["no_requirement"]


# --- full-time employment (R-HR-10) ---------------------------------------------------------

CFS_15 = Activity("CFS case plan", 15, "cfs")


@pytest.mark.parametrize(
    ("kind", "hours", "stacked"),
    [
        pytest.param("employment_ft", 30, False, id="ft-30"),
        pytest.param("employment", 40, False, id="employment-40"),
        pytest.param("subsidized_employment", 32, False, id="subsidized-32"),
        pytest.param("employment_pt", 30, False, id="pt-label-but-30h"),
        pytest.param("EMPLOYMENT_FT", 30, False, id="kind-case-insensitive"),
        pytest.param("employment_pt", 29.5, True, id="part-time-29.5"),
        pytest.param("employment_ft", 29, True, id="ft-label-but-29h"),
        pytest.param("work_experience", 30, True, id="not-employment"),
        pytest.param("", 30, True, id="no-kind"),
    ],
)
def test_a_full_time_job_is_never_stacked(kind: str, hours: float, stacked: bool) -> None:
    job = Activity("Job", hours, "wtw", kind=kind)
    result = reconcile(30, [CFS_15, job], "orange")
    assert ("stacked_hours" in [f.code for f in result.findings]) is stacked
    assert not result.has_errors


def test_full_time_job_alone_above_the_requirement() -> None:
    job = Activity("Warehouse", 40, "wtw", kind="employment_ft")
    assert reconcile(30, [job], "santa_clara").findings == ()


def test_other_wtw_hours_on_top_of_a_full_time_job_are_still_stacked() -> None:
    rows = [CFS_15, Activity("Job", 30, "wtw", kind="employment"), Activity("Job club", 5, "wtw")]
    (stacked,) = [f for f in reconcile(30, rows, "orange").findings if f.code == "stacked_hours"]
    assert stacked.severity == "warning"
    assert "WTW hours other than the full-time job (5) go beyond the 0 still needed" in (
        stacked.message
    )


def test_a_full_time_job_not_on_the_wtw2_does_not_count() -> None:
    job = Activity("Job", 30, "wtw", on_wtw2=False, kind="employment_ft")
    codes = [f.code for f in reconcile(30, [CFS_15, job], "orange").findings]
    assert codes == ["shortfall", "not_on_wtw2"]


@pytest.mark.parametrize(
    ("source", "kind", "hours", "full_time"),
    [
        ("wtw", "employment", 30, True),
        ("wtw", "employment", 29.99, False),
        ("cfs", "employment", 40, False),
        ("wtw", "job_search", 30, False),
    ],
)
def test_is_full_time_employment(source: str, kind: str, hours: float, full_time: bool) -> None:
    assert is_full_time_employment(source, kind, hours) is full_time


def test_positional_activity_still_works_and_kind_is_keyword_only() -> None:
    row = Activity("Parenting", 3, "cfs", True, False)
    assert (row.on_1811, row.kind) == (False, "")
    with pytest.raises(TypeError):
        Activity("Job", 30, "wtw", True, True, "employment")  # type: ignore[misc]
