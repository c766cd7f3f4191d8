"""Invented demo data: staff accounts, offices, social workers and about 30 mutual cases.

Every name, number and address here is made up; phone numbers use the fictional 555-01xx
range and email addresses end in reserved example domains. `flask --app app seed-demo` calls
`load_demo`; the cases themselves are listed in the county row files (see `caseloads.py`)
and built in `builder.py`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.county import CountyProfile, Office, RegionalContact
from models.demo.builder import build_cases
from models.demo.team import PhoneBook, Team
from models.enums import Role, Stage
from models.operations.due import rebuild_due_items
from models.operations.passwords import hash_password
from models.operations.reference import ensure_reference_data, seed_holidays
from models.people import SocialWorker
from models.users import User

DEMO_EMAIL_DOMAIN = "demo.tandem.example"


@dataclass(frozen=True, kw_only=True)
class CountyStaff:
    """One county's demo office and people, before they are rows."""

    email_slug: str  # in the staff's demo email addresses: ec1.<slug>@demo.tandem.example
    area_code: str
    sw_email_domain: str
    office: tuple[str, str]  # (name, address)
    regional_contact: tuple[str, str, str]  # (name, title, email domain)
    users: tuple[tuple[Role, str, str], ...]  # (role, email prefix, name)
    social_workers: tuple[tuple[str, str], ...]  # (name, unit)


# county code -> its demo staff
STAFF: dict[str, CountyStaff] = {
    "orange": CountyStaff(
        email_slug="orange",
        area_code="714",
        sw_email_domain="cfs.example.org",
        office=("FSS Regional Office - Central (demo)", "1520 Larkspur Way, Santa Ana, CA 92701"),
        regional_contact=("Yolanda Brisco", "FSS Regional Contact", "fss.example.org"),
        users=(
            (Role.ADMIN, "admin", "Dana Whitcomb"),
            (Role.SUPERVISOR, "supervisor", "Rosa Villanueva"),
            (Role.EC, "ec1", "Thanh Nguyen"),
            (Role.EC, "ec2", "Marcus Bell"),
        ),
        social_workers=(
            ("Renee Castillo", "FR Unit 3"),
            ("Darnell Hughes", "FM Unit 7"),
            ("Kristen Albrecht", "ER Unit 1"),
        ),
    ),
    "santa_clara": CountyStaff(
        email_slug="santaclara",
        area_code="408",
        sw_email_domain="dfcs.example.org",
        office=("CWES Partnership Unit (demo)", "2150 Orchard Bloom Ave, San Jose, CA 95112"),
        regional_contact=("Ramon Estrella", "DFCS CalWORKs EW Liaison", "dfcs.example.org"),
        users=(
            (Role.ADMIN, "admin", "Greg Sorensen"),
            (Role.SUPERVISOR, "supervisor", "Maricel Dizon"),
            (Role.EC, "ec1", "Joaquin Alvarado"),
            (Role.EC, "ec2", "Tamika Ellison"),
        ),
        social_workers=(
            ("Josefina Ibarra", "FR Unit 2"),
            ("Anthony Mercado", "FM Unit 5"),
            ("Lauren Schaefer", "ER Unit 4"),
        ),
    ),
}


@dataclass(frozen=True)
class DemoSummary:
    users: int
    cases: int
    cases_by_stage: dict[str, int] = field(default_factory=dict)


def load_demo(db: Session, *, password: str, today: date) -> DemoSummary:
    """Create demo accounts and ~30 invented mutual cases. Idempotent: if demo users already
    exist, do nothing and return the existing counts."""
    ensure_reference_data(db, today=today)
    # The demo's dates reach back into last year too (removals, meetings already held).
    seed_holidays(db, (today.year - 1,))
    if not _demo_user_ids(db):
        password_hash = hash_password(password)  # once: argon2 is slow on purpose
        phones = PhoneBook()
        for code, staff in STAFF.items():
            county = db.scalars(select(CountyProfile).where(CountyProfile.code == code)).one()
            team = _create_staff(db, county, staff, password_hash, phones)
            build_cases(db, team, today, phones)
        db.flush()
        # Whatever session loads the demo (the app's keeps due items current on each flush;
        # a bare one does not), the caseload reads stored due items: count them here.
        rebuild_due_items(db, today=today)
    return _summary(db)


def demo_email(prefix: str, slug: str) -> str:
    return f"{prefix}.{slug}@{DEMO_EMAIL_DOMAIN}"


def _create_staff(
    db: Session, county: CountyProfile, staff: CountyStaff, password_hash: str, phones: PhoneBook
) -> Team:
    area_code = staff.area_code
    office_name, address = staff.office
    office = Office(
        county_id=county.id,
        name=office_name,
        kind="regional",
        address=address,
        phone=phones.next_number(area_code),
    )
    contact_name, title, contact_domain = staff.regional_contact
    office.contacts.append(
        RegionalContact(
            name=contact_name,
            title=title,
            phone=phones.next_number(area_code),
            email=f"{_local_part(contact_name)}@{contact_domain}",
        )
    )
    db.add(office)
    db.flush()

    users: dict[Role, list[User]] = {role: [] for role in Role}
    for role, prefix, name in staff.users:
        supervisor = users[Role.SUPERVISOR][0] if role == Role.EC else None
        user = User(
            email=demo_email(prefix, staff.email_slug),
            name=name,
            role=role,
            county_id=county.id,
            office_id=office.id,
            phone=phones.next_number(area_code),
            supervisor_id=supervisor.id if supervisor else None,
            password_hash=password_hash,
        )
        db.add(user)
        db.flush()
        users[role].append(user)

    workers = [
        SocialWorker(
            county_id=county.id,
            name=name,
            unit=unit,
            phone=phones.next_number(area_code),
            email=f"{_local_part(name)}@{staff.sw_email_domain}",
        )
        for name, unit in staff.social_workers
    ]
    db.add_all(workers)
    db.flush()
    return Team(
        county=county,
        area_code=area_code,
        supervisor=users[Role.SUPERVISOR][0],
        ecs=users[Role.EC],
        regional_contact=office.contacts[0],
        social_workers=workers,
    )


def _local_part(name: str) -> str:
    return ".".join(name.lower().split())


def _demo_user_ids(db: Session) -> list[int]:
    return list(db.scalars(select(User.id).where(User.email.like(f"%@{DEMO_EMAIL_DOMAIN}"))))


def _summary(db: Session) -> DemoSummary:
    ids = _demo_user_ids(db)
    stages = list(db.scalars(select(MutualCase.stage).where(MutualCase.supervisor_id.in_(ids))))
    counts = Counter(stages)
    return DemoSummary(
        users=len(ids),
        cases=len(stages),
        cases_by_stage={stage.value: counts[stage] for stage in Stage if counts[stage]},
    )
