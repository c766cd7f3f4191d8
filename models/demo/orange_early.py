"""The invented Orange County demo cases in the early stages, before any joint meeting is
held: candidate, confirmed, assigned, meeting scheduled. One `DemoCase` each; the order counts
(see caseloads.py)."""

from __future__ import annotations

from models.demo.case_spec import DemoCase, DemoChild
from models.enums import CalworksStatus, IdentifiedBy, ServiceComponent, Stage

ORANGE_EARLY = (
    DemoCase(
        key="quintero",
        stage=Stage.CANDIDATE,
        first_name="Marisol",
        last_name="Quintero",
        age=27,
        children=(
            DemoChild(name="Sofía", age=2, days_since_birthday=100),
            DemoChild(name="Diego", age=7, days_since_birthday=20),
        ),
        service_component=ServiceComponent.ER,
        identified_by=IdentifiedBy.CAR_TO_ER,
        identified_working_days_ago=1,
        language="es",
        social_worker_index=2,
        calworks_status=CalworksStatus.PENDING,
    ),
    DemoCase(
        key="holt",
        stage=Stage.CONFIRMED,
        first_name="Brianna",
        last_name="Holt",
        age=31,
        children=(DemoChild(name="Aiden", age=9, days_since_birthday=50),),
        service_component=ServiceComponent.FM,
        identified_by=IdentifiedBy.ANNUAL_REVIEW,
        identified_working_days_ago=3,
        social_worker_index=1,
    ),
    DemoCase(
        key="okafor",
        stage=Stage.ASSIGNED,
        first_name="Jasmine",
        last_name="Okafor",
        age=24,
        children=(
            DemoChild(name="Zion", age=1, days_since_birthday=200),
            DemoChild(name="Amara", age=4, days_since_birthday=10),
        ),
        service_component=ServiceComponent.FM,
        identified_by=IdentifiedBy.NEW_APPLICATION,
        identified_working_days_ago=12,
        assigned_working_days_ago=10,
        social_worker_index=1,
    ),
    DemoCase(
        key="zamora",
        stage=Stage.ASSIGNED,
        first_name="Lupe",
        last_name="Zamora",
        age=36,
        children=(
            DemoChild(name="Valeria", age=11, days_since_birthday=30),
            DemoChild(name="Emiliano", age=3, days_since_birthday=150),
        ),
        service_component=ServiceComponent.VFM,
        identified_by=IdentifiedBy.REAPPLICATION,
        identified_working_days_ago=6,
        assigned_working_days_ago=5,
        language="es",
        social_worker_index=1,
    ),
    DemoCase(
        key="pham",
        stage=Stage.MEETING_SCHEDULED,
        first_name="Hoa",
        last_name="Pham",
        age=34,
        children=(
            DemoChild(name="Bảo", age=8, days_since_birthday=60),
            DemoChild(name="Lan", age=4, days_since_birthday=20),
        ),
        service_component=ServiceComponent.IS,
        identified_by=IdentifiedBy.TRANSFERRED_CASE,
        identified_working_days_ago=9,
        assigned_working_days_ago=7,
        meeting_in_working_days=1,
        language="vi",
        social_worker_index=1,
        meeting_note="Vietnamese interpreter booked through county language services.",
    ),
    DemoCase(
        key="brennan",
        stage=Stage.MEETING_SCHEDULED,
        first_name="Kayla",
        last_name="Brennan",
        age=22,
        children=(DemoChild(name="Harper", age=0, days_since_birthday=280, removed_days_ago=6),),
        service_component=ServiceComponent.FR,
        identified_by=IdentifiedBy.CFS_REFERRAL,
        identified_working_days_ago=3,
        assigned_working_days_ago=2,
        meeting_in_working_days=3,
        social_worker_index=0,
        protective_custody=True,
        jurisdiction_hearing_entered=True,
        meeting_note="Meet before the jurisdiction hearing (R-MT-02).",
    ),
)
