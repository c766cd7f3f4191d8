"""The due list (issue 15): every open item on an EC's cases or a supervisor's unit, filtered
and paged in SQL, each linking to the page that resolves it; the overdue count in the
navigation; each new kind appears on the right date and leaves the list once resolved."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from models import AuditEvent, DueItem, Exemption, GoodCause
from models.enums import DueKind, NoncomplianceStatus, Role, Stage
from tests import factories as f
from tests.helpers import post_form, statements_for
from tests.html import by_id, elements, text_of
from tests.web.wizard.noncompliance_helpers import make_episode
from tests.web.wizard.test_plan import _case, _plan_data


def rows(page: str) -> list[str]:
    return [" ".join(tr.text.split()) for tr in elements(page, "#due-items tbody tr")]


def nav(page: str) -> str:
    return text_of(page, "#nav-due")


def test_an_ec_sees_their_items_earliest_first_with_the_page_that_does_each(client, auth, db, ec):
    late = f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))  # 11/09
    f.case(db, ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 20))  # 12/01
    other = f.user(db, "otto.ec@example.org", name="Otto Other")
    f.case(db, other, first="Not", last="Mine", assigned_on=date(2026, 11, 2))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/due").text
    assert rows(page) == [
        "Mon 11/09/2026 Overdue 14 days Joint meeting Linh Nguyen Schedule or record the meeting: "
        "Linh Nguyen",
        "Tue 12/01/2026 in 8 days Joint meeting Rosa Delgado Schedule or record the meeting: "
        "Rosa Delgado",
    ]
    link = elements(page, "#due-items tbody tr a")[1]
    assert link.get("href") == f"/cases/{late.id}/meeting"
    assert nav(page) == "Due (1 overdue)"
    assert "2 open items." in text_of(page, "#due-count")
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "due_list_view")).one()
    assert '"total": 2' in audit.detail


def test_filters_by_when_and_kind_in_sql_and_ignore_unknown_values(client, auth, db, ec):
    f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))  # overdue
    today = f.case(db, ec, first="Tam", last="Tran", stage=Stage.PLAN_ACTIVE)
    db.add(GoodCause(case_id=today.id, reason="illness", start_on=date(2026, 10, 23),
                     next_review_on=date(2026, 11, 23)))  # fmt: skip
    f.case(db, ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 20))  # 12/01: soon
    db.commit()
    auth.login("ana.ec@example.org")
    names = lambda url: [r.split(" ")[-1] for r in rows(client.get(url).text)]  # noqa: E731
    assert names("/due?when=overdue") == ["Nguyen"]
    assert names("/due?when=today") == ["Tran"]
    assert names("/due?when=soon") == ["Delgado"]
    assert names("/due?kind=good_cause_review") == ["Tran"]
    odd = client.get("/due?when=someday&kind=nope").text
    assert "That date choice is not one we know" in text_of(odd, "#filter-when-error")
    assert "That kind of item is not one we know" in text_of(odd, "#filter-kind-error")
    assert len(rows(odd)) == 3


def test_a_supervisor_sees_the_unit_only_paged_with_the_worker(client, auth, db):
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Super")
    ana = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    stranger = f.user(db, "otto.ec@example.org", name="Otto Other")
    for i in range(30):
        f.case(db, ana, first=f"Client{i:02d}", last="Test", assigned_on=date(2026, 11, 2))
    f.case(db, stranger, first="Not", last="Mine", assigned_on=date(2026, 11, 2))
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get("/due").text
    assert "Due in your unit" in text_of(page, "h1")
    assert len(rows(page)) == 25 and "Page 1 of 2" in page
    assert all("Ana Reyes" in r for r in rows(page))
    second = client.get("/due?page=2").text
    assert len(rows(second)) == 5 and "Mine" not in second
    assert nav(page) == "Due (30 overdue)"


def test_a_page_of_items_reads_the_people_of_its_own_items_only(app, client, auth, db, ec):
    """The page's item ids are sorted and cut first, then those items are read with their case
    and people (issue 14: PostgreSQL sorted every open item of a unit joined to its people)."""
    for i in range(30):
        f.case(db, ec, first=f"Client{i:02d}", last="Test", assigned_on=date(2026, 11, 2 + i % 9))
    db.commit()
    auth.login("ana.ec@example.org")
    (page,) = [s for s in statements_for(app, client, "/due?page=2") if "JOIN participant" in s]
    cut = page.index("IN (SELECT due_item.id")
    assert "LIMIT" in page[cut:] and "participant" not in page[cut:], page
    first, second = rows(client.get("/due").text), rows(client.get("/due?page=2").text)
    assert len(first) == 25 and len(second) == 5
    # Earliest first across the cut: no item on page 2 is due before one on page 1.
    day = re.compile(r"\b(\d{2})/(\d{2})\b")
    dates = [[m.groups() for m in day.finditer(r)][0] for r in (*first, *second)]
    assert dates == sorted(dates) and dates[0] != dates[-1], dates


def test_the_required_from_date_on_the_plan_step_starts_the_signature_clock(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/plan"
    assert by_id(client.get(url).text, "required_from") is not None  # the input, labelled
    response = post_form(client, url, url, _plan_data(required_from="08/31/2026"))
    assert response.status_code in (302, 303)
    page = client.get("/due?kind=plan_signature").text
    assert rows(page) == [
        "Sun 11/29/2026 in 6 days Plan signature Maria Lopez Sign the plan: Maria Lopez"
    ]
    future = post_form(client, url, url, _plan_data(required_from="12/31/2026"))
    assert future.status_code == 200  # not in the future: nothing saved, the item stays
    assert len(rows(client.get("/due?kind=plan_signature").text)) == 1


def test_a_running_plan_is_due_for_renewal_two_months_before_it_ends(client, auth, db, ec):
    case = f.case(db, ec, first="Rosa", last="Delgado", stage=Stage.PLAN_ACTIVE)
    f.make_plan(db, case, period_end=date(2027, 1, 23))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/due").text
    assert rows(page)[0].startswith("Mon 11/23/2026 Due today Plan renewal Rosa Delgado Renew")
    assert nav(page) == "Due"  # due today is not overdue yet
    case.stage = Stage.CLOSED
    db.commit()
    assert rows(client.get("/due").text) == []


def test_a_good_cause_review_leaves_the_list_when_the_good_cause_ends(client, auth, db, ec):
    case = f.case(db, ec, first="Tam", last="Tran", stage=Stage.PLAN_ACTIVE)
    record = GoodCause(case_id=case.id, reason="illness", start_on=date(2026, 10, 20),
                       next_review_on=date(2026, 11, 20))  # fmt: skip
    db.add(record)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/due").text
    assert rows(page) == [
        "Fri 11/20/2026 Overdue 3 days Good cause review Tam Tran Review the good cause: Tam Tran"
    ]
    url = f"/cases/{case.id}/good-cause"
    ended = post_form(client, url, f"{url}/{record.id}/end",
                      {f"end-{record.id}-ends_on": "11/22/2026"})  # fmt: skip
    assert ended.status_code == 303
    assert rows(client.get("/due").text) == []
    item = db.scalars(select(DueItem).where(DueItem.case_id == case.id)).one()
    assert item.kind == DueKind.GOOD_CAUSE_REVIEW and item.resolved


def test_an_exemption_review_is_listed_30_days_before_it_ends_until_ended(client, auth, db, ec):
    case = f.case(db, ec, first="Ida", last="Ibarra", stage=Stage.PLAN_ACTIVE)
    record = Exemption(case_id=case.id, kind="disability", start_on=date(2026, 9, 1),
                       end_on=date(2027, 1, 1), review_on=date(2026, 12, 2))  # fmt: skip
    db.add(record)
    db.commit()
    auth.login("ana.ec@example.org")
    assert rows(client.get("/due?when=soon").text) == [
        "Wed 12/02/2026 in 9 days Exemption review Ida Ibarra Review the exemption: Ida Ibarra"
    ]
    url = f"/cases/{case.id}/exemptions"
    ended = post_form(client, url, f"{url}/{record.id}/end",
                      {f"end-{record.id}-ends_on": "11/22/2026"})  # fmt: skip
    assert ended.status_code == 303, ended.text[:500]
    assert rows(client.get("/due").text) == []


def test_an_open_notice_lists_day_20_and_the_appointment_until_its_outcome(client, auth, db, ec):
    case = f.case(db, ec, first="Noe", last="Nunez", stage=Stage.PLAN_ACTIVE)
    episode = make_episode(
        db, case, notice_issued_on=date(2026, 11, 10), appointment_on=date(2026, 11, 24)
    )
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/due").text
    assert rows(page) == [
        "Tue 11/24/2026 in 1 day Noncompliance appointment Noe Nunez Record the appointment: "
        "Noe Nunez",
        "Mon 11/30/2026 in 7 days Noncompliance day 20 Noe Nunez Record the outcome of the "
        "notice: Noe Nunez",
    ]
    assert elements(page, "#due-items tbody tr a")[1].get("href") == (
        f"/cases/{case.id}/noncompliance"
    )
    episode.status = NoncomplianceStatus.COMPLIANCE_PLAN  # the outcome recorded
    db.commit()
    assert rows(client.get("/due").text) == []


def test_a_county_that_rolls_day_20_forward_moves_the_stored_date(client, auth, db, ec):
    case = f.case(db, ec, first="Noe", last="Nunez", stage=Stage.PLAN_ACTIVE)
    make_episode(db, case, notice_issued_on=date(2026, 11, 1))  # day 20: Sat 11/21
    db.commit()
    auth.login("ana.ec@example.org")
    assert rows(client.get("/due").text)[0].startswith("Sat 11/21/2026 Overdue 2 days")
    case.county.day20_roll_forward = True
    db.commit()
    assert rows(client.get("/due").text)[0].startswith("Mon 11/23/2026 Due today")
