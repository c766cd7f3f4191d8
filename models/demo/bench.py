"""Generated (not hand-written) data for measuring Tandem at county scale: `flask seed-bench`.

N cases in one county, organised as the county would: units of one supervisor over ~8 ECs,
~300 cases an EC, and one county-wide supervisor. The model has no "whole county" role, so that
supervisor is the `mutual_case.supervisor_id` of every case (blueprints.access.visible_cases
lets a supervisor see the cases they supervise directly plus their ECs' cases); unit supervisors
see their unit through `user_account.supervisor_id`. Two ECs have fixed sizes so the EC figure
of issue 14 can be measured at any N: a small one (25 cases) and a large one (2,500, or N/4).

Rows go in with Core bulk inserts (executemany) and ids we hand out ourselves, never the ORM
unit of work per row: 100k cases are a few million rows and must take minutes, not hours.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from models.base import Base, utcnow
from models.cases import ChildWelfareCase, MutualCase
from models.county import CountyProfile
from models.enums import ActivitySource, IdentifiedBy, PlanStatus, Role, ServiceComponent, Stage
from models.operations.due import rebuild_due_items
from models.people import Child, Household, Participant
from models.plan import Plan, PlanActivity, PlanVersion
from models.tracking import TrackingEntry
from models.users import User

BENCH_DOMAIN = "bench.tandem.example"
CASES_PER_EC = 300
ECS_PER_UNIT = 8
SMALL_EC_CASES = 25
LARGE_EC_CASES = 2500
PREVIEW_ACTIVITIES = 20  # issue 14's preview and WTW 2 figures use a 20-activity plan
TRACKED_EVERY = 20  # one case in 20 with an active plan has a year of weekly tracking
BATCH = 5000

# (stage, weight): a county caseload is mostly active plans, with a stream of new assignments.
STAGES = (
    (Stage.ASSIGNED, 18),
    (Stage.MEETING_SCHEDULED, 10),
    (Stage.MEETING_HELD, 14),
    (Stage.PLAN_PENDING_SIGNATURE, 8),
    (Stage.PLAN_ACTIVE, 40),
    (Stage.CLOSING, 3),
    (Stage.CLOSED, 5),
    (Stage.INTEGRATION_DECLINED, 2),
)
PLAN_STATUS = {
    Stage.MEETING_HELD: PlanStatus.DRAFT,
    Stage.PLAN_PENDING_SIGNATURE: PlanStatus.AGREED_WITH_SW,
    Stage.PLAN_ACTIVE: PlanStatus.ACTIVE,
    Stage.CLOSING: PlanStatus.ACTIVE,
    Stage.CLOSED: PlanStatus.ENDED,
}
ACTIVITIES = (
    (ActivitySource.CFS, "counseling", "Counseling", Decimal("2")),
    (ActivitySource.CFS, "parenting_class", "Parenting class", Decimal("3")),
    (ActivitySource.CFS, "visitation", "Visitation", Decimal("6")),
    (ActivitySource.WTW, "job_search", "Job search", Decimal("19")),
)
FIRST = ("Maria", "Jose", "Ana", "Luis", "Linh", "Tamika", "Ramon", "Grace", "Omar", "Keisha")
LAST = ("Garcia", "Nguyen", "Smith", "Lopez", "Tran", "Johnson", "Reyes", "Kim", "Patel", "Cruz")


@dataclass
class BenchSummary:
    cases: int
    users: int
    rows: int
    countywide: str
    supervisor: str
    supervisor_unit: int  # cases in that supervisor's unit
    ec: str
    small_ec: str
    large_ec: str
    large_ec_cases: int
    preview_case_id: int
    preview_version_id: int


class _Ids:
    """Hands out primary keys above what a table already holds, so bulk inserts need no
    RETURNING round trip (executemany stays one statement per batch on both databases)."""

    def __init__(self, db: Session) -> None:
        self.db = db
        self.next: dict[str, int] = {}

    def take(self, model: type[Base]) -> int:
        name = model.__tablename__
        if name not in self.next:
            self.next[name] = (self.db.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]
        value = self.next[name]
        self.next[name] += 1
        return value


def _ec_sizes(cases: int) -> list[int]:
    """Cases per EC: the small EC, the large EC, then ~300 each for the rest."""
    small = min(SMALL_EC_CASES, cases)
    large = min(LARGE_EC_CASES, cases // 4, cases - small)
    rest = cases - small - large
    sizes = [small, large] if large else [small]
    while rest > 0:
        sizes.append(min(CASES_PER_EC, rest))
        rest -= sizes[-1]
    return sizes


def generate(
    db: Session,
    *,
    cases: int,
    county_code: str,
    password_hash: str,
    today: date,
    seed: int = 14,
) -> BenchSummary:
    """Insert the generated county; flushes through Core, never commits (the caller does)."""
    county = db.scalars(select(CountyProfile).where(CountyProfile.code == county_code)).one()
    if db.scalar(select(User.id).where(User.email.like(f"%@{BENCH_DOMAIN}")).limit(1)):
        raise ValueError("This database already holds bench data: use a fresh database.")
    rng = random.Random(seed)
    ids = _Ids(db)
    sizes = _ec_sizes(cases)
    now = utcnow()
    buffers: dict[type[Base], list[dict[str, Any]]] = {}
    counted = 0

    def add(model: type[Base], row: dict[str, Any]) -> None:
        nonlocal counted
        rows = buffers.setdefault(model, [])
        rows.append(row)
        counted += 1
        if len(rows) >= BATCH:
            _flush(db, buffers)

    def user(role: Role, slug: str, name: str, supervisor_id: int | None = None) -> dict[str, Any]:
        row = dict(
            id=ids.take(User),
            email=f"{slug}@{BENCH_DOMAIN}",
            name=name,
            role=role,
            county_id=county.id,
            supervisor_id=supervisor_id,
            password_hash=password_hash,  # hashed once by the caller: Argon2id per user is slow
            active=True,
            created_at=now,
            password_changed_at=now,
        )
        add(User, row)
        return row

    countywide = user(Role.SUPERVISOR, "supervisor-county", "County-wide Supervisor")
    ecs: list[dict[str, Any]] = []
    supervisors: list[dict[str, Any]] = []
    for index in range(len(sizes)):
        if index % ECS_PER_UNIT == 0:
            number = len(supervisors) + 1
            supervisors.append(
                user(Role.SUPERVISOR, f"supervisor{number:03d}", f"Unit Supervisor {number}")
            )
        ecs.append(
            user(Role.EC, f"ec{index + 1:04d}", f"Counselor {index + 1}", supervisors[-1]["id"])
        )
    _flush(db, buffers)  # users first: cases refer to them

    # The EC and supervisor to print: the second unit is the first made only of ~300-case ECs,
    # so its figures are typical; a small county has one unit, and its last EC is picked.
    pick_ec = ECS_PER_UNIT * 2 - 1 if len(sizes) >= 2 * ECS_PER_UNIT else len(sizes) - 1
    unit_of = pick_ec // ECS_PER_UNIT
    preview: dict[str, int] = {}
    for ec_index, size in enumerate(sizes):
        for n in range(size):
            stage = Stage.MEETING_HELD if (ec_index, n) == (pick_ec, 0) else _stage(rng)
            case_id = _case(add, ids, rng, county.id, stage, ecs[ec_index]["id"], countywide, today)
            if stage in PLAN_STATUS:
                big = (ec_index, n) == (pick_ec, 0)
                version_id = _plan(add, ids, rng, case_id, stage, today, big=big)
                if big:
                    preview = {"case": case_id, "version": version_id}
    _flush(db, buffers)
    _advance_sequences(db)
    # The Core inserts bypass the flush hook: count the due items the same way, in bulk.
    counted += rebuild_due_items(db, county.id)
    unit_cases = sum(sizes[unit_of * ECS_PER_UNIT : (unit_of + 1) * ECS_PER_UNIT])
    return BenchSummary(
        cases=cases,
        users=1 + len(supervisors) + len(ecs),
        rows=counted,
        countywide=countywide["email"],
        supervisor=supervisors[unit_of]["email"],
        supervisor_unit=unit_cases,
        ec=ecs[pick_ec]["email"],
        small_ec=ecs[0]["email"],
        large_ec=ecs[1]["email"] if len(ecs) > 1 else ecs[0]["email"],
        large_ec_cases=sizes[1] if len(sizes) > 1 else sizes[0],
        preview_case_id=preview["case"],
        preview_version_id=preview["version"],
    )


def _stage(rng: random.Random) -> Stage:
    stages, weights = zip(*STAGES, strict=True)
    return rng.choices(stages, weights)[0]


def _case(add, ids, rng, county_id, stage, ec_id, countywide, today) -> int:  # type: ignore[no-untyped-def]
    participant_id, household_id = ids.take(Participant), ids.take(Household)
    number = participant_id
    add(
        Participant,
        dict(
            id=participant_id,
            county_id=county_id,
            first_name=rng.choice(FIRST),
            last_name=f"{rng.choice(LAST)}{number % 97}",
            birth_date=date(1980 + number % 20, 1 + number % 12, 1 + number % 28),
            calworks_case_number=f"B{number:07d}",
        ),
    )
    add(Household, dict(id=household_id, participant_id=participant_id, aided_adults=1))
    for child in range(1 + number % 2):
        add(
            Child,
            dict(
                id=ids.take(Child),
                household_id=household_id,
                first_name=f"Child{child + 1}",
                birth_date=date(2016 + (number + child) % 9, 1 + child, 15),
            ),
        )
    cw_id = ids.take(ChildWelfareCase)
    add(
        ChildWelfareCase,
        dict(
            id=cw_id,
            county_id=county_id,
            case_number=f"CWB-{number:07d}",
            service_component=ServiceComponent.FM,
            protective_custody=False,
        ),
    )
    # New assignments spread over the last 20 days, so some joint meetings are overdue.
    assigned = today - timedelta(days=rng.randrange(0, 20) if stage in _EARLY else 200)
    case_id = ids.take(MutualCase)
    add(
        MutualCase,
        dict(
            id=case_id,
            county_id=county_id,
            participant_id=participant_id,
            child_welfare_case_id=cw_id,
            stage=stage,
            identified_on=assigned - timedelta(days=3),
            identified_by=IdentifiedBy.DATA_MATCH,
            assigned_worker_id=ec_id,
            assigned_on=assigned,
            supervisor_id=countywide["id"],
            created_at=utcnow(),
            updated_at=utcnow(),
            version_id=1,
        ),
    )
    return case_id


_EARLY = {Stage.ASSIGNED, Stage.MEETING_SCHEDULED}


def _plan(add, ids, rng, case_id, stage, today, *, big: bool) -> int:  # type: ignore[no-untyped-def]
    plan_id, version_id = ids.take(Plan), ids.take(PlanVersion)
    add(Plan, dict(id=plan_id, case_id=case_id, plan_number=f"BENCH-{case_id}"))
    status = PLAN_STATUS[stage]
    # Signature due 30-ish days from required_from: spread so some are overdue.
    required_from = today - timedelta(days=rng.randrange(0, 60))
    add(
        PlanVersion,
        dict(
            id=version_id,
            plan_id=plan_id,
            version_no=1,
            status=status,
            requirement=30,
            requirement_basis="One parent, youngest child 6 or older",
            period_start=today - timedelta(days=365),
            period_end=today + timedelta(days=180),
            required_from=required_from,
            version_id=1,
        ),
    )
    count = PREVIEW_ACTIVITIES if big else len(ACTIVITIES)
    tracked = status == PlanStatus.ACTIVE and rng.randrange(TRACKED_EVERY) == 0
    for position in range(count):
        source, kind, name, hours = ACTIVITIES[position % len(ACTIVITIES)]
        activity_id = ids.take(PlanActivity)
        add(
            PlanActivity,
            dict(
                id=activity_id,
                plan_version_id=version_id,
                position=position,
                source=source,
                kind=kind,
                name=name if count == len(ACTIVITIES) else f"{name} {position + 1}",
                hours_per_week=hours if not big else Decimal("1.5"),
                start_on=today - timedelta(days=365),
            ),
        )
        if tracked:
            for row in _year_of_weeks(activity_id, hours, today, rng):
                row["id"] = ids.take(TrackingEntry)
                add(TrackingEntry, row)
    return version_id


def _year_of_weeks(
    activity_id: int, hours: Decimal, today: date, rng: random.Random
) -> Iterator[dict[str, Any]]:
    monday = today - timedelta(days=today.weekday())
    for week in range(1, 53):
        missed = Decimal(rng.choice((0, 0, 0, 0, 1, 2)))
        yield dict(
            activity_id=activity_id,
            week_start=monday - timedelta(weeks=week),
            scheduled_hours=hours,
            attended_hours=max(Decimal(0), hours - missed),
            excused_hours=Decimal(0),
            provider_verified=True,
            version_id=1,
        )


# Parents before children, so foreign keys hold on PostgreSQL at every batch.
_ORDER = (
    User,
    Participant,
    Household,
    Child,
    ChildWelfareCase,
    MutualCase,
    Plan,
    PlanVersion,
    PlanActivity,
    TrackingEntry,
)


def _flush(db: Session, buffers: dict[type[Base], list[dict[str, Any]]]) -> None:
    for model in _ORDER:
        rows = buffers.get(model)
        if rows:
            db.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
            rows.clear()


def _advance_sequences(db: Session) -> None:
    """Explicit ids do not move PostgreSQL's sequences; set them past what we inserted so the
    app's own inserts (a new case, a tracking week) do not collide."""
    if db.get_bind().dialect.name != "postgresql":
        return
    for model in _ORDER:
        table = model.__tablename__
        # Only our own table names (_ORDER), never input: nothing to inject.
        sql = (
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"  # nosec B608
        )
        db.execute(text(sql))
