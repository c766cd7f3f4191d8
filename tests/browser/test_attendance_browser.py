"""An EC records last week's attendance in Chromium: the totals change as she types, a row saved
in place stays saved, and the live region is updated, not replaced (issue 10)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import TrackingEntry
from models.enums import Stage
from tests import factories as f
from tests.browser.pages import sign_in
from tests.factories import make_plan

pytestmark = pytest.mark.browser


class WeekPage:
    """Page object: the Track step's week, one method per thing the EC does."""

    def __init__(self, page, case_id: int) -> None:
        self.page, self.case_id = page, case_id

    def open(self) -> WeekPage:
        self.page.goto(f"/cases/{self.case_id}/track")
        return self

    def type_hours(self, activity: str, attended: str, excused: str = "") -> None:
        self.page.get_by_label(f"Hours attended, {activity}").fill(attended)
        if excused:
            self.page.get_by_label(f"Hours excused, {activity}").fill(excused)

    def choose_reason(self, activity: str, reason: str) -> None:
        self.page.get_by_label(f"Why excused, {activity}").select_option(label=reason)

    def save_row(self, activity: str) -> None:
        self.page.get_by_role("button", name=f"Save row {activity}").click()

    def countable(self):
        return self.page.locator("#week-countable")


def test_an_ec_records_a_week_and_sees_the_totals_follow(page, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    version = make_plan(db, case)
    db.commit()
    sign_in(page, "ana.ec@example.org")
    week = WeekPage(page, case.id).open()
    expect(page.locator("#week-heading")).to_have_text("Week of 11/16/2026 to 11/22/2026")
    region = page.locator("#week-totals")
    region.evaluate("el => { el.dataset.original = 'yes' }")  # to tell a swap from a replace

    week.type_hours("Counseling", "5")
    week.type_hours("Job club", "15")
    expect(week.countable()).to_have_text("20")
    expect(page.locator("#week-short")).to_have_text("10")
    week.type_hours("Parenting class", "0", "4")
    expect(page.locator("#week-findings")).to_contain_text("do not count until a reason")
    week.choose_reason("Parenting class", "Provider cancelled")
    expect(week.countable()).to_have_text("24")
    assert region.evaluate("el => el.dataset.original") == "yes"  # the live region stayed

    said = page.locator("#week-row-status")  # the row is replaced: what it says is out here
    said.evaluate("el => { el.dataset.original = 'yes' }")
    week.save_row("Parenting class")
    row = page.locator(f"#attendance-row-{version.activities[1].id}")
    expect(row.locator(".tandem-row-status")).to_contain_text("saved")
    expect(said).to_contain_text("Parenting class: ")
    assert said.evaluate("el => el.dataset.original") == "yes"
    assert region.evaluate("el => el.dataset.original") == "yes"
    db.expire_all()
    saved = db.scalars(select(TrackingEntry)).all()
    assert [(float(e.excused_hours), e.absence_reason) for e in saved] == [
        (4, "provider_cancelled")
    ]

    week.type_hours("Visitation", "6")
    page.get_by_role("button", name="Save the week").click()
    expect(
        page.get_by_text("Attendance for the week of 11/16/2026 to 11/22/2026 saved.")
    ).to_be_visible()
    expect(week.countable()).to_have_text("30")
    expect(page.locator("#chart-table")).to_contain_text("30")
    assert page.problems == []


def test_a_row_that_cannot_be_saved_says_why_in_the_row(page, db, team):
    """htmx 2 does not swap a 4xx answer by default: "Save row" with hours that make no sense
    used to show nothing at all. The row comes back with the message next to the field, the
    typed value kept, and nothing is saved."""
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    version = make_plan(db, case)
    db.commit()
    sign_in(page, "ana.ec@example.org")
    week = WeekPage(page, case.id).open()
    week.type_hours("Counseling", "abc")
    week.save_row("Counseling")
    row = page.locator(f"#attendance-row-{version.activities[0].id}")
    expect(row.locator(".usa-error-message").first).to_be_visible()
    expect(page.get_by_label("Hours attended, Counseling")).to_have_value("abc")
    db.expire_all()
    assert db.scalars(select(TrackingEntry)).all() == []
