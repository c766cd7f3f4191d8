"""One social worker carries many cases; an EC correcting the social worker's details on their case
must not change them on another EC's case (issue 12): the shared row is copied for this case."""

from __future__ import annotations

from sqlalchemy import select

from models import CaseEvent, SocialWorker
from models.enums import LinkState, ShareScope
from models.operations.share_links import create_link, link_state
from tests import factories as f
from tests.helpers import post_form

DETAILS = {
    "assigned_on": "2026-11-23",
    "sw_name": "Dana Kim",
    "sw_unit": "FM Unit 4",
    "sw_phone": "408-555-0142",
    "sw_email": "dana.kim@example.org",
}


def _two_cases_one_social_worker(db, team):
    dana = SocialWorker(
        county_id=team["ana"].county_id,
        name="Dana Kim",
        unit="FM Unit 4",
        phone="408-555-0142",
        email="dana.kim@example.org",
    )
    mine = f.case(db, team["ana"], last="Lopez", cfs_number="CW-1")
    theirs = f.case(db, team["ben"], last="Nguyen", cfs_number="CW-2", cw_number="C2222222")
    mine.child_welfare_case.social_worker = dana
    theirs.child_welfare_case.social_worker = dana
    db.flush()
    return mine, theirs, dana


def _save(client, case, data):
    url = f"/cases/{case.id}/assign"
    return post_form(client, url, url, data)


def test_editing_a_shared_social_worker_leaves_the_other_case_alone(client, auth, db, team):
    mine, theirs, dana = _two_cases_one_social_worker(db, team)
    link, _ = create_link(
        db,
        mine,
        team["ana"].id,
        recipient_name="Dana Kim",
        recipient_email="dana.kim@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    auth.login("ana.ec@example.org")
    response = _save(client, mine, dict(DETAILS, sw_email="dana.kim@dfcs.example.org"))
    assert response.status_code == 302
    db.expire_all()
    assert mine.child_welfare_case.social_worker.email == "dana.kim@dfcs.example.org"
    # Ben's case: the same person, the old details, and nothing in its history.
    assert theirs.child_welfare_case.social_worker_id == dana.id
    assert db.get(SocialWorker, dana.id).email == "dana.kim@example.org"
    assert not db.scalars(select(CaseEvent).where(CaseEvent.case_id == theirs.id)).all()
    # Ana's own history has the change; her link to the same person is still live.
    history = client.get(f"/cases/{mine.id}/history").text
    assert "dana.kim@example.org → dana.kim@dfcs.example.org" in history
    assert link_state(db.get(type(link), link.id), mine) is LinkState.ACTIVE
    # Each case's share form fills in its own address.
    assert 'value="dana.kim@dfcs.example.org"' in client.get(f"/cases/{mine.id}/share").text
    auth.logout()
    auth.login("ben.ec@example.org")
    share = client.get(f"/cases/{theirs.id}/share").text
    assert 'value="dana.kim@example.org"' in share
    assert "dfcs.example.org" not in share


def test_a_row_only_this_case_uses_is_corrected_in_place(client, auth, db, team):
    mine, theirs, dana = _two_cases_one_social_worker(db, team)
    theirs.child_welfare_case.social_worker = None
    db.commit()
    auth.login("ana.ec@example.org")
    _save(client, mine, dict(DETAILS, sw_phone="408-555-0199"))
    db.expire_all()
    assert mine.child_welfare_case.social_worker_id == dana.id
    assert db.get(SocialWorker, dana.id).phone == "408-555-0199"


def test_saving_unchanged_details_keeps_the_shared_row(client, auth, db, team):
    mine, theirs, dana = _two_cases_one_social_worker(db, team)
    db.commit()
    auth.login("ana.ec@example.org")
    _save(client, mine, DETAILS)
    db.expire_all()
    assert (
        mine.child_welfare_case.social_worker_id
        == dana.id
        == theirs.child_welfare_case.social_worker_id
    )
