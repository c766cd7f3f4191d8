"""The county's workers as the caseload's reassign form lists them."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.enums import Role
from models.users import User


class WorkerName(NamedTuple):
    id: int
    name: str
    supervisor_id: int | None


def county_worker_names(db: Session, county_id: int) -> list[WorkerName]:
    """Active ECs of the county by name. Three columns, not whole accounts: the list is on every
    page of a supervisor's caseload, and a county of 300 ECs built 300 account objects for it
    each time (issue 14)."""
    stmt = (
        select(User.id, User.name, User.supervisor_id)
        .where(User.county_id == county_id, User.role == Role.EC, User.active.is_(True))
        .order_by(User.name, User.id)
    )
    return [WorkerName(*row) for row in db.execute(stmt)]
