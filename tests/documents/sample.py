"""A plan like the one built at the joint meeting (seed 000's example): 30 hours required,
15 DFCS/CFS hours on both forms, 15 WTW hours; plus the awkward values a document must survive
(markup in typed text, a suppressed address, an activity not written on the WTW 2)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy.orm import Session

from models import Plan, PlanActivity, PlanVersion
from models.enums import ActivitySource, IntegrationConsent, PlanStatus, Role, ServiceKind
from models.people import SocialWorker
from models.plan import SupportiveService
from models.signing import PlanSignature
from models.tracking import TrackingEntry
from tests import factories as f

ADDRESS = "1428 Hidden Oak Lane"
SCRIPT = "<script>alert(1)</script>"
PROVIDER = "Gardner </td><b>Family</b> Care"
ROWS = [
    # name, source, hours, on_wtw2, provider
    ("Counseling", ActivitySource.CFS, 5, True, PROVIDER),
    ("Parenting class", ActivitySource.CFS, 4, True, "Triple P at Eastside"),
    ("Visitation with Leo", ActivitySource.CFS, 6, True, ""),
    ("Job club", ActivitySource.WTW, 15, True, "Work2Future"),
    ("Peer support group", ActivitySource.CFS, 2, False, ""),
]


def seed(db: Session, county: str = "santa_clara", email: str = "ana.ec@example.org"):
    """The EC, their supervisor, and a case with plan version 1 (ready to sign)."""
    sup = f.user(db, f"sup.{email}", role=Role.SUPERVISOR, county_code=county, name="Sam Lead")
    worker = f.user(
        db, email, county_code=county, name="Ana Reyes", supervisor_id=sup.id, phone="408-555-0111"
    )
    case = f.case(
        db,
        worker,
        first="Rosa",
        last="Delgado",
        custody=True,
        removed_on=date(2026, 11, 10),
        children=(date(2016, 4, 2),),
        cw_number="C7654321",
        cfs_number="DF-2026-0411",
        integration_consent=IntegrationConsent.AGREED,
    )
    case.participant.address = ADDRESS
    case.participant.address_suppressed = True
    case.participant.preferred_language = "es"
    cw = case.child_welfare_case
    cw.next_court_on = date(2026, 12, 8)
    cw.social_worker = SocialWorker(
        county_id=case.county_id,
        name="Dana Whitfield",
        unit="FR Unit 4",
        phone="408-555-0199",
        email="dana.whitfield@example.org",
    )
    plan = Plan(case_id=case.id, plan_number=f"{county.upper()}-{case.id:06d}-1")
    version = PlanVersion(
        version_no=1,
        status=PlanStatus.AGREED_WITH_SW,
        requirement=30,
        requirement_basis="One aided adult, no aided child under 6 in the home → 30 hours (R-HR-01)",
        period_start=date(2026, 12, 1),
        period_end=date(2027, 11, 30),
        sw_agreement_on=date(2026, 11, 20),
    )
    for position, (name, source, hours, on_wtw2, provider) in enumerate(ROWS):
        version.activities.append(
            PlanActivity(
                position=position,
                source=source,
                kind="job_readiness" if source == ActivitySource.WTW else "counseling",
                name=name,
                provider_name=provider,
                provider_phone="408-555-0100" if provider else "",
                hours_per_week=hours,
                schedule="Tue and Thu 9:00–11:30",
                start_on=date(2026, 12, 1),
                end_on=date(2027, 5, 31) if name != "Parenting class" else date(2026, 12, 13),
                progress_standard=f"Attends every session {SCRIPT}"
                if name == "Counseling"
                else "Attends 90% of sessions",
                on_wtw2=on_wtw2,
                on_1811=True,
            )
        )
    version.services = [
        SupportiveService(
            kind=ServiceKind.TRANSPORTATION,
            detail="Monthly bus pass",
            amount_cents=7500,
            frequency="monthly",
            advance_required=True,
        ),
        SupportiveService(kind=ServiceKind.CHILD_CARE, detail="After-school care for Leo"),
    ]
    plan.versions.append(version)
    db.add(plan)
    db.flush()
    return {"worker": worker, "sup": sup, "case": case, "version": version}


def sign(db: Session, version: PlanVersion, worker_id: int) -> list[PlanSignature]:
    at = datetime(2026, 11, 23, 18, 5, tzinfo=timezone.utc)  # 10:05 AM in California
    rows = [
        PlanSignature(
            plan_version_id=version.id,
            role="client",
            full_name="Rosa Delgado",
            method="wet_ink",
            intent="I agree to this plan.",
            signed_at=at,
            recorded_by_id=worker_id,
        ),
        PlanSignature(
            plan_version_id=version.id,
            role="worker",
            full_name="Ana Reyes",
            method="in_person",
            intent="I assign these activities.",
            signed_at=at,
            recorded_by_id=worker_id,
        ),
    ]
    db.add_all(rows)
    db.flush()
    return rows


def track(db: Session, version: PlanVersion) -> None:
    """Two recorded weeks for counseling (attended 3 of 5, 2 excused for court)."""
    counseling = version.activities[0]
    db.add_all(
        [
            TrackingEntry(
                activity_id=counseling.id,
                week_start=date(2026, 12, 7),
                scheduled_hours=5,
                attended_hours=3,
                excused_hours=2,
                absence_reason="court",
                provider_verified=True,
                verified_by="J. Gardner",
            ),
            TrackingEntry(
                activity_id=counseling.id,
                week_start=date(2026, 12, 14),
                scheduled_hours=5,
                attended_hours=5,
                excused_hours=0,
            ),
        ]
    )
    db.flush()
