"""Who may reach what. Default deny: every endpoint needs a signed-in, active user unless it is
listed in PUBLIC_ENDPOINTS; roles and per-case scope are decided here, never in templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache, wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Flask,
    abort,
    current_app,
    g,
    has_app_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    any_,
    bindparam,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from models.cases import MutualCase
from models.enums import Role
from models.queries.scope import FORM, IDS, ROWS
from models.users import User

from . import audit, second_factor
from .htmx import is_htmx_request

PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "auth.login",
        "auth.login_post",
        # The second step of sign-in: each page checks for a sign-in waiting for it.
        "mfa.challenge",
        "mfa.challenge_post",
        "mfa.enrol",
        "mfa.enrol_post",
        "main.health",
        "main.robots",
        "share.view",  # capability links for social workers: the token is the credential
        "share.document",
        "calendar_feed.feed",  # an EC's private calendar feed: the token is the credential
    }
)

# While a sign-in waits for its second factor, besides the pages above: the way out.
PENDING_ENDPOINTS = frozenset({"auth.logout"})

F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    @app.before_request
    def _default_deny() -> Any:
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if request.endpoint is None:  # unknown URL: let routing answer 404/405
            return None
        if current_user.is_authenticated:
            return None
        half_signed_in = second_factor.pending()
        if half_signed_in is not None:
            # Password right, second factor not yet: nothing else until it is (security.md 8).
            if request.endpoint in PENDING_ENDPOINTS:
                return None
            target = second_factor.step_url(half_signed_in)
            if is_htmx_request():
                return "", 401, {"HX-Redirect": target}
            return redirect(target)
        target = url_for(
            "auth.login",
            next=request.full_path.rstrip("?") if request.method == "GET" else None,
            timeout=1 if getattr(session, "expired", False) else None,
        )
        if is_htmx_request():
            # htmx would swap the login page into a fragment; send the whole window there.
            return "", 401, {"HX-Redirect": target}
        return redirect(target)


def safe_return_to(target: str | None, default: str, *, under: str = "/") -> str:
    """Where to send the browser back to: a same-site path under ``under``, else ``default``.

    Refuses what would make the page an open redirect: a scheme or host, a protocol-relative
    ``//host``, a backslash (browsers read ``/\\host`` as ``//host``) and control characters.
    A fragment is dropped: the page decides where to scroll.
    """
    if not target or not target.startswith(under) or target.startswith("//"):
        return default
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target.split("#")[0]


def roles_required(*roles: Role) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                from models.db import get_db

                db = get_db()
                audit.record(
                    db,
                    "authz_denied",
                    outcome="denied",
                    object_type="endpoint",
                    object_id=request.endpoint,
                )
                db.commit()
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def visible_cases(user: User) -> Select[tuple[MutualCase]]:
    """The cases a user may open (W&I 10850: only for administering the client's services).

    EC: cases assigned to them. Supervisor: cases in their unit (assigned to them as supervisor,
    or to an EC they supervise). Admin: none — administrators manage accounts, not caseloads.
    """
    dialect = _dialect()
    if user.role != Role.SUPERVISOR or dialect != "sqlite":
        return _scope(user.role, dialect, user.id, user.county_id, by_rows=False)
    by_rows = _large_unit(user)
    stmt = _scope(user.role, dialect, user.id, user.county_id, by_rows=by_rows)
    return stmt.execution_options(**{FORM: ROWS if by_rows else IDS})


@cache
def visible_cases_template(role: Role, dialect: str) -> Select[tuple[MutualCase]]:
    """visible_cases with the user as bound parameters (viewer_params gives their values): one
    statement object per role and database, built once. A hot path (a download) saves building
    it and its cache key on every request (issue 14); the rules are the same function's.

    For one case at a time (case_for, the signed download): the unit is tested on that case's
    row, never as the list of the unit's ids (SQLite built the county-wide supervisor's list of
    100,000 ids for every case page: 31 ms)."""
    return _scope(role, dialect, bindparam("viewer_id"), bindparam("viewer_county"), by_rows=True)


def viewer_params(user: User) -> dict[str, int]:
    return {"viewer_id": user.id, "viewer_county": user.county_id}


def _scope(
    role: Role, dialect: str, viewer: Any, county: Any, *, by_rows: bool
) -> Select[tuple[MutualCase]]:
    listed = role == Role.SUPERVISOR and dialect == "sqlite" and not by_rows
    # A listed unit's cases are read by id, and the county is tested on each one's row (SQLite's
    # unary +: no index is picked for that test). With the index, SQLite searched the county
    # index once per listed id and read the row anyway: a unit of 2,400 in a county of 100,000,
    # its count 2.3 -> 1.2 ms, its last page's ids 2.2 -> 1.1, its "Overdue" count 3.0 -> 2.1.
    county_of_row = _unindexed(MutualCase.county_id) if listed else MutualCase.county_id
    stmt = select(MutualCase).where(county_of_row == county)
    if role == Role.EC:
        return stmt.where(MutualCase.assigned_worker_id == viewer)
    if role == Role.SUPERVISOR:
        return stmt.where(_unit_filter(viewer, dialect, by_rows=by_rows))
    return stmt.where(False)


def _unindexed(column: Any) -> ColumnElement[Any]:
    """``+column``: the same value, which SQLite will not look up in an index."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _dialect() -> str:
    return current_app.extensions["tandem_engine"].dialect.name if has_app_context() else ""


