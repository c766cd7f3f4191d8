"""Sign a plan version: render every signed form with both signatures, then store them.

The Sign page and the demo's signed plans (`flask seed-demo`) both sign through ``sign_plan``, so a
demo document is made exactly as a real one. Rendering comes first and writes nothing: a
``RenderError`` leaves the session as it was. Storing flushes, never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.operations.signing import new_signatures, record_signing
from models.plan import PlanVersion
from models.signing import SignedDocument

from . import build, i18n
from .pdf import Attachment, sha256_hex


@dataclass(frozen=True)
class Signers:
    client_name: str
    worker_name: str
    method: str  # how the client signed; the worker signs in person
    user_id: int
    at: datetime
    worker_at: datetime | None = None  # when the worker signed later than the client


def sign_plan(
    db: Session,
    case: MutualCase,
    version: PlanVersion,
    signers: Signers,
    *,
    signed_on: date,
    change_window_ends: date,
    scan: bytes | None = None,
    attachments: Sequence[Attachment] = (),
) -> list[SignedDocument]:
    """Render the county's signed forms (WTW 2, and the SCD/SCZ 1811 in Santa Clara) and store
    them with the signatures. Raises RenderError before writing anything."""
    signatures = new_signatures(
        version,
        client_name=signers.client_name,
        worker_name=signers.worker_name,
        method=signers.method,
        user_id=signers.user_id,
        now=signers.at,
    )
    if signers.worker_at is not None:
        signatures[1].signed_at = signers.worker_at
    language = i18n.normalize(case.participant.preferred_language)  # "vi" prints English today
    # The WTW 2 prints the last day to ask for changes (R-PL-04); set in memory only: a failed
    # render rolls back, and no query flushes it meanwhile.
    version.change_window_ends = change_window_ends
    with db.no_autoflush:  # every document first: nothing is written unless all are made
        documents = [
            (
                kind,
                build.render_plan_document(
                    db,
                    case,
                    version,
                    kind,
                    language=language,
                    signatures=signatures,
                    final=True,
                    generated_on=signed_on,
                    attachments=tuple(attachments),
                ),
            )
            for kind in build.kinds_for(case.county)
        ]
    return record_signing(
        db,
        case,
        version,
        signatures,
        documents,
        language=language,
        scan_sha256=sha256_hex(scan) if scan else None,
        user_id=signers.user_id,
        change_window_ends=change_window_ends,
    )
