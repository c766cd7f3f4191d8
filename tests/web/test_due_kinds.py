"""The remaining kinds of the one due list (issue 15): each appears in /due on its date (and as
the caseload's "Next due" when earliest), links to the page that resolves it, and leaves the list
once resolved; the kinds that move with the date alone are recounted by
`flask refresh-due-items --daily`, with the clock frozen."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from models import DueItem
from models.county import HolidayOverride
from models.enums import NoncomplianceStatus, ReunificationProgram, Stage
from models.people import Child
from models.programs import Referral, ReunificationRecord
from models.tracking import ChangeReport, TrackingEntry
from tests import factories as f
from tests.html import csrf_token, elements
from tests.web.test_due_items import due_of
from tests.web.wizard.noncompliance_helpers import act, make_episode


def rows(page: str) -> list[str]:
    return [" ".join(tr.text.split()) for tr in elements(page, "#due-items tbody tr")]


def listed(client, kind: str) -> list[tuple[str, str]]:
    """(row text, link to the page that resolves it) of each open item of one kind."""
    page = client.get(f"/due?kind={kind}").text
    links = [tr.select("td a")[-1].get("href") for tr in elements(page, "#due-items tbody tr")]
    return list(zip(rows(page), links, strict=True))


def daily(app, on: date) -> str:
    app.config["TODAY"] = on
    result = app.test_cli_runner().invoke(args=["refresh-due-items", "--daily"])
    assert result.exit_code == 0, result.output
    return result.output


SIGNED_TODAY = dict(  # signed Monday 11/23: no finished week to record yet
    period_start=date(2026, 11, 23),
    signed_client_at=datetime(2026, 11, 23, 18, tzinfo=UTC),
)


@pytest.fixture
def running(db, ec):
    case = f.case(db, ec, first="Rosa", last="Delgado", stage=Stage.PLAN_ACTIVE)
    db.commit()
    return case


def test_the_change_window_end_is_listed_until_the_window_passes(app, client, auth, db, running):
    f.make_plan(db, running, change_window_ends=date(2026, 11, 25), **SIGNED_TODAY)  # R-PL-04
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "change_window_end") == [
        (
            "Wed 11/25/2026 in 2 days Plan change window ends Rosa Delgado "
            "Amend the plan if the client asks: Rosa Delgado",
            f"/cases/{running.id}/plan",
        )
    ]
    caseload = client.get("/cases").text
    assert due_of(caseload, "Rosa Delgado").startswith("Plan change window ends: Wed 11/25/2026")
    daily(app, date(2026, 11, 25))
    assert len(listed(client, "change_window_end")) == 1  # the last day: still open
    assert "1 changed" in daily(app, date(2026, 11, 26))
    assert listed(client, "change_window_end") == []
    item = db.scalars(select(DueItem).where(DueItem.kind == "change_window_end")).one()
    assert item.resolved and item.resolved_on == date(2026, 11, 26)


def test_the_youngest_childs_sixth_birthday_is_due_until_the_hours_are_recounted(
    client, auth, db, ec
):
    case = f.case(db, ec, first="Tam", last="Tran", stage=Stage.PLAN_ACTIVE,
                  children=(date(2020, 12, 1), date(2018, 1, 9)))  # fmt: skip
    version = f.make_plan(db, case, requirement=20, **SIGNED_TODAY)  # R-HR-02, 20 hours
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "sixth_birthday") == [
        (
            "Tue 12/01/2026 in 8 days Youngest child turns 6: re-count the hours Tam Tran "
            "Re-count the hours: Tam Tran",
            f"/cases/{case.id}/plan",
        )
    ]
    assert due_of(client.get("/cases").text, "Tam Tran").startswith("Youngest child turns 6")
    child = db.scalars(select(Child).where(Child.birth_date == date(2020, 12, 1))).one()
    child.birth_date = date(2020, 12, 8)  # a corrected birth date moves it
    db.commit()
    assert listed(client, "sixth_birthday")[0][0].startswith("Tue 12/08/2026 in 15 days")
    version.requirement = 30  # the amendment re-counted the hours (R-HR-01)
    db.commit()
    assert listed(client, "sixth_birthday") == []


def test_a_cure_plan_is_due_on_its_completion_until_the_cure_is_recorded(
    app, client, auth, db, running
):
    episode = make_episode(db, running, status=NoncomplianceStatus.CURE_PLAN,
                           cure_plan_signed_on=date(2026, 11, 2),
                           cure_activity_ends_on=date(2026, 11, 20),
                           cure_complete_on=date(2026, 11, 20))  # fmt: skip
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "cure_end") == [
        (
            "Fri 11/20/2026 Overdue 3 days Cure complete Rosa Delgado "
            "Record the cure: Rosa Delgado",
            f"/cases/{running.id}/noncompliance/{episode.id}",
        )
    ]
    assert act(client, running, episode, "cured").status_code == 303  # R-NC-08
    assert listed(client, "cure_end") == []


def test_fr_services_end_and_redetermination_are_due_until_the_services_end(
    client, auth, db, running
):
    record = ReunificationRecord(case_id=running.id, program=ReunificationProgram.AB429,
                                 removed_on=date(2026, 10, 1), end_on=date(2027, 3, 30),
                                 extension_until=None, rd_due_on=date(2027, 4, 15))  # fmt: skip
    db.add(record)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{running.id}/programs"
    assert listed(client, "fr_services_end") == [
        (
            "Tue 03/30/2027 in 127 days Reunification services end Rosa Delgado "
            "End or extend the services: Rosa Delgado",
            url,
        )
    ]
    assert listed(client, "fr_redetermination")[0][0].startswith("Thu 04/15/2027 in 143 days")
    record.extension_until = date(2027, 6, 30)  # R-FR-04: extended for good cause
    db.commit()
    assert listed(client, "fr_services_end")[0][0].startswith("Wed 06/30/2027")
    token = csrf_token(client.get(url).text)
    ended = client.post(f"{url}/reunification/{record.id}/end", data={
        "csrf_token": token, f"fr-{record.id}-end-reason": "children_returned",
        f"fr-{record.id}-end-ended_on": "11/20/2026"})  # fmt: skip
    assert ended.status_code == 303
    assert listed(client, "fr_services_end") == listed(client, "fr_redetermination") == []


def test_an_open_fs_plan_is_due_on_its_end_until_the_referral_closes(client, auth, db, running):
    referral = Referral(case_id=running.id, program="fsp", referred_on=date(2026, 5, 4),
                        status="accepted", fs_plan_start=date(2026, 5, 4),
                        fs_plan_end=date(2026, 12, 3))  # fmt: skip
    db.add(referral)
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "fs_plan_end") == [
        (
            "Thu 12/03/2026 in 10 days Family stabilization plan ends Rosa Delgado "
            "Close or extend the FS plan: Rosa Delgado",
            f"/cases/{running.id}/programs",
        )
    ]
    referral.status = "closed"
    db.commit()
    assert listed(client, "fs_plan_end") == []


def test_a_significant_change_is_due_when_reported_until_re_evaluated(client, auth, db, running):
    f.make_plan(db, running, **SIGNED_TODAY)
    report = ChangeReport(case_id=running.id, kind="child_removed",
                          reported_on=date(2026, 11, 19))  # fmt: skip
    db.add(report)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{running.id}/changes"
    assert listed(client, "change_reevaluation") == [
        (
            "Thu 11/19/2026 Overdue 4 days Significant change to re-evaluate Rosa Delgado "
            "Re-evaluate participation: Rosa Delgado",
            url,
        )
    ]
    page = client.get("/cases").text
    assert due_of(page, "Rosa Delgado").startswith("Significant change to re-evaluate: Thu 11/19")
    done = client.post(f"{url}/{report.id}/resolve", data={
        "csrf_token": csrf_token(client.get(url).text),
        f"change-{report.id}-resolution": "no_change", f"change-{report.id}-note": "Temporary."})  # fmt: skip
    assert done.status_code == 303
    assert listed(client, "change_reevaluation") == []


def _entry(db, version, monday: date, **fields) -> TrackingEntry:
    entry = TrackingEntry(activity_id=version.activities[-1].id, week_start=monday,
                          scheduled_hours=15, attended_hours=15, **fields)  # fmt: skip
    db.add(entry)
    return entry


def test_last_weeks_attendance_is_due_monday_and_leaves_when_recorded(
    app, client, auth, db, running
):
    version = f.make_plan(db, running)  # signed 11/02: weeks from 11/02 are recorded
    _entry(db, version, date(2026, 11, 2), provider_verified=True)
    _entry(db, version, date(2026, 11, 9), provider_verified=True)
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "week_not_recorded") == [
        (
            "Mon 11/23/2026 Due today Last week's attendance not recorded Rosa Delgado "
            "Record the week: Rosa Delgado",
            f"/cases/{running.id}/track?week=2026-11-16",
        )
    ]
    assert due_of(client.get("/cases").text, "Rosa Delgado").startswith(
        "Last week's attendance not recorded: Mon 11/23/2026 Due today"
    )
    _entry(db, version, date(2026, 11, 16), provider_verified=True)  # recorded on the Track page
    db.commit()
    assert listed(client, "week_not_recorded") == []
    # Thanksgiving week (Thu 11/26, Fri 11/27 closed) is due the Monday after it, and the
    # recount moves on to it without keeping the week before as a backlog.
    daily(app, date(2026, 11, 29))
    assert listed(client, "week_not_recorded") == []  # Sunday: the week has not ended
    daily(app, date(2026, 11, 30))
    assert [row for row, _ in listed(client, "week_not_recorded")] == [
        "Mon 11/30/2026 Due today Last week's attendance not recorded Rosa Delgado "
        "Record the week: Rosa Delgado"
    ]


def test_a_monday_holiday_moves_last_weeks_attendance_to_tuesday(app, client, auth, db, running):
    version = f.make_plan(db, running, period_start=date(2026, 8, 3),
                          signed_client_at=datetime(2026, 8, 3, 18, tzinfo=UTC))  # fmt: skip
    db.commit()
    daily(app, date(2026, 9, 7))  # Labor Day, a county office holiday
    auth.login("ana.ec@example.org")
    assert listed(client, "week_not_recorded") == [
        (
            "Tue 09/08/2026 in 1 day Last week's attendance not recorded Rosa Delgado "
            "Record the week: Rosa Delgado",
            f"/cases/{running.id}/track?week=2026-08-31",
        )
    ]
    _entry(db, version, date(2026, 8, 31))
    db.commit()
    assert listed(client, "week_not_recorded") == []


def test_a_county_closure_added_on_a_monday_moves_the_item_at_once(client, auth, db, running):
    f.make_plan(db, running)  # Monday 11/23: last week due today
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "week_not_recorded")[0][0].startswith("Mon 11/23/2026 Due today")
    db.add(HolidayOverride(county_id=running.county_id, day=date(2026, 11, 23), closed=True,
                           name="Office closed"))  # fmt: skip
    db.commit()  # no daily recount needed: a calendar change recounts running plans
    assert listed(client, "week_not_recorded")[0][0].startswith("Tue 11/24/2026 in 1 day")


def test_hours_not_verified_two_weeks_after_their_week_are_due_until_verified(
    app, client, auth, db, running
):
    version = f.make_plan(db, running)
    old = _entry(db, version, date(2026, 11, 2))  # ended Sun 11/08
    _entry(db, version, date(2026, 11, 9))  # ended Sun 11/15
    _entry(db, version, date(2026, 11, 16), provider_verified=True)
    db.commit()
    auth.login("ana.ec@example.org")
    assert listed(client, "hours_unverified") == [
        (
            "Mon 11/23/2026 Due today Hours not verified after two weeks Rosa Delgado "
            "Verify the hours: Rosa Delgado",
            f"/cases/{running.id}/track?week=2026-11-02",
        )
    ]
    old.provider_verified = True  # verified on the Track page's week
    db.commit()
    assert listed(client, "hours_unverified") == []  # the next week is not two weeks old yet
    daily(app, date(2026, 11, 30))
    assert [link for _, link in listed(client, "hours_unverified")] == [
        f"/cases/{running.id}/track?week=2026-11-09"
    ]


def test_the_daily_recount_reads_only_cases_with_a_plan_running(app, db, ec):
    assert "every case" not in daily(app, date(2026, 11, 23))
    meeting = f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))
    db.commit()
    db.execute(DueItem.__table__.delete())
    db.commit()
    daily(app, date(2026, 11, 24))
    assert db.scalars(select(DueItem).where(DueItem.case_id == meeting.id)).all() == []
