"""The supervisor's view of the unit (issue 15): per worker, open cases, overdue items, cases
with no contact with the social worker for 30 days, sanctions waiting for review (R-GC-08) and
reassignments; each count opens the cases behind it; the unit only; a constant query count."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models import AuditEvent, CaseEvent
from models.contacts import SocialWorkerContact
from models.enums import NoncomplianceStatus, Role, Stage
from models.operations.assign import reassign_many
from tests import factories as f
from tests.helpers import TODAY, post_form, statements_for
from tests.html import csrf_token, elements, text_of
from tests.web.wizard.noncompliance_helpers import make_episode

COLUMNS = ("open", "overdue", "no_contact", "sanctions", "reassigned")


def _rows(page: str) -> dict[str, list]:
    """Worker name -> the row's count cells (the totals row is "Total")."""
    found = {}
    for tr in elements(page, "#unit-workers tr"):
        cells = tr.select("td")
        if len(cells) == len(COLUMNS):
            found[text_of(tr.select("th")[0])] = cells
    return found


def table(page: str) -> dict[str, tuple[int, ...]]:
    """Worker name -> the five counts as shown (the words for screen readers left out)."""
    return {
        name: tuple(int(text_of(cell).split(" ")[0]) for cell in cells)
        for name, cells in _rows(page).items()
    }


def link(page: str, worker: str, column: str) -> str:
    anchors = _rows(page)[worker][COLUMNS.index(column)].select("a")
    assert anchors, f"{worker}'s {column} count has no link"
    return anchors[0].get("href") or ""


def listed(page: str) -> list[str]:
    return [text_of(a) for a in elements(page, "#unit-cases tbody th a")]


def _unit(db, team):
    """Ana: an old case without contact, one contacted last week, a new one (overdue meeting
    on the old ones); Ben: a sanction waiting; Olga (another unit): a case that never counts."""
    ana, ben, olga = team["ana"], team["ben"], team["olga"]
    old = f.case(db, ana, first="Rosa", last="Delgado", assigned_on=date(2026, 9, 1))
    talked = f.case(db, ana, first="Linh", last="Nguyen", assigned_on=date(2026, 9, 1))
    db.add(SocialWorkerContact(case_id=talked.id, contact_on=date(2026, 11, 16), channel="phone"))
    f.case(db, ana, first="Tam", last="Quach", assigned_on=date(2026, 11, 20))
    f.case(db, ana, first="Old", last="Closed", stage=Stage.CLOSED, assigned_on=date(2026, 1, 5))
    waiting = f.case(db, ben, first="Grace", last="Okafor", stage=Stage.PLAN_ACTIVE,
                     assigned_on=date(2026, 11, 1))  # fmt: skip
    make_episode(db, waiting, status=NoncomplianceStatus.SANCTION_REVIEW)
    f.case(db, olga, first="Not", last="Mine", assigned_on=date(2026, 9, 1))
    db.commit()
    return {"old": old, "talked": talked, "waiting": waiting}


def test_a_unit_supervisor_sees_each_worker_of_the_unit_with_a_total(client, auth, db, team):
    _unit(db, team)
    auth.login("sam.sup@example.org")
    page = client.get("/unit").text
    assert text_of(page, "#nav-unit") == "My unit"
    # Ana: 3 open (the closed case left out), 2 overdue joint meetings, Rosa not heard of since
    # her 09/01 assignment; Ben: Grace's sanction waits. Olga's case is another unit's.
    assert table(page) == {
        "Ana Reyes": (3, 2, 1, 0, 0),
        "Ben Tran": (1, 0, 0, 1, 0),
        "Total": (4, 2, 1, 1, 0),
    }
    headers = [text_of(th) for th in elements(page, "#unit-workers thead th")]
    assert headers[3] == "No contact with the DFCS social worker for 30 days"
    assert "on 11/23/2026" in text_of(page, ".usa-intro")
    assert "assigned before 10/24/2026" in text_of(page, "#unit-how")
    assert "Mine" not in page and "Olga" not in page
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "unit_view")).one()
    assert '"open": 4' in audit.detail


