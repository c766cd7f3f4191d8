"""Issue 13, "Words", as the EC and the social worker see them in real Chromium: a Santa Clara
case reads "common case" on Identify, Close, Documents and Share (never "mutual"), dates read
MM/DD/YYYY, the 1811 A dates are date inputs like every other date field, and the signed forms
carry one named fingerprint; the social worker's page writes its dates one way."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.browser.pages import sign_in
from tests.web.wizard.test_words import OTHER_COUNTYS_WORDS, WORDY_DATE

pytestmark = pytest.mark.browser


def _seen(page) -> str:
    return page.inner_text("main")


def test_a_santa_clara_case_reads_its_countys_words_and_one_date_format(page, browser, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    sign_in(page, "ana.ec@example.org")
    for step in ("identify", "close", "documents", "share", "track"):
        page.goto(f"/cases/{case.id}/{step}")
        seen = _seen(page)
        assert OTHER_COUNTYS_WORDS["santa_clara"].findall(seen) == [], step
        assert WORDY_DATE.findall(seen) == [], step
    page.goto(f"/cases/{case.id}/identify")
    assert page.get_by_label("Why this person is not a common case").is_visible()
    page.goto(f"/cases/{case.id}/close")
    assert "end-date the “CalWORKs Common Case” journal entry in CalSAWS" in _seen(page)

    page.goto(f"/cases/{case.id}/documents")
    first_day = page.get_by_label("First day")
    assert first_day.get_attribute("type") == "date"  # shown month/day/year, like the hint
    fingerprint = page.locator(".tandem-signed-documents .tandem-fingerprint").first
    assert len(fingerprint.inner_text()) == 12
    assert "SHA-256" not in page.locator(".tandem-signed-documents").inner_text()

    page.goto(f"/cases/{case.id}/share")
    page.get_by_role("button", name="Make the link").click()
    url = page.get_by_label("Link for the social worker").input_value()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    sw = phone.new_page()
    sw.goto(url)
    shared = sw.inner_text("main")
    assert WORDY_DATE.findall(shared) == []
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", shared)  # e.g. the plan period, MM/DD/YYYY
    assert OTHER_COUNTYS_WORDS["santa_clara"].findall(shared) == []
    phone.close()


def test_orange_close_page_names_the_mutual_client_indicator_twice_the_same_way(page, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar)
    db.commit()
    sign_in(page, "oscar.ec@example.org")
    page.goto(f"/cases/{case.id}/close")
    seen = _seen(page)
    assert "end-date the mutual-client indicator" in seen
    assert page.get_by_label("Date the mutual-client indicator was end-dated").is_visible()
    assert OTHER_COUNTYS_WORDS["orange"].findall(seen) == []
