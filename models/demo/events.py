"""The demo's date helpers, and what happened to some demo cases (events added after building)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from models.demo.catalog import TRACKING_EXCEPTIONS
from models.enums import (
    ClosureRoute,
    NoncomplianceStatus,
    ReunificationProgram,
    WtwStatus,
)
from models.plan import PlanVersion
from models.tracking import (
    ChangeReport,
    Exemption,
    GoodCause,
    NoncomplianceEpisode,
    Referral,
    ReunificationRecord,
    TrackingEntry,
)
from policy.calendar import add_working_days
from policy.deadlines import (
    exemption_review_date,
    fr_services_end,
)

try:
    from zoneinfo import ZoneInfo

    PACIFIC = ZoneInfo("America/Los_Angeles")
except Exception:  # no tz database installed: Pacific Standard Time is close enough for a demo
    PACIFIC = timezone(timedelta(hours=-8))


if TYPE_CHECKING:
    from models.demo.builder import _Builder


# ---------------------------------------------------------------------------- date helpers
def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later, clamped to the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A local Pacific wall-clock time, stored as timezone-aware UTC."""
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=PACIFIC)
    return local.astimezone(timezone.utc)


def add_events(self: _Builder) -> None:
    """What happened to some of the cases: good cause, noncompliance, changes, closures."""
    today, db, cases = self.today, self.db, self.cases
    sw = {
        key: c.child_welfare_case.social_worker.name
        for key, c in cases.items()
        if c.child_welfare_case and c.child_welfare_case.social_worker
    }
    month_end = first_of_next_month(today) - timedelta(days=1)
    last_month_end = today.replace(day=1) - timedelta(days=1)
    if case := cases.get("dawson"):  # E19: court dates, SW recommends good cause
        db.add(
            GoodCause(
                case_id=case.id,
                reason="cfs_court_dates",
                recommended_by_sw=True,
                decided_by_id=case.assigned_worker_id,
                start_on=self.weeks[1],
                end_on=self.weeks[1] + timedelta(days=4),
                isolated_incident=True,
                notes=f"Two dependency-court hearings in one week; CFS SW {sw['dawson']} "
                "recommended good cause (R-GC-03). No NA 840.",
            )
        )
    if case := cases.get("ortiz"):  # missed job club twice: NA 840, SW not yet consulted
        case.participant.wtw_status = WtwStatus.NONCOMPLIANCE
        issued = self.wd_before(6)
        db.add(
            NoncomplianceEpisode(
                case_id=case.id,
                trigger="not_participating",
                notice_type="NA840",
                notice_issued_on=issued,
                appointment_on=add_working_days(issued, 8, self.office),
                status=NoncomplianceStatus.OPEN,
                sw_consulted=False,
                notes=f"Missed job club two weeks running. Confer with CFS SW {sw['ortiz']} "
                "about good cause before any sanction step (R-NC-09, R-GC-04).",
            )
        )
        removed = case.child_welfare_case.removed_on  # type: ignore[union-attr]
        db.add(
            ChangeReport(
                case_id=case.id,
                kind="child_removed",
                reported_on=removed + timedelta(days=1),
                reevaluated=True,
                description="CFS SW reported Luna placed with a relative; "
                "temporary absence, requirement stays 20 hours (R-ID-10).",
            )
        )
    if case := cases.get("nakamura"):
        db.add(
            ChangeReport(
                case_id=case.id,
                kind="housing",
                reported_on=self.wd_before(1),
                description="Moved in with her sister in another city; check the bus pass "
                "and the work-experience site (R-CL-06).",
            )
        )
    if case := cases.get("ruiz"):  # E35: CFS closed the FM case, WTW continues
        cw = case.child_welfare_case
        assert cw is not None
        cw.open, cw.closed_on = False, self.wd_before(4)
        case.closure_route, case.indicator_end_on = ClosureRoute.TRANSFER, cw.closed_on
    if case := cases.get("grant"):  # E36: over income, post-aid services
        closed = min(today, last_month_end + timedelta(days=3))
        case.closure_route, case.indicator_end_on = ClosureRoute.POST_AID, last_month_end
        case.closed_on = case.sw_notified_on = closed
    if case := cases.get("kowalski"):
        removed = case.child_welfare_case.removed_on  # type: ignore[union-attr]
        db.add(
            ChangeReport(
                case_id=case.id,
                kind="child_removed",
                reported_on=min(today, removed + timedelta(days=1)),
                description="DFCS ER removed Mason; petition to be filed (R-ID-10).",
            )
        )
    if case := cases.get("whitaker"):  # one-time exemption for a baby under 6 months
        case.participant.wtw_status = WtwStatus.EXEMPT
        household = case.participant.household
        assert household is not None
        born = max(c.birth_date for c in household.children)
        ends = add_months(born, 6)
        db.add(
            Exemption(
                case_id=case.id,
                kind="child_under_6m_onetime",
                start_on=born,
                end_on=ends,
                review_on=exemption_review_date(ends),
                verified=True,
                decided_by="EW (CalWORKs eligibility)",
            )
        )
    if case := cases.get("lusk"):  # E29: integration accepted, then FSP
        db.add(
            Referral(
                case_id=case.id,
                program="fsp",
                referred_on=self.wd_before(1),
                sw_invited=True,
                notes="Integration accepted (R-MT-05); "
                "case conference with the DFCS SW to set the FS plan.",
            )
        )
    if case := cases.get("herrera"):  # E26: AB 429 services only
        case.participant.wtw_status = WtwStatus.FR_SERVICES_ONLY
        removed = case.child_welfare_case.removed_on  # type: ignore[union-attr]
        db.add(
            ReunificationRecord(
                case_id=case.id,
                program=ReunificationProgram.AB429,
                all_children_removed=True,
                aided_at_removal=True,
                sw_necessity_on=removed + timedelta(days=7),
                start_on=removed,
                end_on=fr_services_end(program="ab429", removed_on=removed),
                rd_due_on=add_months(removed, 6),
            )
        )
    if case := cases.get("manalo"):  # CalWORKs ends this month for excess earnings
        case.closure_route, case.indicator_end_on = ClosureRoute.POST_AID, month_end
        case.sw_notified_on = self.wd_before(2)
    if case := cases.get("lozano"):  # DFCS closed; CWES goes on in a district office
        cw = case.child_welfare_case
        assert cw is not None
        cw.open, cw.closed_on = False, today - timedelta(days=40)
        case.closure_route, case.indicator_end_on = ClosureRoute.TRANSFER, cw.closed_on
        case.sw_notified_on = cw.closed_on + timedelta(days=2)
        case.closed_on = cw.closed_on + timedelta(days=7)
    if case := cases.get("quinlan"):
        cw = case.child_welfare_case
        assert cw is not None
        cw.open, cw.closed_on = False, case.identified_on


def add_tracking(self: _Builder, key: str, version: PlanVersion) -> None:
    """Three past weeks of SCD/SCZ 1811 A rows (R-CF-03), with the odd absence."""
    exceptions = TRACKING_EXCEPTIONS.get(key, {})
    for number, week in enumerate(self.weeks):
        for activity in version.activities:
            if activity.start_on and activity.start_on > week:
                continue
            hours = float(activity.hours_per_week)
            attended, excused, reason, comment = exceptions.get(
                (number, activity.kind), (hours, 0, "", "")
            )
            self.db.add(
                TrackingEntry(
                    activity_id=activity.id,
                    week_start=week,
                    scheduled_hours=hours,
                    attended_hours=attended,
                    excused_hours=excused,
                    absence_reason=reason,
                    provider_verified=True,
                    verified_by=activity.provider_name,
                    verified_on=week + timedelta(days=7),
                    sw_comment=comment,
                )
            )
