"""From a plan version to a document: the view model, the HTML and the PDF (issue 4).

Numbers come from policy/ through the same queries the screens use (models.queries.requirement,
policy.hours.reconcile via models.queries.plan_hours, formatted with policy.hours.fmt_hours), so
the printed totals match the plan screen: 30 required with 15 CFS hours prints 15 more, never 45 (R-CF-04).
THIS IS THE CONTRACT other modules rely on; the document templates may grow, the functions keep
their signatures.

The view model is plain data (strings, numbers, booleans, lists, dicts): it is what the document
says, so its canonical JSON is the content fingerprint printed on every page. It never carries
the participant's address (R-DA-03: the WTW 2 and 1811 do not need it) nor court documents
(R-CO-05: only case numbers, custody and dates).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from markupsafe import Markup
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.county import CountyProfile
from models.enums import ActivitySource
from models.plan import PlanActivity, PlanVersion
from models.queries.plan_hours import activities_for_policy, participation_of
from models.signing import PlanSignature
from policy.hours import fmt_hours, reconcile

from . import draft_cache, i18n
from .pdf import ARCHIVE_VARIANT, DEFAULT_QUEUE_LIMIT, Attachment, render_pdf, sha256_hex
from .sheet import tracking_sheet

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


def _header(
    case: MutualCase, version: PlanVersion, kind: str, language: str, final: bool, today: date
) -> dict[str, Any]:
    """What every page of every form shows: county, participant, plan, the assigned worker."""
    county, person, worker = case.county, case.participant, case.assigned_worker
    return {
        "kind": kind,
        "title": TITLES[kind],
        "document_id": document_id(version, kind),
        "final": final,
        "language": language,
        "generated_on": i18n.day(today, language),
        "county": {
            "code": county.code,
            "name": county.name,
            "program": county.wtw_program_label,
            "cw_label": county.cw_division_label,
            "specialist_title": county.specialist_title,
            "imaging_system": county.imaging_system,
        },
        # Name and case number only: never the address (R-DA-03), nor a birth date.
        "participant": {
            "name": person.display_name,
            "calworks_case_number": person.calworks_case_number,
        },
        "plan": {
            "number": version.plan.plan_number,
            "version": version.version_no,
            "period_start": i18n.day(version.period_start, language),
            "period_end": i18n.day(version.period_end, language),
        },
        "worker": {
            "name": worker.name if worker else "",
            "phone": worker.phone if worker else "",
            "email": worker.email if worker else "",
        },
    }


def hours_summary(case: MutualCase, version: PlanVersion) -> dict[str, str]:
    """Requirement, CFS/DFCS hours counted, other WTW hours needed, total: the plan screen's
    numbers (R-CF-02, R-CF-04), as the EC writes them ("15", "2.5")."""
    result = reconcile(
        version.requirement,
        activities_for_policy(version),
        case.county.code,
        participation_of(case),
    )
    return {
        "requirement": fmt_hours(result.requirement),
        "cw_hours": fmt_hours(result.cfs_hours),
        "other_needed": fmt_hours(result.other_wtw_needed),
        "total": fmt_hours(result.total_hours),
        "shortfall": fmt_hours(result.shortfall),
    }


def _activity(
    a: PlanActivity, cw_label: str, language: str, plan_end: date | None = None
) -> dict[str, Any]:
    """One printed row. A row signed with no end date runs to the end of the plan and says so;
    one with no schedule says "No fixed schedule" (the template): the EC was warned of both on
    the plan screen (policy.activity_findings), so neither prints as a blank."""
    return {
        "name": a.name,
        # The county's mark for a child-welfare case-plan activity (R-CF-05, R-CF-06).
        "mark": cw_label if a.source == ActivitySource.CFS else "",
        "provider": a.provider_name,
        "phone": a.provider_phone,
        "hours": fmt_hours(a.hours_per_week),
        "schedule": a.schedule,
        "start": i18n.day(a.start_on, language),
        "end": i18n.day(a.end_on or plan_end, language),
        "end_is_plan_end": a.end_on is None and plan_end is not None,  # R-PL-08
        "progress": a.progress_standard,  # R-PL-07
    }


def _signatures(signatures: list[PlanSignature], language: str) -> dict[str, Any]:
    by_role: dict[str, Any] = {"client": None, "worker": None}
    for s in signatures:
        by_role[s.role] = {
            "name": s.full_name,
            "method": s.method,  # in_person | wet_ink: the template words it
            "signed_at": i18n.moment(s.signed_at, language),
        }
    return by_role


def _services(version: PlanVersion) -> list[dict[str, Any]]:
    return [
        {
            "kind": s.kind.value,
            "detail": s.detail,
            "amount": "" if s.amount_cents is None else f"${s.amount_cents / 100:,.2f}",
            "frequency": s.frequency,
            "advance": s.advance_required,  # R-SS-02
        }
        for s in version.services
    ]


def _wtw2(case: MutualCase, version: PlanVersion, language: str) -> dict[str, Any]:
    """§B7 evidenced content: activities with hours, dates and progress standard, the
    requirement and its basis, supportive services, the rights (R-PL-04, R-PL-05, R-CF-07)."""
    cw = case.county.cw_division_label
    return {
        "requirement": {
            "hours": fmt_hours(version.requirement),
            "basis": version.requirement_basis,
        },
        "activities": [
            _activity(a, cw, language, version.period_end) for a in version.activities if a.on_wtw2
        ],
        "hours": hours_summary(case, version),
        "services": _services(version),
        "rights": {"change_window_ends": i18n.day(version.change_window_ends, language)},
    }


def _scd1811(case: MutualCase, version: PlanVersion, language: str) -> dict[str, Any]:
    """The integrated plan (§c4 proposal; the county form's content is to confirm, §e Q13)."""
    cw_case = case.child_welfare_case
    sw = cw_case.social_worker if cw_case else None
    cw = case.county.cw_division_label
    both = [a for a in version.activities if a.on_1811 and a.on_wtw2]  # R-CF-02
    return {
        "child_welfare": {
            "case_number": cw_case.case_number if cw_case else "",
            "component": cw_case.service_component.value if cw_case else "",
            "custody": bool(cw_case and cw_case.protective_custody),
            "removed_on": i18n.day(cw_case.removed_on if cw_case else None, language),
            "next_court_on": i18n.day(cw_case.next_court_on if cw_case else None, language),
        },
        "social_worker": {
            "name": sw.name if sw else "",
            "unit": sw.unit if sw else "",
            "phone": sw.phone if sw else "",
            "email": sw.email if sw else "",
        },
        "calworks": {
            "case_number": case.participant.calworks_case_number,
            "status": case.participant.calworks_status.value,
        },
        "requirement": {
            "hours": fmt_hours(version.requirement),
            "basis": version.requirement_basis,
        },
        "activities": [_activity(a, cw, language, version.period_end) for a in both],
        "hours": hours_summary(case, version),
        "consent": case.integration_consent.value,  # pending | agreed | declined (R-MT-05)
    }


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
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Any]:
    """Plain data for the template (only what the form shows). ``start``/``end`` are the 1811 A
    date range (default: four weeks from the Monday of ``generated_on``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    language = i18n.normalize(language)
    model = _header(case, version, kind, language, final, generated_on)
    if kind == "wtw2":
        model.update(_wtw2(case, version, language))
    elif kind == "scd1811":
        model.update(_scd1811(case, version, language))
    else:
        model.update(tracking_sheet(db, case, version, language, generated_on, start, end))
    if kind in SIGNED_KINDS:
        model["signatures"] = _signatures(signatures, language)
        model["sw_agreement_on"] = i18n.day(version.sw_agreement_on, language)  # R-MT-07
    return model


def css_string(text: object) -> Markup:
    """A CSS string literal for running headers (@page boxes): quotes, backslashes, line breaks
    and "<" are escaped, so no value can end the string or the <style> element."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;·-–—#/()'" else f"\\{ord(ch):x} " for ch in str(text)
    )
    # Safe to mark: every character but a few harmless ones is escaped above.
    return Markup(f'"{escaped}"')  # nosec B704


