"""Small builders for test data: each test states the facts it depends on."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ChildWelfareCase, CountyProfile, MutualCase, Participant, User
from models.enums import IdentifiedBy, Role, ServiceComponent, Stage
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
