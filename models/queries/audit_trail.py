"""The audit trail as an administrator searches it: one county's rows, filtered and paged in SQL.

Which rows belong to a county (an audit row has no county column):
- the actor is an account of the county (their sign-ins, failed ones too, views and changes);
- or the row's case is a case of the county (a social worker's read-only link included);
- or no one signed in and the row is about an account of the county (the nightly job that
  disables unused accounts, ``flask enable-user``).
Rows with no account, no link and no case (a sign-in with an unknown e-mail, an unknown
read-only link, throttled attempts) belong to no county: they are shown only under the separate
"Anonymous or system" choice of the Who filter, never mixed into a county's rows. Rows about an
account of another county are left out of that choice too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, not_, or_, select
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.cases import MutualCase
from models.queries.paging import Page, page_number
from models.users import User
from policy.county_time import COUNTY_ZONE, county_moment

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 50_000
WHO_LINKS = "links"  # the Who filter: any social worker's read-only link
WHO_NONE = "none"  # the Who filter: rows with no account, no link and no case


@dataclass(frozen=True)
class AuditFilters:
    """What the administrator asked for; dates are county dates, both ends included."""

    date_from: date
    date_to: date
    case_id: int | None = None
    who: str = ""  # "" anyone of the county, an account id, WHO_LINKS or WHO_NONE
    action: str = ""
    outcome: str = ""

    def audit_detail(self) -> dict[str, Any]:
        """The filters as the audit_view / audit_export row keeps them (no client details)."""
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "case_id": self.case_id,
            "who": self.who or None,
            "action": self.action or None,
            "outcome": self.outcome or None,
        }


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_user_id: int | None
    actor_name: str | None
    actor_link_id: int | None
    action: str
    outcome: str
    object_type: str
    object_id: str
    case_id: int | None
    ip: str
    request_id: str
    detail: str

    @property
    def local_at(self) -> datetime:
        return county_moment(self.at)


def county_start(day: date) -> datetime:
    """Midnight of a county date, in UTC (the audit trail is stored in UTC)."""
    local = datetime.combine(day, time(0), tzinfo=COUNTY_ZONE)
    return local.astimezone(timezone.utc)


def _county_users(county_id: int) -> Select[Any]:
    return select(User.id).where(User.county_id == county_id)


def _about_account_of(county_id: int) -> ColumnElement[bool]:
    ids = select(cast(User.id, String)).where(User.county_id == county_id)
    return and_(AuditEvent.object_type == "account", AuditEvent.object_id.in_(ids))


def _nobody() -> ColumnElement[bool]:
    return and_(
        AuditEvent.actor_user_id.is_(None),
        AuditEvent.actor_link_id.is_(None),
        AuditEvent.case_id.is_(None),
    )


def county_scope(county_id: int) -> ColumnElement[bool]:
    """The rows of one county (see the module's docstring)."""
    cases = select(MutualCase.id).where(MutualCase.county_id == county_id)
    return or_(
        AuditEvent.actor_user_id.in_(_county_users(county_id)),
        AuditEvent.case_id.in_(cases),
        and_(_nobody(), _about_account_of(county_id)),
    )


def anonymous_scope(county_id: int) -> ColumnElement[bool]:
    """Rows of no county: nobody signed in, no link, no case, not about another county's account."""
    others = select(cast(User.id, String)).where(User.county_id != county_id)
    elsewhere = and_(AuditEvent.object_type == "account", AuditEvent.object_id.in_(others))
    return and_(_nobody(), not_(elsewhere))


def _where(county_id: int, filters: AuditFilters) -> list[ColumnElement[bool]]:
    scope = anonymous_scope(county_id) if filters.who == WHO_NONE else county_scope(county_id)
    found = [
        scope,
        AuditEvent.at >= county_start(filters.date_from),
        AuditEvent.at < county_start(filters.date_to + timedelta(days=1)),
    ]
    if filters.who == WHO_LINKS:
        found.append(AuditEvent.actor_link_id.is_not(None))
    elif filters.who.isdigit():
        found.append(AuditEvent.actor_user_id == int(filters.who))
    if filters.case_id is not None:
        found.append(AuditEvent.case_id == filters.case_id)
    if filters.action:
        found.append(AuditEvent.action == filters.action)
    if filters.outcome:
        found.append(AuditEvent.outcome == filters.outcome)
    return found


def _rows(county_id: int, filters: AuditFilters) -> Select[Any]:
    """Newest first; the actor's name in the same query (one statement for a whole page)."""
    return (
        select(AuditEvent, User.name)
        .outerjoin(User, User.id == AuditEvent.actor_user_id)
        .where(*_where(county_id, filters))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )


def _row(event: AuditEvent, name: str | None) -> AuditRow:
    return AuditRow(
        event.id,
        event.at,
        event.actor_user_id,
        name,
        event.actor_link_id,
        event.action,
        event.outcome,
        event.object_type,
        event.object_id,
        event.case_id,
        event.ip,
        event.request_id,
        event.detail,
    )


def count_rows(db: Session, county_id: int, filters: AuditFilters) -> int:
    stmt = select(func.count()).select_from(AuditEvent).where(*_where(county_id, filters))
    return int(db.scalar(stmt) or 0)


def search(
    db: Session, county_id: int, filters: AuditFilters, number: int, size: int = PAGE_SIZE
) -> Page[AuditRow]:
    """One page in two statements (a count, then the page), whatever the page holds. A page
    past the end shows the last page."""
    total = count_rows(db, county_id, filters)
    count, number = page_number(total, number, size)
    stmt = _rows(county_id, filters).offset((number - 1) * size).limit(size)
    rows = [_row(event, name) for event, name in db.execute(stmt)]
    return Page(rows, number, count, total, size)


def export_rows(
    db: Session, county_id: int, filters: AuditFilters, most: int = EXPORT_MAX_ROWS
) -> list[AuditRow]:
    """The newest ``most`` rows that match (the caller counts them to say when there are more)."""
    stmt = _rows(county_id, filters).limit(most)
    return [_row(event, name) for event, name in db.execute(stmt)]


def county_accounts(db: Session, county_id: int) -> list[User]:
    return list(db.scalars(select(User).where(User.county_id == county_id).order_by(User.name)))


def codes_present(db: Session) -> tuple[list[str], list[str]]:
    """The actions and the outcomes the audit trail holds (codes, not client data), one query."""
    pairs = db.execute(select(AuditEvent.action, AuditEvent.outcome).distinct()).all()
    return sorted({a for a, _ in pairs}), sorted({o for _, o in pairs})
