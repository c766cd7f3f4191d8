"""Issue 13: closing asks for confirmation with a summary of what will happen before it locks
the case; "Go back and change" keeps what was typed; nothing is locked before confirming."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from models import AuditEvent, CaseEvent, MutualCase, SocialWorker
from models.enums import LinkState, ShareScope, Stage
from models.operations.share_links import create_link, link_state
from models.share import ShareLink
from tests import factories as f
from tests.helpers import post_form
from tests.html import by_id, elements, field_value, text_of

ALL_FOUR = {
    "closure_route": "post_aid",
    "closed_on": "11/20/2026",
    "sw_notified_on": "2026-11-19",
    "indicator_end_on": "2026-11-23",
    "closure_note": "Over income since November.\nPAS from December.",
}


def _case_with_links(db, team, **kw):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, **kw)
    case.child_welfare_case.social_worker = SocialWorker(
        county_id=case.county_id, name="Dana Whitfield", email="dana@dfcs.example.org"
    )
    db.flush()
    f.make_plan(db, case)
    for name in ("Dana Whitfield", "Lee Park"):
        create_link(
            db,
            case,
            team["ana"].id,
            recipient_name=name,
            recipient_email="x@dfcs.example.org",
            days=30,
            scope=ShareScope.VIEW_DOWNLOAD,
        )
    db.commit()
    return case


def _send(client, case, data):
    url = f"/cases/{case.id}/close"
    return post_form(client, url, url, data)


def _fresh(db, case):
    db.expire_all()
    return db.get(MutualCase, case.id)


def _events(db, case):
    """The case's history besides making the links."""
    stmt = select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action != "share_create")
    return list(db.scalars(stmt))


def _hidden(html):
    return {
        e.get("name"): e.get("value") for e in elements(html, "#close-confirm input[type=hidden]")
    }


def test_all_four_show_the_summary_and_nothing_is_saved_or_locked(client, auth, db, team):
    case = _case_with_links(db, team)
    auth.login("ana.ec@example.org")
    page = _send(client, case, ALL_FOUR)
    assert page.status_code == 200
    html = page.text
    assert text_of(html, "#confirm-heading") == "Check before you close the case"
    assert text_of(html, "#effect-lock").startswith(
        "The case is closed and read-only: nothing on its pages can be changed afterwards."
    )
    links = text_of(html, "#effect-links")
    assert links.startswith("2 working read-only links for the social worker end:")
    assert "Dana Whitfield" in links and "Lee Park" in links
    assert text_of(html, "#effect-plan").startswith(
        "The signed plan (version 1) ends with the case: no more weeks are tracked."
    )
    sw = text_of(html, "#effect-sw")
    assert "Tandem does not send the DFCS social worker a message" in sw
    assert "You record that you told Dana Whitfield on" in sw
    assert '<time datetime="2026-11-19">' in by_id(html, "effect-sw").inner_html
    assert '<time datetime="2026-11-23">' in by_id(html, "effect-indicator").inner_html
    assert "Post-aid services" in text_of(html, "#confirm-values")
    buttons = {b.get("value"): b.text for b in elements(html, "#close-confirm button")}
    assert buttons == {"confirm": "Close the case", "back": "Go back and change"}
    # What was typed travels as typed, the note with its line break.
    hidden = _hidden(html)
    assert hidden["closed_on"] == "11/20/2026" and hidden["sw_notified_on"] == "2026-11-19"
    assert hidden["closure_route"] == "post_aid"
    assert hidden["closure_note"] == ALL_FOUR["closure_note"]
    assert 'name="closed_on"' not in text_of(html, "#close-confirm")  # no form fields shown
    # Nothing saved, nothing locked, the links still work.
    case = _fresh(db, case)
    assert case.stage == Stage.PLAN_ACTIVE and case.closed_on is None and _events(db, case) == []
    for link in db.scalars(select(ShareLink)):
        assert link_state(link, case) == LinkState.ACTIVE
    actions = {a.action for a in db.scalars(select(AuditEvent))}
    assert "case_closed" not in actions and "case_closing" not in actions


