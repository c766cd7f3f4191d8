"""The caseload an EC and a supervisor see: county words, due dates from policy/, overdue flags."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlalchemy import select

from models import AuditEvent
from models.enums import Role, Stage
from models.queries.caseload_filters import PAGE_SIZE
from tests import factories as f
from tests.helpers import statements_for
from tests.html import Element, elements, field_value, link_to, parse, text_of


def row_for(page: str, name: str) -> Element:
    """The caseload table's row for the client `name`."""
    rows = [tr for tr in elements(page, "tbody tr") if name in tr.text]
    assert len(rows) == 1, f"{len(rows)} rows for {name!r}"
    return rows[0]


def due_on(row: Element) -> list[str]:
    """The machine-readable due dates (<time datetime>) shown in a row."""
    return [time.get("datetime") for time in row.select("time[datetime]")]


def test_santa_clara_terms_and_five_working_day_target(client, auth, db, ec):
    # Assigned Fri 2026-11-20; Thanksgiving and the day after are skipped (R-MT-01, R-WD-02).
    f.case(db, ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 20))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert "common cases" in page and "DFCS case" in page and "Partnership EC" in page
    row = row_for(page, "Rosa Delgado")
    assert due_on(row) == ["2026-12-01"] and "in 8 days" in row.text and "Overdue" not in row.text


def test_overdue_meeting_is_flagged_with_days(client, auth, db, ec):
    f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))  # due Nov 9
    db.commit()
    auth.login("ana.ec@example.org")
    row = row_for(client.get("/cases").text, "Linh Nguyen")
    assert due_on(row) == ["2026-11-09"] and "Overdue 14 days" in row.text