# SQLite plans a unit test one way for every supervisor. As the list of the unit's ids (a UNION
# ALL of two index lookups) it costs in proportion to the unit: right for a unit of 2,400 cases
# in a county of 100,000 (3 ms), wrong for a supervisor over the whole county (104 ms to list
# 100,000 ids, where testing each row of the county takes 36). Above this many cases the unit
# is tested row by row. PostgreSQL's one form serves both.
LARGE_UNIT = 10_000


def _large_unit(user: User) -> bool:
    """Whether a supervisor's unit holds LARGE_UNIT cases or more (counted up to that many, so
    a small unit's answer costs a small unit's lookups). Once per request."""
    if not has_app_context():
        return False
    from models.db import get_db

    memo = g.setdefault("tandem_large_unit", {})
    if user.id not in memo:
        listed = _unit_ids(user.id).limit(LARGE_UNIT).subquery()
        found = get_db().scalar(select(func.count()).select_from(listed)) or 0
        memo[user.id] = found >= LARGE_UNIT
    return bool(memo[user.id])


def unit_filter(user: User, dialect: str, *, by_rows: bool = False) -> ColumnElement[bool]:
    """A supervisor's unit: cases with them as supervisor, or assigned to an EC they supervise.
    The same rows in every form; each database and unit size gets the form it plans well."""
    return _unit_filter(user.id, dialect, by_rows=by_rows)


def _team(supervisor: Any) -> Select[tuple[int]]:
    return select(User.id).where(User.supervisor_id == supervisor)


def _unit_ids(supervisor: Any) -> CompoundSelect:
    return union_all(
        select(MutualCase.id).where(MutualCase.supervisor_id == supervisor),
        select(MutualCase.id).where(MutualCase.assigned_worker_id.in_(_team(supervisor))),
    )


def _unit_filter(supervisor: Any, dialect: str, *, by_rows: bool) -> ColumnElement[bool]:
    if dialect == "postgresql":
        # The team's ids as one array computed first, so both tests use their index together
        # (BitmapOr): a unit of 2,400 in a 100,000-case county counts in 3 ms, a county-wide
        # supervisor's 100,000 in 80 ms. The UNION below made PostgreSQL deduplicate 100,000
        # ids and look each one up again (300 ms).
        return or_(
            MutualCase.supervisor_id == supervisor,
            MutualCase.assigned_worker_id == any_(func.ARRAY(_team(supervisor).scalar_subquery())),
        )
    if by_rows:
        return or_(
            MutualCase.supervisor_id == supervisor,
            MutualCase.assigned_worker_id.in_(_team(supervisor)),
        )
    # SQLite, a unit listed: two index lookups joined by UNION ALL, not an OR: with OR, SQLite
    # walks every case of the county (1 ms per 1,000 cases on each count and page).
    return MutualCase.id.in_(_unit_ids(supervisor))


@lru_cache(maxsize=64)  # bounded: callers pass module-level eager tuples, a handful in all
def _one_case(role: Role, dialect: str, eager: tuple[ORMOption, ...]) -> Select[tuple[MutualCase]]:
    """case_for's statement, built once per role, database and eager loads: every case page
    runs it (issue 14)."""
    return (
        visible_cases_template(role, dialect)
        .where(MutualCase.id == bindparam("case_id"))
        .options(*eager)
    )


def case_for(db: Session, user: User, case_id: int, eager: Sequence[ORMOption] = ()) -> MutualCase:
    """Load a case the user may see, or answer 404 (not 403: no hint that the case exists).
    ``eager`` loads what the page reads in the same query."""
    stmt = _one_case(user.role, _dialect(), tuple(eager))
    case = db.scalars(stmt, {"case_id": case_id, **viewer_params(user)}).unique().first()
    if case is None:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="mutual_case", object_id=case_id
        )
        db.commit()
        abort(404)
    return case
