"""Builds the invented demo caseload: about 15 mutual cases per county across every stage (§c7).

Each case is one `DemoCase` row; `CaseBuilder` turns it into a participant, household,
child-welfare case, mutual case and, by stage, a meeting, a plan with activities and supportive
services, and 1811 A tracking. A few cases then get the events a worker meets (good cause,
noncompliance, exemption, reunification, FSP referral, change reports, closure).
Dates are counted back from `today` in county working days, so the demo looks current on any
day. All names, numbers, providers and addresses are invented.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.cases import ChildWelfareCase, MutualCase
from models.demo.attendance import add_tracking
from models.demo.calendar import add_calendar_entries
from models.demo.case_spec import DemoActivity, DemoCase
from models.demo.caseloads import demo_cases_for
from models.demo.catalog import (
    ACTIVITY_NAMES,
    AGREED_STAGES,
    MEETING_PLACES,
    MEETING_STORIES,
    PLAN_STATUS_BY_STAGE,
    PROGRESS_STANDARDS,
    PROVIDERS,
    STREETS,
)
from models.demo.contacts import add_contacts
from models.demo.court import set_court_dates
from models.demo.dates import add_months, first_of_next_month, local_time, years_before
from models.demo.events import add_events
from models.demo.supportive_services import supportive_services
from models.demo.team import PhoneBook, Team
from models.enums import (
    ActivitySource,
    IntegrationConsent,
    Stage,
)
from models.meeting import AGENDA_ITEMS, TOPICS, Meeting, MeetingAttendee
from models.people import Child, Household, Participant
from models.plan import Plan, PlanActivity, PlanVersion
from models.queries.calendars import court_holidays, office_holidays
from models.queries.due import meeting_due_for
from models.users import User
from policy.calendar import add_working_days, is_working_day
from policy.deadlines import change_window_end, fr_services_end
from policy.requirement import requirement_changes_during, weekly_requirement


# ---------------------------------------------------------------------------- the builder
def build_cases(db: Session, team: Team, today: date, phones: PhoneBook) -> list[MutualCase]:
    builder = CaseBuilder(db, team, today, phones)
    for index, demo_case in enumerate(demo_cases_for(team.county.code)):
        builder.build(index, demo_case)
    builder.add_events()
    db.flush()
    return list(builder.cases.values())


class CaseBuilder:
    def __init__(self, db: Session, team: Team, today: date, phones: PhoneBook) -> None:
        self.db, self.team, self.today, self.phones = db, team, today, phones
        self.county_code = team.county.code
        self.number_prefix = 7 if self.county_code == "orange" else 3  # invented CalWORKs numbering
        self.office_holidays = office_holidays(db, team.county)
        self.court_holidays = court_holidays(db)
        self.provider_phones: dict[str, str] = {}
        self.next_ec = 0
        self.cases: dict[str, MutualCase] = {}
        self.versions: dict[str, PlanVersion] = {}
        # the Mondays of the six weeks before this one: the weeks of 1811 A attendance
        self.tracked_weeks = [
            today - timedelta(days=today.weekday(), weeks=weeks_back)
            for weeks_back in (6, 5, 4, 3, 2, 1)
        ]

    def working_days_before(self, days: int) -> date:
        """The working day `days` working days before today (0 = today)."""
        day = self.today
        while days:
            day -= timedelta(days=1)
            if is_working_day(day, self.office_holidays):
                days -= 1
        return day

    # -- one case
    def build(self, index: int, demo_case: DemoCase) -> None:
        today, team = self.today, self.team
        streets = STREETS[self.county_code]
        street = streets[index % len(streets)]
        participant = Participant(
            county_id=team.county.id,
            first_name=demo_case.first_name,
            last_name=demo_case.last_name,
            birth_date=years_before(today, demo_case.age) - timedelta(days=(index * 37) % 300),
            preferred_language=demo_case.language,
            calworks_status=demo_case.calworks_status,
            calworks_case_number=f"C{self.number_prefix}{104729 + index * 7919:06d}",
            toa_months_used=(index * 7) % 38 + 2,
            phone=self.phones.next_number(team.area_code),
            address_suppressed=demo_case.address_suppressed,
            address="" if demo_case.address_suppressed else f"{120 + index * 37} {street}",
        )
        participant.household = Household(
            aided_adults=1,
            children=[
                Child(
                    first_name=child.name,
                    birth_date=years_before(today, child.age)
                    - timedelta(child.days_since_birthday),
                    in_home=child.removed_days_ago is None,
                    removed_on=None
                    if child.removed_days_ago is None
                    else today - timedelta(child.removed_days_ago),
                )
                for child in demo_case.children
            ],
        )
        worker = None
        if demo_case.assigned_working_days_ago is not None:
            worker = team.ecs[self.next_ec % len(team.ecs)]
            self.next_ec += 1
        assigned_on = (
            None
            if demo_case.assigned_working_days_ago is None
            else self.working_days_before(demo_case.assigned_working_days_ago)
        )
        consent = (
            IntegrationConsent.DECLINED
            if demo_case.stage == Stage.INTEGRATION_DECLINED
            else IntegrationConsent.AGREED
            if demo_case.stage in AGREED_STAGES
            else IntegrationConsent.PENDING
        )
        case = MutualCase(
            county_id=team.county.id,
            participant=participant,
            child_welfare_case=self._child_welfare_case(index, demo_case),
            stage=demo_case.stage,
            identified_on=self.working_days_before(demo_case.identified_working_days_ago),
            identified_by=demo_case.identified_by,
            assigned_worker_id=worker.id if worker else None,
            assigned_on=assigned_on,
            supervisor_id=team.supervisor.id,
            regional_contact_id=team.regional_contact.id,
            integration_consent=consent,
            indicator_begin_on=assigned_on,
            not_mutual_reason=demo_case.not_mutual_reason,
        )
        self.db.add(case)
        self.db.flush()
        self.cases[demo_case.key] = case
        if demo_case.meeting_in_working_days is None or worker is None:
            return
        meeting_day = self._meeting(index, demo_case, case, worker)
        if demo_case.stage in PLAN_STATUS_BY_STAGE and demo_case.activities:
            self.versions[demo_case.key] = self._plan(demo_case, case, meeting_day)

    def _child_welfare_case(self, index: int, demo_case: DemoCase) -> ChildWelfareCase:
        removals = [
            child.removed_days_ago
            for child in demo_case.children
            if child.removed_days_ago is not None
        ]
        removed_on = self.today - timedelta(days=max(removals)) if removals else None
        number_base = 26100000 if self.county_code == "orange" else 26400000
        cw_case = ChildWelfareCase(
            county_id=self.team.county.id,
            case_number=f"CW-{number_base + index * 4817}",
            service_component=demo_case.service_component,
            social_worker=self.team.social_workers[demo_case.social_worker_index],
            protective_custody=demo_case.protective_custody,
            removed_on=removed_on,
            case_plan_set=demo_case.stage in AGREED_STAGES
            or demo_case.stage == Stage.INTEGRATION_DECLINED,
        )
        if demo_case.protective_custody and removed_on:
            set_court_dates(
                cw_case,
                removed_on=removed_on,
                jurisdiction_hearing_entered=demo_case.jurisdiction_hearing_entered,
                today=self.today,
                court_holidays=self.court_holidays,
            )
        return cw_case

    def _meeting(self, index: int, demo_case: DemoCase, case: MutualCase, worker: User) -> date:
        in_working_days = demo_case.meeting_in_working_days
        assert in_working_days is not None
        held = in_working_days <= 0  # 0 or less: held that many working days ago
        day = (
            self.working_days_before(-in_working_days)
            if held
            else add_working_days(self.today, in_working_days, self.office_holidays)
        )
        cw_case = case.child_welfare_case
        due = meeting_due_for(case, self.team.county, self.office_holidays, self.court_holidays)
        due_rule = ""
        if due:
            in_custody = cw_case and cw_case.protective_custody
            due_rule = "before_court" if in_custody else "five_working_days"
        places = MEETING_PLACES[self.county_code]
        kind, detail = places[index % len(places)]
        meeting = Meeting(
            case_id=case.id,
            due_on=due,
            due_rule=due_rule,
            scheduled_at=local_time(day, 10 if index % 2 else 14),
            held_on=day if held else None,
            location_kind=kind,
            location_detail=detail,
            client_attended=held,
            notes=demo_case.meeting_note,
        )
        if held:
            signed = demo_case.signed_working_days_ago is not None
            for name, _label in AGENDA_ITEMS:
                setattr(meeting, name, name != "agenda_signatures" or signed)
            for name, _label in TOPICS:
                setattr(meeting, name, True)
            (meeting.strengths, meeting.barriers, meeting.needs, meeting.concerns) = (
                MEETING_STORIES[demo_case.meeting_story]
            )
            if demo_case.stage == Stage.INTEGRATION_DECLINED:
                county = self.team.county
                meeting.notes = (
                    f"Client declined integration (R-MT-05): {county.cw_division_label} and "
                    f"{county.wtw_program_label} requirements stay separate."
                )
        social_worker = cw_case.social_worker if cw_case else None
        meeting.attendees = [
            MeetingAttendee(role="ec", name=worker.name, present=held),
            MeetingAttendee(role="client", name=case.participant.display_name, present=held),
        ] + (
            [MeetingAttendee(role="sw", name=social_worker.name, present=held)]
            if social_worker
            else []
        )
        self.db.add(meeting)
        return day

    def _plan(self, demo_case: DemoCase, case: MutualCase, meeting_day: date) -> PlanVersion:
        household = case.participant.household
        assert household is not None
        signed_on = (
            None
            if demo_case.signed_working_days_ago is None
            else self.working_days_before(demo_case.signed_working_days_ago)
        )
        agreed_on = (
            None
            if demo_case.sw_agreed_working_days_ago is None
            else self.working_days_before(demo_case.sw_agreed_working_days_ago)
        )
        start = first_of_next_month(signed_on or self.today)  # R-PL-06
        end = add_months(start, 12) - timedelta(days=1)
        youngest = household.youngest_aided_birthdate()
        turns_six = requirement_changes_during(
            youngest_child_birthdate=youngest, period_start=start, period_end=end
        )
        if turns_six:  # a shorter plan instead of a mid-plan change to 30 hours (R-HR-11)
            end = turns_six - timedelta(days=1)
        cw_case = case.child_welfare_case
        if demo_case.reunification_program and cw_case and cw_case.removed_on:
            end = min(
                end,
                fr_services_end(
                    program=demo_case.reunification_program, removed_on=cw_case.removed_on
                ),
            )
        requirement = weekly_requirement(
            aided_adults=household.aided_adults,
            youngest_child_birthdate=youngest,
            on=start,
            disabled_adult=household.disabled_adult,
            pregnant_only=household.pregnant_only,
        )
        plan_sequence = (self.db.scalar(select(func.count()).select_from(Plan)) or 0) + 1
        year = (signed_on or self.today).year
        plan = Plan(case_id=case.id, plan_number=f"WTW-{year}-{plan_sequence:04d}")
        version = PlanVersion(
            version_no=1,
            status=PLAN_STATUS_BY_STAGE[demo_case.stage],
            requirement=requirement,
            requirement_basis=(
                "One aided adult, youngest aided child under 6 (R-HR-02)"
                if requirement == 20
                else "One aided adult, no aided child under 6 (R-HR-01)"
            ),
            period_start=start,
            period_end=end,
            language=demo_case.language,
            required_from=(
                self.today - timedelta(days=demo_case.required_from_calendar_days_ago)
                if demo_case.required_from_calendar_days_ago
                else case.identified_on
            ),
            sw_agreement_on=agreed_on,
            wtw1_rights_given=signed_on is not None,
        )
        if signed_on:
            version.signed_client_at = local_time(signed_on, 11)
            version.signed_worker_at = local_time(signed_on, 11, 20)
            version.change_window_ends = change_window_end(signed_on, self.office_holidays)
        for position, activity in enumerate(demo_case.activities):
            version.activities.append(self._activity(position, activity, case, start, end))
        version.services = supportive_services(
            demo_case,
            household,
            county_code=self.county_code,
            today=self.today,
            authorized_on=agreed_on or meeting_day,
            issued_on=signed_on,
        )
        plan.versions.append(version)
        self.db.add(plan)
        self.db.flush()
        if demo_case.stage == Stage.PLAN_ACTIVE:
            add_tracking(self.db, self.tracked_weeks, demo_case.key, version, case)
        return version

    def _activity(
        self, position: int, activity: DemoActivity, case: MutualCase, start: date, end: date
    ) -> PlanActivity:
        provider = activity.provider_name or PROVIDERS[self.county_code][activity.kind]
        if provider not in self.provider_phones:
            self.provider_phones[provider] = self.phones.next_number(self.team.area_code)
        return PlanActivity(
            position=position,
            source=activity.source,
            kind=activity.kind,
            name=activity.name or ACTIVITY_NAMES[activity.kind],
            provider_name=provider,
            provider_phone=self.provider_phones[provider],
            hours_per_week=activity.hours_per_week,
            schedule=activity.schedule,
            # The case-plan activity began with the child-welfare case; WTW rows with the plan.
            start_on=case.identified_on if activity.source == ActivitySource.CFS else start,
            end_on=end,
            progress_standard=activity.progress_standard or PROGRESS_STANDARDS[activity.kind],
            on_wtw2=True,
            on_1811=activity.on_1811,
        )

    def add_events(self) -> None:
        add_events(self)
        add_contacts(self.db, list(self.cases.values()), self.today)
        add_calendar_entries(self.db, list(self.cases.values()), self.today)