def test_go_back_shows_the_form_with_what_was_typed(client, auth, db, team):
    case = _case_with_links(db, team)
    auth.login("ana.ec@example.org")
    summary = _send(client, case, ALL_FOUR).text
    back = dict(_hidden(summary), decision="back")
    page = client.post(f"/cases/{case.id}/close", data=back)
    assert page.status_code == 200
    html = page.text
    assert "close-confirm" not in html
    assert field_value(html, "closure_route") == "post_aid"
    assert field_value(html, "closed_on") == "11/20/2026"
    assert field_value(html, "sw_notified_on") == "2026-11-19"
    assert field_value(html, "indicator_end_on") == "2026-11-23"
    # (a textarea starts with a line break that browsers drop)
    assert field_value(html, "closure_note").lstrip("\r\n") == ALL_FOUR["closure_note"]
    assert elements(html, ".usa-error-message") == []  # nothing was wrong
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE and _events(db, case) == []
    # Changed and sent again: the summary shows the new date.
    again = _send(client, case, dict(ALL_FOUR, closed_on="11/21/2026")).text
    assert _hidden(again)["closed_on"] == "11/21/2026"


def test_confirming_closes_ends_the_links_and_they_stay_ended(client, auth, db, team):
    case = _case_with_links(db, team)
    auth.login("ana.ec@example.org")
    summary = _send(client, case, ALL_FOUR).text
    response = client.post(
        f"/cases/{case.id}/close", data=dict(_hidden(summary), decision="confirm")
    )
    assert response.status_code == 302
    case = _fresh(db, case)
    assert case.stage == Stage.CLOSED and case.closed_on == date(2026, 11, 20)
    assert case.closure_note == ALL_FOUR["closure_note"]
    links = list(db.scalars(select(ShareLink)))
    assert all(link.ended_with_case_at is not None for link in links)
    summaries = [e.summary for e in _events(db, case)]
    assert "Read-only link for Dana Whitfield ended with the case" in summaries
    assert "Read-only link for Lee Park ended with the case" in summaries
    assert summaries[-1] == "Stage: Closing → Closed"
    page = client.get(f"/cases/{case.id}/close").text
    assert "The case is closed." in page


def test_an_unsigned_plan_is_named_in_the_summary(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    f.make_plan(db, case, signed=False)
    db.commit()
    auth.login("ana.ec@example.org")
    html = _send(client, case, ALL_FOUR).text
    assert text_of(html, "#effect-plan") == (
        "Plan version 1 (Draft) was never signed: it ends with the case and can no longer be "
        "signed."
    )
    assert text_of(html, "#effect-links") == (
        "No read-only link for the social worker is working, so none ends."
    )
    assert "You record that you told the social worker on" in text_of(html, "#effect-sw")


def test_saving_with_facts_missing_needs_no_confirmation(client, auth, db, team):
    """Nothing is locked while facts are missing: the save goes straight to "Closing"."""
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    response = _send(client, case, dict(ALL_FOUR, indicator_end_on=""))
    assert response.status_code == 302
    assert _fresh(db, case).stage == Stage.CLOSING


def test_a_bad_date_is_shown_on_the_form_not_the_summary(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    html = _send(client, case, dict(ALL_FOUR, closed_on="12/01/2026")).text
    assert "close-confirm" not in html
    assert "cannot be after today" in text_of(html, "#closed_on-error")
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE


def test_orange_summary_words(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("oscar.ec@example.org")
    html = _send(client, case, ALL_FOUR).text
    assert "Tandem does not send the CFS social worker a message" in text_of(html, "#effect-sw")
    assert text_of(html, "#effect-indicator").startswith(
        "Date the mutual-client indicator was end-dated:"
    )
    assert "CalSAWS journal" not in html and "common case" not in html.lower()


def test_a_link_ends_on_the_countys_day_not_utcs(client, auth, db, team):
    case = _case_with_links(db, team)
    for link in db.scalars(select(ShareLink)):
        link.expires_at = datetime(2026, 12, 24, 3, 0, tzinfo=UTC)  # 7 PM on Dec 23, Pacific
    db.commit()
    auth.login("ana.ec@example.org")
    links = text_of(_send(client, case, ALL_FOUR).text, "#effect-links")
    assert "Dana Whitfield (until 12/23/2026)" in links and "12/24/2026" not in links