def test_each_count_opens_the_cases_behind_it(client, auth, db, team):
    _unit(db, team)
    ana = team["ana"]
    auth.login("sam.sup@example.org")
    page = client.get("/unit").text
    assert link(page, "Ana Reyes", "no_contact") == f"/unit/cases?show=no_contact&worker={ana.id}"
    no_contact = client.get(link(page, "Ana Reyes", "no_contact")).text
    assert listed(no_contact) == ["Rosa Delgado"]
    assert text_of(no_contact, "h1") == "No contact with the DFCS social worker for 30 days"
    assert "None since assignment on 09/01/2026" in text_of(no_contact, "#unit-cases")
    assert listed(client.get(link(page, "Ana Reyes", "open")).text) == [
        "Rosa Delgado", "Linh Nguyen", "Tam Quach"
    ]  # fmt: skip
    sanctions = client.get(link(page, "Ben Tran", "sanctions")).text
    assert listed(sanctions) == ["Grace Okafor"]
    assert elements(sanctions, "a[href='/review/sanctions']")
    assert link(page, "Ana Reyes", "overdue") == f"/due?when=overdue&worker={ana.id}"
    due = client.get(link(page, "Ana Reyes", "overdue")).text
    assert "2 items match these filters." in text_of(due, "#due-count")
    assert text_of(due, "#due-worker") == "Only the items on Ana Reyes's cases."
    everyone = client.get(link(page, "Total", "open")).text
    assert len(listed(everyone)) == 4 and "Not Mine" not in everyone
    assert "0" == text_of(_rows(page)["Ben Tran"][1])  # nothing to open: no link
    audit = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "unit_cases_view").order_by(AuditEvent.id)
    ).all()
    assert len(audit) == 4 and '"show": "open"' in audit[-1].detail


def test_another_units_worker_or_an_unknown_list_is_not_found(client, auth, db, team):
    _unit(db, team)
    auth.login("sam.sup@example.org")
    olga = team["olga"].id
    assert client.get(f"/unit/cases?show=open&worker={olga}").status_code == 404
    assert client.get("/unit/cases?show=open&worker=abc").status_code == 404
    assert client.get("/unit/cases?show=everything").status_code == 404
    refused = select(AuditEvent).where(AuditEvent.action == "authz_denied")
    denied = db.scalars(refused.order_by(AuditEvent.id)).all()  # PostgreSQL: disk order without
    assert [d.object_id for d in denied] == [str(olga), "abc"]
    odd = client.get("/due?worker=abc")  # a filter: ignored, with a message, never an error
    assert "That worker is not one we know" in text_of(odd.text, "#filter-worker-error")
    outside = client.get(f"/due?when=overdue&worker={olga}").text
    assert "0 items match" in text_of(outside, "#due-count")
    assert text_of(outside, "#due-worker") == "Only the items on Olga Other's cases."


def test_counts_change_when_a_contact_is_logged_and_a_case_is_reassigned(client, auth, db, team):
    cases = _unit(db, team)
    auth.login("ana.ec@example.org")
    url = f"/cases/{cases['old'].id}/contacts"
    contact = {"contact_on": "11/20/2026", "channel": "phone", "with_whom": "Dana Ruiz",
               "topics": ["wtw_participation"], "note": "Checked in."}  # fmt: skip
    assert post_form(client, url, url, contact).status_code == 303
    auth.logout()
    auth.login("sam.sup@example.org")
    assert table(client.get("/unit").text)["Ana Reyes"] == (3, 2, 0, 0, 0)
    token = csrf_token(client.get("/cases").text)
    moved = client.post("/cases/reassign", data={
        "csrf_token": token, "case_ids": [str(cases["talked"].id)],
        "worker_id": str(team["ben"].id), "reason": "Ana's caseload is full"})  # fmt: skip
    assert moved.status_code == 302  # back to the caseload
    page = client.get("/unit").text
    assert table(page) == {
        "Ana Reyes": (2, 1, 0, 0, 0),
        "Ben Tran": (2, 1, 0, 1, 1),
        "Total": (4, 2, 0, 1, 1),
    }
    reassigned = client.get(link(page, "Ben Tran", "reassigned")).text
    assert listed(reassigned) == ["Linh Nguyen"]


