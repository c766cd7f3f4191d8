"""A notice to the social worker held for the EC's review is a due item (issue 15's leftover):
due the county's working days after it was written, on the due list and the caseload's
"Overdue", gone once the EC sends or cancels it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, select

from blueprints.due_cli import fill_held_messages
from models import DueItem, OutboxMessage
from models.enums import DueKind
from models.operations import due as due_operations
from tests import factories as f
from tests.html import elements, text_of
from tests.web.test_sw_messages import _case_with_notice, _fresh, _post

WRITTEN = datetime(2026, 11, 18, 18, tzinfo=UTC)  # Wed 10:00 Pacific; +2 working days = Fri 20


@pytest.fixture
def held(db, team):
    case, message = _case_with_notice(db, team["ana"])
    message.created_at = WRITTEN
    db.commit()
    return case, message


def _item(db, message):
    db.expire_all()
    return db.scalars(
        select(DueItem).where(
            DueItem.kind == DueKind.SW_MESSAGE_HELD, DueItem.ref == str(message.id)
        )
    ).one_or_none()


def test_a_held_notice_is_due_and_late_on_the_due_list_and_the_caseload(client, auth, db, held):
    case, message = held
    item = _item(db, message)
    assert item.due_on == date(2026, 11, 20) and not item.resolved
    auth.login("ana.ec@example.org")
    page = client.get("/due").text
    row = next(r for r in elements(page, "#due-items tbody tr") if "social worker" in text_of(r))
    assert "Message to the social worker not sent yet" in text_of(row)
    assert "Overdue" in text_of(row)
    resolve = [a for a in elements(row, "a") if "Review and send the message" in text_of(a)]
    assert [a.get("href") for a in resolve] == [f"/cases/{case.id}/messages"]
    overdue = client.get("/cases?due=overdue").text
    assert f"/cases/{case.id}" in overdue


@pytest.mark.parametrize("action", ["send", "cancel"])
def test_sending_or_cancelling_the_notice_resolves_it(client, auth, db, held, action):
    case, message = held
    auth.login("ana.ec@example.org")
    if action == "send":
        done = _post(client, case, message, {"subject": "s", "body": "b"}, "send")
    else:
        done = _post(
            client, case, message, {"reason": "Told Dana by phone."}, prefix=f"c{message.id}"
        )
    assert done.status_code == 303
    assert _item(db, message).resolved
    assert "not sent yet" not in text_of(client.get("/due").text, "#due-items")


def test_the_countys_setting_moves_the_date(db, held):
    _case, message = held
    county = f.county(db)
    county.sw_message_hold_days = 5  # as saved on the county settings page
    db.commit()
    assert _item(db, message).due_on == date(2026, 11, 25)  # Thu, Fri, Mon, Tue, Wed


def test_the_sender_marking_other_messages_sent_counts_nothing_again(db, held, monkeypatch):
    case, message = held
    queued = OutboxMessage(
        case_id=case.id,
        kind="other",
        state="queued",
        to_address="dana.kim@example.org",
        subject="s",
        body="b",
        discard_after=datetime(2027, 1, 1, tzinfo=UTC),
    )
    db.add(queued)
    db.commit()
    counted: list[set[int]] = []
    monkeypatch.setattr(
        due_operations, "refresh_cases", lambda db, ids, today=None: counted.append(set(ids))
    )
    queued.state = "sent"
    db.commit()
    assert counted == []
    message.state = "queued"  # the EC released the held one: that one is counted
    db.commit()
    assert counted == [{case.id}]


def test_an_upgraded_database_counts_the_notices_already_held(db, held):
    _case, message = held
    db.execute(delete(DueItem).where(DueItem.kind == DueKind.SW_MESSAGE_HELD))
    db.commit()
    assert fill_held_messages(db) == 1
    db.commit()
    assert _item(db, message).due_on == date(2026, 11, 20)
    assert fill_held_messages(db) == 0  # nothing left to count on the next init-db
    assert _fresh(db, message).state == "held"


def test_a_count_into_an_unloaded_year_says_so_on_the_page_and_the_item(client, auth, db, held):
    case, message = held
    message.created_at = datetime(2027, 12, 30, 20, tzinfo=UTC)  # + 2 working days: 2028
    db.commit()
    item = _item(db, message)
    assert item.due_on is None and "2028" in item.problem
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/messages").text
    assert "holiday calendar for 2028 is not loaded" in text_of(page, "#calendar-problem")