def test_child_in_custody_meeting_is_due_the_court_day_before_jurisdiction(client, auth, db, ec):
    c = f.case(
        db,
        ec,
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
    assert due_on(row) == ["2026-12-11"]  # the Friday before (R-MT-02)


def test_orange_shows_no_invented_deadline_and_says_why(client, auth, db):
    oc = f.user(db, "oscar.ec@example.org", county_code="orange")
    f.case(db, oc, first="Hope", last="Walker", assigned_on=date(2026, 11, 2))
    db.commit()
    auth.login("oscar.ec@example.org")
    page = client.get("/cases").text
    assert "mutual clients" in page and "CFS case" in page and "Specialized CM" in page
    assert "policy sets no day count" in page and "proposed default" in page
    assert "Overdue" not in row_for(page, "Hope Walker").text


def test_caseload_view_is_audited(client, auth, db, ec):
    f.case(db, ec)
    db.commit()
    auth.login("ana.ec@example.org")
    client.get("/cases")
    rows = db.scalars(select(AuditEvent).where(AuditEvent.action == "caseload_view")).all()
    assert len(rows) == 1 and rows[0].actor_user_id == ec.id and '"rows": 1' in rows[0].detail


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
    assert "Unassigned" in row.text and "Identified" in row.text and due_on(row) == []


@pytest.mark.parametrize("n", [3, 30])
def test_caseload_query_count_does_not_grow_with_cases(app, client, auth, db, ec, n):
    for i in range(n):
        f.case(db, ec, first=f"Client{i}", last="Test", cw_number=f"C{i:07d}")
    db.commit()
    auth.login("ana.ec@example.org")
    statements = statements_for(app, client, "/cases")
    # user + cases + plans + 3 holiday reads, whatever the number of cases (P4)
    assert len(statements) <= 7, statements


def test_names_with_markup_are_shown_as_text_not_run(client, auth, db, ec):
    f.case(
        db,
        ec,
        first="<script>alert(1)</script>",
        last='<div hx-get="/admin/users" hx-trigger="load">x</div>',
    )
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert "<script>alert(1)</script>" not in page and 'hx-get="/admin/users"' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- Filters, search, paging, links and bulk-selection checkboxes -----------------------------


def names_on(page: str) -> list[str]:
    """Client names in table order (each is a link to its case page)."""
    return [
        a.text for a in elements(page, "a.usa-link") if re.fullmatch(r"/cases/\d+", a.get("href"))
    ]


# Santa Clara: meeting due 5 working days after assignment (Thanksgiving and the day after skipped).
FIELDS = ("first", "last", "stage", "assigned_on", "cw_number", "cfs_number")
A, P = Stage.ASSIGNED, Stage.PLAN_ACTIVE
MIXED = {
    "rosa": ("Rosa", "Delgado", A, date(2026, 11, 18), "C7654321", "DF-2231"),  # due Wed Nov 25
    "linh": ("Linh", "Nguyen", A, date(2026, 11, 2), "C1111111", "DF-0042"),  # due Nov 9: overdue
    "hope": ("Hope", "Walker", P, date(2026, 11, 2), "C2222222", "DF-9999"),  # nothing due
    "gus": ("Gus", "Delgado-Ruiz", A, date(2026, 11, 19), "C3333333", "DF-5555"),  # Mon Nov 30
}


@pytest.fixture
def mixed(db, ec):
    """Four clients: due this week, overdue, nothing due, due Monday next week."""
    cases = {k: f.case(db, ec, **dict(zip(FIELDS, v, strict=True))) for k, v in MIXED.items()}
    db.commit()
    return cases


@pytest.fixture
def thirty(db, ec):
    for i in range(30):
        f.case(db, ec, first=f"Client{i:02d}", last="Test", assigned_on=date(2026, 11, 18))
    db.commit()


def caseload(client, auth, query: str = "", email: str = "ana.ec@example.org") -> str:
    auth.login(email)
    response = client.get(f"/cases{query}")
    assert response.status_code == 200
    return response.text


def test_filter_by_stage_keeps_the_choice_selected(client, auth, mixed):
    page = caseload(client, auth, "?stage=plan_active")
    assert names_on(page) == ["Hope Walker"]
    assert '<option value="plan_active" selected>Plan active</option>' in page
    assert "1 case matches these filters." in page


def test_stage_select_offers_open_cases_all_cases_and_every_stage(client, auth, mixed):
    page = caseload(client, auth)
    assert '<option value="">Open cases</option>' in page
    assert '<option value="all">All cases, closed too</option>' in page
    for stage in Stage:  # in Santa Clara's words: "Confirmed common case", "Not a common case"
        label = stage.in_county("common case")
        assert f'<option value="{stage.value}">{label}</option>' in page
    assert "mutual" not in text_of(page).lower()
    assert '<label class="usa-label" for="filter-stage">' in page
    assert '<label class="usa-label" for="filter-q">' in page


@pytest.mark.parametrize(
    "q,expected",
    [
        ("nguyen", ["Linh Nguyen"]),  # last name, any case
        ("ROSA", ["Rosa Delgado"]),  # first name
        ("rosa delgado", ["Rosa Delgado"]),  # "first last"
        ("delgado", ["Rosa Delgado", "Gus Delgado-Ruiz"]),  # substring
        ("c765", ["Rosa Delgado"]),  # CalWORKs case number
        ("df-0042", ["Linh Nguyen"]),  # DFCS case number
        ("  linh   nguyen ", ["Linh Nguyen"]),  # stray spaces
        ("%", []),  # a LIKE wildcard is searched as text
    ],
)
def test_search_by_name_or_case_number(client, auth, mixed, q, expected):
    page = caseload(client, auth, "?" + urlencode({"q": q}))
    assert names_on(page) == expected
    assert f'value="{html.escape(" ".join(q.split()))}"' in page  # what was typed stays


def test_due_this_week_and_overdue_use_the_computed_due_dates(client, auth, mixed):
    assert names_on(caseload(client, auth, "?due=week")) == ["Rosa Delgado"]  # not Nov 30
    page = client.get("/cases?due=overdue").text  # already signed in
    assert names_on(page) == ["Linh Nguyen"] and "Overdue 14 days" in page
    assert '<option value="overdue" selected>Overdue</option>' in page


def test_filters_combine(client, auth, mixed):
    assert names_on(caseload(client, auth, "?q=delgado&due=week&stage=assigned")) == [
        "Rosa Delgado"
    ]


def test_no_match_says_so_and_offers_to_clear(client, auth, mixed):
    page = caseload(client, auth, "?q=nobody")
    assert "No cases match these filters." in page and "0 cases match these filters." in page
    assert link_to(page, "Clear filters") == "/cases"
    assert "<table" not in page


def test_unknown_stage_is_ignored_with_a_message_not_an_error(client, auth, mixed):
    page = caseload(client, auth, "?stage=bogus&q=delgado")
    assert "That stage is not one we know" in page and 'aria-invalid="true"' in page
    assert names_on(page) == ["Rosa Delgado", "Gus Delgado-Ruiz"]  # the rest still applies
    assert '<option value="">Open cases</option>' in page and "bogus" not in page


@pytest.mark.parametrize(
    "bad,shown", [("abc", 1), ("-3", 1), ("0", 1), ("1.5", 1), ("", 1), ("99", 2)]
)
def test_bad_page_number_does_not_fail(client, auth, thirty, bad, shown):
    page = caseload(client, auth, f"?page={bad}")  # past the end: the last page
    assert f"Page {shown} of 2" in page and len(names_on(page)) == (25 if shown == 1 else 5)


def test_thirty_cases_make_two_pages_and_links_keep_the_filters(client, auth, db, ec, thirty):
    f.case(db, ec, first="Other", last="Person", assigned_on=date(2026, 11, 18))
    db.commit()
    first = caseload(client, auth, "?q=test&due=week")
    assert PAGE_SIZE == 25 and len(names_on(first)) == 25
    assert "Page 1 of 2" in first and "30 cases match these filters." in first
    assert "Previous" not in first
    url = urlsplit(link_to(first, "Next"))
    assert url.path == "/cases"
    assert parse_qs(url.query) == {"q": ["test"], "due": ["week"], "page": ["2"]}

    second = client.get(link_to(first, "Next")).text
    assert len(names_on(second)) == 5 and "Page 2 of 2" in second and "Showing 26–30." in second
    assert names_on(second)[-1] == "Client29 Test" and "Other Person" not in second
    assert "Next</span>" not in second
    back = parse_qs(urlsplit(link_to(second, "Previous")).query)
    assert back == {"q": ["test"], "due": ["week"], "page": ["1"]}


def test_search_text_is_never_written_to_the_audit_log(client, auth, db, mixed):
    caseload(client, auth, "?q=Delgado&stage=assigned&due=week&page=1")
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "caseload_view")).one()
    detail = json.loads(event.detail)
    assert "delgado" not in event.detail.lower() and "q" not in detail
    assert detail["searched"] is True and detail["stage"] == "assigned"
    assert detail["due"] == "week" and detail["rows"] == 1 and detail["total"] == 1
    client.get("/cases")
    plain = json.loads(db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first().detail)
    assert plain["searched"] is False and plain["stage"] is None and plain["rows"] == 4


