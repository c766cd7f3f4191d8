"""Due dates stored as due items (issue 14): the caseload filters, counts and pages in SQL, and
every change to a case keeps its due items current."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import delete, func, select

from models import DueItem, MutualCase
from models.enums import DueKind, Role, Stage
from models.queries.caseload import where_due
from tests import factories as f
from tests.helpers import statements_for
from tests.html import elements, text_of


def names_on(page: str) -> list[str]:
    return [
        a.text for a in elements(page, "a.usa-link") if re.fullmatch(r"/cases/\d+", a.get("href"))
    ]


def due_of(page: str, name: str) -> str:
    row = next(tr for tr in elements(page, "tbody tr") if name in tr.text)
    return " ".join(row.select("td")[-1].text.split())


def _cases(db, worker, first: int, last: int) -> None:
    for i in range(first, last):
        # Every third meeting is overdue (assigned on Nov 2: due Nov 9); the rest due Dec 1.
        assigned = date(2026, 11, 2) if i % 3 == 0 else date(2026, 11, 20)
        f.case(db, worker, first=f"Client{i:03d}", last="Test", assigned_on=assigned)
    db.commit()


URLS = ("/cases", "/cases?due=overdue", "/cases?due=week", "/cases?page=999", "/cases?q=test")


def test_every_caseload_view_costs_the_same_queries_at_30_and_300_cases(app, client, auth, db):
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR)
    ana = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    _cases(db, ana, 0, 30)
    auth.login("sam.sup@example.org")
    small = {url: statements_for(app, client, url) for url in URLS}
    _cases(db, ana, 30, 300)
    large = {url: statements_for(app, client, url) for url in URLS}
    for url in URLS:
        assert len(large[url]) == len(small[url]), url
        # user, count, page, due items, problems, nav (sanctions to review, overdue items)
        assert len(small[url]) <= 9, small[url]
        # The page is cut by the database, not after loading the unit.
        assert any("LIMIT" in s.upper() for s in large[url]), url
    last = client.get("/cases?page=999").text
    assert "Page 12 of 12" in last and len(names_on(last)) == 25
    assert "300 open cases." in text_of(client.get("/cases").text, "#caseload-count")
    overdue = client.get("/cases?due=overdue").text
    assert "100 cases match these filters." in overdue and "Page 1 of 4" in overdue


def test_moving_the_case_on_resolves_the_meeting_and_the_overdue_list_drops_it(
    client, auth, db, ec
):
    case = f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))
    db.commit()
    auth.login("ana.ec@example.org")
    assert names_on(client.get("/cases?due=overdue").text) == ["Linh Nguyen"]

    case.stage = Stage.MEETING_HELD
    db.commit()
    page = client.get("/cases").text
    assert due_of(page, "Linh Nguyen") == "—"
    assert names_on(client.get("/cases?due=overdue").text) == []
    item = db.scalars(select(DueItem).where(DueItem.case_id == case.id)).one()
    assert item.kind == DueKind.JOINT_MEETING and item.resolved and item.resolved_on
    assert item.due_on == date(2026, 11, 9)  # kept: when it was due


def test_a_plan_waiting_for_signature_is_due_90_days_from_its_start(client, auth, db, ec):
    case = f.case(db, ec, first="Rosa", last="Delgado", stage=Stage.MEETING_HELD)
    f.make_plan(db, case, signed=False, required_from=date(2026, 8, 31))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert due_of(page, "Rosa Delgado") == "Plan signature: Sun 11/29/2026 in 6 days"
    assert names_on(client.get("/cases?due=week").text) == ["Rosa Delgado"]

    case.stage = Stage.PLAN_ACTIVE  # signed: next, the renewal 2 months before it ends
    db.commit()
    assert due_of(client.get("/cases").text, "Rosa Delgado").startswith("Plan renewal: Tue 08/31")


def test_closing_resolves_the_due_date_and_reopening_brings_it_back(client, auth, db, ec):
    case = f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))
    db.commit()
    case.stage = Stage.CLOSED
    db.commit()
    auth.login("ana.ec@example.org")
    assert due_of(client.get("/cases?stage=all").text, "Linh Nguyen") == "—"
    case.stage = Stage.ASSIGNED
    db.commit()
    assert names_on(client.get("/cases?due=overdue").text) == ["Linh Nguyen"]
    assert db.scalar(select(func.count()).select_from(DueItem)) == 1  # one row, reopened


def test_the_earliest_open_item_is_next_due_and_an_overdue_one_keeps_a_case_off_this_week(
    client, auth, db, ec
):
    # Issue 15 adds kinds a case owes together; the list reads the earliest open one.
    case = f.case(db, ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 18))  # Nov 25
    db.add(DueItem(case_id=case.id, kind=DueKind.PLAN_SIGNATURE, due_on=date(2026, 11, 20)))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert due_of(page, "Rosa Delgado").startswith("Plan signature: Fri 11/20/2026 Overdue 3 days")
    assert names_on(client.get("/cases?due=overdue").text) == ["Rosa Delgado"]
    assert names_on(client.get("/cases?due=week").text) == []  # its next due is overdue


def test_a_page_reads_the_people_of_its_own_cases_only(app, client, auth, db, ec):
    """The page's ids are cut first, then those cases are read with their people: joined
    before the cut, PostgreSQL read the people of every case it skipped (a last page at 100k)."""
    _cases(db, ec, 0, 60)
    auth.login("ana.ec@example.org")
    for url in ("/cases?page=3", "/cases?due=overdue&page=1"):
        (page,) = [s for s in statements_for(app, client, url) if "JOIN participant" in s]
        cut = page.index("IN (SELECT mutual_case.id")
        assert "LIMIT" in page[cut:] and "JOIN" not in page[cut:], page
    last = client.get("/cases?page=3").text
    assert names_on(last) == [f"Client{i:03d} Test" for i in range(50, 60)]


def test_refresh_due_items_counts_cases_loaded_without_the_app(app, client, auth, db, ec):
    case = f.case(db, ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 20))
    db.commit()
    db.execute(delete(DueItem))  # as after a bulk load or an upgrade
    db.commit()
    auth.login("ana.ec@example.org")
    assert due_of(client.get("/cases").text, "Rosa Delgado") == "—"

    result = app.test_cli_runner().invoke(args=["refresh-due-items"])
    assert result.exit_code == 0 and "1 changed" in result.output, result.output
    assert due_of(client.get("/cases").text, "Rosa Delgado").startswith("Joint meeting: Tue 12/01")
    again = app.test_cli_runner().invoke(args=["refresh-due-items"])
    assert "0 changed" in again.output  # safe to run again: nothing moves
    db.execute(delete(DueItem).where(DueItem.case_id == case.id))
    db.commit()
    assert app.test_cli_runner().invoke(args=["init-db"]).exit_code == 0  # the upgrade path
    assert db.scalar(select(DueItem.due_on).where(DueItem.case_id == case.id)) == date(2026, 12, 1)


def test_seed_bench_stores_the_due_items_the_rules_give(app, db):
    result = app.test_cli_runner().invoke(args=["seed-bench", "--cases", "60", "--no-pdf"])
    assert result.exit_code == 0, result.output
    stored = db.scalar(select(func.count()).select_from(DueItem).where(~DueItem.resolved))
    assert stored and stored <= 60
    refreshed = app.test_cli_runner().invoke(args=["refresh-due-items"])
    assert "0 changed" in refreshed.output  # what the bench stored is what the rules give


def test_overdue_reads_the_case_ids_from_the_index_alone(app, db, ec):
    """Issue 14: "Overdue" across a unit or a county takes the case ids of open items by date
    from the (resolved, due_on, case_id) index, never from each item's row (SQLite's plan; the
    same index serves PostgreSQL)."""
    if db.bind.dialect.name != "sqlite":
        return  # the plan text checked is SQLite's; the index exists on both (test_migrations)

    def plan_of(correlated: bool) -> str:
        stmt = where_due(
            select(MutualCase.id), "overdue", date(2026, 11, 23), correlated=correlated
        )
        compiled = stmt.compile(dialect=db.bind.dialect)
        values = tuple(compiled.params[name] for name in compiled.positiontup or ())
        plan = db.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values).all()
        return " | ".join(row[-1] for row in plan)

    assert "COVERING INDEX ix_due_item_open_due_case" in plan_of(False), plan_of(False)
    # A page looks each case up by its id in the (case_id, resolved, due_on) index instead.
    assert "COVERING INDEX ix_due_item_case_open_due (case_id=?" in plan_of(True), plan_of(True)


def test_a_page_and_its_count_pick_the_same_cases_for_each_due_choice(db, ec):
    """The page asks "is any open item due?" case by case (EXISTS), the count from a list of
    case ids (IN): both forms must agree on every kind of case (issue 14)."""
    today = date(2026, 11, 23)
    dues = {
        "late": [(date(2026, 11, 20), False)],
        "this week": [(date(2026, 11, 25), False)],
        "late and this week": [(date(2026, 11, 10), False), (date(2026, 11, 24), False)],
        "later": [(date(2026, 12, 15), False)],
        "late but done": [(date(2026, 11, 10), True), (date(2026, 12, 20), False)],
        "no date": [(None, False)],
        "nothing": [],
    }
    ids = {}
    for name, items in dues.items():
        case = f.case(db, ec, first=name.title().replace(" ", ""), last="Test")
        db.flush()
        db.execute(delete(DueItem).where(DueItem.case_id == case.id))
        for n, (due_on, resolved) in enumerate(items):
            item = DueItem(case_id=case.id, kind=DueKind.JOINT_MEETING, ref=str(n), due_on=due_on)
            item.resolved = resolved
            db.add(item)
        ids[case.id] = name
    db.commit()
    expected = {
        "overdue": {"late", "late and this week"},
        "week": {"this week"},
        "": set(dues),
    }
    for due, names in expected.items():
        for correlated in (False, True):
            stmt = where_due(select(MutualCase.id), due, today, correlated=correlated)
            assert {ids[i] for i in db.scalars(stmt)} == names, (due, correlated)
