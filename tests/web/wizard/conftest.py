from __future__ import annotations

import pytest

from models.enums import Role
from tests import factories as f


@pytest.fixture
def team(db):
    """A Santa Clara unit: supervisor Sam, ECs Ana and Ben; Olga is in another unit."""
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Supervisor")
    ana = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    ben = f.user(db, "ben.ec@example.org", name="Ben Tran", supervisor_id=sup.id)
    olga = f.user(db, "olga.ec@example.org", name="Olga Other")
    db.commit()
    return {"sup": sup, "ana": ana, "ben": ben, "olga": olga}
