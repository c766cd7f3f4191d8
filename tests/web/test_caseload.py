"""The caseload an EC and a supervisor see: county words, due dates from policy/, overdue flags."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select

from models import AuditEvent
from models.enums import Role, Stage
from tests import factories as f


@pytest.fixture
def sc_ec(db):
    u = f.user(db, "ana.ec@example.org", name="Ana Reyes")
    db.commit()
    return u


def row_for(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : page.index("</tr>", start)]


def test_santa_clara_terms_and_five_working_day_target(client, auth, db, sc_ec):
    # Assigned Fri 2026-11-20; Thanksgiving and the day after are skipped (R-MT-01, R-WD-02).
    f.case(db, sc_ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 20))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert "common cases" in page and "DFCS case" in page and "Partnership EC" in page
    row = row_for(page, "Rosa Delgado")
    assert 'datetime="2026-12-01"' in row and "in 8 days" in row and "Overdue" not in row


def test_overdue_meeting_is_flagged_with_days(client, auth, db, sc_ec):
    f.case(db, sc_ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))  # due Nov 9
    db.commit()
    auth.login("ana.ec@example.org")
    row = row_for(client.get("/cases").text, "Linh Nguyen")
    assert 'datetime="2026-11-09"' in row and "Overdue 14 days" in row


def test_child_in_custody_meeting_is_due_the_court_day_before_jurisdiction(client, auth, db, sc_ec):
    c = f.case(
        db,
        sc_ec,
        first="Grace",
        last="Okafor",
        custody=True,
        removed_on=date(2026, 11, 16),
        assigned_on=date(2026, 11, 18),
    )
    c.child_welfare_case.jurisdiction_hearing_on = date(2026, 12, 14)  # a Monday
    db.commit()
    auth.login("ana.ec@example.org")
    row = row_for(client.get("/cases").text, "Grace Okafor")
    assert 'datetime="2026-12-11"' in row  # the Friday before (R-MT-02)


def test_orange_shows_no_invented_deadline_and_says_why(client, auth, db):
    oc = f.user(db, "oscar.ec@example.org", county_code="orange")
    f.case(db, oc, first="Hope", last="Walker", assigned_on=date(2026, 11, 2))
    db.commit()
    auth.login("oscar.ec@example.org")
    page = client.get("/cases").text
    assert "mutual clients" in page and "CFS case" in page and "Specialized CM" in page
    assert "policy sets no day count" in page and "proposed default" in page
    assert "Overdue" not in row_for(page, "Hope Walker")


def test_caseload_view_is_audited(client, auth, db, sc_ec):
    f.case(db, sc_ec)
    db.commit()
    auth.login("ana.ec@example.org")
    client.get("/cases")
    rows = db.scalars(select(AuditEvent).where(AuditEvent.action == "caseload_view")).all()
    assert len(rows) == 1 and rows[0].actor_user_id == sc_ec.id and '"rows": 1' in rows[0].detail


def test_unassigned_stage_shows_no_due_date(client, auth, db):
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR)
    f.case(
        db,
        None,
        first="Nadia",
        last="Haddad",
        stage=Stage.CANDIDATE,
        assigned_on=None,
        supervisor_id=sup.id,
    )
    db.commit()
    auth.login("sam.sup@example.org")
    row = row_for(client.get("/cases").text, "Nadia Haddad")
    assert "Unassigned" in row and "Identified" in row and "datetime" not in row


@pytest.mark.parametrize("n", [3, 30])
def test_caseload_query_count_does_not_grow_with_cases(app, client, auth, db, sc_ec, n):
    for i in range(n):
        f.case(db, sc_ec, first=f"Client{i}", last="Test", cw_number=f"C{i:07d}")
    db.commit()
    auth.login("ana.ec@example.org")
    engine = app.extensions["tandem_engine"]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if "user_session" not in statement and "audit_event" not in statement:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/cases").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # user + cases + plans + 3 holiday reads, whatever the number of cases (P4)
    assert len(statements) <= 7, statements


def test_names_with_markup_are_shown_as_text_not_run(client, auth, db, sc_ec):
    f.case(
        db,
        sc_ec,
        first="<script>alert(1)</script>",
        last='<div hx-get="/admin/users" hx-trigger="load">x</div>',
    )
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert "<script>alert(1)</script>" not in page and 'hx-get="/admin/users"' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
