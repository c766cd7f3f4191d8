"""The county's office calendar (§e Q8), kept by its administrator: closures added, state
holidays kept open, changes removed; every working-day count of the county follows at once."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, DueItem
from models.county import HolidayOverride
from models.enums import DueKind, Role
from models.operations import due as due_operations
from models.operations.reference import ensure_reference_data
from tests import factories as f
from tests.html import by_id, csrf_token, elements, field_value, text_of

PAGE = "/admin/county/calendar"


@pytest.fixture
def admin(db):
    user = f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    db.commit()
    return user


def _post(client, action: str, data: dict[str, str], year: int = 2026):
    page = client.get(f"{PAGE}?year={year}").text
    return client.post(
        f"{PAGE}/{action}?year={year}", data={"csrf_token": csrf_token(page), **data}
    )


def _rows(html: str) -> list[str]:
    return [text_of(row) for row in elements(html, "#office-days tbody tr")]


def _meeting_due(db, case):
    db.expire_all()
    return db.scalars(
        select(DueItem.due_on).where(
            DueItem.case_id == case.id, DueItem.kind == DueKind.JOINT_MEETING
        )
    ).one()


def test_the_page_lists_the_state_holidays_and_the_countys_changes(client, auth, admin):
    auth.login(admin.email)
    page = client.get(f"{PAGE}?year=2026").text
    rows = _rows(page)
    assert any(r.startswith("Thu 11/26/2026 Thanksgiving") and "State calendar" in r for r in rows)
    juneteenth = next(r for r in rows if "06/19/2026" in r)
    assert "Santa Clara County closure" in juneteenth and "Remove this change" in juneteenth
    assert [a.text for a in elements(page, "nav[aria-label=Years] a")] == ["2027"]


def test_a_closure_moves_the_meeting_date_of_the_countys_cases(client, auth, db, admin, ec):
    case = f.case(db, ec, assigned_on=date(2026, 11, 30))  # Mon + 5 working days = Mon 12/07
    db.commit()
    assert _meeting_due(db, case) == date(2026, 12, 7)
    auth.login(admin.email)
    done = _post(client, "closures", {"closure-day": "12/02/2026", "closure-name": "Flood day"})
    assert done.status_code == 302
    assert _meeting_due(db, case) == date(2026, 12, 8)
    page = client.get(done.headers["Location"]).text
    assert "The offices are closed on Wed 12/02/2026 (Flood day)" in text_of(page)
    assert any("12/02/2026 Flood day Closed" in r for r in _rows(page))
    row = db.scalars(select(AuditEvent).where(AuditEvent.action == "office_calendar_change")).one()
    assert json.loads(row.detail) == {"day": "2026-12-02", "change": "closed", "name": "Flood day"}
    assert row.actor_user_id == admin.id


def test_keeping_a_state_holiday_open_and_removing_the_change(client, auth, db, admin, ec):
    case = f.case(db, ec, assigned_on=date(2026, 11, 20))  # Thanksgiving and the day after skipped
    db.commit()
    assert _meeting_due(db, case) == date(2026, 12, 1)
    auth.login(admin.email)
    page = client.get(f"{PAGE}?year=2026").text
    options = [o.get("value") for o in elements(page, "#keep-open option")]
    assert "2026-11-27" in options and "2026-06-19" not in options  # already a county change
    assert _post(client, "open", {"open-day": "2026-11-27", "year": "2026"}).status_code == 302
    assert _meeting_due(db, case) == date(2026, 11, 30)
    change = db.scalars(
        select(HolidayOverride).where(HolidayOverride.day == date(2026, 11, 27))
    ).one()
    assert change.closed is False
    removed = _post(client, f"changes/{change.id}/remove", {})
    assert removed.status_code == 302
    assert _meeting_due(db, case) == date(2026, 12, 1)
    actions = [
        json.loads(e.detail)["change"]
        for e in db.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "office_calendar_change")
            .order_by(AuditEvent.id)
        )
    ]
    assert actions == ["open", "removed"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the date as month/day/year"),
        ("31/12/2026", "Enter the date as month/day/year"),
        ("12/05/2026", "is a Saturday: the offices are closed already"),
        ("11/26/2026", "already closed: Thanksgiving"),
        ("06/19/2026", "already has a change (Juneteenth (county holiday)): remove it first"),
        ("03/02/2031", "The 2031 calendars are not loaded yet"),
    ],
)
def test_a_closure_that_cannot_be_added_says_why_next_to_the_day(
    client, auth, db, admin, typed, message
):
    auth.login(admin.email)
    refused = _post(client, "closures", {"closure-day": typed, "closure-name": "Board day"})
    assert refused.status_code == 200
    assert message in text_of(by_id(refused.text, "closure-day-error"))
    assert field_value(refused.text, "closure-name") == "Board day"  # what was typed stays
    assert field_value(refused.text, "closure-day") == typed
    assert db.scalar(select(HolidayOverride.id).where(HolidayOverride.name == "Board day")) is None


def test_a_closure_needs_a_name(client, auth, admin):
    auth.login(admin.email)
    refused = _post(client, "closures", {"closure-day": "12/02/2026", "closure-name": " "})
    assert "Name the closure" in text_of(by_id(refused.text, "closure-name-error"))


def test_another_countys_change_is_not_found_and_the_refusal_audited(client, auth, db, admin):
    orange = f.county(db, "orange")
    theirs = HolidayOverride(county_id=orange.id, day=date(2026, 12, 24), closed=True, name="Eve")
    db.add(theirs)
    db.commit()
    auth.login(admin.email)
    assert _post(client, f"changes/{theirs.id}/remove", {}).status_code == 404
    assert db.get(HolidayOverride, theirs.id) is not None
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).one()
    assert denied.object_type == "office_calendar" and denied.object_id == str(theirs.id)


def test_init_db_does_not_bring_back_a_seeded_closure_the_county_removed(db):
    county = f.county(db)
    seeded = db.scalars(
        select(HolidayOverride).where(
            HolidayOverride.county_id == county.id, HolidayOverride.day == date(2026, 6, 19)
        )
    ).one()
    db.delete(seeded)
    db.commit()
    ensure_reference_data(db)
    db.commit()
    assert (
        db.scalar(select(HolidayOverride.id).where(HolidayOverride.day == date(2026, 6, 19)))
        is None
    )


def test_a_countys_closure_counts_only_that_countys_cases_again(db, ec, monkeypatch):
    ours = f.case(db, ec)
    orange_ec = f.user(db, "oe.ec@example.org", county_code="orange")
    theirs = f.case(db, orange_ec, cfs_number="CW-900")
    db.commit()
    counted: list[set[int]] = []
    monkeypatch.setattr(
        due_operations, "refresh_cases", lambda db, ids, today=None: counted.append(set(ids))
    )
    db.add(HolidayOverride(county_id=ec.county_id, day=date(2026, 12, 2), closed=True, name="X"))
    db.commit()
    assert counted == [{ours.id}] and theirs.id not in counted[0]


def test_a_day_changed_by_someone_else_a_moment_ago_is_refused_not_a_crash(
    client, auth, db, admin, monkeypatch
):
    auth.login(admin.email)
    page = client.get(f"{PAGE}?year=2026").text
    # Another administrator adds the same day between this page's checks and its save.
    db.add(HolidayOverride(county_id=admin.county_id, day=date(2026, 12, 2), closed=True, name="Y"))
    db.commit()
    monkeypatch.setattr("blueprints.office_calendar._closure_problem", lambda *a: "")
    data = {"csrf_token": csrf_token(page), "closure-day": "2026-12-02", "closure-name": "Z"}
    refused = client.post(f"{PAGE}/closures?year=2026", data=data)
    assert refused.status_code == 200
    assert "changed by someone else a moment ago" in text_of(
        by_id(refused.text, "closure-day-error")
    )
    assert field_value(refused.text, "closure-name") == "Z"