def test_a_county_wide_supervisor_sees_every_worker_of_the_county(client, auth, db, team):
    county = f.user(db, "cora.sup@example.org", role=Role.SUPERVISOR, name="Cora County")
    mine = f.case(db, team["ana"], first="Rosa", last="Delgado", supervisor_id=county.id)
    f.case(db, team["olga"], first="Grace", last="Okafor", supervisor_id=county.id)
    f.case(db, team["ben"], first="Ben's", last="Own")  # Sam's unit, not supervised by Cora
    orange = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    f.case(db, orange, first="Hope", last="Walker", supervisor_id=county.id)
    db.commit()
    auth.login("cora.sup@example.org")
    page = client.get("/unit").text
    assert table(page) == {
        "Ana Reyes": (1, 0, 0, 0, 0),
        "Olga Other": (1, 0, 0, 0, 0),
        "Total": (2, 0, 0, 0, 0),
    }
    assert listed(client.get(link(page, "Total", "open")).text) == ["Rosa Delgado", "Grace Okafor"]
    assert client.get(f"/unit/cases?show=open&worker={team['ben'].id}").status_code == 404
    assert client.get(f"/unit/cases?show=open&worker={mine.assigned_worker_id}").status_code == 200


def test_cases_not_assigned_to_anyone_have_their_own_row(client, auth, db, team):
    f.case(db, None, first="No", last="Worker", supervisor_id=team["sup"].id,
           stage=Stage.CONFIRMED, assigned_on=None)  # fmt: skip
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get("/unit").text
    assert table(page)["Not assigned"] == (1, 0, 0, 0, 0)
    assert table(page)["Ana Reyes"] == (0, 0, 0, 0, 0)  # her unit's EC, nothing to count
    assert listed(client.get(link(page, "Not assigned", "open")).text) == ["No Worker"]


def test_the_page_costs_the_same_queries_for_one_worker_or_many(app, client, auth, db, team):
    f.case(db, team["ana"], assigned_on=date(2026, 9, 1))
    db.commit()
    auth.login("sam.sup@example.org")
    few = statements_for(app, client, "/unit")
    sup = team["sup"]
    for n in range(4):
        worker = f.user(db, f"ec{n}@example.org", name=f"Worker {n}", supervisor_id=sup.id)
        for i in range(5):
            case = f.case(db, worker, assigned_on=date(2026, 9, 1) + timedelta(days=i))
            make_episode(db, case, status=NoncomplianceStatus.SANCTION_REVIEW)
            db.add(SocialWorkerContact(case_id=case.id, contact_on=TODAY, channel="phone"))
        reassign_many(db, [case], team["ben"], "Leave", sup.id, TODAY)
    db.commit()
    many = statements_for(app, client, "/unit")
    assert len(table(client.get("/unit").text)) == 7  # Ana, Ben, four workers, the total
    assert len(many) == len(few), "\n".join(many)
    listed_few = statements_for(app, client, f"/unit/cases?show=reassigned&worker={team['ben'].id}")
    assert len(listed_few) <= len(few)


def test_a_case_joins_the_no_contact_count_on_the_31st_day_and_reassignments_leave_after_30(
    app, client, auth, db, team
):
    case = f.case(db, team["ana"], first="Rosa", last="Delgado", assigned_on=date(2026, 9, 1))
    db.add(SocialWorkerContact(case_id=case.id, contact_on=date(2026, 10, 24), channel="email"))
    db.commit()
    auth.login("sam.sup@example.org")
    assert table(client.get("/unit").text)["Ana Reyes"][2] == 0  # 11/23: 30 days since 10/24
    app.config["TODAY"] = date(2026, 11, 24)
    assert table(client.get("/unit").text)["Ana Reyes"][2] == 1  # the 31st day without contact
    reassign_many(db, [case], team["ben"], "Ana is away", team["sup"].id, TODAY)
    db.commit()
    moved_on = db.scalars(select(CaseEvent.at).where(CaseEvent.action == "reassign")).one()
    app.config["TODAY"] = moved_on.date() + timedelta(days=30)
    assert table(client.get("/unit").text)["Ben Tran"][4] == 1
    app.config["TODAY"] = moved_on.date() + timedelta(days=31)
    assert table(client.get("/unit").text)["Ben Tran"][4] == 0
