"""From a plan version to a document: the view model, the HTML and the PDF (issue 4).

Numbers come from policy/ through the same operations the screens use (plan_requirement,
policy.hours.reconcile), so the printed totals match the plan screen.
THIS IS THE CONTRACT other modules rely on; the document templates may grow, the functions keep
their signatures.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.county import CountyProfile
from models.plan import PlanVersion
from models.signing import PlanSignature

from .pdf import Attachment, render_pdf, sha256_hex

KINDS = ("wtw2", "scd1811", "scd1811a")
SIGNED_KINDS = ("wtw2", "scd1811")
TITLES = {
    "wtw2": "WTW 2 · Welfare-to-Work plan: activity assignment",
    "scd1811": "SCD/SCZ 1811 · CalWORKs/child-welfare integrated plan",
    "scd1811a": "SCD/SCZ 1811 A · Activity tracking",
}


def kinds_for(county: CountyProfile) -> tuple[str, ...]:
    """The signed forms a county files: WTW 2 everywhere, the 1811 only where it is used."""
    return SIGNED_KINDS if county.uses_1811 else ("wtw2",)


def document_id(version: PlanVersion, kind: str) -> str:
    """Printed on every page and unique per version and form, e.g. TDM-WTW2-000042-V1."""
    return f"TDM-{kind.upper()}-{version.id:06d}-V{version.version_no}"


@dataclass(frozen=True)
class RenderedDocument:
    document_id: str
    pdf: bytes
    sha256: str
    content_sha256: str


def content_fingerprint(model: dict[str, Any]) -> str:
    """SHA-256 of what the document says (canonical JSON of its view model)."""
    return hashlib.sha256(
        json.dumps(model, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


def view_model(
    db: Session,
    case: MutualCase,
    version: PlanVersion,
    kind: str,
    *,
    language: str,
    signatures: list[PlanSignature],
    final: bool,
    generated_on: date,
) -> dict[str, Any]:
    """Plain data for the template (only what the form shows); replaced by the full version."""
    p = case.participant
    return {
        "kind": kind,
        "title": TITLES[kind],
        "document_id": document_id(version, kind),
        "final": final,
        "language": language,
        "generated_on": generated_on.isoformat(),
        "participant": {"name": p.display_name, "calworks_case_number": p.calworks_case_number},
        "requirement": version.requirement,
        "activities": [
            {"name": a.name, "hours": str(a.hours_per_week), "source": a.source.value}
            for a in version.activities
        ],
        "signatures": [
            {
                "role": s.role,
                "name": s.full_name,
                "method": s.method,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in signatures
        ],
    }


def plan_document_html(model: dict[str, Any]) -> str:
    return render_template(f"documents/{model['kind']}.html", doc=model)


def render_plan_document(
    db: Session,
    case: MutualCase,
    version: PlanVersion,
    kind: str,
    *,
    language: str,
    signatures: list[PlanSignature],
    final: bool,
    generated_on: date,
    attachments: tuple[Attachment, ...] = (),
) -> RenderedDocument:
    model = view_model(
        db,
        case,
        version,
        kind,
        language=language,
        signatures=signatures,
        final=final,
        generated_on=generated_on,
    )
    fingerprint = content_fingerprint(model)
    model["content_hash"] = fingerprint[:12]
    pdf = render_pdf(
        plan_document_html(model),
        static_root=Path(current_app.static_folder or "static"),
        document_id=model["document_id"],
        attachments=attachments,
        time_limit=current_app.config.get("PDF_TIME_LIMIT", 20.0),
    )
    return RenderedDocument(model["document_id"], pdf, sha256_hex(pdf), fingerprint)
