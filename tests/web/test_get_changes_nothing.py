"""No GET changes data (security.md test 24): every GET route in the access matrix, opened by each
role on a case with a signed plan, a link and documents, leaves every business table as it was.
Only the audit trail, the session's last-seen time and the throttle counters may move."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import Base
from models.enums import Role
from tests import factories as f
from tests.web.access_matrix import MATRIX
from tests.web.test_access import fill

ALLOWED_TO_MOVE = {"audit_event", "user_session", "rate_limit_hit"}


def _snapshot(db) -> dict[str, list[tuple]]:
    db.expire_all()
    tables = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ALLOWED_TO_MOVE:
            continue
        rows = db.execute(select(table).order_by(*table.primary_key.columns)).all()
        tables[table.name] = [tuple(row) for row in rows]
    return tables


@pytest.mark.parametrize("role", ["ec", "supervisor", "admin"])
def test_opening_every_page_changes_no_data(client, auth, db, team, role):
    admin = f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    people = {
        "ec": team["ana"],
        "supervisor": team["sup"],
        "admin": admin,
        "ec2": team["ben"],
        "cases": {
            "ana": f.shared_case(db, team["ana"]),
            "ben": f.shared_case(db, team["ben"], first="Linh", last="Nguyen", cw_number="C2"),
        },
    }
    db.commit()
    auth.login(people[role].email)
    before = _snapshot(db)
    opened = 0
    for method, path in MATRIX:
        if method == "GET" and path not in ("/logout",):
            client.get(fill(path, people))
            opened += 1
    assert opened > 30
    after = _snapshot(db)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], f"a GET changed {changed}"
