"""The invented demo caseload: about 15 mutual cases per county across every stage (§c7).

Each case is one `Spec` row; `_Builder` turns it into a participant, household, child-welfare
case, mutual case and, by stage, a meeting, a plan with activities and supportive services,
and 1811 A tracking. A few cases then get the events a worker meets (good cause,
noncompliance, exemption, reunification, FSP referral, change reports, closure).
Dates are counted back from `today` in county working days, so the demo looks current on any
day. All names, numbers, providers and addresses are invented.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.cases import ChildWelfareCase, MutualCase
from models.demo.catalog import (
    AGREED_STAGES,
    ANCILLARY,
    BUS_PASS,
    LOCATIONS,
    NAMES,
    PLAN_STATUS,
    PROGRESS,
    PROVIDERS,
    STORIES,
    STREETS,
)
from models.demo.events import (
    add_events,
    add_months,
    add_tracking,
    first_of_next_month,
    local_time,
    years_before,
)
from models.demo.rows import cases_for
from models.demo.specs import (
    Act,
    PhoneBook,
    Spec,
    Team,
)
from models.enums import (
    ActivitySource,
    IntegrationConsent,
    ServiceKind,
    Stage,
)
from models.meeting import AGENDA_ITEMS, TOPICS, Meeting, MeetingAttendee
from models.people import Child, Household, Participant
from models.plan import Plan, PlanActivity, PlanVersion, SupportiveService
from models.queries.calendars import court_holidays, office_holidays
from models.queries.caseload import meeting_due_for
from models.users import User
from policy.calendar import add_court_days, add_working_days, is_working_day
from policy.deadlines import (
    change_window_end,
    custody_timeline,
    fr_services_end,
)
from policy.requirement import requirement_changes_during, weekly_requirement


# ---------------------------------------------------------------------------- the builder
def build_cases(db: Session, team: Team, today: date, phones: PhoneBook) -> list[MutualCase]:
    builder = _Builder(db, team, today, phones)
    specs = cases_for(team.county.code)
    for index, spec in enumerate(specs):
        builder.build(index, spec)
    builder.add_events()
    db.flush()
    return list(builder.cases.values())


class _Builder:
    def __init__(self, db: Session, team: Team, today: date, phones: PhoneBook) -> None:
        self.db, self.team, self.today, self.phones = db, team, today, phones
        self.code = team.county.code
        self.number_prefix = 7 if self.code == "orange" else 3  # invented CalWORKs numbering
        self.office = office_holidays(db, team.county)
        self.court = court_holidays(db)
        self.provider_phones: dict[str, str] = {}
        self.next_ec = 0
        self.cases: dict[str, MutualCase] = {}
        self.versions: dict[str, PlanVersion] = {}
        self.weeks = [today - timedelta(days=today.weekday(), weeks=k) for k in (3, 2, 1)]

    def wd_before(self, days: int) -> date:
        """The working day `days` working days before today (0 = today)."""
        day = self.today
        while days:
            day -= timedelta(days=1)
            if is_working_day(day, self.office):
                days -= 1
        return day

    # -- one case
    def build(self, index: int, spec: Spec) -> None:
        today, team = self.today, self.team
        participant = Participant(
            county_id=team.county.id,
            first_name=spec.first,
            last_name=spec.last,
            birth_date=years_before(today, spec.age) - timedelta(days=(index * 37) % 300),
            preferred_language=spec.lang,
            calworks_status=spec.calworks,
            calworks_case_number=f"C{self.number_prefix}{104729 + index * 7919:06d}",
            toa_months_used=(index * 7) % 38 + 2,
            phone=self.phones.next(team.area),
            address_suppressed=spec.suppressed,
            address=""
            if spec.suppressed
            else f"{120 + index * 37} {STREETS[self.code][index % len(STREETS[self.code])]}",
        )
        participant.household = Household(
            aided_adults=1,
            children=[
                Child(
                    first_name=k.name,
                    birth_date=years_before(today, k.years) - timedelta(k.days),
                    in_home=k.removed is None,
                    removed_on=None if k.removed is None else today - timedelta(k.removed),
                )
                for k in spec.kids
            ],
        )
        worker = None
        if spec.assigned is not None:
            worker = team.ecs[self.next_ec % len(team.ecs)]
            self.next_ec += 1
        assigned_on = None if spec.assigned is None else self.wd_before(spec.assigned)
        consent = (
            IntegrationConsent.DECLINED
            if spec.stage == Stage.INTEGRATION_DECLINED
            else IntegrationConsent.AGREED
            if spec.stage in AGREED_STAGES
            else IntegrationConsent.PENDING
        )
        case = MutualCase(
            county_id=team.county.id,
            participant=participant,
            child_welfare_case=self._child_welfare_case(index, spec),
            stage=spec.stage,
            identified_on=self.wd_before(spec.ident),
            identified_by=spec.by,
            assigned_worker_id=worker.id if worker else None,
            assigned_on=assigned_on,
            supervisor_id=team.supervisor.id,
            regional_contact_id=team.contact.id,
            integration_consent=consent,
            indicator_begin_on=assigned_on,
            not_mutual_reason=spec.reason,
        )
        self.db.add(case)
        self.db.flush()
        self.cases[spec.key] = case
        if spec.meet is None or worker is None:
            return
        meeting_day = self._meeting(index, spec, case, worker)
        if spec.stage in PLAN_STATUS and spec.acts:
            self.versions[spec.key] = self._plan(spec, case, meeting_day)

    def _child_welfare_case(self, index: int, spec: Spec) -> ChildWelfareCase:
        removals = [k.removed for k in spec.kids if k.removed is not None]
        removed_on = self.today - timedelta(days=max(removals)) if removals else None
        base = 26100000 if self.code == "orange" else 26400000
        cw = ChildWelfareCase(
            county_id=self.team.county.id,
            case_number=f"CW-{base + index * 4817}",
            service_component=spec.component,
            social_worker=self.team.social_workers[spec.sw],
            protective_custody=spec.custody,
            removed_on=removed_on,
            case_plan_set=spec.stage in AGREED_STAGES or spec.stage == Stage.INTEGRATION_DECLINED,
        )
        if spec.custody and removed_on:
            self._court_dates(cw, removed_on, spec.hearing_known)
        return cw

    def _court_dates(self, cw: ChildWelfareCase, removed_on: date, hearing_known: bool) -> None:
        """Statutory estimates stand in for the dates the SW would enter (R-CT-01..03)."""
        today, t = self.today, custody_timeline(removed_on=removed_on, court_holidays=self.court)
        cw.petition_filed_on = t.petition_by if t.petition_by <= today else None
        cw.detention_hearing_on = t.detention_by if t.detention_by <= today else None
        if t.jurisdiction_by <= today or hearing_known:
            cw.jurisdiction_hearing_on = t.jurisdiction_by
        if t.jurisdiction_by <= today:  # disposition assumed 10 court days after jurisdiction
            cw.disposition_hearing_on = add_court_days(t.jurisdiction_by, 10, self.court)
        upcoming = [
            d
            for d in (t.detention_by, cw.jurisdiction_hearing_on, cw.disposition_hearing_on)
            if d and d > today
        ]
        if upcoming:
            cw.next_court_on = min(upcoming)
        elif cw.disposition_hearing_on:
            review = cw.disposition_hearing_on  # six-month review hearings
            while review <= today:
                review = add_months(review, 6)
            cw.next_court_on = review

    def _meeting(self, index: int, spec: Spec, case: MutualCase, worker: User) -> date:
        assert spec.meet is not None
        held = spec.meet <= 0
        day = (
            self.wd_before(-spec.meet)
            if held
            else add_working_days(self.today, spec.meet, self.office)
        )
        cw = case.child_welfare_case
        due = meeting_due_for(case, self.team.county, self.office, self.court)
        kind, detail = LOCATIONS[self.code][index % len(LOCATIONS[self.code])]
        meeting = Meeting(
            case_id=case.id,
            due_on=due,
            due_rule=("before_court" if cw and cw.protective_custody else "five_working_days")
            if due
            else "",
            scheduled_at=local_time(day, 10 if index % 2 else 14),
            held_on=day if held else None,
            location_kind=kind,
            location_detail=detail,
            client_attended=held,
            notes=spec.note,
        )
        if held:
            signed = spec.signed is not None
            for name, _label in AGENDA_ITEMS:
                setattr(meeting, name, name != "agenda_signatures" or signed)
            for name, _label in TOPICS:
                setattr(meeting, name, True)
            (meeting.strengths, meeting.barriers, meeting.needs, meeting.concerns) = STORIES[
                spec.story
            ]
            if spec.stage == Stage.INTEGRATION_DECLINED:
                county = self.team.county
                meeting.notes = (
                    f"Client declined integration (R-MT-05): {county.cw_division_label} and "
                    f"{county.wtw_program_label} requirements stay separate."
                )
        sw = cw.social_worker if cw else None
        meeting.attendees = [
            MeetingAttendee(role="ec", name=worker.name, present=held),
            MeetingAttendee(role="client", name=case.participant.display_name, present=held),
        ] + ([MeetingAttendee(role="sw", name=sw.name, present=held)] if sw else [])
        self.db.add(meeting)
        return day

    def _plan(self, spec: Spec, case: MutualCase, meeting_day: date) -> PlanVersion:
        household = case.participant.household
        assert household is not None
        signed_on = None if spec.signed is None else self.wd_before(spec.signed)
        agreed_on = None if spec.agreed is None else self.wd_before(spec.agreed)
        start = first_of_next_month(signed_on or self.today)  # R-PL-06
        end = add_months(start, 12) - timedelta(days=1)
        youngest = household.youngest_aided_birthdate()
        turns_six = requirement_changes_during(
            youngest_child_birthdate=youngest, period_start=start, period_end=end
        )
        if turns_six:  # a shorter plan instead of a mid-plan change to 30 hours (R-HR-11)
            end = turns_six - timedelta(days=1)
        cw = case.child_welfare_case
        if spec.fr and cw and cw.removed_on:
            end = min(end, fr_services_end(program=spec.fr, removed_on=cw.removed_on))
        requirement = weekly_requirement(
            aided_adults=household.aided_adults,
            youngest_child_birthdate=youngest,
            on=start,
            disabled_adult=household.disabled_adult,
            pregnant_only=household.pregnant_only,
        )
        seq = (self.db.scalar(select(func.count()).select_from(Plan)) or 0) + 1
        year = (signed_on or self.today).year
        plan = Plan(case_id=case.id, plan_number=f"WTW-{year}-{seq:04d}")
        version = PlanVersion(
            version_no=1,
            status=PLAN_STATUS[spec.stage],
            requirement=requirement,
            requirement_basis=(
                "One aided adult, youngest aided child under 6 (R-HR-02)"
                if requirement == 20
                else "One aided adult, no aided child under 6 (R-HR-01)"
            ),
            period_start=start,
            period_end=end,
            language=spec.lang,
            required_from=(
                self.today - timedelta(days=spec.required_days)
                if spec.required_days
                else case.identified_on
            ),
            sw_agreement_on=agreed_on,
            wtw1_rights_given=signed_on is not None,
        )
        if signed_on:
            version.signed_client_at = local_time(signed_on, 11)
            version.signed_worker_at = local_time(signed_on, 11, 20)
            version.change_window_ends = change_window_end(signed_on, self.office)
        for position, act in enumerate(spec.acts):
            version.activities.append(self._activity(position, act, case, start, end))
        version.services = self._services(spec, household, agreed_on or meeting_day, signed_on)
        plan.versions.append(version)
        self.db.add(plan)
        self.db.flush()
        if spec.stage == Stage.PLAN_ACTIVE:
            add_tracking(self, spec.key, version)
        return version

    def _activity(
        self, position: int, act: Act, case: MutualCase, start: date, end: date
    ) -> PlanActivity:
        provider = act.provider or PROVIDERS[self.code][act.kind]
        if provider not in self.provider_phones:
            self.provider_phones[provider] = self.phones.next(self.team.area)
        return PlanActivity(
            position=position,
            source=act.source,
            kind=act.kind,
            name=act.name or NAMES[act.kind],
            provider_name=provider,
            provider_phone=self.provider_phones[provider],
            hours_per_week=act.hours,
            schedule=act.schedule,
            # The case-plan activity began with the child-welfare case; WTW rows with the plan.
            start_on=case.identified_on if act.source == ActivitySource.CFS else start,
            end_on=end,
            progress_standard=act.progress or PROGRESS[act.kind],
            on_wtw2=True,
            on_1811=act.on_1811,
        )

    def _services(
        self, spec: Spec, household: Household, authorized_on: date, issued_on: date | None
    ) -> list[SupportiveService]:
        thirteen = years_before(self.today, 13)
        young = [c.first_name for c in household.children if c.in_home and c.birth_date > thirteen]
        services = [
            SupportiveService(
                kind=ServiceKind.TRANSPORTATION,
                detail="Monthly bus pass (issued before it is needed)",
                amount_cents=BUS_PASS[self.code],
                frequency="monthly",
                advance_required=True,
                authorized_on=authorized_on,
                issued_on=issued_on,
            )
        ]
        if young:
            services.append(
                SupportiveService(
                    kind=ServiceKind.CHILD_CARE,
                    frequency="monthly",
                    authorized_on=authorized_on,
                    detail=f"Licensed child care for {' and '.join(young)} during activity hours",
                    issued_on=issued_on,
                )
            )
        for act in spec.acts:
            if act.kind in ANCILLARY:
                detail, cents = ANCILLARY[act.kind]
                services.append(
                    SupportiveService(
                        kind=ServiceKind.ANCILLARY,
                        detail=detail,
                        amount_cents=cents,
                        frequency="once",
                        authorized_on=authorized_on,
                        issued_on=issued_on,
                    )
                )
                break
        return services

    def add_events(self) -> None:
        add_events(self)
