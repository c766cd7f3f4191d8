"""A case from Identify to Close in real headless Chromium, as an EC works it, in each county: a
Santa Clara common case and an Orange mutual client (issue 13). The plan's totals change as the EC
types, without a page load (issue 3), the plan is signed (issue 4), and each page speaks the
county's words."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import MutualCase
from models.enums import Stage
from tests import factories as f
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser


SANTA_CLARA_AGENDA = (
    "strengths",
    "wtw_activities",
    "cw_activities",
    "expectations",
    "supportive_services",
    "next_steps",
)
ORANGE_AGENDA = ("expectations", "wtw_activities", "cw_activities", "supportive_services")


class CasePages:
    """Page object: each method is one thing the EC does."""

    def __init__(self, page, case_term: str = "common case", division: str = "DFCS") -> None:
        self.page, self.case_term, self.division = page, case_term, division

    def identify(self) -> None:
        self.page.get_by_role("link", name=f"Identify a new {self.case_term}").click()
        p = self.page
        p.get_by_label("Date identified").fill("2026-11-20")
        p.get_by_label("How the client was found").select_option("data_match")
        p.get_by_label("First name", exact=True).fill("Imani")
        p.get_by_label("Last name", exact=True).fill("Brooks")
        p.get_by_label("CalWORKs case number").fill("C5550001")
        p.get_by_label("Case number", exact=True).fill("DF-2026-0999")
        p.get_by_label("Child's first name").first.fill("Noah")
        p.locator("[name='children-0-birth_date']").fill("2018-06-01")  # 8 years old: 30 hours
        p.get_by_text("I checked both cases").click()  # USWDS styles the label, not the box
        p.get_by_role("button", name="Save", exact=True).click()
        p.wait_for_url(re.compile(r"/cases/\d+/assign$"))

    def assign(self, sw_name: str) -> None:
        self.page.get_by_label(f"{self.division} social worker's name").fill(sw_name)
        self.page.get_by_label("Social worker's email").fill("sw.kim@example.org")
        self.page.get_by_role("button", name="Save and assign").click()
        self.page.wait_for_url(re.compile(r"/cases/\d+/meeting$"))

    def schedule_meeting(self) -> None:
        """Schedule the meeting for Wednesday (a date ahead is what scheduling is for)."""
        p = self.page
        p.locator("[name='scheduled_date']").fill("2026-11-25")
        p.locator("[name='scheduled_time']").fill("10:00")
        p.get_by_role("button", name="Save the schedule").click()
        p.wait_for_load_state()
        expect(p.locator("#meeting-state")).to_contain_text("Scheduled for 11/25/2026 at 10:00 AM")

    def hold_meeting(self, agenda: tuple[str, ...] = SANTA_CLARA_AGENDA) -> None:
        """The meeting took place today, two days earlier than scheduled: record it as held."""
        p = self.page
        p.get_by_role("link", name="2. Record the meeting held").click()
        p.wait_for_url(re.compile(r"/cases/\d+/meeting/held$"))
        p.locator("[name='held_on']").fill("2026-11-23")
        for row in range(3):  # the worker, the social worker and the client were there
            p.locator(f"label[for='attendees-{row}-present']").click()
        for name in agenda:
            p.locator(f"label[for='agenda_{name}']").click()
        agreed = p.locator("[name='integration'][value='agreed']").get_attribute("id")
        p.locator(f"label[for='{agreed}']").click()
        p.get_by_role("button", name="Save the meeting record").click()
        p.wait_for_url(re.compile(r"/cases/\d+/plan$"))

    def totals(self, which: str) -> str:
        return self.page.locator(f"#totals-{which}").inner_text().strip()

    def type_activity(self, row: int, source: str, kind: str, name: str, hours: str) -> None:
        p = self.page
        if not p.locator(f"[name='activities-{row}-name']").count():
            # htmx binds the new row's listeners when the swap settles (20 ms after it shows):
            # a "Comes from" chosen before then sends no request for its kinds (a CI failure).
            p.evaluate(
                """() => { window.__rowsSettled = new Promise(done => document.body
                    .addEventListener("htmx:afterSettle", e => {
                        if (e.target.id === "activities") done(true); })); }"""
            )
            p.get_by_role("button", name="Add an activity").click()
            p.evaluate("() => window.__rowsSettled")
        p.locator(f"[name='activities-{row}-source']").select_option(source)
        p.wait_for_load_state("networkidle")  # the kinds that fit "Comes from" swap in (htmx)
        p.locator(f"[name='activities-{row}-kind']").select_option(kind)
        p.locator(f"[name='activities-{row}-name']").fill(name)
        p.locator(f"[name='activities-{row}-hours']").fill(hours)
        # What a signed plan must say about it (issue 13), in the details under the row.
        details = p.locator(f"#activity-{row} details")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        p.locator(f"[name='activities-{row}-provider_name']").fill("Gardner Family Care")
        p.locator(f"[name='activities-{row}-start_on']").fill("2026-12-01")
        p.locator(f"[name='activities-{row}-progress_standard']").fill("Attends every session.")

    def sign(self, client_name: str, worker_name: str) -> None:
        """Sign in the app: both names typed, both statements affirmed, stored as PDF/A."""
        p = self.page
        p.locator("[name='client_name']").fill(client_name)
        in_person = p.locator("[name='method'][value='in_person']").get_attribute("id")
        p.locator(f"label[for='{in_person}']").click()
        p.locator("label[for='client_intent']").click()
        p.locator("[name='worker_name']").fill(worker_name)
        p.locator("label[for='worker_intent']").click()
        p.get_by_role("button", name="Sign and store the plan").click()
        p.wait_for_url(re.compile(r"/cases/\d+/documents$"))
        expect(p.get_by_text(re.compile(r"Signed\. Stored WTW 2 TDM-WTW2-")).first).to_be_visible()

    def open_close(self) -> None:
        # The click resolves when the URL commits, before the page's fields exist: wait for them.
        self.page.get_by_role("link", name=re.compile("^Close")).click()
        self.page.wait_for_url(re.compile(r"/cases/\d+/close$"))
        self.page.wait_for_load_state()

    def close_by_transfer(self, on: str = "2026-11-23") -> None:
        """Transfer to a district office (R-CL-02, R-CL-04); what closing does is shown first and
        nothing is locked before the EC confirms (issue 13)."""
        p = self.page
        transfer = p.locator("[name='closure_route'][value='transfer']").get_attribute("id")
        p.locator(f"label[for='{transfer}']").click()
        for name in ("closed_on", "sw_notified_on", "indicator_end_on"):
            p.locator(f"[name='{name}']").fill(on)
        p.get_by_role("button", name=re.compile("Save|Close")).first.click()
        p.wait_for_load_state()
        expect(p.get_by_text("Check before you close the case")).to_be_visible()
        p.get_by_role("button", name="Close the case").click()
        p.wait_for_load_state()


def test_ec_walks_a_case_from_identify_to_close(page, db, team):
    ec = CasePages(page)
    sign_in(page, "ana.ec@example.org")
    ec.identify()
    ec.assign("Dana Kim")
    assert page.get_by_role("heading", name=re.compile("Joint meeting")).is_visible()
    ec.schedule_meeting()
    ec.hold_meeting()

    # The plan: totals recompute in place as the EC types (no navigation).
    page.evaluate("window.__sameDocument = true")
    assert ec.totals("requirement") == "30"
    ec.type_activity(0, "cfs", "parenting_class", "Parenting class and counseling", "15")
    expect(page.locator("#totals-needed")).to_have_text("15")
    expect(page.locator("#totals-short")).to_have_text("15")
    assert ec.totals("cw") == "15" and ec.totals("needed") == "15"  # never 45
    ec.type_activity(1, "wtw", "job_readiness", "Job club", "15")
    expect(page.locator("#totals-short")).to_have_text("0")
    assert ec.totals("total") == "30"
    assert page.evaluate("window.__sameDocument") is True  # still the same page
    page.locator("[name='sw_agreement_on']").fill("2026-11-23")
    page.get_by_role("button", name="Save and mark ready to sign").click()
    page.wait_for_url(re.compile(r"/cases/\d+/sign$"))  # on to signing (issue 13)
    assert page.get_by_text("Plan ready to sign", exact=False).first.is_visible()

    ec.sign("Imani Brooks", "Ana Reyes")

    # Close: DFCS case closed -> transfer to a district office (R-CL-02, R-CL-04).
    ec.open_close()
    ec.close_by_transfer()
    case = db.scalars(select(MutualCase)).one()
    db.refresh(case)
    assert case.stage == Stage.CLOSED
    page.goto(f"/cases/{case.id}/history")
    for summary in (
        "Case identified",
        "Stage: Confirmed common case → Assigned",
        "Plan version 1 signed",
        "→ Closed",
    ):
        assert page.get_by_text(summary, exact=False).first.is_visible(), summary
    assert page.problems == []


def test_ec_walks_an_orange_mutual_client_from_identify_to_close(page, db):
    """Orange: CFS and "mutual client" on every page, Orange's four agenda points, the social
    worker's agreement before signing (R-MT-07), and no SCD 1811 among the signed forms."""
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Ruiz")
    db.commit()
    ec = CasePages(page, case_term="mutual client", division="CFS")
    seen: list[str] = []

    def words_of_orange() -> None:
        text = page.locator("main").inner_text()
        seen.append(page.url)
        for other in ("DFCS", "common case", "Common Case", "1811"):
            assert other not in text, (other, page.url)

    sign_in(page, oscar.email)
    ec.identify()
    words_of_orange()
    ec.assign("Chris Lee")
    words_of_orange()
    ec.schedule_meeting()
    words_of_orange()
    ec.hold_meeting(ORANGE_AGENDA)
    words_of_orange()

    ec.type_activity(0, "cfs", "parenting_class", "Parenting class", "15")
    ec.type_activity(1, "wtw", "job_readiness", "Job club", "15")
    expect(page.locator("#totals-short")).to_have_text("0")
    assert ec.totals("cw") == "15" and ec.totals("total") == "30"
    page.locator("[name='sw_agreement_on']").fill("2026-11-23")
    words_of_orange()
    page.get_by_role("button", name="Save and mark ready to sign").click()
    page.wait_for_url(re.compile(r"/cases/\d+/sign$"))
    words_of_orange()
    ec.sign("Imani Brooks", "Oscar Ruiz")
    words_of_orange()

    ec.open_close()
    expect(page.get_by_label(re.compile("mutual-client indicator"))).to_have_count(1)
    words_of_orange()
    ec.close_by_transfer()
    case = db.scalars(select(MutualCase)).one()
    db.refresh(case)
    assert case.stage == Stage.CLOSED and case.indicator_end_on is not None
    page.goto(f"/cases/{case.id}/history")
    words_of_orange()
    assert page.get_by_text("Stage: Confirmed mutual client → Assigned").first.is_visible()
    assert len(seen) >= 9
    assert page.problems == []
