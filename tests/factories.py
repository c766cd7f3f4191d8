"""Small builders for test data: each test states the facts it depends on."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    ChildWelfareCase,
    CountyProfile,
    MutualCase,
    Participant,
    Plan,
    PlanActivity,
    PlanVersion,
    SignedDocument,
    SocialWorker,
    SupportiveService,
    User,
)
from models.enums import (
    ActivitySource,
    IdentifiedBy,
    PlanStatus,
    Role,
    ServiceComponent,
    ServiceKind,
    Stage,
)
from models.operations.passwords import hash_password
from models.people import Child, Household

_HASHES: dict[str, str] = {}


def county(db: Session, code: str = "santa_clara") -> CountyProfile:
    found = db.scalars(select(CountyProfile).where(CountyProfile.code == code)).one()
    return found


def user(
    db: Session,
    email: str,
    role: Role = Role.EC,
    county_code: str = "santa_clara",
    password: str = "correct horse battery staple",
    **kw: Any,
) -> User:
    if password not in _HASHES:  # argon2 is deliberately slow; hash each password once
        _HASHES[password] = hash_password(password)
    u = User(
        email=email,
        name=kw.pop("name", email.split("@")[0].title()),
        role=role,
        county_id=county(db, county_code).id,
        password_hash=_HASHES[password],
        **kw,
    )
    db.add(u)
    db.flush()
    return u


def case(
    db: Session,
    worker: User | None,
    *,
    first: str = "Maria",
    last: str = "Lopez",
    stage: Stage = Stage.ASSIGNED,
    assigned_on: date | None = date(2026, 11, 20),
    custody: bool = False,
    removed_on: date | None = None,
    children: tuple[date, ...] = (date(2022, 3, 1),),
    **kw: Any,
) -> MutualCase:
    county_id = worker.county_id if worker else county(db).id
    p = Participant(
        county_id=county_id,
        first_name=first,
        last_name=last,
        birth_date=date(1995, 5, 5),
        calworks_case_number=kw.pop("cw_number", "C1234567"),
    )
    p.household = Household(
        aided_adults=1,
        children=[Child(first_name=f"Child{i}", birth_date=b) for i, b in enumerate(children)],
    )
    cw = ChildWelfareCase(
        county_id=county_id,
        case_number=kw.pop("cfs_number", "CW-100"),
        service_component=ServiceComponent.FR if custody else ServiceComponent.FM,
        protective_custody=custody,
        removed_on=removed_on,
    )
    c = MutualCase(
        county_id=county_id,
        participant=p,
        child_welfare_case=cw,
        stage=stage,
        identified_on=kw.pop("identified_on", date(2026, 11, 18)),
        identified_by=IdentifiedBy.DATA_MATCH,
        assigned_worker_id=worker.id if worker else None,
        assigned_on=assigned_on,
        **kw,
    )
    db.add(c)
    db.flush()
    return c


SHARED_CFS = (("Counseling", 2), ("Parenting class", 3), ("Visitation", 6), ("AA meetings", 4))


def shared_case(
    db: Session,
    worker: User,
    *,
    first: str = "Rosa",
    last: str = "Delgado",
    cw_number: str = "C7654321",
) -> MutualCase:
    """A case to share with its social worker: plan version 1 signed and active (15 CFS + 15
    WTW hours of 30), a social worker, a bus pass and a stored signed WTW 2; the address and
    phone are private and must never reach the share page."""
    c = case(
        db,
        worker,
        first=first,
        last=last,
        stage=Stage.PLAN_ACTIVE,
        children=(date(2018, 6, 1),),
        cw_number=cw_number,
    )
    c.participant.address = "12 Hidden Lane, San Jose"
    c.participant.phone = "408-555-0199"
    sw = SocialWorker(county_id=c.county_id, name="Dana Kim", email="dana.kim@example.org")
    c.child_welfare_case.social_worker = sw
    version = PlanVersion(
        version_no=1,
        status=PlanStatus.ACTIVE,
        requirement=30,
        requirement_basis="One aided adult → 30 hours (R-HR-01)",
        sw_agreement_on=date(2026, 11, 2),
        signed_client_at=datetime(2026, 11, 3, 18, tzinfo=UTC),
        signed_worker_at=datetime(2026, 11, 3, 18, tzinfo=UTC),
        change_window_ends=date(2026, 11, 6),
    )
    version.activities = [
        PlanActivity(
            position=i,
            source=ActivitySource.CFS,
            kind="counseling",
            name=name,
            hours_per_week=Decimal(h),
            provider_name="Willow Clinic",
        )
        for i, (name, h) in enumerate(SHARED_CFS)
    ] + [
        PlanActivity(
            position=9,
            source=ActivitySource.WTW,
            kind="job_search",
            name="Job club",
            hours_per_week=Decimal(15),
        )
    ]
    version.services = [
        SupportiveService(
            kind=ServiceKind.TRANSPORTATION,
            detail="Bus pass",
            frequency="monthly",
            amount_cents=8000,
        )
    ]
    db.add(Plan(case_id=c.id, plan_number="SC-1", versions=[version]))
    db.flush()
    db.add(
        SignedDocument(
            plan_version_id=version.id,
            case_id=c.id,
            kind="wtw2",
            document_id=f"TDM-WTW2-{version.id:06d}-V1",
            pdf=b"%PDF-1.7 signed",
            sha256="ab" * 32,
            content_sha256="cd" * 32,
            created_by_id=worker.id,
        )
    )
    db.flush()
    return c


CFS_ROWS = [("Counseling", 5), ("Parenting class", 4), ("Visitation", 6)]  # 15 DFCS hours


def make_plan(db, case, *, extra_cfs=0, signed=True, **version):
    """A plan like the one built at the joint meeting: 30 required, 15 DFCS + 15 WTW hours."""
    plan = Plan(case_id=case.id, plan_number=f"P-{case.id}")
    values = dict(
        version_no=1,
        status=PlanStatus.ACTIVE if signed else PlanStatus.DRAFT,
        requirement=30,
        requirement_basis="One adult, no child under 6",
        period_start=date(2026, 11, 2),
        period_end=date(2027, 10, 31),
        signed_client_at=datetime(2026, 11, 2, 18, tzinfo=UTC) if signed else None,
        signed_worker_at=datetime(2026, 11, 2, 18, tzinfo=UTC) if signed else None,
    )
    values.update(version)
    v = PlanVersion(**values)
    rows = [(name, hours, ActivitySource.CFS) for name, hours in CFS_ROWS]
    rows += [(f"Extra class {i}", 0, ActivitySource.CFS) for i in range(extra_cfs)]
    rows.append(("Job club", 15, ActivitySource.WTW))
    for position, (name, hours, source) in enumerate(rows):
        v.activities.append(
            PlanActivity(
                position=position,
                source=source,
                kind="job_search" if source == ActivitySource.WTW else "counseling",
                name=name,
                provider_name="Gardner Family Care" if name == "Counseling" else "",
                provider_phone="408-555-0100" if name == "Counseling" else "",
                hours_per_week=hours,
                start_on=date(2026, 11, 2),
                end_on=date(2027, 4, 30),
            )
        )
    plan.versions.append(v)
    db.add(plan)
    db.flush()
    return v
