"""What a social worker sees through a read-only link: an explicit allowlist of fields.

Built from the same computations as the Track step (so the hours agree) but copied field by
field into plain values; nothing else of the case reaches the share template. Left out on
purpose: the client's address, phone, e-mail and birth date, meeting notes, the case history,
drafts, reasons for good cause, and anything from the juvenile court file (R-CO-05, W&I 827).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.base import as_utc
from models.cases import MutualCase
from models.enums import ShareScope
from models.history import CaseEvent
from models.plan import PlanVersion
from models.queries.attendance import monday_of, weekly_totals
from models.queries.calendars import office_holidays
from models.queries.case_facts import find_plan
from models.queries.track import track_view
from models.signing import SignedDocument
from policy.calendar import CalendarNotLoaded
from policy.county_time import county_date
from policy.deadlines import change_window_end
from policy.hours import Reconciliation, fmt_hours

SHARE_WEEKS = 8


@dataclass(frozen=True)
class ShareActivity:
    name: str
    source: str
    hours: str
    provider: str
    schedule: str
    dates: str


@dataclass(frozen=True)
class ShareWeek:
    """A recorded week as the EC's Track page and the 1811 A count it (R-HR-06, R-CF-02)."""

    week_start: date
    attended: str
    excused: str
    countable: str
    short: str


@dataclass(frozen=True)
class ShareDocument:
    id: int
    title: str
    document_id: str
    signed_on: date


@dataclass(frozen=True)
class ShareView:
    client_name: str
    county_name: str
    cw_label: str
    wtw_label: str
    worker_title: str
    worker_name: str
    worker_email: str
    stage: str
    plan_summary: str = ""
    requirement: str = ""
    cw_hours: str = ""
    other_needed: str = ""
    wtw_hours: str = ""
    total_hours: str = ""
    activities: list[ShareActivity] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    weeks: list[ShareWeek] = field(default_factory=list)
    dates: list[tuple[str, date]] = field(default_factory=list)
    good_cause: list[str] = field(default_factory=list)
    noncompliance: list[str] = field(default_factory=list)
    documents: list[ShareDocument] = field(default_factory=list)
    last_updated: datetime | None = None


def _dates(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start:%m/%d/%Y} to {end:%m/%d/%Y}"
    return f"from {start:%m/%d/%Y}" if start else (f"until {end:%m/%d/%Y}" if end else "")


def share_view(db: Session, case: MutualCase, scope: ShareScope, today: date) -> ShareView:
    track = track_view(db, case, today)
    county = case.county
    worker = case.assigned_worker
    view = ShareView(
        client_name=case.participant.display_name,
        county_name=county.name,
        cw_label=county.cw_division_label,
        wtw_label=county.wtw_program_label,
        worker_title=county.specialist_title,
        worker_name=worker.name if worker else "",
        worker_email=worker.email if worker else "",
        stage=case.stage_label,
        last_updated=_last_updated(db, case),
    )
    version = track.version
    if version is not None:
        view.activities.extend(
            ShareActivity(
                a.name,
                a.source,
                fmt_hours(a.hours),
                a.provider,
                a.schedule,
                _dates(a.start_on, a.end_on),
            )
            for a in track.activities
        )
        period = _dates(version.period_start, version.period_end)
        view = _with_plan(view, version, track.hours, period)
        view.services.extend(
            " · ".join(x for x in (s.kind.label, s.detail, s.frequency) if x)
            for s in version.services
        )
        view.weeks.extend(_weeks(db, case, today))
        if version.signed_client_at and version.change_window_ends:
            view.dates.append(("Client may ask for changes until", version.change_window_ends))
        elif version.signed_client_at:
            signed = county_date(version.signed_client_at)
            # Left out, not guessed, when the office calendar for that year is not loaded.
            with suppress(CalendarNotLoaded):
                view.dates.append(
                    (
                        "Client may ask for changes until",
                        change_window_end(signed, office_holidays(db, county)),
                    )
                )
    view.dates.extend((u.label, u.on) for u in track.upcoming if not u.passed)
    view.good_cause.extend(
        f"Good cause in effect {_dates(g.start_on, g.end_on)}" for g in track.good_causes
    )
    view.noncompliance.extend(
        f"{n.status_label} (notice {n.episode.notice_issued_on:%m/%d/%Y}; day 20 is {n.day20:%m/%d/%Y})"
        for n in track.noncompliance
    )
    if scope == ShareScope.VIEW_DOWNLOAD:
        view.documents.extend(_documents(db, case.id))
    return view


def _with_plan(
    view: ShareView, version: PlanVersion, hours: Reconciliation | None, period: str
) -> ShareView:
    status = "signed" if version.signed_client_at else "not yet signed"
    summary = f"Plan version {version.version_no}, {status}" + (f", {period}" if period else "")
    if hours is None:
        return replace(view, plan_summary=summary, requirement=str(version.requirement))
    return replace(
        view,
        plan_summary=summary,
        requirement=str(hours.requirement),
        cw_hours=fmt_hours(hours.cfs_hours),
        other_needed=fmt_hours(hours.other_wtw_needed),
        wtw_hours=fmt_hours(hours.wtw_hours),
        total_hours=fmt_hours(hours.total_hours),
    )


def _weeks(db: Session, case: MutualCase, today: date) -> list[ShareWeek]:
    """The last eight recorded weeks, newest first, from the same totals as the Track step."""
    plan = find_plan(db, case)
    last = monday_of(today)
    recorded = weekly_totals(db, case, plan, last - timedelta(weeks=SHARE_WEEKS * 4), last)
    newest = sorted(recorded, reverse=True)[:SHARE_WEEKS]
    return [
        ShareWeek(
            monday,
            fmt_hours(recorded[monday].attended),
            fmt_hours(recorded[monday].excused),
            fmt_hours(recorded[monday].countable),
            fmt_hours(recorded[monday].shortfall),
        )
        for monday in newest
    ]


def _documents(db: Session, case_id: int) -> list[ShareDocument]:
    titles = {"wtw2": "WTW 2 (Welfare-to-Work plan)", "scd1811": "SCD/SCZ 1811 (integrated plan)"}
    docs = db.scalars(
        select(SignedDocument).where(SignedDocument.case_id == case_id).order_by(SignedDocument.id)
    )
    return [
        ShareDocument(d.id, titles.get(d.kind, d.kind), d.document_id, county_date(d.created_at))
        for d in docs
    ]


def _last_updated(db: Session, case: MutualCase) -> datetime:
    latest = db.scalar(select(func.max(CaseEvent.at)).where(CaseEvent.case_id == case.id))
    candidates = [as_utc(case.updated_at)] + ([as_utc(latest)] if latest else [])
    return max(candidates)
