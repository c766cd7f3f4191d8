"""The administrator's audit trail: filters, paging in SQL, the county's rows only, the CSV export
(formula-safe) and both audited. TODAY is Monday 2026-11-23; rows are placed at fixed times."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from models import AuditEvent
from models.enums import Role
from tests import factories as f
from tests.html import Element, by_id, elements, field_value, link_to, select_options, text_of

NOON = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)  # Nov 20, 12:00 PM county time
DATES = {"date_from": "11/01/2026", "date_to": "11/23/2026"}


def row(db, at=NOON, action="case_view", **kw):
    kw.setdefault("ip", "10.0.0.7")
    kw.setdefault("request_id", "req-" + action)
    found = AuditEvent(at=at, action=action, **kw)
    db.add(found)
    db.flush()
    return found


@pytest.fixture
def county(db, team):
    """Santa Clara: admin Ada, EC Ana with a case; Orange: EC Oscar with a case, admin Otto."""
    ada = f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    f.user(db, "otto.admin@example.org", role=Role.ADMIN, county_code="orange", name="Otto")
    ana_case = f.case(db, team["ana"], first="Rosa", last="Delgado")
    orange_case = f.case(db, oscar, first="Hope", last="Walker")
    db.commit()
    return {"ada": ada, "ana": team["ana"], "ben": team["ben"], "oscar": oscar,
            "case": ana_case, "orange_case": orange_case}  # fmt: skip


def rows_shown(page: str) -> list[list[str]]:
    return [
        [cell.text for cell in tr.children if isinstance(cell, Element)]
        for tr in elements(page, "#audit-rows tbody tr")
    ]


def search(client, **args):
    return client.get("/admin/audit", query_string={**DATES, **args})


def test_admin_sees_the_countys_rows_newest_first_in_county_time(client, auth, db, county):
    row(db, NOON, "case_view", actor_user_id=county["ana"].id, case_id=county["case"].id,
        object_type="step", object_id="plan")  # fmt: skip
    row(db, NOON + timedelta(hours=1), "login", actor_user_id=county["ben"].id,
        object_type="account", object_id=str(county["ben"].id), outcome="failed")  # fmt: skip
    db.commit()
    auth.login("ada.admin@example.org")
    page = search(client).text
    shown = rows_shown(page)
    assert shown[0][:4] == ["11/20/2026 1:00:00 PM", "Ben Tran", "Sign-in", "Failed"]
    assert shown[1] == [
        "11/20/2026 12:00:00 PM",
        "Ana Reyes",
        "Case page viewed",
        "Done",
        "Case page plan",
        str(county["case"].id),
        "10.0.0.7",
        "req-case_view",
    ]
    assert "2 rows from 11/01/2026 to 11/23/2026, newest first." in text_of(page)


def test_nav_links_the_audit_trail_next_to_accounts_for_admins_only(client, auth, county):
    auth.login("ada.admin@example.org")
    page = client.get("/admin/users").text
    nav = [a.text for a in elements(page, "nav[aria-label=Main] a")]
    assert nav[nav.index("Accounts") + 1] == "Audit trail"
    assert link_to(page, "Audit trail") == "/admin/audit"
    auth.logout()
    auth.login("ana.ec@example.org")
    assert "Audit trail" not in text_of(client.get("/cases").text)
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def test_first_visit_shows_the_last_30_days_up_to_today(client, auth, db, county):
    row(db, datetime(2026, 10, 23, 20, 0, tzinfo=UTC), actor_user_id=county["ana"].id)
    row(db, datetime(2026, 10, 25, 20, 0, tzinfo=UTC), actor_user_id=county["ana"].id)
    db.commit()
    auth.login("ada.admin@example.org")
    page = client.get("/admin/audit").text
    assert field_value(page, "date_from") == "2026-10-24"
    assert field_value(page, "date_to") == "2026-11-23"
    assert len(rows_shown(page)) == 1


@pytest.fixture
def mixed(db, county):
    ana, ben, case = county["ana"], county["ben"], county["case"]
    row(db, NOON, "case_view", actor_user_id=ana.id, case_id=case.id)
    row(db, NOON, "plan_save", actor_user_id=ana.id, case_id=case.id)
    row(db, NOON, "caseload_view", actor_user_id=ben.id)
    row(db, NOON, "authz_denied", actor_user_id=ben.id, outcome="denied")
    row(db, NOON, "share_open", actor_link_id=None, case_id=case.id)
    row(db, datetime(2026, 11, 21, 7, 30, tzinfo=UTC), "logout", actor_user_id=ana.id)  # 11/20 PM
    row(db, datetime(2026, 11, 21, 8, 30, tzinfo=UTC), "logout", actor_user_id=ben.id)  # 11/21
    db.commit()
    return county


@pytest.mark.parametrize(
    "args,expected",
    [
        ({"who": "ana"}, {"case_view", "plan_save", "logout"}),
        ({"action": "authz_denied"}, {"authz_denied"}),
        ({"outcome": "denied"}, {"authz_denied"}),
        ({"case_id": "case"}, {"case_view", "plan_save", "share_open"}),
        ({"date_from": "11/21/2026"}, {"logout"}),
        (
            {"date_to": "11/20/2026"},
            {"case_view", "plan_save", "caseload_view", "authz_denied", "share_open", "logout"},
        ),  # fmt: skip
        ({"who": "ana", "action": "logout", "date_to": "2026-11-20"}, {"logout"}),
    ],
)
def test_filters(client, auth, db, mixed, args, expected):
    args = dict(args)
    if args.get("who") == "ana":
        args["who"] = str(mixed["ana"].id)
    if args.get("case_id") == "case":
        args["case_id"] = str(mixed["case"].id)
    auth.login("ada.admin@example.org")
    page = search(client, **args).text
    codes = {r.action for r in db.scalars(select(AuditEvent))}
    labels = {text: code for code in codes for text in [_label(code)]}
    assert {labels[r[2]] for r in rows_shown(page)} == expected
    for name, value in args.items():  # the applied filter stays chosen
        if name in ("who", "action"):
            assert [o.value for o in select_options(page, name) if o.selected] == [value]


def _label(code):
    from models.enums.audit import AuditAction

    return AuditAction.label_of(code)


def test_date_boundaries_are_county_midnights(client, auth, mixed):
    auth.login("ada.admin@example.org")
    page = search(client, date_from="11/21/2026", date_to="11/21/2026").text
    assert [r[0] for r in rows_shown(page)] == ["11/21/2026 12:30:00 AM"]


def test_selects_offer_the_countys_accounts_and_the_actions_present(client, auth, mixed):
    auth.login("ada.admin@example.org")
    page = search(client).text
    who = {o.text for o in select_options(page, "who")}
    assert {"Anyone in the county", "Ana Reyes (ana.ec@example.org)"} <= who
    assert "Anonymous or system (no account, no case)" in who
    assert not any("Oscar" in w or "Otto" in w for w in who)
    actions = [o.text for o in select_options(page, "action")]
    assert actions[0] == "Any action" and "Plan saved" in actions and "Sign-out" in actions
    assert all("_" not in a for a in actions)


@pytest.mark.parametrize(
    "args,field,message",
    [
        ({"case_id": "12a"}, "case_id", "Enter the case ID in digits only, for example 1042."),
        ({"case_id": "2147483648"}, "case_id", "No case has an ID that large."),
        ({"date_from": "31/31/2026"}, "date_from", "Enter the date as month/day/year"),
        ({"date_to": "12/25/2026"}, "date_to", "cannot be after today (11/23/2026)"),
        ({"date_from": "11/20/2026", "date_to": "11/10/2026"}, "date_to", "cannot be before"),
        ({"date_from": "11/01/2025", "date_to": "11/23/2026"}, "date_to", "at most a year apart"),
        ({"date_from": "01/01/2020", "date_to": ""}, "date_to", "at most a year apart"),
        ({"action": "drop_table"}, "action", "No row of the audit trail has that action."),
        ({"outcome": "x"}, "outcome", "No row of the audit trail has that outcome."),
        ({"who": "oscar"}, "who", "That person is not an account of this county."),
    ],
)
def test_each_problem_is_shown_next_to_its_field(client, auth, db, mixed, args, field, message):
    if args.get("who") == "oscar":
        args = {"who": str(mixed["oscar"].id)}  # another county's account
    auth.login("ada.admin@example.org")
    response = search(client, **args)
    assert response.status_code == 200
    assert message in by_id(response.text, f"{field}-error").text
    assert elements(response.text, "#audit-rows") == []
    assert "Fix the filters marked above" in text_of(response.text)


def test_a_year_to_the_day_is_allowed(client, auth, mixed):
    auth.login("ada.admin@example.org")
    response = search(client, date_from="11/23/2025", date_to="11/23/2026")
    assert elements(response.text, ".usa-error-message") == []


@pytest.fixture
def many(db, county):
    for n in range(120):
        row(db, NOON - timedelta(minutes=n), "case_view", actor_user_id=county["ana"].id,
            request_id=f"r{n:03}")  # fmt: skip
    db.commit()
    return county


def test_fifty_rows_a_page_and_the_links_keep_the_filters(client, auth, many):
    auth.login("ada.admin@example.org")
    first = search(client, action="case_view").text
    assert [r[7] for r in rows_shown(first)] == [f"r{n:03}" for n in range(50)]
    assert "Page 1 of 3" in text_of(first)
    following = link_to(first, "Next")
    assert "action=case_view" in following and "date_from=2026-11-01" in following
    second = client.get(following).text
    assert [r[7] for r in rows_shown(second)][0] == "r050"
    third = client.get(link_to(second, "Next")).text
    assert len(rows_shown(third)) == 20 and "Showing 101–120." in text_of(third)
    past_the_end = search(client, action="case_view", page="99999999999999999999").text
    assert [r[7] for r in rows_shown(past_the_end)][0] == "r000"  # a bad number: page 1
    assert "Page 3 of 3" in text_of(search(client, action="case_view", page="7").text)


def _statements(app, client, url):
    seen = []

    def count(conn, cursor, statement, *args):
        if "user_session" not in statement:
            seen.append(statement)

    engine = app.extensions["tandem_engine"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return seen


def test_the_query_count_does_not_grow_with_the_rows(app, client, auth, db, county):
    auth.login("ada.admin@example.org")
    url = "/admin/audit?date_from=11/01/2026&date_to=11/23/2026"
    row(db, NOON, actor_user_id=county["ana"].id)
    db.commit()
    few = len(_statements(app, client, url))
    for n in range(70):
        row(db, NOON - timedelta(minutes=n), actor_user_id=county["ben"].id)
    db.commit()
    assert len(_statements(app, client, url)) == few


def test_only_the_countys_rows_and_anonymous_ones_apart(client, auth, db, county):
    ana, oscar = county["ana"], county["oscar"]
    row(db, NOON, "case_view", actor_user_id=ana.id, request_id="mine")
    row(db, NOON, "case_view", actor_user_id=oscar.id, request_id="orange-user")
    row(db, NOON, "share_open", case_id=county["orange_case"].id, request_id="orange-case")
    row(db, NOON, "share_open", case_id=county["case"].id, request_id="my-case")
    row(db, NOON, "login", outcome="failed", object_type="account", request_id="unknown-email")
    row(db, NOON, "account_disable", object_type="account", object_id=str(ana.id),
        request_id="schedule-mine")  # fmt: skip
    row(db, NOON, "account_disable", object_type="account", object_id=str(oscar.id),
        request_id="schedule-orange")  # fmt: skip
    db.commit()
    auth.login("ada.admin@example.org")
    county_rows = {r[7] for r in rows_shown(search(client).text)}
    assert county_rows == {"mine", "my-case", "schedule-mine"}
    anonymous = {r[7] for r in rows_shown(search(client, who="none").text)}
    assert anonymous == {"unknown-email", "schedule-mine"}
    # Another county's case, asked for by its id, shows nothing (and no hint it exists).
    other = search(client, case_id=str(county["orange_case"].id)).text
    assert rows_shown(other) == [] and "No rows match these filters." in text_of(other)
    shown = rows_shown(search(client, who="none").text)
    assert {r[1] for r in shown} == {"Anonymous or system"}


def test_social_worker_links_are_named_by_their_number(client, auth, db, county):
    from models.enums import ShareScope
    from models.operations.share_links import create_link

    link, _token = create_link(db, county["case"], county["ana"].id, recipient_name="Dana Kim",
                               recipient_email="dana@example.org", days=30,
                               scope=ShareScope.VIEW)  # fmt: skip
    row(db, NOON, "share_open", actor_link_id=link.id, case_id=county["case"].id)
    db.commit()
    auth.login("ada.admin@example.org")
    shown = rows_shown(search(client, who="links").text)
    assert [r[1] for r in shown] == [f"Social worker link #{link.id}"]


def test_viewing_the_audit_trail_is_audited_with_the_filters(client, auth, db, mixed):
    auth.login("ada.admin@example.org")
    search(client, action="plan_save", case_id=str(mixed["case"].id), page="1")
    viewed = db.scalars(select(AuditEvent).where(AuditEvent.action == "audit_view")).one()
    assert viewed.actor_user_id == mixed["ada"].id
    assert json.loads(viewed.detail) == {
        "action": "plan_save",
        "case_id": mixed["case"].id,
        "from": "2026-11-01",
        "outcome": None,
        "page": 1,
        "to": "2026-11-23",
        "total": 1,
        "who": None,
    }
    search(client, case_id="<script>")
    refused = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "audit_view").order_by(AuditEvent.id.desc())
    ).first()
    assert json.loads(refused.detail) == {"invalid": ["case_id"]}  # never what was typed


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_csv_export_has_the_same_rows_and_is_a_private_download(client, auth, db, mixed):
    auth.login("ada.admin@example.org")
    page = search(client, who=str(mixed["ana"].id)).text
    response = client.get(link_to(page, "Export these rows as CSV"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="audit-trail-2026-11-01-to-2026-11-23.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    lines = _csv(response)
    assert lines[0][:6] == ["Time (county time)", "Time (UTC)", "User", "User account ID",
                            "Social worker link ID", "Action"]  # fmt: skip
    assert [line[6] for line in lines[1:]] == ["logout", "plan_save", "case_view"]
    assert lines[1][0] == "2026-11-20 23:30:00 PST" and lines[1][1] == "2026-11-21T07:30:00Z"
    assert {line[2] for line in lines[1:]} == {"Ana Reyes"}


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(client, auth, db, county):
    hostile = {"=HYPERLINK(\"http://x\")": "=", "+1+1": "+", "-2+3": "-", "@SUM(A1)": "@",
               "\tcmd": "tab", "\rcmd": "cr"}  # fmt: skip
    for n, text in enumerate(hostile):
        row(db, NOON - timedelta(minutes=n), "authz_denied", actor_user_id=county["ana"].id,
            object_type="good_cause", object_id=text, request_id=f"h{n}")  # fmt: skip
    county["ana"].name = "=cmd|' /C calc'!A0"
    db.commit()
    auth.login("ada.admin@example.org")
    response = client.get("/admin/audit.csv", query_string=DATES)
    assert response.get_data(as_text=True).startswith('\ufeff"Time (county time)","Time (UTC)"')
    lines = _csv(response)  # every cell quoted, as OWASP advises, and read back as sent
    body = [line for line in lines[1:] if line[12].startswith("h")]
    assert sorted(line[9] for line in body) == sorted("'" + text for text in hostile)
    assert {line[2] for line in body} == {"'=cmd|' /C calc'!A0"}
    for line in lines:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in line)


def test_the_export_is_audited_with_its_filters(client, auth, db, mixed):
    auth.login("ada.admin@example.org")
    client.get("/admin/audit.csv", query_string={**DATES, "outcome": "denied"})
    exported = db.scalars(select(AuditEvent).where(AuditEvent.action == "audit_export")).one()
    assert exported.actor_user_id == mixed["ada"].id and exported.object_type == "audit_trail"
    detail = json.loads(exported.detail)
    assert detail["outcome"] == "denied" and detail["rows"] == 1 and detail["total"] == 1
    assert detail["from"] == "2026-11-01" and detail["to"] == "2026-11-23"


def test_export_past_the_limit_says_how_many_were_left_out(make_app, db, county):
    app = make_app(AUDIT_EXPORT_MAX_ROWS=5)
    client = app.test_client()
    from tests.helpers import Auth

    for n in range(8):
        row(db, NOON - timedelta(minutes=n), actor_user_id=county["ana"].id, request_id=f"r{n}")
    db.commit()
    Auth(client).login("ada.admin@example.org")
    page = search(client).text
    assert "The CSV file holds the newest 5 of these 8 rows." in text_of(page, "#export-limit")
    lines = _csv(client.get("/admin/audit.csv", query_string=DATES))
    assert [line[12] for line in lines[1:6]] == ["r0", "r1", "r2", "r3", "r4"]
    assert lines[6] == [
        "Only the newest 5 of 8 matching rows are in this file. "
        "Narrow the dates or the filters to export the rest."
    ]
    assert len(lines) == 7


def test_export_with_bad_filters_goes_back_to_the_form(client, auth, county):
    auth.login("ada.admin@example.org")
    response = client.get("/admin/audit.csv", query_string={"case_id": "x", "_external": "1"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/audit?case_id=x"
    page = client.get(response.headers["Location"]).text
    assert "digits only" in by_id(page, "case_id-error").text
