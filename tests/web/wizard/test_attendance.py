"""Track: a week of attendance (SCD/SCZ 1811 A) recorded as a plain form or a row at a time with
htmx; the totals, the month's average and what the social worker and the 1811 A see agree."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, TrackingEntry
from models.county import CountyProfile
from models.enums import Stage
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import HX
from tests.html import by_id, csrf_token, element, field_value, text_of

WEEK = date(2026, 11, 16)  # TODAY is Monday 2026-11-23: last week is the default
NAMES = ["Counseling", "Parenting class", "Visitation", "Job club"]  # 5 + 4 + 6 DFCS, 15 WTW


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    version = make_plan(db, case)
    db.commit()
    return case, version


def _url(case, week=WEEK, tail=""):
    return f"/cases/{case.id}/track/week/{week.isoformat()}{tail}"


def _week(hours, **extra):
    """Form data for the four rows: hours is a list of (attended, excused, reason) or None."""
    data = {}
    for index, row in enumerate(hours):
        data[f"rows-{index}-activity_id"] = str(extra.pop(f"id{index}"))
        data[f"rows-{index}-version"] = extra.pop(f"v{index}", "0")
        if row is not None:
            attended, excused, reason = row
            data[f"rows-{index}-attended"] = attended
            data[f"rows-{index}-excused"] = excused
            data[f"rows-{index}-reason"] = reason
    data.update(extra)
    return data


def _ids(version):
    return {f"id{i}": a.id for i, a in enumerate(version.activities)}


def _entries(db, version):
    db.expire_all()
    ids = [a.id for a in version.activities]
    rows = db.scalars(select(TrackingEntry).where(TrackingEntry.activity_id.in_(ids))).all()
    by_id = {a.id: a.name for a in version.activities}
    return {by_id[e.activity_id]: e for e in rows}


def _post(client, case, data, url=None, **kw):
    token = csrf_token(client.get(f"/cases/{case.id}/track").text)
    return client.post(url or _url(case), data={"csrf_token": token, **data}, **kw)


E33_LIKE = [("5", "", ""), ("0", "4", "provider_cancelled"), ("6", "", ""), ("15", "", "")]


def test_last_week_is_shown_prefilled_from_the_signed_plan(client, auth, active):
    case, version = active
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/track").text
    assert "Week of 11/16/2026 to 11/22/2026" in text_of(page, "#week-heading")
    grid = text_of(page, "table.tandem-attendance")
    for name, hours in zip(NAMES, ("5", "4", "6", "15"), strict=True):
        assert name in grid
        assert hours in text_of(page, f"#attendance-row-{version.activities[NAMES.index(name)].id}")
    assert field_value(page, "rows-0-attended") == ""  # nothing recorded: nothing pretends to be
    assert "not yet available" not in page


def test_saving_the_week_records_each_row_the_totals_and_the_history(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    response = _post(client, case, _week(E33_LIKE, **_ids(version)))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/track?week={WEEK.isoformat()}#attendance")
    rows = _entries(db, version)
    assert float(rows["Parenting class"].excused_hours) == 4
    assert rows["Parenting class"].absence_reason == "provider_cancelled"
    assert rows["Job club"].recorded_by_id == case.assigned_worker_id
    page = client.get(response.headers["Location"]).text
    assert "Attendance for the week of 11/16/2026 to 11/22/2026 saved." in page
    assert text_of(page, "#week-attended") == "26" and text_of(page, "#week-excused") == "4"
    assert text_of(page, "#week-countable") == "30" and text_of(page, "#week-short") == "0"
    assert "Counseling, Parenting class, Visitation, Job club" in text_of(page, "#week-unverified")
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "attendance")).one()
    assert event.summary == "Attendance, week of 11/16/2026"
    assert "4 excused (provider cancelled)" in event.changes
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "attendance_save")).first()


def test_a_blank_row_is_not_recorded(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    _post(client, case, _week([("5", "", ""), None, None, ("15", "", "")], **_ids(version)))
    assert set(_entries(db, version)) == {"Counseling", "Job club"}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter the hours as a number, for example 1.5."),
        ("-1", "Hours must be 0 or more."),
        ("169", "A week has only 168 hours."),
    ],
)
def test_bad_hours_are_refused_next_to_the_field_and_kept(client, auth, db, active, typed, message):
    case, version = active
    auth.login("ana.ec@example.org")
    rows = [(typed, "", ""), ("4", "", ""), ("6", "", ""), ("15", "", "")]
    response = _post(client, case, _week(rows, **_ids(version)))
    assert response.status_code == 200
    assert message in text_of(response.text, "#attendance-row-" + str(version.activities[0].id))
    assert field_value(response.text, "rows-0-attended") == typed
    assert field_value(response.text, "rows-3-attended") == "15"  # the rest of the typing stays
    assert "Not saved yet" in text_of(response.text, "#error-summary")
    assert _entries(db, version) == {}


def test_excused_hours_count_only_with_a_reason(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    rows = [("5", "", ""), ("0", "4", ""), ("6", "", ""), ("15", "", "")]
    page = client.get(_post(client, case, _week(rows, **_ids(version))).headers["Location"]).text
    assert text_of(page, "#week-countable") == "26" and text_of(page, "#week-short") == "4"
    assert "do not count until a reason is recorded" in text_of(page, "#week-findings")


def test_a_short_week_offers_the_next_step(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    rows = [("5", "", ""), ("4", "", ""), ("6", "", ""), ("7", "", "")]
    page = client.get(_post(client, case, _week(rows, **_ids(version))).headers["Location"]).text
    offer = by_id(page, "short-week-next-step")
    assert "This week is 8 hours short" in text_of(offer)
    link = next(a for a in offer.select("a") if "contact log" in text_of(a))
    form = client.get(link.attrs["href"]).text
    assert field_value(form, "note").strip() == "Week of 11/16/2026 to 11/22/2026: 8 hours short."
    assert "checked" in element(form, "input[value=wtw_participation]").attrs


def test_a_row_not_on_the_wtw2_adds_nothing(client, auth, db, active):
    case, version = active
    version.activities[3].on_wtw2 = False
    db.commit()
    auth.login("ana.ec@example.org")
    rows = [("5", "", ""), ("4", "", ""), ("6", "", ""), ("15", "", "")]
    page = client.get(_post(client, case, _week(rows, **_ids(version))).headers["Location"]).text
    assert text_of(page, "#week-countable") == "15"
    assert "does not count toward the hours" in text_of(
        page, f"#attendance-row-{version.activities[3].id}"
    )


def test_the_live_preview_answers_totals_only_and_saves_nothing(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    rows = [("5", "", ""), ("4", "", ""), ("6", "", ""), ("10", "", "")]
    response = _post(
        client, case, _week(rows, **_ids(version)), url=_url(case, tail="/preview"), headers=HX
    )
    assert response.status_code == 200 and "<html" not in response.text
    assert text_of(response.text, "#week-countable") == "25"
    assert text_of(response.text, "#week-short") == "5"
    assert _entries(db, version) == {}
    bad = _post(
        client,
        case,
        _week([("x", "", "")] + rows[1:], **_ids(version)),
        url=_url(case, tail="/preview"),
        headers=HX,
    )
    assert "Row 1: Enter the hours as a number" in text_of(bad.text)
    plain = _post(client, case, _week(rows, **_ids(version)), url=_url(case, tail="/preview"))
    assert plain.status_code == 303  # without htmx the preview sends the browser to the page


def test_a_row_saved_in_place_answers_the_row_and_the_totals(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    job_club = version.activities[3]
    row = {
        "rows-3-activity_id": str(job_club.id),
        "rows-3-version": "0",
        "rows-3-attended": "12",
        "rows-3-excused": "3",
        "rows-3-reason": "court",
        "rows-3-provider_verified": "y",
        "rows-3-verified_by": "M. Lee",
        "rows-3-verified_on": "11/23/2026",
    }
    response = _post(client, case, row, url=_url(case, tail=f"/row/{job_club.id}"), headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<tr")  # htmx swaps the row in place
    assert 'data-hx-swap-oob="innerHTML"' in response.text
    assert text_of(response.text, "#week-countable") == "15"
    entries = _entries(db, version)
    assert set(entries) == {"Job club"} and entries["Job club"].verified_by == "M. Lee"
    assert entries["Job club"].verified_on == date(2026, 11, 23)


def test_without_javascript_save_row_saves_only_that_row(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    data = _week(E33_LIKE, **_ids(version), save_row=str(version.activities[2].id))
    assert _post(client, case, data).status_code == 303
    assert set(_entries(db, version)) == {"Visitation"}


def test_a_row_someone_else_saved_meanwhile_is_not_overwritten(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    _post(client, case, _week(E33_LIKE, **_ids(version)))
    stale = _week([("1", "", ""), ("1", "", ""), ("1", "", ""), ("1", "", "")], **_ids(version))
    response = _post(client, case, stale)  # versions "0": shown before the first save
    assert response.status_code == 200
    assert "while you were editing. Nothing was saved." in text_of(response.text, "#week-problem")
    assert float(_entries(db, version)["Job club"].attended_hours) == 15
    assert field_value(response.text, "rows-3-attended") == "1"  # the typing stays
    again = {k: v for k, v in stale.items()}
    for index in range(4):  # the page now carries the current versions: a second save wins
        again[f"rows-{index}-version"] = field_value(response.text, f"rows-{index}-version")
    assert _post(client, case, again).status_code == 303
    assert float(_entries(db, version)["Job club"].attended_hours) == 1


def test_verification_needs_who_and_a_date_inside_the_week(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    data = _week(E33_LIKE, **_ids(version))
    data.update(
        {
            "rows-0-provider_verified": "y",
            "rows-1-provider_verified": "y",
            "rows-1-verified_by": "Clinic",
            "rows-1-verified_on": "11/10/2026",
        }
    )
    response = _post(client, case, data)
    assert response.status_code == 200
    assert "Say who at the provider verified the hours." in response.text
    assert "cannot have verified the hours before the week began (11/16/2026)" in response.text
    assert _entries(db, version) == {}


def test_weeks_not_yet_started_and_cases_without_a_signed_plan_are_refused(
    client, auth, db, team, active
):
    case, version = active
    auth.login("ana.ec@example.org")
    future = _post(
        client, case, _week(E33_LIKE, **_ids(version)), url=_url(case, date(2026, 11, 30))
    )
    assert future.status_code == 303
    assert "cannot be recorded before they begin" in client.get(future.headers["Location"]).text
    assert _entries(db, version) == {}
    note = client.get(f"/cases/{case.id}/track?week=2027-01-04").text
    assert "Weeks that have not started cannot be recorded" in note
    unsigned = f.case(db, team["ana"], stage=Stage.PLAN_PENDING_SIGNATURE)
    make_plan(db, unsigned, signed=False)
    db.commit()
    page = client.get(f"/cases/{unsigned.id}/track").text
    assert "Sign plan version 1 first." in text_of(page, "#attendance-needs-plan")


def test_a_closed_case_shows_its_weeks_and_changes_nothing(client, auth, db, active):
    case, version = active
    _post_as = client
    auth.login("ana.ec@example.org")
    _post(_post_as, case, _week(E33_LIKE, **_ids(version)))
    case.stage = Stage.CLOSED
    db.commit()
    page = client.get(f"/cases/{case.id}/track").text
    assert "cannot change" in text_of(page, "#week-read-only") and 'id="save-week"' not in page
    _post(client, case, _week([("1", "", "")] * 4, **_ids(version), v0="1", v1="1", v2="1", v3="1"))
    assert float(_entries(db, version)["Job club"].attended_hours) == 15


def test_thanksgiving_week_marks_the_county_holidays(client, auth, active):
    case, _version = active
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/track?week=2026-11-23").text
    closed = text_of(page, "#week-holidays")
    assert "Thanksgiving" in closed and "11/26/2026" in closed


def test_the_month_average_says_which_divisor_is_in_force(client, auth, db, active):
    case, version = active
    auth.login("ana.ec@example.org")
    full = [("5", "", ""), ("4", "", ""), ("6", "", ""), ("15", "", "")]
    for monday in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)):
        _post(client, case, _week(full, **_ids(version)), url=_url(case, monday))
    page = client.get(f"/cases/{case.id}/track?week=2026-11-16").text
    # November: 3 full weeks of 30 out of 30 days; Oct 26-Nov 1 and Nov 23-29 count as 0.
    assert text_of(page, "#month-average").startswith("21 hours a week")
    assert "the month's days ÷ 7, the proposed default" in text_of(page, "#month-divisor")
    county = db.get(CountyProfile, case.county_id)
    county.weeks_per_month = 4.33
    db.commit()
    page = client.get(f"/cases/{case.id}/track?week=2026-11-16").text
    assert text_of(page, "#month-average").startswith("20.79 hours a week")
    assert "divided by 4.33 weeks, the fixed divisor this county set" in text_of(
        page, "#month-divisor"
    )
    table = text_of(page, "#chart-table")
    assert "11/16/2026 30 Yes" in table and "10/26/2026 — Not recorded" in table


def test_the_social_worker_and_the_1811a_see_the_same_weekly_totals(client, auth, db, active):
    from models.enums import ShareScope
    from models.operations.share_links import create_link

    case, version = active
    version.activities[3].on_wtw2 = False  # the job club does not count: no one adds it
    db.commit()
    auth.login("ana.ec@example.org")
    _post(client, case, _week(E33_LIKE, **_ids(version)))
    _link, token = create_link(
        db,
        case,
        case.assigned_worker_id,
        recipient_name="Dana",
        recipient_email="d@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    shared = text_of(client.get(f"/s/{token}").text, "#share-weeks tbody")
    assert "11/16/2026 11 4 15 15" in shared  # attended, excused, countable, short of 30


def test_a_row_saved_in_place_carries_its_new_version_so_the_week_saves_after_it(
    client, auth, db, active
):
    case, version = active
    auth.login("ana.ec@example.org")
    parenting = version.activities[1]
    row = {
        "rows-1-activity_id": str(parenting.id),
        "rows-1-version": "0",
        "rows-1-attended": "4",
    }
    answer = _post(client, case, row, url=_url(case, tail=f"/row/{parenting.id}"), headers=HX)
    assert field_value(answer.text, "rows-1-version") == "1"
    assert field_value(answer.text, "rows-1-activity_id") == str(parenting.id)
    week = _week(E33_LIKE, **_ids(version), v1="1")
    assert _post(client, case, week).status_code == 303
    assert float(_entries(db, version)["Parenting class"].excused_hours) == 4