def test_names_link_to_their_case_page_and_an_ec_gets_no_checkboxes(client, auth, mixed):
    page = caseload(client, auth)
    for case in mixed.values():
        name = html.escape(case.participant.display_name)
        assert f'<a class="usa-link" href="/cases/{case.id}">{name}</a>' in page
    assert 'name="case_ids"' not in page and "Select Rosa Delgado" not in page


def test_supervisor_gets_labelled_checkboxes_for_reassignment(client, auth, db):
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR)
    ec = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    case = f.case(db, ec, first="Rosa", last="Delgado")
    db.commit()
    page = caseload(client, auth, email="sam.sup@example.org")
    document = parse(page)
    box = document.one("input[name=case_ids]")
    assert box.get("value") == str(case.id) and box.get("form") == "reassign-form"
    assert box.id == f"select-case-{case.id}"
    label = f'<label class="usa-checkbox__label" for="select-case-{case.id}">'
    assert label + '<span class="usa-sr-only">Select Rosa Delgado</span></label>' in page
    # The checkbox column comes before the client column.
    assert box.order < document.one(f'a[href="/cases/{case.id}"]').order


# --- Open cases by default; closed ones one choice away (issue 13) ----------------------------


@pytest.fixture
def ended(db, ec, mixed):
    """Besides the four open cases of `mixed`: one closed, one recorded as not mutual."""
    closed = f.case(db, ec, first="Iris", last="Closed", stage=Stage.CLOSED, cw_number="C4444444")
    not_mutual = f.case(db, ec, first="Nate", last="Delgado", stage=Stage.NOT_MUTUAL)
    db.commit()
    return {"closed": closed, "not_mutual": not_mutual}


