"""Hostile values posted to every form and htmx endpoint (property-based, hypothesis): never a 500
nor a traceback, and never a partial write.

Each POST route gets a fresh database with a case of Ana's that has something of everything
(a signed plan with activities, a social worker, a share link, an open change, good cause,
exemption, noncompliance, family reunification). The route's form is read from the page that
carries it (its field names, what a browser would send, the choices offered); hypothesis then
sends that form with fields replaced by hostile values, dropped, repeated, renamed, or nothing
at all, with a valid CSRF token, with and without the htmx header. A response that is not a
success (a redirect, or an htmx fragment that saved in place) must leave the case's tables
exactly as they were: nothing half-saved. The audit trail and drafts may be written by any
request, so they are left out of the comparison.

Reproducible: derandomize=True (the same examples on every run) and no example database."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import (
    CalendarEntry,
    ChangeReport,
    Exemption,
    GoodCause,
    NoncomplianceEpisode,
    OutboxMessage,
    PlanActivity,
    ReunificationRecord,
)
from models.enums import (
    IntegrationConsent,
    NoncomplianceStatus,
    PlanStatus,
    ReunificationProgram,
    Role,
    ShareScope,
    Stage,
)
from models.operations.share_links import create_link
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import Auth
from tests.web.access_matrix import MATRIX
from tests.web.fuzz_forms import (
    FormSpec,
    find_forms,
    fingerprint,
    path_pattern,
    payloads,
    post,
    token_of,
)
from tests.web.mfa_steps import code, enrolled, send_code

# sessions and throttles.
MAY_CHANGE = {"audit_event", "step_draft", "user_session", "rate_limit_hit"}
# htmx endpoints that save in place and answer 200 with the saved fragment.
SAVES_IN_PLACE = {"/cases/<int:case_id>/track/week/<isodate:monday>/row/<int:activity_id>"}
# Pages that answer a save with 200 and show what was made (a share link is shown only once).
SAVED_PAGE = {
    "/cases/<int:case_id>/share": 'id="new-link"',
    "/account/calendar-feed": 'id="feed-url-shown"',  # a feed address is shown only once
}
# Routes with no field besides the CSRF token (their button's form is found or not: no matter).
NO_FIELDS = {
    "/admin/users/<int:user_id>/disable",
    "/admin/users/<int:user_id>/enable",
    "/cases/<int:case_id>/<any(identify,assign,meeting,meeting_held,plan,close):step>/draft/discard",
    "/cases/<int:case_id>/duplicates/<int:other_id>/dismiss",
    "/cases/<int:case_id>/plan/amend",
    "/cases/<int:case_id>/share/<int:link_id>/revoke",
    "/account/calendar-feed/revoke",
    "/cases/new/draft/discard",
    "/logout",
}
# The matrix leaves out /login (the POST twin of the sign-in page); it is fuzzed too.
POST_PATHS = sorted({path for method, path in MATRIX if method == "POST"} | {"/login"})
EXAMPLES = 30
SLOW = {"/cases/<int:case_id>/sign": 12, "/documents/verify": 15}  # PDFs are built or read


# --- The world each route test starts from ---------------------------------------------------


@pytest.fixture
def world(db, team):
    ana, sam = team["ana"], team["sup"]
    admin = f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    case = f.shared_case(db, ana)
    case.integration_consent = IntegrationConsent.AGREED  # so the FSP referral form is shown
    other = f.case(db, ana, first="Rosa", last="Delgado", cw_number="C7654399")
    # The plan step takes a draft plan after the meeting; signing takes a plan ready to sign.
    draft_case = f.case(db, ana, first="Luz", last="Ortega", stage=Stage.MEETING_HELD,
                        cw_number="C1111111")  # fmt: skip
    make_plan(db, draft_case, signed=False)
    # Reopening takes a case closed (by mistake) from an active plan.
    closed_case = f.case(db, ana, first="Nora", last="Quinn", stage=Stage.CLOSED,
                         cw_number="C3333333")  # fmt: skip
    closed_case.closing_from, closed_case.closed_on = Stage.PLAN_ACTIVE, date(2026, 11, 20)
    ready_case = f.case(db, ana, first="Ines", last="Moreno", cw_number="C2222222",
                        stage=Stage.PLAN_PENDING_SIGNATURE)  # fmt: skip
    make_plan(db, ready_case, signed=False, status=PlanStatus.AGREED_WITH_SW,
              sw_agreement_on=date(2026, 11, 20))  # fmt: skip
    today = date(2026, 11, 23)
    db.add_all(
        [
            GoodCause(case_id=case.id, reason="court_dates", start_on=today - timedelta(days=7),
                      end_on=today + timedelta(days=11), decided_on=today - timedelta(days=7),
                      next_review_on=today + timedelta(days=3)),
            Exemption(case_id=case.id, kind="pregnancy", start_on=date(2026, 11, 1),
                      review_on=date(2027, 2, 14)),
            ChangeReport(case_id=case.id, kind="housing", reported_on=date(2026, 11, 19),
                         description="Moved in with her sister"),
            CalendarEntry(case_id=case.id, kind="visitation", agency="cw", on=today,
                          repeats_weekly=True, repeat_until=today + timedelta(weeks=4)),
            ReunificationRecord(case_id=case.id, program=ReunificationProgram.AB429,
                                removed_on=date(2026, 9, 1), start_on=date(2026, 9, 1),
                                end_on=date(2027, 2, 28), rd_due_on=date(2027, 3, 1)),
        ]
    )  # fmt: skip
    episode = NoncomplianceEpisode(
        case_id=case.id,
        trigger="not_participating",
        notice_type="NA840",
        notice_issued_on=date(2026, 11, 10),
        missed_on=date(2026, 11, 9),
        activity_name="Parenting class",
        about_cfs_activity=True,
        status=NoncomplianceStatus.OPEN,
    )
    review = NoncomplianceEpisode(
        case_id=other.id,
        trigger="not_participating",
        notice_type="NA840",
        notice_issued_on=date(2026, 10, 1),
        missed_on=date(2026, 9, 30),
        status=NoncomplianceStatus.SANCTION_REVIEW,
    )
    db.add_all([episode, review])
    message = OutboxMessage(case_id=case.id, to_address="dana.kim@example.org", kind="plan_signed",
                            subject="Plan signed · DFCS case CW-100", body="Hello", state="held",
                            discard_after=datetime(2027, 11, 23, tzinfo=UTC))  # fmt: skip
    db.add(message)
    create_link(db, case, ana.id, recipient_name="Dana Kim", recipient_email="dana@example.org",
                days=30, scope=ShareScope.VIEW_DOWNLOAD)  # fmt: skip
    db.commit()
    activity = db.query(PlanActivity).order_by(PlanActivity.id).first()
    return {
        "ec": ana,
        "supervisor": sam,
        "admin": admin,
        "case": case,
        "draft_case": draft_case,
        "ready_case": ready_case,
        "closed_case": closed_case,
        "other": other,
        "episode": episode,
        "message": message,
        "review": review,
        "activity": activity,
        "ben": team["ben"],
    }


# Routes whose form shows on another case than the one with something of everything.
CASE_FOR = {
    "/cases/<int:case_id>/plan": "draft_case",
    "/cases/<int:case_id>/plan/preview": "draft_case",
    "/cases/<int:case_id>/plan/kind": "draft_case",
    "/cases/<int:case_id>/sign": "ready_case",
    "/cases/<int:case_id>/reopen": "closed_case",
}


def fill(path: str, world: dict) -> str:
    """A concrete URL of a rule, on the world's records (the page that carries the form may
    offer another one, e.g. the week it shows: find_form reads it from there)."""
    episode = world["review" if path.startswith("/review/") else "episode"].id
    case = world[CASE_FOR.get(path, "case")]
    url = path.replace("<int:case_id>", str(case.id))
    url = url.replace("<int:other_id>", str(world["other"].id))
    url = url.replace("<int:user_id>", str(world["ben"].id))
    url = url.replace("<int:episode_id>", str(episode))
    url = url.replace("<int:activity_id>", str(world["activity"].id))
    url = url.replace("<isodate:monday>", "2026-11-16")
    if "message" in world:
        url = url.replace("<int:message_id>", str(world["message"].id))
    for name in ("change_id", "exemption_id", "good_cause_id", "record_id", "link_id", "entry_id"):
        url = url.replace(f"<int:{name}>", "1")
    return re.sub(r"<any\([^)]*\):step>", "plan", url)


def role_for(path: str) -> str:
    """Who can reach the route's form: the EC if allowed, else a supervisor, else an admin."""
    row = MATRIX.get(("POST", path), {"anonymous": 200})
    if row["anonymous"] not in (302, 401, 403):
        return "anonymous"
    return next(r for r in ("ec", "supervisor", "admin") if row[r] != 403)


