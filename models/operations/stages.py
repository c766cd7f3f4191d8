"""Moving a case between stages (§c7): gather the facts, ask policy.stages, record the history."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.enums import Stage
from models.history import Change
from models.operations.history import record_event
from models.queries.case_facts import case_facts
from policy.stages import CaseFacts, blockers


class StageBlocked(Exception):
    """The case may not move yet; ``reasons`` says why, in words for the EC."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def move_stage(
    db: Session,
    case: MutualCase,
    target: Stage,
    user_id: int | None,
    reason: str = "",
    facts: CaseFacts | None = None,
) -> None:
    """Move the case or raise StageBlocked; the move is written to the case history."""
    if case.stage == target:
        return
    found = blockers(target.value, facts or case_facts(db, case))
    if found:
        raise StageBlocked(found)
    before = case.stage
    case.stage = target
    case.updated_at = utcnow()
    record_event(
        db,
        case.id,
        user_id,
        "stage",
        f"Stage: {case.stage_in_county(Stage(before))} → {case.stage_in_county(Stage(target))}",
        [
            Change(
                "stage",
                "Stage",
                case.stage_in_county(Stage(before)),
                case.stage_in_county(Stage(target)),
            )
        ],
        reason,
    )
