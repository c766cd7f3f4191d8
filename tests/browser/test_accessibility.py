"""axe-core (WCAG 2.1 A/AA rules) finds nothing on the caseload, the new-case form and every step
of a case, including a form shown with its errors. Automated checks catch about a third of
problems; they keep the basics (labels, contrast, landmarks, names) from regressing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from models import Exemption, GoodCause, MutualCase, Participant
from models.demo.seed import load_demo
from models.enums import ShareScope
from models.operations.share_links import create_link
from tests.browser.pages import SignInPage
from tests.helpers import PASSWORD, TODAY

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def _good_cause_and_exemption(db, case) -> None:
    """A good cause in effect that asks for an exemption, and an exemption in effect, so the
    lists, the prompt, the "ends on" and "review done" forms are on the pages axe reads."""
    db.add(
        GoodCause(
            case_id=case.id,
            reason="illness",
            reasons='["illness", "family_crisis"]',
            start_on=TODAY - timedelta(days=3),
            end_on=TODAY + timedelta(days=40),
            decided_on=TODAY - timedelta(days=3),
            route="exemption_request",
            covers_half_month=True,
            next_review_on=TODAY + timedelta(days=27),
        )
    )
    db.add(
        Exemption(
            case_id=case.id,
            kind="disability",
            start_on=TODAY - timedelta(days=1),
            review_on=TODAY + timedelta(days=30),
        )
    )
    db.commit()


def test_every_wizard_page_passes_axe(page, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    case = db.scalars(
        select(MutualCase).where(MutualCase.stage == "plan_active").order_by(MutualCase.id)
    ).first()
    email = case.assigned_worker.email
    _good_cause_and_exemption(db, case)
    sign_in_page = SignInPage(page).open()
    assert _violations(page) == [], "sign-in"
    sign_in_page.sign_in_with_keyboard(email)
    page.wait_for_url("**/cases")
    found = {"caseload": _violations(page)}
    page.goto("/cases/new")
    found["new"] = _violations(page)
    page.get_by_role("button", name="Save", exact=True).click()  # empty: every error shown
    page.wait_for_load_state()
    found["new with errors"] = _violations(page)
    pages = (
        "identify",
        "assign",
        "meeting",
        "meeting/held",
        "plan",
        "track",
        "contacts",
        "calendar",
        "changes",
        "programs",
        "good-cause",
        "exemptions",
        "close",
        "history",
        "documents",
        "sign",
        "share",
    )
    for step in pages:
        page.goto(f"/cases/{case.id}/{step}")
        found[step] = _violations(page)
    page.goto(f"/cases/{case.id}/changes")  # a form shown with its errors
    page.get_by_role("button", name="Record the change").click()
    page.wait_for_load_state()
    found["changes with errors"] = _violations(page)
    page.goto(f"/cases/{case.id}/meeting/held")  # the meeting record shown with its errors
    page.locator("[name='held_on']").fill("2030-01-01")
    page.get_by_role("button", name="Save the meeting record").click()
    page.wait_for_load_state()
    found["meeting/held with errors"] = _violations(page)
    page.goto(f"/cases/{case.id}/programs")  # the FR form shown with its errors
    page.get_by_role("button", name="Record family reunification").click()
    page.wait_for_load_state()
    found["programs with errors"] = _violations(page)
    for step, button in (
        ("good-cause", "Record the good cause"),
        ("exemptions", "Record the exemption"),
    ):
        page.goto(f"/cases/{case.id}/{step}")
        page.get_by_role("button", name=button).click()
        page.wait_for_load_state()
        found[f"{step} with errors"] = _violations(page)
    page.goto(f"/cases/{case.id}/track")
    page.get_by_label("Hours attended").first.fill("abc")
    page.get_by_role("button", name="Save the week").click()
    page.wait_for_load_state()
    found["track with errors"] = _violations(page)
    page.goto("/documents/verify")
    found["verify"] = _violations(page)
    page.goto("/due")  # the due list (issue 15), and its filters shown with an error
    found["due"] = _violations(page)
    page.goto("/due?when=someday")
    found["due with errors"] = _violations(page)
    _link, token = create_link(
        db,
        case,
        case.assigned_worker_id,
        recipient_name="Dana Kim",
        recipient_email="dana.kim@example.org",
        days=30,
        scope=ShareScope.VIEW_DOWNLOAD,
    )
    db.commit()
    page.goto(f"/s/{token}")
    found["social worker's page"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []


def test_noncompliance_pages_and_the_sanction_review_pass_axe(page, db):
    """The demo's open NA 840 (Orange, a CFS gate still closed): the list, the episode with its
    small forms, the opening form with its errors; then the supervisor's review queue."""
    from models import NoncomplianceEpisode
    from models.enums import NoncomplianceStatus
    from tests.browser.pages import sign_in

    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    episode = db.scalars(select(NoncomplianceEpisode)).first()
    case = db.get(MutualCase, episode.case_id)
    sign_in(page, case.assigned_worker.email)
    found = {}
    page.goto(f"/cases/{case.id}/noncompliance")
    found["noncompliance"] = _violations(page)
    page.get_by_role("button", name="Record the notice").click()
    page.wait_for_load_state()
    found["noncompliance with errors"] = _violations(page)
    page.goto(f"/cases/{case.id}/noncompliance/{episode.id}")
    found["episode"] = _violations(page)
    page.get_by_role("button", name="Withdraw this noncompliance").click()  # no reason: error
    page.wait_for_load_state()
    found["episode with errors"] = _violations(page)
    episode.status = NoncomplianceStatus.SANCTION_REVIEW
    supervisor = case.supervisor or case.assigned_worker.supervisor
    db.commit()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, supervisor.email)
    page.goto("/review/sanctions")
    assert case.participant.last_name in page.content()
    found["sanction review"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []


def test_reunification_and_stabilization_with_records_pass_axe(page, db):
    """The demo's AB 429 record (Herrera, E26) with its extension and end forms, and the FSP
    referral (Lusk, E29) with its form; the first test sees an Orange case with neither."""
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    found = {}
    for last_name in ("Herrera", "Lusk"):
        case = db.scalars(
            select(MutualCase)
            .join(MutualCase.participant)
            .where(Participant.last_name == last_name)
        ).one()
        page.context.clear_cookies()
        SignInPage(page).open().sign_in_with_keyboard(case.assigned_worker.email)
        page.wait_for_url("**/cases")
        page.goto(f"/cases/{case.id}/programs")
        found[last_name] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []


def test_close_confirmation_closed_case_and_reopen_pass_axe(page, db):
    """Issue 13: the summary read before closing, the closed case with its reopen note, and the
    supervisor's reopen page, empty and with its error."""
    from tests.browser.pages import sign_in

    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    case = db.scalars(
        select(MutualCase).where(MutualCase.stage == "plan_active").order_by(MutualCase.id)
    ).first()
    supervisor = case.supervisor or case.assigned_worker.supervisor
    sign_in(page, case.assigned_worker.email)
    found = {}
    page.goto(f"/cases/{case.id}/close")
    transfer = page.locator("[name='closure_route'][value='transfer']").get_attribute("id")
    page.locator(f"label[for='{transfer}']").click()
    for name in ("closed_on", "sw_notified_on", "indicator_end_on"):
        page.locator(f"input[name={name}]").fill("2026-11-20")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator("#close-confirm").wait_for()
    found["close confirmation"] = _violations(page)
    page.get_by_role("button", name="Close the case").click()
    page.locator("#reopen-note").wait_for()
    found["closed case"] = _violations(page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, supervisor.email)
    page.goto(f"/cases/{case.id}/reopen")
    found["reopen"] = _violations(page)
    page.get_by_role("button", name="Reopen the case").click()  # no reason: its error
    page.locator("#reason-error").wait_for()
    found["reopen with errors"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []


def test_second_factor_pages_pass_axe(app, page, db):
    """Setting up the app at sign-in (a supervisor, required), shown with its error; the
    recovery codes; the account page with the factor on; the code page, with its error; the
    accounts page with a reset button."""
    import re

    import pyotp

    from models.enums import Role
    from tests import factories as f

    app.config["MFA_ENFORCED"] = True  # as in a county's installation
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Supervisor")
    f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    db.commit()
    found = {}
    SignInPage(page).open().sign_in_with_keyboard(sup.email)
    page.wait_for_url("**/login/set-up")
    found["set up"] = _violations(page)
    page.get_by_role("button", name="Turn on the second factor").click()
    page.wait_for_load_state()
    found["set up with errors"] = _violations(page)
    secret = re.sub(r"\s", "", page.locator("#setup-key").inner_text())
    totp = pyotp.TOTP(secret)
    page.get_by_label("6-digit code from the app").fill(totp.now())
    page.get_by_role("button", name="Turn on the second factor").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    found["recovery codes"] = _violations(page)
    page.goto("/account")
    found["account"] = _violations(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    SignInPage(page).open().sign_in_with_keyboard(sup.email)
    page.wait_for_url("**/login/code")
    found["code"] = _violations(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    found["code with errors"] = _violations(page)
    page.get_by_role("button", name="Cancel and go back to the sign-in page").click()
    page.wait_for_url("**/login")
    app.config["MFA_ENFORCED"] = False  # the administrator signs in with a password only
    SignInPage(page).open().sign_in_with_keyboard("ada.admin@example.org")
    page.wait_for_url("**/admin/users")
    assert page.get_by_role("button", name="Reset the second factor of Sam Supervisor").count()
    found["accounts"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []


def test_the_administrators_pages_pass_axe(page, db):
    """The accounts page and the audit trail search with rows, pages and its CSV link, then with
    a message next to a field."""
    from datetime import UTC, datetime

    from models import AuditEvent, User
    from models.enums import Role

    load_demo(db, password=PASSWORD, today=TODAY)
    admin = db.scalars(select(User).where(User.role == Role.ADMIN).order_by(User.id)).first()
    worker = db.scalars(
        select(User).where(User.role == Role.EC, User.county_id == admin.county_id)
    ).first()
    noon = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    for minute in range(60):
        at = noon - timedelta(minutes=minute)
        db.add(AuditEvent(at=at, action="case_view", actor_user_id=worker.id, ip="10.0.0.7"))
    db.commit()
    SignInPage(page).open().sign_in_with_keyboard(admin.email)
    page.wait_for_url("**/admin/users")
    found = {"accounts": _violations(page)}
    page.get_by_role("link", name="Audit trail").click()
    page.wait_for_url("**/admin/audit")
    assert page.get_by_role("link", name="Next").count() == 1
    found["audit trail"] = _violations(page)
    page.get_by_label("Case ID").fill("12a")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "digits only" in page.content()
    found["audit trail with errors"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []


def test_the_supervisors_unit_page_and_its_lists_pass_axe(page, db):
    """Issue 15: the unit page (counts per worker, a totals row), a list behind a count, and
    the due list narrowed to one worker."""
    from tests.browser.pages import sign_in

    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    case = db.scalars(
        select(MutualCase).where(MutualCase.stage == "plan_active").order_by(MutualCase.id)
    ).first()
    supervisor = case.supervisor or case.assigned_worker.supervisor
    sign_in(page, supervisor.email)
    found = {}
    page.goto("/unit")
    assert case.assigned_worker.name in page.content()
    found["unit"] = _violations(page)
    page.goto(f"/unit/cases?show=open&worker={case.assigned_worker_id}")
    assert case.participant.last_name in page.content()
    found["unit cases"] = _violations(page)
    page.goto(f"/due?worker={case.assigned_worker_id}")
    found["due for one worker"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []
