"""axe-core (WCAG 2.1 A/AA rules) finds nothing on the caseload, the new-case form and every step
of a case, including a form shown with its errors. Automated checks catch about a third of
problems; they keep the basics (labels, contrast, landmarks, names) from regressing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from models import Exemption, GoodCause, MutualCase
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
    lists, the prompt and the "ends on" forms are on the pages axe reads."""
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
        )
    )
    db.add(Exemption(case_id=case.id, kind="disability", start_on=TODAY - timedelta(days=1)))
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
        "plan",
        "track",
        "contacts",
        "changes",
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