def css_counters(text: str) -> Markup:
    """A translated "Page %(page)s of %(pages)s" as CSS content with the page counters."""
    parts = re.split(r"%\((pages?)\)s", text)
    # re.split keeps the placeholder names at the odd positions.
    # Safe to mark: the counter names are fixed and the text goes through css_string.
    return Markup(  # nosec B704
        " ".join(
            f"counter({part})" if index % 2 else css_string(part)
            for index, part in enumerate(parts)
            if index % 2 or part
        )
    )


def plan_document_html(model: dict[str, Any]) -> str:
    gettext = i18n.translations(model["language"]).gettext
    return render_template(
        f"documents/{model['kind']}.html",
        doc=model,
        _=gettext,
        css=css_string,
        css_counters=css_counters,
    )


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
    start: date | None = None,
    end: date | None = None,
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
        start=start,
        end=end,
    )
    fingerprint = content_fingerprint(model)
    model["content_hash"] = fingerprint[:12]
    html = plan_document_html(model)
    config = current_app.config

    def draw() -> bytes:
        return render_pdf(
            html,
            static_root=Path(current_app.static_folder or "static"),
            document_id=model["document_id"],
            attachments=attachments,
            time_limit=config.get("PDF_TIME_LIMIT", 20.0),
            queue_limit=config.get("PDF_QUEUE_LIMIT", DEFAULT_QUEUE_LIMIT),
        )

    if final or attachments:  # a signed form is drawn afresh, always
        pdf = draw()
    else:
        pdf = draft_cache.cached(
            _draft_folder(),
            draft_cache.key(html, model["document_id"], ARCHIVE_VARIANT),
            config.get("PDF_DRAFT_CACHE_FILES", 256),
            draw,
        )
    return RenderedDocument(model["document_id"], pdf, sha256_hex(pdf), fingerprint)


def _draft_folder() -> Path | None:
    """PDF_DRAFT_CACHE, by default the instance folder's pdf-drafts/; "" for no cache."""
    folder = current_app.config.get("PDF_DRAFT_CACHE")
    if folder is None:
        return Path(current_app.instance_path) / "pdf-drafts"
    return Path(folder) if folder else None
