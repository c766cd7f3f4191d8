"""What happened to some demo cases after they were built: good cause, noncompliance, change
reports, an exemption, an FSP referral, reunification services and closures. Each event looks a
case up by its `DemoCase.key`."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.demo.dates import add_months
from models.enums import (
    ClosureRoute,
    NoncomplianceStatus,
    ReunificationProgram,
    WtwStatus,
)
from models.programs import Referral, ReunificationRecord
from models.tracking import ChangeReport
from policy.calendar import add_working_days
from policy.deadlines import (
    exemption_review_date,
    fr_services_end,
)

if TYPE_CHECKING:  # the builder calls add_events; only the type annotation looks back at it
    from models.demo.builder import CaseBuilder


def add_events(builder: CaseBuilder) -> None:
    """What happened to some of the cases: good cause, noncompliance, changes, closures."""
    today, db, cases = builder.today, builder.db, builder.cases
    sw_names = {
        key: case.child_welfare_case.social_worker.name
        for key, case in cases.items()
        if case.child_welfare_case and case.child_welfare_case.social_worker
    }
    last_month_end = today.replace(day=1) - timedelta(days=1)
    if case := cases.get("dawson"):  # E19: court dates, SW recommends good cause
        db.add(
            GoodCause(
                case_id=case.id,
                reason="cfs_court_dates",
                reasons='["cfs_court_dates", "cfs_out_of_county_visitation"]',
                route="resume",
                decided_on=builder.tracked_weeks[1] + timedelta(days=5),
                verification="Court calendar from the CFS social worker",
                recommended_by_sw=True,
                decided_by_id=case.assigned_worker_id,
                start_on=builder.tracked_weeks[1],
                end_on=builder.tracked_weeks[1] + timedelta(days=4),
                isolated_incident=True,
                notes=f"Two dependency-court hearings in one week; CFS SW {sw_names['dawson']} "
                "recommended good cause (R-GC-03). No NA 840.",
            )
        )
    if case := cases.get("ortiz"):  # missed job club twice: NA 840, SW not yet consulted
        case.participant.wtw_status = WtwStatus.NONCOMPLIANCE
        issued = builder.working_days_before(6)
        db.add(
            NoncomplianceEpisode(
                case_id=case.id,
                trigger="not_participating",
                notice_type="NA840",
                activity_name="Job club",
                missed_on=builder.tracked_weeks[4],
                notice_issued_on=issued,
                appointment_on=add_working_days(issued, 8, builder.office_holidays),
                status=NoncomplianceStatus.OPEN,
                sw_consulted=False,
                notes=f"Missed job club two weeks running. Confer with CFS SW {sw_names['ortiz']} "
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
                source="social_worker",
                changed_on=removed,
                resolution="no_change",
                resolved_on=removed + timedelta(days=2),
                resolution_note="Temporary absence: the requirement stays 20 hours (R-HR-02).",
                description="CFS SW reported Luna placed with a relative; "
                "temporary absence, requirement stays 20 hours (R-ID-10).",
            )
        )
    if case := cases.get("nakamura"):
        db.add(
            ChangeReport(
                case_id=case.id,
                kind="housing",
                reported_on=builder.working_days_before(1),
                source="client",
                description="Moved in with her sister in another city; check the bus pass "
                "and the work-experience site (R-CL-06).",
            )
        )
    if case := cases.get("ruiz"):  # E35: CFS closed the FM case, WTW continues
        cw_case = case.child_welfare_case
        assert cw_case is not None
        cw_case.open, cw_case.closed_on = False, builder.working_days_before(4)
        case.closure_route, case.indicator_end_on = ClosureRoute.TRANSFER, cw_case.closed_on
    if case := cases.get("grant"):  # E36: over income, post-aid services
        # Closed the day CalWORKs ended; the indicator end-dated after it (issue 13: on or
        # after the closing date, never in the future).
        told = min(today, last_month_end + timedelta(days=3))
        case.closure_route, case.closed_on = ClosureRoute.POST_AID, last_month_end
        case.indicator_end_on = case.sw_notified_on = told
    if case := cases.get("kowalski"):
        removed = case.child_welfare_case.removed_on  # type: ignore[union-attr]
        db.add(
            ChangeReport(
                case_id=case.id,
                kind="child_removed",
                reported_on=min(today, removed + timedelta(days=1)),
                changed_on=removed,
                source="social_worker",
                description="DFCS ER removed Mason; petition to be filed (R-ID-10).",
            )
        )
    if case := cases.get("whitaker"):  # one-time exemption for a baby under 6 months
        case.participant.wtw_status = WtwStatus.EXEMPT
        household = case.participant.household
        assert household is not None
        born = max(child.birth_date for child in household.children)
        ends = add_months(born, 6)
        db.add(
            Exemption(
                case_id=case.id,
                kind="child_under_6m_onetime",
                child_birthdate=born,
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
                referred_on=builder.working_days_before(1),
                sw_invited=True,
                fs_specialist="Renée Okafor (FS EC specialist)",
                next_conference_on=today + timedelta(days=7),
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
                sw_found_necessary=True,
                removed_on=removed,
                start_on=removed,
                end_on=fr_services_end(program="ab429", removed_on=removed),
                rd_due_on=add_months(removed, 6),
            )
        )
    if case := cases.get("manalo"):  # CalWORKs ends this month for excess earnings
        # The closing date and the indicator's end date come when CalWORKs ends this month.
        case.closure_route = ClosureRoute.POST_AID
        case.sw_notified_on = builder.working_days_before(2)
    if case := cases.get("lozano"):  # DFCS closed; CWES goes on in a district office
        cw_case = case.child_welfare_case
        assert cw_case is not None
        cw_case.open, cw_case.closed_on = False, today - timedelta(days=40)
        case.closure_route, case.closed_on = ClosureRoute.TRANSFER, cw_case.closed_on
        case.sw_notified_on = cw_case.closed_on + timedelta(days=2)
        case.indicator_end_on = cw_case.closed_on + timedelta(days=7)
    if case := cases.get("quinlan"):
        cw_case = case.child_welfare_case
        assert cw_case is not None
        cw_case.open, cw_case.closed_on = False, case.identified_on
