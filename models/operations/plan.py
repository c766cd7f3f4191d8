"""Plan step: live totals and saving a plan version (the requirement is in models.queries.requirement).

The numbers come from policy.requirement and policy.hours only, so the plan screen, the track
screen and the stage guards agree: 30 required with 15 CFS hours leaves 15, never 45 (R-CF-04).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from models.cases import MutualCase
from models.enums import ActivitySource, IntegrationConsent, PlanStatus, ServiceKind, Stage
from models.history import Change
from models.operations.history import diff, record_event
from models.operations.stages import StageBlocked, move_stage
from models.plan import Plan, PlanActivity, PlanVersion, SupportiveService
from models.queries.case_facts import case_facts, find_plan
from models.queries.plan_hours import participation_of
from models.queries.requirement import Requirement, first_of_next_month
from policy.activity_findings import ActivityFacts, missing_items
from policy.findings import Finding, findings_by_row, sort_findings
from policy.hours import Activity, Reconciliation, fmt_hours, reconcile
from policy.stages import blockers

EDITABLE = {PlanStatus.DRAFT, PlanStatus.AGREED_WITH_SW}
HISTORY_LABELS = {
    "requirement": "Weekly requirement",
    "requirement_basis": "Requirement basis",
    "period": "Plan period",
    "required_from": "Required to participate from",
    "language": "Language",
    "sw_agreement_on": "Social worker agreed on",
    "activities": "Activities",
    "services": "Supportive services",
}


@dataclass(frozen=True)
class ActivityInput:
    """One filled activity row; ``row`` is its position in the form (for inline findings)."""

    row: int
    source: str
    kind: str
    name: str
    hours_per_week: Decimal
    provider_name: str = ""
    provider_phone: str = ""
    schedule: str = ""
    start_on: date | None = None
    end_on: date | None = None
    progress_standard: str = ""
    on_wtw2: bool = True
    on_1811: bool = True


@dataclass(frozen=True)
class ServiceInput:
    kind: str
    detail: str = ""
    amount_cents: int | None = None
    frequency: str = ""
    advance_required: bool = False


@dataclass(frozen=True)
class Totals:
    requirement: Requirement
    result: Reconciliation | None
    findings: tuple[Finding, ...]
    rows: dict[int, list[Finding]] = field(default_factory=dict)
    row_errors: dict[int, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def plan_findings(self) -> list[Finding]:
        """The findings about the plan as a whole (each row's are under the row)."""
        return [f for f in self.findings if f.index is None]

    @property
    def row_finding_counts(self) -> tuple[int, int, int]:
        """(to fix, to check, notes) over every row's findings, for the totals panel."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            if f.index is not None and f.severity in counts:
                counts[f.severity] += 1
        return counts["error"], counts["warning"], counts["info"]

    def row_counts(self, i: int) -> tuple[int, int]:
        """(to fix, to check) under row i: counted here once, not by the template per row (the
        live preview draws every row's status after each pause in typing)."""
        items = self.rows.get(i, [])
        errors = sum(1 for f in items if f.severity == "error")
        return errors, sum(1 for f in items if f.severity == "warning")


def default_period(today: date) -> tuple[date, date]:
    """12 months from the 1st of next month (R-PL-06)."""
    start = first_of_next_month(today)
    return start, date(start.year + 1, start.month, 1) - timedelta(days=1)


COUNTY_PREFIX = {"santa_clara": "SC", "orange": "OC"}


def plan_number(case: MutualCase) -> str:
    prefix = COUNTY_PREFIX.get(case.county.code, case.county.code.upper())
    return f"{prefix}-{case.id:06d}-1"


def editable(version: PlanVersion | None) -> bool:
    """A signed version never changes; amendments add a version (§c7)."""
    return version is None or version.status in EDITABLE


def totals(
    case: MutualCase,
    requirement: Requirement,
    rows: list[ActivityInput],
    row_errors: dict[int, str] | None = None,
    plan_end: date | None = None,
) -> Totals:
    """Requirement, CFS hours counted, other WTW hours still needed, total, and every finding
    (R-CF-01..05, R-PL-03..08, R-HR-11): what each row still lacks for signing is named by its
    row number. Rows with bad hours are left out and named in row_errors."""
    row_errors = dict(row_errors or {})
    found: list[Finding] = list(requirement.findings)
    result: Reconciliation | None = None
    problem = ""
    all_hours = sum((r.hours_per_week for r in rows), Decimal(0))
    if all_hours > 168:
        problem = (
            f"The activities add up to {fmt_hours(all_hours)} hours a week; a week has only 168."
        )
    else:
        policy_rows = [
            Activity(r.name, float(r.hours_per_week), r.source, r.on_wtw2, r.on_1811, kind=r.kind)
            for r in rows
        ]
        result = reconcile(requirement.hours, policy_rows, case.county.code, participation_of(case))
        found.extend(result.findings)
    found.extend(missing_items(activity_facts(rows), plan_end))
    ordered = tuple(sort_findings(found))
    by_index = findings_by_row(ordered)  # one pass, not one per row: the preview runs this
    by_row = {row.row: by_index.get(index, []) for index, row in enumerate(rows)}
    return Totals(requirement, result, ordered, by_row, row_errors, problem)


def activity_facts(rows: list[ActivityInput]) -> list[ActivityFacts]:
    """The rows as policy.activity_findings reads them, numbered as the EC sees them."""
    return [
        ActivityFacts(
            number=row.row + 1,
            name=row.name,
            provider=row.provider_name,
            schedule=row.schedule,
            start_on=row.start_on,
            end_on=row.end_on,
            progress_standard=row.progress_standard,
            index=index,
        )
        for index, row in enumerate(rows)
    ]


def version_inputs(version: PlanVersion) -> list[ActivityInput]:
    return [
        ActivityInput(
            row=index,
            source=a.source.value,
            kind=a.kind,
            name=a.name,
            hours_per_week=Decimal(str(a.hours_per_week)),
            provider_name=a.provider_name,
            provider_phone=a.provider_phone,
            schedule=a.schedule,
            start_on=a.start_on,
            end_on=a.end_on,
            progress_standard=a.progress_standard,
            on_wtw2=a.on_wtw2,
            on_1811=a.on_1811,
        )
        for index, a in enumerate(version.activities)
    ]


def version_totals(case: MutualCase, version: PlanVersion) -> Totals:
    """A saved version's totals and findings, as the plan, sign and track screens show them."""
    requirement = Requirement(version.requirement, version.requirement_basis)
    return totals(case, requirement, version_inputs(version), plan_end=version.period_end)


def _activity_text(a: PlanActivity, cw_label: str, uses_1811: bool) -> str:
    flags = [
        cw_label if a.source == ActivitySource.CFS else "WTW",
        f"{fmt_hours(a.hours_per_week)} h",
    ]
    if not a.on_wtw2:
        flags.append("not on WTW 2")
    if uses_1811 and a.source == ActivitySource.CFS and not a.on_1811:
        flags.append("not on 1811")
    return f"{a.name} ({', '.join(flags)})"


def _service_text(s: SupportiveService) -> str:
    parts = [s.kind.label]
    if s.detail:
        parts.append(s.detail)
    if s.amount_cents is not None:
        parts.append(f"${s.amount_cents / 100:,.2f}")
    if s.frequency:
        parts.append(s.frequency)
    if s.advance_required:
        parts.append("paid in advance")
    return ", ".join(parts)


def snapshot(version: PlanVersion, case: MutualCase) -> dict[str, object]:
    county = case.county
    start, end = version.period_start, version.period_end
    return {
        "requirement": f"{version.requirement} hours",
        "requirement_basis": version.requirement_basis,
        "period": f"{start.isoformat() if start else ''} to {end.isoformat() if end else ''}",
        "required_from": version.required_from,
        "language": version.language,
        "sw_agreement_on": version.sw_agreement_on,
        "activities": "; ".join(
            _activity_text(a, county.cw_division_label, county.uses_1811)
            for a in version.activities
        ),
        "services": "; ".join(_service_text(s) for s in version.services),
    }


def _columns(row: ActivityInput | ServiceInput, **override: object) -> dict[str, object]:
    values = {k: v for k, v in asdict(row).items() if k != "row"}
    return {**values, **override}


def save_plan(
    db: Session,
    case: MutualCase,
    values: dict[str, object],
    rows: list[ActivityInput],
    services: list[ServiceInput],
    requirement: Requirement,
    user_id: int,
) -> tuple[PlanVersion, list[Change]]:
    """Create the plan and version 1 on the first save, else replace the current version's rows;
    one history row with before/after. The caller checked that the version is editable."""
    plan = find_plan(db, case)
    created = plan is None or plan.current is None
    if plan is None:
        plan = Plan(case_id=case.id, plan_number=plan_number(case))
        db.add(plan)
    if created:
        version = PlanVersion(version_no=1, status=PlanStatus.DRAFT)
        plan.versions.append(version)
        before: dict[str, object] = {}
    else:
        version = plan.current  # type: ignore[assignment]
        before = snapshot(version, case)
    version.requirement = requirement.hours
    version.requirement_basis = requirement.basis[:200]
    version.period_start = values["period_start"]  # type: ignore[assignment]
    version.period_end = values["period_end"]  # type: ignore[assignment]
    version.required_from = values.get("required_from")  # type: ignore[assignment]
    version.language = str(values["language"])
    version.sw_agreement_on = values["sw_agreement_on"]  # type: ignore[assignment]
    version.activities = [
        PlanActivity(position=position, **_columns(r, source=ActivitySource(r.source)))
        for position, r in enumerate(rows)
    ]
    version.services = [
        SupportiveService(**_columns(s, kind=ServiceKind(s.kind))) for s in services
    ]
    flag_modified(version, "requirement")  # every save bumps version_id (optimistic lock)
    db.flush()
    changes = diff(before, snapshot(version, case), HISTORY_LABELS)
    if created or changes:
        summary = "Plan created" if created else "Plan updated"
        record_event(db, case.id, user_id, "plan", summary, changes)
    return version, changes


def reopen(db: Session, case: MutualCase, version: PlanVersion, user_id: int) -> None:
    """A changed plan is no longer the one the social worker agreed to (R-MT-07): back to
    draft, and the case back to "meeting held" until it is marked ready again."""
    version.status = PlanStatus.DRAFT
    if case.stage == Stage.PLAN_PENDING_SIGNATURE:
        back = (
            Stage.INTEGRATION_DECLINED
            if case.integration_consent == IntegrationConsent.DECLINED
            else Stage.MEETING_HELD
        )
        try:
            move_stage(db, case, back, user_id, "Plan changed after it was ready")
        except StageBlocked:
            pass


def mark_ready(
    db: Session, case: MutualCase, version: PlanVersion, user_id: int
) -> tuple[str, ...]:
    """Move the case to "plan ready to sign" (§c7 guards, R-MT-07); the reasons when blocked."""
    db.flush()
    facts = case_facts(db, case)
    if case.stage in (Stage.PLAN_PENDING_SIGNATURE, Stage.PLAN_ACTIVE):
        # Already ready once, or an amendment of an active plan (R-PL-10: the case stays "plan
        # active" while the new version is signed): the saved plan must pass the same guards.
        reasons = blockers(Stage.PLAN_PENDING_SIGNATURE.value, replace(facts, stage="meeting_held"))
        if reasons:
            reopen(db, case, version, user_id)
            return reasons
    else:
        try:
            move_stage(db, case, Stage.PLAN_PENDING_SIGNATURE, user_id, "Plan ready to sign", facts)
        except StageBlocked as exc:
            return exc.reasons
    version.status = PlanStatus.AGREED_WITH_SW
    return ()
