"""Signing a plan version, amending a signed plan, the change window, and looking up signed
documents (R-PL-03, R-PL-04, R-PL-05, R-PL-10, R-MT-07, §c4, §c7).

HTTP-free: the route renders the PDFs first (blueprints/documents/build.py), then
``record_signing`` adds every row and the route commits once, so a failure anywhere leaves the
plan unsigned and no document stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import (
    SIGNED_PLAN_STATUSES,
    DocumentKind,
    IntegrationConsent,
    PlanStatus,
    SignatureMethod,
    Stage,
)
from models.history import Change
from models.operations import sw_notices
from models.operations.history import record_event
from models.operations.stages import move_stage
from models.plan import PlanActivity, PlanVersion, SupportiveService
from models.queries.case_facts import current_plan_version
from models.queries.requirement import Requirement, requirement_for
from models.signing import PlanSignature, SignedDocument
from policy.stages import SIGNING_STAGES

# The exact statements the signers affirm; stored with each signature (R-PL-03, R-PL-04).
CLIENT_INTENT = (
    "I have read this plan, or had it read to me, and I agree to take part in these "
    "activities. I understand I have 3 working days to ask for changes."
)
WORKER_INTENT = "I reviewed this plan with the client and sign it as the county worker."


def short(digest: str) -> str:
    """The short hash printed on every page of a document (12 hex digits)."""
    return digest[:12]


def _folded(name: str) -> str:
    # Case, spacing and accents do not matter: the EC's keyboard may not type "é".
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", "", plain).casefold()


def names_match(typed: str | None, expected: str) -> bool:
    return bool(typed and typed.strip()) and _folded(typed or "") == _folded(expected)


def ready_problem(case: MutualCase, version: PlanVersion | None) -> str:
    """Why this version cannot be signed now; empty when it can (§c7, R-MT-07)."""
    if version is None:
        return "There is no plan on this case yet. Build it on the Plan step first."
    if version.status in SIGNED_PLAN_STATUSES:
        return f"Plan version {version.version_no} is already signed."
    if version.status not in (PlanStatus.DRAFT, PlanStatus.AGREED_WITH_SW):
        return f"Plan version {version.version_no} is {version.status.label.lower()} and cannot be signed."
    if version.status != PlanStatus.AGREED_WITH_SW:
        return (
            f"Plan version {version.version_no} is not ready to sign yet. Finish it on the Plan "
            "step and press “Save and mark ready to sign”."
        )
    if case.stage not in SIGNING_STAGES:
        return (
            "A plan is signed when the case is ready to sign (or, for an amendment, when its "
            f"plan is active). This case is at “{case.stage_label}”."
        )
    needs_agreement = (  # R-MT-07 is Orange's rule (§e Q18); a declined client signs WTW alone
        case.county.code != "santa_clara"
        and case.integration_consent != IntegrationConsent.DECLINED
    )
    if needs_agreement and version.sw_agreement_on is None:
        return (
            "The social worker's agreement on the activities, hours and supportive services is "
            "not recorded. The plan is signed only after it (R-MT-07): record the date on the "
            "Plan step."
        )
    if not version.activities:
        return "The plan has no activities. Add them on the Plan step."
    return ""


def new_signatures(
    version: PlanVersion,
    *,
    client_name: str,
    worker_name: str,
    method: str,
    user_id: int,
    now: datetime,
) -> list[PlanSignature]:
    """Both signatures, not yet added to the session: the PDFs are rendered with them first."""
    common = {"plan_version_id": version.id, "signed_at": now, "recorded_by_id": user_id}
    return [
        PlanSignature(
            role="client",
            full_name=client_name.strip(),
            method=method,
            intent=CLIENT_INTENT,
            **common,
        ),
        PlanSignature(
            role="worker",
            full_name=worker_name.strip(),
            method="in_person",
            intent=WORKER_INTENT,
            **common,
        ),
    ]


class Rendered(Protocol):
    """What blueprints.documents.build.render_plan_document returns."""

    document_id: str
    pdf: bytes
    sha256: str
    content_sha256: str


def record_signing(
    db: Session,
    case: MutualCase,
    version: PlanVersion,
    signatures: Sequence[PlanSignature],
    documents: Sequence[tuple[str, Rendered]],
    *,
    language: str,
    scan_sha256: str | None,
    user_id: int,
    change_window_ends: date,
) -> list[SignedDocument]:
    """Add the signatures and the signed PDFs, supersede the previous version, record the
    3-working-day change window (R-PL-04), move the case to "plan active" (§c7). No commit.
    May raise StageBlocked, or a database error when flushing."""
    db.add_all(signatures)
    stored = [
        SignedDocument(
            plan_version_id=version.id,
            case_id=case.id,
            kind=kind,
            document_id=doc.document_id,
            language=language,
            pdf=doc.pdf,
            sha256=doc.sha256,
            content_sha256=doc.content_sha256,
            scan_sha256=scan_sha256,
            created_by_id=user_id,
        )
        for kind, doc in documents
    ]
    db.add_all(stored)
    by_role = {s.role: s for s in signatures}
    version.signed_client_at = by_role["client"].signed_at
    version.signed_worker_at = by_role["worker"].signed_at
    version.status = PlanStatus.SIGNED
    version.change_window_ends = change_window_ends  # policy.deadlines.change_window_end
    for other in version.plan.versions:
        if other is not version and other.status in SIGNED_PLAN_STATUSES:
            other.status = PlanStatus.AMENDED  # the new version supersedes it (R-PL-10)
    if case.stage == Stage.PLAN_PENDING_SIGNATURE:
        move_stage(
            db, case, Stage.PLAN_ACTIVE, user_id, f"Plan version {version.version_no} signed"
        )
    kinds = ", ".join(DocumentKind(kind).short for kind, _ in documents)
    changes = [
        Change(
            kind,
            DocumentKind(kind).label,
            "",
            f"{doc.document_id} · printed hash {short(doc.content_sha256)} · "
            f"file SHA-256 {short(doc.sha256)}",
        )
        for kind, doc in documents
    ]
    for s in signatures:
        how = (
            SignatureMethod(s.method).label.split(" (")[0].lower()
            if s.role == "client"
            else "in person"
        )
        label = "Client's signature" if s.role == "client" else "Worker's signature"
        changes.append(Change(f"{s.role}_signature", label, "", f"{s.full_name}, {how}"))
    changes.append(
        Change(
            "change_window_ends",
            "Client may ask for changes until (R-PL-04)",
            "",
            version.change_window_ends.isoformat(),
        )
    )
    record_event(
        db, case.id, user_id, "plan", f"Plan version {version.version_no} signed ({kinds})", changes
    )
    sw_notices.plan_signed(db, case, version, amendment=version.version_no > 1, user_id=user_id)
    return stored


def start_amendment(
    db: Session, case: MutualCase, signed: PlanVersion, requirement: Requirement, user_id: int
) -> PlanVersion:
    """Version n+1 as a draft copy of the signed one; the signed version is not touched
    (R-PL-10). The social worker must agree to the changed plan again (R-MT-07)."""
    plan = signed.plan
    amendment = PlanVersion(
        version_no=plan.versions[-1].version_no + 1,
        status=PlanStatus.DRAFT,
        requirement=requirement.hours,
        requirement_basis=requirement.basis[:200],
        period_start=signed.period_start,
        period_end=signed.period_end,
        language=signed.language,
        required_from=signed.required_from,
        sw_agreement_on=None,
        wtw1_rights_given=signed.wtw1_rights_given,
        activities=[_copy(a, PlanActivity, skip={"plan_version_id"}) for a in signed.activities],
        services=[_copy(s, SupportiveService, skip={"plan_version_id"}) for s in signed.services],
    )
    plan.versions.append(amendment)
    db.flush()
    record_event(
        db,
        case.id,
        user_id,
        "plan",
        f"Amendment started: version {amendment.version_no}",
        [Change("version", "Plan version", str(signed.version_no), str(amendment.version_no))],
    )
    return amendment


def amend_signed_plan(db: Session, case: MutualCase, user_id: int, today: date) -> PlanVersion:
    """Start version n+1 from the case's signed plan (R-PL-10); the signed version stays as it
    was signed. Raises NothingToAmend when the newest version is not a signed one."""
    version = current_plan_version(db, case)
    if version is None or version.status not in SIGNED_PLAN_STATUSES:
        raise NothingToAmend("There is no signed plan to amend: change the plan on the Plan step.")
    start = version.period_start or today
    end = version.period_end if version.period_end and version.period_end > start else None
    return start_amendment(db, case, version, requirement_for(case, start, end), user_id)


class NothingToAmend(ValueError):
    """The case has no signed plan (or an amendment is already in progress)."""


def _copy(row: PlanActivity | SupportiveService, model: type[Any], *, skip: set[str]) -> Any:
    columns = [c.key for c in row.__table__.columns if c.key not in {"id", *skip}]
    return model(**{key: getattr(row, key) for key in columns})