def test_the_default_caseload_lists_open_cases_and_says_closed_ones_are_left_out(
    client, auth, ended
):
    page = caseload(client, auth)
    assert names_on(page) == ["Rosa Delgado", "Linh Nguyen", "Hope Walker", "Gus Delgado-Ruiz"]
    assert text_of(page, "#caseload-count") == (
        "4 open cases. Closed cases are not listed: include closed cases."
    )
    assert link_to(page, "include closed cases") == "/cases?stage=all"
    assert field_value(page, "stage") == ""  # "Open cases" is the choice shown

    everything = client.get("/cases?stage=all").text
    assert len(names_on(everything)) == 6 and "Iris Closed" in names_on(everything)
    assert '<option value="all" selected>All cases, closed too</option>' in everything
    assert "6 cases match these filters." in everything and "not listed" not in everything
    assert names_on(client.get("/cases?stage=closed").text) == ["Iris Closed"]
    assert names_on(client.get("/cases?stage=not_mutual").text) == ["Nate Delgado"]


def test_a_search_says_closed_cases_were_not_searched_and_offers_them(client, auth, ended):
    page = caseload(client, auth, "?q=delgado")
    assert names_on(page) == ["Rosa Delgado", "Gus Delgado-Ruiz"]  # not Nate (not mutual)
    assert "Closed cases were not searched" in text_of(page, "#caseload-count")
    url = urlsplit(link_to(page, "search closed cases too"))
    assert parse_qs(url.query) == {"q": ["delgado"], "stage": ["all"]}
    wider = client.get(f"{url.path}?{url.query}").text
    assert names_on(wider) == ["Rosa Delgado", "Gus Delgado-Ruiz", "Nate Delgado"]
    assert field_value(wider, "q") == "delgado" and field_value(wider, "stage") == "all"

    nothing = client.get("/cases?q=closed").text  # only a closed client is called that
    assert "No cases match these filters." in nothing and names_on(nothing) == []
    assert "search closed cases too" in nothing
    assert names_on(client.get("/cases?q=closed&stage=all").text) == ["Iris Closed"]


def test_all_cases_pages_keep_the_choice(client, auth, db, ec, thirty):
    for i in range(3):
        f.case(db, ec, first=f"Gone{i}", last="Test", stage=Stage.CLOSED)
    db.commit()
    first = caseload(client, auth, "?stage=all")
    assert "Page 1 of 2" in first and "33 cases match these filters." in first
    url = urlsplit(link_to(first, "Next"))
    assert parse_qs(url.query) == {"stage": ["all"], "page": ["2"]}
    second = client.get(link_to(first, "Next")).text
    assert len(names_on(second)) == 8 and "Showing 26–33." in second
    default = client.get("/cases").text
    assert "Page 1 of 2" in default and "30 open cases." in default


def test_a_supervisor_sees_the_units_open_cases_and_closed_ones_one_choice_away(client, auth, db):
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR)
    ana = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    ben = f.user(db, "ben.ec@example.org", name="Ben Cho", supervisor_id=sup.id)
    f.case(db, ana, first="Rosa", last="Delgado")
    f.case(db, ben, first="Iris", last="Closed", stage=Stage.CLOSED)
    f.case(db, ana, first="Nate", last="Ended", stage=Stage.NOT_MUTUAL)
    db.commit()
    page = caseload(client, auth, email="sam.sup@example.org")
    assert "Unit caseload" in page and names_on(page) == ["Rosa Delgado"]
    assert text_of(page, "#caseload-count").startswith("1 open case. Closed cases are not listed")
    assert 'name="case_ids"' in page  # reassignment still offered on the open list
    everything = client.get(link_to(page, "include closed cases")).text
    assert sorted(names_on(everything)) == ["Iris Closed", "Nate Ended", "Rosa Delgado"]


def test_a_caseload_with_only_closed_cases_says_none_are_open(client, auth, db, ec):
    f.case(db, ec, first="Iris", last="Closed", stage=Stage.CLOSED)
    db.commit()
    page = caseload(client, auth)
    assert names_on(page) == [] and "No open cases on this caseload." in page
    assert names_on(client.get(link_to(page, "include closed cases")).text) == ["Iris Closed"]
