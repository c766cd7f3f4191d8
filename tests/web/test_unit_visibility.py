"""A supervisor sees their unit, and only it, with every form of the unit test
(blueprints/access.unit_filter: on SQLite the list of the unit's ids, a UNION of two index
lookups, or row by row for a unit of LARGE_UNIT cases or more; one BitmapOr on PostgreSQL;
issue 14). Run on both databases by `make test`."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from blueprints import access
from blueprints.access import unit_filter, visible_cases
from models import MutualCase
from models.enums import NoncomplianceStatus, Role
from models.queries.scope import IDS, form_of
from tests import factories as f
from tests.helpers import PG_URL
from tests.html import elements, text_of
from tests.web.wizard.noncompliance_helpers import make_episode


def test_the_unit_is_the_cases_the_supervisor_holds_or_their_ecs_hold(app, db, team):
    sam, ana, ben, olga = team["sup"], team["ana"], team["ben"], team["olga"]
    held = f.case(db, None, last="Held", supervisor_id=sam.id)  # held by Sam, no EC yet
    anas = f.case(db, ana, last="Ana")
    bens = f.case(db, ben, last="Ben")
    f.case(db, olga, last="Olga")  # another unit
    uma = f.user(db, "uma.sup@example.org", role=Role.SUPERVISOR, name="Uma Unit")
    f.case(db, None, last="Uma", supervisor_id=uma.id)
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    f.case(db, oscar, last="Orange", supervisor_id=sam.id)  # same supervisor id, other county
    db.commit()
    expected = {held.id, anas.id, bens.id}
    with app.app_context():
        seen = set(db.scalars(visible_cases(sam).with_only_columns(MutualCase.id)))
    assert seen == expected
    for dialect in ("sqlite", "postgresql") if PG_URL else ("sqlite",):
        for by_rows in (False, True):
            unit = select(MutualCase.id).where(
                MutualCase.county_id == sam.county_id, unit_filter(sam, dialect, by_rows=by_rows)
            )
            assert set(db.scalars(unit)) == expected, (dialect, by_rows)


def test_a_listed_unit_reads_its_cases_by_id_and_tests_the_county_on_each_row(app, db, team):
    """SQLite, a unit listed by its ids: each listed case is read by its id and its county
    tested on its row, not looked up in the county index once per id as well (issue 14: a unit
    of 2,400 at 100,000 cases, its count 2.3 -> 1.2 ms). The cases are the same (the test above
    has an Orange case with Sam's id as supervisor)."""
    if db.bind.dialect.name != "sqlite":
        return  # the plan text checked is SQLite's; PostgreSQL has one form for every unit
    sam = team["sup"]
    f.case(db, team["ana"], last="Ana")
    db.commit()
    with app.test_request_context():
        visible = visible_cases(sam)
        assert form_of(visible) == IDS
        counted = visible.with_only_columns(func.count(MutualCase.id))
        compiled = counted.compile(dialect=db.bind.dialect)
    values = tuple(compiled.params[name] for name in compiled.positiontup or ())
    rows = db.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values).all()
    plan = " | ".join(row[-1] for row in rows)
    assert plan.startswith("SEARCH mutual_case USING INTEGER PRIMARY KEY (rowid=?)"), plan
    assert "ix_mutual_case_county_id" not in plan, plan
    assert db.scalar(counted) == 1


def _unit_and_others(db, team):  # type: ignore[no-untyped-def]
    """Sam's unit (a case he holds, Ana's overdue case, Ben's), Olga's overdue case in another
    unit, an Orange case with Sam's id as supervisor, and a sanction waiting for review in
    Sam's unit and in Olga's."""
    sam, ana, ben, olga = team["sup"], team["ana"], team["ben"], team["olga"]
    overdue = date(2026, 11, 2)  # the joint meeting was due 11/09
    f.case(db, None, last="Held", supervisor_id=sam.id)
    anas = f.case(db, ana, last="Anacase", assigned_on=overdue)
    f.case(db, ben, last="Bencase", assigned_on=date(2026, 11, 20))
    olgas = f.case(db, olga, last="Olgacase", assigned_on=overdue)  # another unit
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    f.case(db, oscar, last="Orangecase", supervisor_id=sam.id, assigned_on=overdue)
    for case in (anas, olgas):
        make_episode(db, case, status=NoncomplianceStatus.SANCTION_REVIEW)
    db.commit()
    return anas, olgas


@pytest.mark.parametrize("large", [False, True], ids=["listed", "row_by_row"])
def test_the_unit_s_pages_and_counts_are_the_same_listed_or_row_by_row(
    client, auth, db, team, monkeypatch, large
):
    """A unit at or above LARGE_UNIT is tested row by row on SQLite, and the tables held to it
    (the due items, the sanctions to review) follow: the same cases, items and counts."""
    if large:
        monkeypatch.setattr(access, "LARGE_UNIT", 2)  # Sam's unit of 3 cases is "large"
    anas, olgas = _unit_and_others(db, team)
    auth.login("sam.sup@example.org")

    caseload = client.get("/cases").text
    links = elements(caseload, "a.usa-link")
    shown = {a.text.split()[-1] for a in links if re.fullmatch(r"/cases/\d+", a.get("href", ""))}
    assert shown == {"Held", "Anacase", "Bencase"}
    late = client.get("/cases?due=overdue").text
    assert "Anacase" in late and "Bencase" not in late and "Olgacase" not in late
    assert text_of(late, "#caseload-count").startswith("1 case matches these filters.")
    assert text_of(caseload, "#caseload-count").startswith("3 open cases")
    due = client.get("/due").text
    assert text_of(due, "#nav-due") == "Due (1 overdue)"
    assert "Anacase" in due and "Olgacase" not in due and "Orangecase" not in due
    assert client.get(f"/cases/{anas.id}", follow_redirects=True).status_code == 200
    assert client.get(f"/cases/{olgas.id}").status_code == 404


def _main(page: str) -> str:
    """The page's content, without what differs from one request to the next."""
    return " ".join(text_of(page, "main").split())


def test_every_list_a_supervisor_reads_is_the_same_in_both_forms(
    client, auth, db, team, monkeypatch
):
    """Each supervisor page built on visible_cases reads the same, word for word, whether the
    unit is listed by its ids or tested row by row: the caseload and its filters, the due list
    and its worker filter (which joins the case), the unit page and its lists, the sanctions to
    review."""
    ana, ben = team["ana"], team["ben"]
    _unit_and_others(db, team)
    auth.login("sam.sup@example.org")
    paths = [
        "/cases",
        "/cases?due=overdue",
        "/cases?due=week",
        "/due",
        f"/due?worker={ana.id}",
        "/due?when=overdue",
        "/unit",
        "/unit/cases?show=open",
        "/unit/cases?show=no_contact",
        f"/unit/cases?show=open&worker={ben.id}",
        "/review/sanctions",
    ]
    listed = {path: _main(client.get(path).text) for path in paths}
    monkeypatch.setattr(access, "LARGE_UNIT", 2)
    for path in paths:
        assert _main(client.get(path).text) == listed[path], path
    assert "Anacase" in listed["/due"] and "Olgacase" not in listed["/due"]
    assert "Orangecase" not in listed["/due"]
    assert "Anacase" in listed[f"/due?worker={ana.id}"]
    assert "Bencase" not in listed[f"/due?worker={ana.id}"]
    assert "Anacase" in listed["/review/sanctions"]
    assert "Olgacase" not in listed["/review/sanctions"]
