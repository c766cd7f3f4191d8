"""A case with an active signed plan, a social worker and a link, built directly with models."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from models import Plan, PlanActivity, PlanVersion, SignedDocument, SocialWorker, SupportiveService
from models.enums import ActivitySource, PlanStatus, ServiceKind, ShareScope, Stage
from models.operations.share_links import create_link
from tests import factories as f
from tests.web.wizard.conftest import team  # noqa: F401

SEED = (("Counseling", 2), ("Parenting class", 3), ("Visitation", 6), ("AA meetings", 4))


def shared_case(db, worker, *, first="Rosa", last="Delgado", cw_number="C7654321"):
    case = f.case(
        db,
        worker,
        first=first,
        last=last,
        stage=Stage.PLAN_ACTIVE,
        children=(date(2018, 6, 1),),
        cw_number=cw_number,
    )
    case.participant.address = "12 Hidden Lane, San Jose"
    case.participant.phone = "408-555-0199"
    sw = SocialWorker(county_id=case.county_id, name="Dana Kim", email="dana.kim@example.org")
    case.child_welfare_case.social_worker = sw
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
        for i, (name, h) in enumerate(SEED)
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
    db.add(Plan(case_id=case.id, plan_number="SC-1", versions=[version]))
    db.flush()
    db.add(
        SignedDocument(
            plan_version_id=version.id,
            case_id=case.id,
            kind="wtw2",
            document_id=f"TDM-WTW2-{version.id:06d}-V1",
            pdf=b"%PDF-1.7 signed",
            sha256="ab" * 32,
            content_sha256="cd" * 32,
            created_by_id=worker.id,
        )
    )
    db.flush()
    return case


@pytest.fixture
def shared(db, team):  # noqa: F811
    case = shared_case(db, team["ana"])
    link, token = create_link(
        db,
        case,
        team["ana"].id,
        recipient_name="Dana Kim",
        recipient_email="dana.kim@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    return {"case": case, "link": link, "token": token}
