"""The demo's contact logs with the social workers and the social workers' written descriptions
of the case plans, for the cases whose plan is active (seed 000 "ongoing communication")."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.contacts import ChildWelfarePlanSummary, SocialWorkerContact
from models.enums import Stage

# Which topics each contact went over, oldest contact first.
CONTACT_TOPICS = (
    (
        "phone",
        ["activities_hours", "cfs_plan_changes"],
        "Went over the case-plan hours; no change.",
    ),
    ("email", ["plan_copy_sent"], "Sent a copy of the signed plan."),
    ("phone", ["wtw_participation"], "Attendance last week: all sessions except one."),
)


def add_contacts(db: Session, cases: list[MutualCase], today: date) -> None:
    """Three contacts and one plan description per active plan."""
    for case in cases:
        if case.stage != Stage.PLAN_ACTIVE or case.child_welfare_case is None:
            continue
        sw = case.child_welfare_case.social_worker
        with_whom = sw.name if sw else ""
        for weeks_ago, (channel, topics, note) in zip((5, 3, 1), CONTACT_TOPICS, strict=True):
            db.add(
                SocialWorkerContact(
                    case_id=case.id,
                    contact_on=today - timedelta(weeks=weeks_ago, days=2),
                    channel=channel,
                    with_whom=with_whom,
                    topics=json.dumps(topics),
                    note=note,
                    recorded_by_id=case.assigned_worker_id,
                )
            )
        cw = case.county.cw_division_label
        db.add(
            ChildWelfarePlanSummary(
                case_id=case.id,
                received_on=today - timedelta(weeks=7),
                description=f"{cw} case plan as the social worker wrote it: the activities and "
                "weekly hours on the plan, with their providers. Visits supervised; review at "
                "the next court date.",
                recorded_by_id=case.assigned_worker_id,
            )
        )
