"""A supervisor sees their unit, and only it, with either form of the unit test
(blueprints/access.unit_filter: a UNION of two index lookups on SQLite, one BitmapOr on
PostgreSQL; issue 14). Run on both databases by `make test`."""

from __future__ import annotations

from sqlalchemy import select

from blueprints.access import unit_filter, visible_cases
from models import MutualCase
from models.enums import Role
from tests import factories as f
from tests.helpers import PG_URL


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
        unit = select(MutualCase.id).where(
            MutualCase.county_id == sam.county_id, unit_filter(sam, dialect)
        )
        assert set(db.scalars(unit)) == expected, dialect
