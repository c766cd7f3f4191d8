"""Track: family reunification (AB 429 services only, AB 135 cash aid and services) and family
stabilization (Santa Clara's FSP) on one page, each with its own forms (R-FR-01..09,
R-FS-01..04, R-MT-05, R-NC-10, §e Q14, Q16)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import (
    CASE_EDITORS,
    FrEndReason,
    IntegrationConsent,
    ReunificationProgram,
    WtwStatus,
)
from models.operations.programs import (
    CannotEnd,
    FspRefused,
    NotExtendable,
    ServicesNotStarted,
    StatusMove,
    StillRunning,
    end_reunification,
    extend_reunification,
    not_eligible_words,
    record_reunification,
    save_fsp,
)
from models.programs import ReunificationRecord
from models.queries.contacts import open_changes
from models.queries.programs import (
    fr_state,
    fs_active,
    fs_ended,
    fsp_referral,
    reunification_records,
    running_record,
)
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.programs import EndForm, ExtensionForm, FspForm, ReunificationForm
from .blueprint import bp
from .common import ended, load_case, render_step

NEEDS_INTEGRATION = (
    "The client must accept integration before an FSP referral (R-MT-05): record the decision "
    "on the Joint meeting step. No FSP referral was made."
)
FS_ENDED = (
    "FS ended: schedule the client to sign a WTW plan; failing the FS plan is not "
    "noncompliance (R-FS-03)."
)


def _fr_form(case: MutualCase, data: Any = None) -> ReunificationForm:
    if data is not None:
        return ReunificationForm(formdata=data)
    timed_out = case.participant.toa_months_used >= 60  # CalSAWS count (R-TC-02)
    return ReunificationForm(formdata=None, data={"exclusions": ["timed_out"] if timed_out else []})


def _extension_form(record: ReunificationRecord, data: Any = None) -> ExtensionForm:
    return ExtensionForm(formdata=data, prefix=f"fr-{record.id}-extend")


def _end_form(record: ReunificationRecord, data: Any = None) -> EndForm:
    form = EndForm(formdata=data, prefix=f"fr-{record.id}-end")
    form.start_on = record.start_on
    return form


def _fsp_form(case: MutualCase, data: Any = None) -> FspForm:
    if data is not None:
        form = FspForm(formdata=data)
    else:
        referral = fsp_referral(get_db(), case)
        form = (
            FspForm(formdata=None, obj=referral)
            if referral is not None
            else FspForm(formdata=None, data={"referred_on": today(), "status": "open"})
        )
    form.earliest = case.identified_on
    form.sw_invited.label.text = (
        f"{case.county.cw_division_label} social worker invited to case conferences (R-FS-04)"
    )
    return form


def _render(case: MutualCase, **forms: Any) -> str:
    db, now = get_db(), today()
    records = reunification_records(db, case)
    referral = fsp_referral(db, case)
    extension_forms = {r.id: _extension_form(r) for r in records} | forms.get("extension", {})
    end_forms = {r.id: _end_form(r) for r in records} | forms.get("end", {})
    failed = (
        forms.get("fr_form")
        or forms.get("fsp_form")
        or next(iter(forms.get("extension", {}).values()), None)
        or next(iter(forms.get("end", {}).values()), None)
    )
    return render_step(
        "wizard/programs.html",
        case,
        "track",
        fr_form=forms.get("fr_form") or _fr_form(case),
        fsp_form=forms.get("fsp_form") or _fsp_form(case),
        extension_forms=extension_forms,
        end_forms=end_forms,
        records=[(r, fr_state(r, now)) for r in records],
        running=running_record(records, now),
        not_eligible_words=not_eligible_words,
        referral=referral,
        fs_now=fs_active(referral, now),
        fs_over=fs_ended(referral, now),
        fs_ended_words=FS_ENDED,
        agreed=case.integration_consent == IntegrationConsent.AGREED,
        sanctioned=case.participant.wtw_status == WtwStatus.SANCTIONED,
        wtw_status=case.participant.wtw_status,
        to_reevaluate=open_changes(db, case),
        read_only=case.stage in ENDED_STAGES,
        form=failed,
    )


def _record_of(case: MutualCase, record_id: int) -> ReunificationRecord | None:
    """The FR record if it is on this case; otherwise an audited refusal (None)."""
    db = get_db()
    record = db.get(ReunificationRecord, record_id)
    if record is None or record.case_id != case.id:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            object_type="reunification_record",
            object_id=record_id,
        )
        db.commit()
        return None
    return record


def _status_words(move: StatusMove) -> str:
    return f" WTW status: {move.after.label}." if move.changed else ""


def _back(case: MutualCase, anchor: str) -> Any:
    return redirect(url_for("wizard.programs", case_id=case.id, _anchor=anchor), 303)


@bp.get("/cases/<int:case_id>/programs")
@roles_required(*CASE_EDITORS)
def programs(case_id: int) -> Any:
    case = load_case(case_id, viewed="programs")
    page = _render(case)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/programs/reunification")
@roles_required(*CASE_EDITORS)
def reunification_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _fr_form(case, request.form)
    if not form.validate():
        return _render(case, fr_form=form)
    db = get_db()
    sanctioned = case.participant.wtw_status == WtwStatus.SANCTIONED
    try:
        record, move = record_reunification(db, case, form.values(), current_user.id, today())
    except ServicesNotStarted as exc:
        db.rollback()
        for name, sentence in exc.missing.items():
            form[name].errors = [f"{sentence} Services do not start."]
        return _render(case, fr_form=form)
    except StillRunning as exc:
        db.rollback()
        form.program.errors = [str(exc)]
        return _render(case, fr_form=form)
    db.flush()
    audit.record(
        db,
        "reunification_add",
        case_id=case.id,
        object_type="reunification_record",
        object_id=record.id,
        detail={"eligible": not record.ineligibility_reason},
    )
    db.commit()
    if record.ineligibility_reason:
        flash(not_eligible_words(record.ineligibility_reason))
    else:
        words = f"Family reunification recorded: services through {record.end_on:%m/%d/%Y}."
        if sanctioned and record.program == ReunificationProgram.AB429:
            words += " The WTW sanction does not stop AB 429 services (R-NC-10)."
        flash(words + _status_words(move))
    return _back(case, "reunification")


@bp.post("/cases/<int:case_id>/programs/reunification/<int:record_id>/extension")
@roles_required(*CASE_EDITORS)
def reunification_extend(case_id: int, record_id: int) -> Any:
    case = load_case(case_id)
    record = _record_of(case, record_id)
    if record is None:
        return render_error(404, "That family-reunification record is not on this case.")
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _extension_form(record, request.form)
    if not form.validate():
        return _render(case, extension={record.id: form})
    db = get_db()
    try:
        move = extend_reunification(
            db,
            case,
            record,
            form.extension_until.data,
            form.extension_by.data or "",
            current_user.id,
            today(),
        )
    except NotExtendable as exc:
        db.rollback()
        form.extension_until.errors = [str(exc)]
        return _render(case, extension={record.id: form})
    audit.record(
        db,
        "reunification_extend",
        case_id=case.id,
        object_type="reunification_record",
        object_id=record.id,
    )
    db.commit()
    flash(f"FR services extended until {record.extension_until:%m/%d/%Y}.{_status_words(move)}")
    return _back(case, f"fr-{record.id}")


@bp.post("/cases/<int:case_id>/programs/reunification/<int:record_id>/end")
@roles_required(*CASE_EDITORS)
def reunification_end(case_id: int, record_id: int) -> Any:
    case = load_case(case_id)
    record = _record_of(case, record_id)
    if record is None:
        return render_error(404, "That family-reunification record is not on this case.")
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _end_form(record, request.form)
    if not form.validate():
        return _render(case, end={record.id: form})
    db = get_db()
    reason = FrEndReason(form.reason.data)
    try:
        move = end_reunification(
            db, case, record, reason, form.ended_on.data, current_user.id, today()
        )
    except CannotEnd as exc:
        db.rollback()
        form.reason.errors = [str(exc)]
        return _render(case, end={record.id: form})
    audit.record(
        db,
        "reunification_end",
        case_id=case.id,
        object_type="reunification_record",
        object_id=record.id,
        detail={"reason": reason.value},
    )
    db.commit()
    words = f"FR services ended on {record.ended_on:%m/%d/%Y}."
    if reason == FrEndReason.CHILDREN_RETURNED:
        words += (
            " The children are home: the EW redetermines eligibility before cash aid is "
            "issued (R-CL-07)."
        )
    flash(words + _status_words(move))
    return _back(case, f"fr-{record.id}")


@bp.post("/cases/<int:case_id>/programs/stabilization")
@roles_required(*CASE_EDITORS)
def stabilization_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    if not case.county.offers_fsp:
        return render_error(404, "The Family Services Program (FSP) is not offered by this county.")
    db = get_db()
    if fsp_referral(db, case) is None and case.integration_consent != IntegrationConsent.AGREED:
        return render_error(409, NEEDS_INTEGRATION)  # the page shows no form then (R-MT-05)
    form = _fsp_form(case, request.form)
    if not form.validate():
        return _render(case, fsp_form=form)
    try:
        referral, created, move = save_fsp(db, case, form.values(), current_user.id, today())
    except FspRefused as exc:
        db.rollback()
        return render_error(409, f"{exc} No FSP referral was made.")
    db.flush()
    audit.record(
        db,
        "fsp_referral_add" if created else "fsp_referral_update",
        case_id=case.id,
        object_type="referral",
        object_id=referral.id,
        detail={"status": referral.status},
    )
    db.commit()
    words = "FSP referral recorded." if created else "FSP referral saved."
    if move.changed and move.before == WtwStatus.FAMILY_STABILIZATION:
        words += " " + FS_ENDED
    flash(words + _status_words(move))
    return _back(case, "stabilization")
