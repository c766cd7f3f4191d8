"""The share folder's fixture: a shared case (tests/factories.py) with one view-only link."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from models import User
from models.enums import ShareScope
from models.operations.share_links import create_link
from tests import factories as f
from tests.share.smtp_server import authority, mail_server  # noqa: F401 (fixtures for the folder)


@pytest.fixture
def shared(db: Session, team: dict[str, User]) -> dict[str, Any]:
    """Ana's shared case and a 30-day view link for its social worker, with the raw token."""
    case = f.shared_case(db, team["ana"])
    link, token = create_link(
        db,
        case,
        team["ana"].id,
        recipient_name="Dana Kim",
        recipient_email="dana.kim@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    return {"case": case, "link": link, "token": token}
