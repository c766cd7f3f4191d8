"""The joint meeting in real headless Chromium (issue 13): two short pages, "Schedule the
meeting" and "Record the meeting held"; a meeting held earlier than planned, or never scheduled,
is recorded as held; Orange's page has no empty "Target date" heading."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import Meeting
from models.enums import Stage
from models.people import SocialWorker
from tests import factories as f
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser

# At 1280 wide, the single meeting page was about 5,000 px (Orange) and 5,500 px (Santa Clara).
SHORT = 2300


def _case(db, worker):
    case = f.case(db, worker)
    case.child_welfare_case.social_worker = SocialWorker(county_id=case.county_id, name="Dana Kim")
    db.commit()
    return case


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_orange_schedules_ahead_and_records_the_meeting_held_earlier(page, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = _case(db, oscar)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "oscar.ec@example.org")
    page.goto(f"/cases/{case.id}/meeting")
    expect(page.get_by_role("heading", name=re.compile("Target date"))).to_have_count(0)
    expect(page.locator("#meeting-due")).to_have_text(
        re.compile(r"^No target date: Orange County's procedure sets no day count")
    )
    assert _height(page) < SHORT

    page.locator("[name='scheduled_date']").fill("2026-11-30")  # next Monday
    page.locator("[name='scheduled_time']").fill("09:00")
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.locator("#meeting-state")).to_have_text(
        re.compile(
            r"Scheduled for 11/30/2026 at 9:00 AM \(County office\)\s+· not recorded as held"
        )
    )

    # The social worker was free today: the meeting took place a week early.
    page.get_by_role("link", name="2. Record the meeting held").click()
    page.wait_for_url(re.compile(r"/meeting/held$"))
    assert _height(page) < SHORT
    page.locator("[name='held_on']").fill("2026-11-23")
    page.get_by_text("Told the social worker the client must take part in WTW").click()
    page.get_by_text("Child-welfare case plan discussed and reviewed").click()
    page.get_by_role("button", name="Save the meeting record").click()
    page.wait_for_url(re.compile(r"/cases/\d+/plan$"))
    expect(page.get_by_text("Meeting held on 11/23/2026 recorded.")).to_be_visible()
    meeting = db.scalars(select(Meeting).where(Meeting.case_id == case.id)).one()
    db.refresh(case)
    db.refresh(meeting)
    assert case.stage == Stage.MEETING_HELD and meeting.held_on == date(2026, 11, 23)
    assert meeting.agenda_expectations and meeting.agenda_cw_activities
    assert page.problems == []


def test_santa_clara_records_a_meeting_held_on_the_spot_and_errors_stay_by_the_field(
    page, db, team
):
    case = _case(db, team["ana"])
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/meeting")
    expect(page.get_by_role("heading", name="Target date for the joint meeting")).to_be_visible()
    assert _height(page) < SHORT
    page.get_by_role("link", name="Already held? Record the meeting held").click()
    page.wait_for_url(re.compile(r"/meeting/held$"))
    assert _height(page) < SHORT + 300  # Santa Clara also asks the six topics (R-MT-04)

    page.locator("[name='held_on']").fill("2026-11-24")  # tomorrow: not done yet
    page.locator("[name='needs']").fill("Bus pass")
    page.get_by_role("button", name="Save the meeting record").click()
    expect(page.locator("#held_on-error")).to_have_text(
        "The date the meeting was held cannot be after today (11/23/2026)."
    )
    expect(page.locator("[name='needs']")).to_have_value("Bus pass")

    page.locator("[name='held_on']").fill("2026-11-23")
    page.get_by_role("button", name="Save the meeting record").click()
    page.wait_for_url(re.compile(r"/cases/\d+/plan$"))
    db.refresh(case)
    assert case.stage == Stage.MEETING_HELD
    assert page.problems == []