def pages_to_read(url: str, world: dict) -> list[str]:
    """The page a POST most likely comes from (its address with the last parts taken off),
    then every page that carries forms."""
    parts = url.rstrip("/").split("/")
    guesses = ["/".join(parts[:n]) for n in range(len(parts), 1, -1)]
    case = parts[2] if url.startswith("/cases/") and parts[2].isdigit() else world["case"].id
    steps = ["identify", "assign", "meeting", "plan", "track", "contacts", "changes", "programs",
             "good-cause", "exemptions", "noncompliance", f"noncompliance/{world['episode'].id}",
             "close", "share", "sign", "documents", "messages"]  # fmt: skip
    others = [f"/cases/{case}/{s}" for s in steps]
    others += ["/cases/new", "/cases", "/account", "/documents/verify", "/review/sanctions",
               "/admin/users", "/login"]  # fmt: skip
    return guesses + others


def forms_for(client, path: str, world: dict) -> tuple[list[FormSpec], str, str]:
    """The route's forms as the first page that shows them has them, its CSRF token and the
    page's address."""
    pattern = path_pattern(path)
    token = ""
    for page_url in pages_to_read(fill(path, world), world):
        response = client.get(page_url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        token = token or token_of(response.text)
        specs = find_forms(response.text, pattern)
        if specs:
            return specs, token_of(response.text) or token, page_url
    return [FormSpec(fill(path, world), [], False)], token, ""  # no page shows it


def sign_in(client, role: str, world: dict) -> None:
    if role != "anonymous":
        response = Auth(client).login(world[role].email)
        assert response.status_code == 302, f"{role} could not sign in"


# The second factor's forms show only in a state of their own: a sign-in waiting for its code
# or for an app to be set up, or an account (or, for the reset, a colleague) with the factor on.
MFA_STATE = {
    "/login/code": "code",
    "/login/set-up": "set_up",
    "/account/second-factor/off": "enrolled",
    "/account/second-factor/recovery-codes": "enrolled",
    "/admin/users/<int:user_id>/second-factor/reset": "colleague",
}


def prepare_second_factor(app, client, db, world: dict, path: str) -> None:
    state = MFA_STATE[path]
    auth = Auth(client)
    if state == "colleague":
        enrolled(db, world["ben"])
        sign_in(client, "admin", world)
    elif state == "set_up":
        app.config["MFA_ENFORCED"] = True  # a supervisor must set an app up at sign-in
        assert auth.login(world["supervisor"].email).headers["Location"] == "/login/set-up"
    else:
        secret, _codes = enrolled(db, world["ec"])
        assert auth.login(world["ec"].email).headers["Location"] == "/login/code"
        if state == "enrolled":
            assert send_code(client, code(secret)).status_code == 302


def test_every_post_route_is_fuzzed(app):
    posts = {r.rule for r in app.url_map.iter_rules() if "POST" in (r.methods or ())}
    assert posts == set(POST_PATHS)


@pytest.mark.parametrize("path", POST_PATHS)
def test_hostile_form_values_never_fail_nor_half_save(app, client, db, world, path):
    if path in MFA_STATE:
        prepare_second_factor(app, client, db, world, path)
    else:
        sign_in(client, role_for(path), world)
    specs, token, page = forms_for(client, path, world)
    assert specs[0].found or path in NO_FIELDS, f"no page shows the form of {path}"
    seen: dict[int, int] = {}

    @settings(
        max_examples=SLOW.get(path, EXAMPLES),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(sent=payloads(specs), hx=st.booleans(), with_token=st.booleans())
    def check(sent: tuple[FormSpec, list[tuple[str, Any]]], hx: bool, with_token: bool) -> None:
        spec, pairs = sent
        if with_token or pairs:
            pairs = [("csrf_token", token), *pairs]
        before = fingerprint(app, MAY_CHANGE)
        response = post(client, spec.url, pairs, spec.multipart, hx)
        status = response.status_code
        seen[status] = seen.get(status, 0) + 1
        body = response.get_data(as_text=True)
        assert status < 500, f"{status} for {path} with {pairs!r:.2000}"
        assert "Traceback" not in body and 'File "' not in body
        saved = (
            status in (302, 303)
            or (hx and status == 200 and path in SAVES_IN_PLACE)
            or (status == 200 and path in SAVED_PAGE and SAVED_PAGE[path] in body)
        )
        if not saved:
            after = fingerprint(app, MAY_CHANGE)
            changed = [t for t in before if before[t] != after[t]]
            assert changed == [], f"{status} for {path} changed {changed} with {pairs!r:.2000}"
        elif status in (302, 303) and page:  # the record's version has moved on: take it
            again = client.get(page)
            fresh = find_forms(again.text, path_pattern(path)) if again.status_code == 200 else []
            hidden = {n: v for spec in fresh for n, v in spec.defaults if n in spec.kept}
            for old in specs:
                old.take_hidden_values(hidden)

    check()
    assert seen, path
    # Control characters in every field, as a paste can bring them: a NUL failed the whole
    # request on PostgreSQL (a 500). Tandem drops them (blueprints/request_text.py), so each
    # form is answered as the browser's own values would be.
    for spec in specs:
        pairs = [("csrf_token", token), *[(n, _with_controls(v)) for n, v in spec.defaults]]
        response = post(client, spec.url, pairs, spec.multipart, False)
        body = response.get_data(as_text=True)
        assert response.status_code < 500, f"{response.status_code} for {path}: {pairs!r:.2000}"
        assert "Traceback" not in body and "\x00" not in body


def _with_controls(value: Any) -> Any:
    return f"\x00{value}\x1b\x7f" if isinstance(value, str) else value
