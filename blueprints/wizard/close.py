"""Step: close (being built)."""

from __future__ import annotations

from typing import Any

from models.enums import Role

from ..access import roles_required
from . import bp
from .common import load_case, render_step


@bp.get("/cases/<int:case_id>/close")
@roles_required(Role.EC, Role.SUPERVISOR)
def close(case_id: int) -> Any:
    case = load_case(case_id, viewed="close")
    return render_step("wizard/stub.html", case, "close")
