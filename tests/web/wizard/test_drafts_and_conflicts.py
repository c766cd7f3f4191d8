"""Nothing typed is lost: drafts as the EC types, a save after a timeout, two ECs at once."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

from sqlalchemy import select, update

from models import AuditEvent, MutualCase, StepDraft
from models.base import utcnow
from models.enums import Stage
from models.users import UserSession
from tests import factories as f
from tests.helpers import HX, PASSWORD, Auth, post_form
from tests.html import csrf_token, field_value
from tests.web.wizard.helpers import IDENTIFY


def _typed(**changes):
    base = dict(
        IDENTIFY,
        first_name="Maria",
        last_name="Lopez",
        calworks_case_number="C1234567",
        cw_case_number="CW-100",
    )
    return {**base, **changes}


def _case(db, team, **kw):
    case = f.case(db, team["ana"], stage=Stage.CONFIRMED, **kw)
    db.commit()
    return case


def test_typing_keeps_a_draft_that_the_page_restores_and_can_discard(client, auth, db, team):
    case = _case(db, team)
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    token = csrf_token(client.get(url).text)
    saved = client.post(
        f"{url}/draft", data=_typed(phone="408-555-0199"), headers={"X-CSRFToken": token, **HX}
    )
    assert saved.status_code == 200 and "Draft kept" in saved.text and "<html" not in saved.text
    page = client.get(url).text
    assert "Unsaved changes from" in page and 'value="408-555-0199"' in page
    assert db.get(MutualCase, case.id).participant.phone == ""  # a draft is never applied
    client.post(f"{url}/draft/discard", data={"csrf_token": token})
    page = client.get(url).text
    assert "Unsaved changes" not in page and "408-555-0199" not in page


def test_an_autosave_that_arrives_after_the_save_dropped_its_draft_is_not_an_error(
    app, client, auth, db, team, monkeypatch
):
    """The Save button drops the draft while an autosave is on its way (seen in Chromium):
    the autosave answers that the form is saved, and the draft does not come back."""
    from blueprints.wizard import drafts as step
    from models.operations.drafts import keep_draft

    case = _case(db, team)
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    token = csrf_token(client.get(url).text)
    client.post(
        f"{url}/draft", data=_typed(phone="408-555-0101"), headers={"X-CSRFToken": token, **HX}
    )

    def save_wins_meanwhile(session, *args):
        draft = keep_draft(session, *args)
        with app.extensions["tandem_engine"].begin() as other:  # the Save's own transaction
            other.execute(StepDraft.__table__.delete())
        return draft

    monkeypatch.setattr(step, "keep_draft", save_wins_meanwhile)
    late = client.post(
        f"{url}/draft", data=_typed(phone="408-555-0102"), headers={"X-CSRFToken": token, **HX}
    )
    assert late.status_code == 200 and "Saved to the case" in late.text
    db.expire_all()
    assert db.scalars(select(StepDraft)).all() == []


def test_a_draft_belongs_to_its_author(client, auth, db, team):
    case = _case(db, team)
    auth.login("sam.sup@example.org")
    url = f"/cases/{case.id}/identify"
    token = csrf_token(client.get(url).text)
    client.post(f"{url}/draft", data=_typed(phone="408-555-0111"), headers={"X-CSRFToken": token})
    auth.logout()
    auth.login("ana.ec@example.org")
    assert "408-555-0111" not in client.get(url).text


def test_new_case_draft_is_restored_on_the_new_case_page(client, auth, team):
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get("/cases/new").text)
    client.post("/cases/new/draft", data={"first_name": "Imani", "csrf_token": token}, headers=HX)
    page = client.get("/cases/new").text
    assert 'value="Imani"' in page and "Unsaved changes from" in page


def test_an_oversized_draft_is_refused(client, auth, db, team):
    case = _case(db, team)
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    token = csrf_token(client.get(url).text)
    response = client.post(
        f"{url}/draft", data={"notes": "x" * 300_000, "csrf_token": token}, headers=HX
    )
    assert response.status_code == 413 and "too large" in response.text
    assert db.scalars(select(StepDraft)).first() is None


def _expire_sessions(db):
    db.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=20)))
    db.commit()


def test_a_save_after_the_timeout_is_kept_and_waits_on_the_same_step(client, auth, db, team):
    case = _case(db, team)
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    token = csrf_token(client.get(url).text)
    _expire_sessions(db)
    response = client.post(url, data={**_typed(phone="408-555-0123"), "csrf_token": token})
    assert response.status_code == 302
    target = urlparse(response.headers["Location"])
    assert target.path == "/login" and parse_qs(target.query)["next"] == [url]
    login_page = client.get(response.headers["Location"]).text
    assert "What you were typing is kept as a draft" in login_page
    signed_in = client.post(
        f"/login?next={url}",
        data={
            "email": "ana.ec@example.org",
            "password": PASSWORD,
            "csrf_token": csrf_token(login_page),
        },
    )
    assert signed_in.headers["Location"] == url
    page = client.get(url).text
    assert 'value="408-555-0123"' in page and "Unsaved changes from" in page
    db.expire_all()
    assert db.get(MutualCase, case.id).participant.phone == ""  # kept, not applied
    action = db.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id)).all()
    assert "draft_kept_after_timeout" in action


def test_an_htmx_autosave_after_the_timeout_is_kept_and_sends_the_window_to_sign_in(
    client, auth, db, team
):
    case = _case(db, team)
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    token = csrf_token(client.get(url).text)
    _expire_sessions(db)
    response = client.post(
        f"{url}/draft", data=_typed(phone="408-555-0456"), headers={"X-CSRFToken": token, **HX}
    )
    assert response.status_code == 401 and "kept=1" in response.headers["HX-Redirect"]
    assert "408-555-0456" in db.scalars(select(StepDraft.data)).one()


def test_after_the_timeout_a_forged_post_keeps_nothing(client, auth, db, team):
    case = _case(db, team)
    auth.login("ana.ec@example.org")
    client.get(f"/cases/{case.id}/identify")
    _expire_sessions(db)
    response = client.post(f"/cases/{case.id}/identify", data={**_typed(), "csrf_token": "forged"})
    assert response.status_code == 400
    assert db.scalars(select(StepDraft)).first() is None


def test_after_the_timeout_nothing_is_kept_for_a_case_the_user_may_not_open(client, auth, db, team):
    theirs = f.case(db, team["olga"], stage=Stage.CONFIRMED)
    mine = _case(db, team)
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{mine.id}/identify").text)
    _expire_sessions(db)
    client.post(f"/cases/{theirs.id}/identify", data={**_typed(), "csrf_token": token})
    assert db.scalars(select(StepDraft)).first() is None


def test_second_save_is_refused_with_who_and_a_reload_link_and_nothing_lost(
    app, client, auth, db, team
):
    case = _case(db, team)
    url = f"/cases/{case.id}/identify"
    auth.login("ana.ec@example.org")
    ana_page = client.get(url).text
    other = app.test_client()
    Auth(other).login("sam.sup@example.org")
    assert post_form(other, url, url, _typed(phone="408-555-0001")).status_code == 302
    version = field_value(ana_page, "version")
    page = client.post(
        url,
        data={
            **_typed(phone="408-555-0002"),
            "version": version,
            "csrf_token": csrf_token(ana_page),
        },
    )
    assert page.status_code == 200
    assert "Sam Supervisor saved this case" in page.text
    assert 'value="408-555-0002"' in page.text and f"{url}?draft=discarded" in page.text
    db.expire_all()
    assert db.get(MutualCase, case.id).participant.phone == "408-555-0001"
    assert "408-555-0002" in db.scalars(select(StepDraft.data)).one()  # kept meanwhile
    # Saving again, knowingly, replaces their version with Ana's.
    again = client.post(
        url,
        data={
            **_typed(phone="408-555-0002"),
            "version": str(db.get(MutualCase, case.id).version_id),
            "csrf_token": csrf_token(page.text),
        },
    )
    assert again.status_code == 302
    db.expire_all()
    assert db.get(MutualCase, case.id).participant.phone == "408-555-0002"
