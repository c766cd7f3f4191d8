"""Notices to the CFS/DFCS social worker (issue 15; R-CL-04, R-CL-06, R-NC-09, R-GC-03).

Each change the procedures say the social worker must hear about writes one message into the
outbox in the same flush as the change (security.md 39: both are saved or neither). It is
written "held": the EC reads it on the case's "Messages to the social worker" page, may edit it,
and sends it or decides not to. Nothing is written when the social worker has no e-mail address
in Tandem (a message nobody can deliver would only look like the social worker was told); a
history row says so instead, and the messages page tells the EC to tell them another way.

Subjects carry the child-welfare case number, never a name; bodies say the minimum the social
worker needs and are in the county's words (CFS / DFCS, FSS / CWES).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.compliance import GoodCause, NoncomplianceEpisode
from models.enums import ChangeKind, ClosureRoute, GoodCauseReason
from models.enums.outbox import MessageKind, MessageState
from models.history import Change
from models.operations.history import record_event
from models.outbox import BODY_MAX, SUBJECT_MAX, OutboxMessage
from models.people import SocialWorker
from models.plan import PlanVersion
from models.tracking import ChangeReport
from models.users import User

# A held notice is kept this long; after that prune-outbox may blank it like an expired link.
KEEP_UNSENT = timedelta(days=365)
CFS_REASONS = frozenset(
    {
        GoodCauseReason.CFS_COURT_DATES,
        GoodCauseReason.CFS_OUT_OF_COUNTY_VISITATION,
        GoodCauseReason.CFS_REFERRAL_PENDING,
    }
)


class MessageRefused(ValueError):
    """The message cannot be changed now (already sent, or not waiting); nothing was saved."""


def _day(value: date | None) -> str:
    return f"{value:%m/%d/%Y}" if value else "not set"


def social_worker(case: MutualCase) -> SocialWorker | None:
    cw = case.child_welfare_case
    return cw.social_worker if cw else None


def no_address_problem(case: MutualCase) -> str:
    """Why Tandem cannot write to the case's social worker, or "" when it can."""
    sw, words = social_worker(case), case.county.cw_division_label
    if sw is None:
        return f"No {words} social worker is recorded on this case (Assign step)."
    if not sw.email.strip():
        return f"{sw.name} ({words}) has no e-mail address in Tandem: tell them another way."
    return ""


def reference(case: MutualCase) -> str:
    """The neutral reference a subject line carries: the child-welfare case number."""
    cw = case.child_welfare_case
    label = case.county.cw_division_label
    return f"{label} case {cw.case_number}" if cw and cw.case_number else f"Tandem case {case.id}"


def hold(
    db: Session, case: MutualCase, kind: MessageKind, user_id: int, lines: list[str]
) -> OutboxMessage | None:
    """Write the notice "held" for the EC's review; None (and a history row) without an address."""
    sw = social_worker(case)
    if sw is None:  # nobody to tell yet: the messages page says so
        return None
    if not sw.email.strip():
        problem = no_address_problem(case)
        record_event(
            db, case.id, user_id, "sw_message", f"No message to the social worker: {problem}"
        )
        return None
    user = db.get(User, user_id)
    county = case.county
    signature = f"{user.name}\n{county.specialist_title}, {county.name}" if user else county.name
    if user:
        signature += f"\n{user.email}"
    body = f"Hello {sw.name},\n\n" + "\n\n".join(lines) + f"\n\n{signature}\n"
    message = OutboxMessage(
        case_id=case.id,
        to_address=sw.email.strip(),
        subject=f"{kind.label} · {reference(case)}"[:SUBJECT_MAX],
        body=body[:BODY_MAX],
        created_by_id=user_id,
        discard_after=utcnow() + KEEP_UNSENT,
        kind=kind.value,
        state=MessageState.HELD.value,
    )
    db.add(message)
    record_event(
        db,
        case.id,
        user_id,
        "sw_message",
        f"Message to the social worker waiting for your review: {kind.label}",
    )
    return message


def plan_signed(
    db: Session, case: MutualCase, version: PlanVersion, amendment: bool, user_id: int
) -> OutboxMessage | None:
    county = case.county
    what = "An amendment to the" if amendment else "The"
    lines = [
        f"{what} {county.wtw_program_label} Welfare-to-Work plan for {reference(case)} "
        f"(version {version.version_no}) is signed.",
        f"It runs from {_day(version.period_start)} to {_day(version.period_end)} with "
        f"{version.requirement} hours a week of activities. The client may ask for changes "
        f"until {_day(version.change_window_ends)}.",
    ]
    kind = MessageKind.AMENDMENT_SIGNED if amendment else MessageKind.PLAN_SIGNED
    return hold(db, case, kind, user_id, lines)


def change_recorded(
    db: Session, case: MutualCase, report: ChangeReport, user_id: int
) -> OutboxMessage | None:
    when = f" on {_day(report.changed_on)}" if report.changed_on else ""
    lines = [
        f"A significant change was reported for {reference(case)}: "
        f"{ChangeKind.label_of(report.kind).lower()}{when}.",
        "I will re-evaluate the client's Welfare-to-Work participation and let you know if "
        "the plan changes.",
    ]
    return hold(db, case, MessageKind.CHANGE_RECORDED, user_id, lines)


def is_cfs_good_cause(record: GoodCause, episode: NoncomplianceEpisode | None) -> bool:
    codes = set(record.reason_codes)
    return bool(codes & {r.value for r in CFS_REASONS}) or bool(
        episode is not None and episode.about_cfs_activity
    )


def good_cause(
    db: Session, case: MutualCase, record: GoodCause, user_id: int
) -> OutboxMessage | None:
    until = f" to {_day(record.end_on)}" if record.end_on else ""
    lines = [
        f"Good cause was granted for {reference(case)} from {_day(record.start_on)}{until}: "
        f"{', '.join(record.reason_labels).lower()}.",
        "The client is not required to attend the Welfare-to-Work activities this covers.",
    ]
    return hold(db, case, MessageKind.GOOD_CAUSE, user_id, lines)


def noncompliance(
    db: Session, case: MutualCase, episode: NoncomplianceEpisode, user_id: int
) -> OutboxMessage | None:
    words = case.county.cw_division_label
    activity = f" ({episode.activity_name})" if episode.activity_name else ""
    lines = [
        f"A Welfare-to-Work noncompliance notice was issued on {_day(episode.notice_issued_on)} "
        f"for {reference(case)}, about a {words} activity{activity}."
    ]
    if case.county.code == "orange":  # R-NC-09: confer before anything moves toward a sanction
        lines.append(
            "Before it moves forward, I need to confer with you about good cause. Please reply "
            "or call me soon: the notice's 20-day period has started."
        )
    else:
        lines.append("If the client has a reason we should know of, please tell me.")
    return hold(db, case, MessageKind.NONCOMPLIANCE, user_id, lines)


def closing(db: Session, case: MutualCase, user_id: int) -> OutboxMessage | None:
    county = case.county
    route = ClosureRoute.label_of(case.closure_route.value if case.closure_route else "")
    on = f" on {_day(case.closed_on)}" if case.closed_on else ""
    lines = [
        f"The CalWORKs / {county.wtw_program_label} Welfare-to-Work case for {reference(case)} "
        f"is closing{on} ({route.lower()}).",
        f"The {county.indicator_term} will be end-dated; please note it on the "
        f"{county.cw_division_label} case.",
    ]
    return hold(db, case, MessageKind.CLOSING, user_id, lines)


def _require(message: OutboxMessage, *states: MessageState) -> None:
    if message.state not in {s.value for s in states}:
        raise MessageRefused(
            f"This message is “{message.state_label}”: it can no longer be changed."
        )


def edit(
    db: Session, message: OutboxMessage, subject: str, body: str, user_id: int
) -> list[Change]:
    """Save the EC's wording of a held (or failed) message; the history keeps before and after."""
    _require(message, MessageState.HELD, MessageState.FAILED)
    # A subject is one header line: a line break typed into it would break the e-mail.
    subject, body = " ".join(subject.split())[:SUBJECT_MAX], body.strip()[:BODY_MAX]
    changes = []
    if subject != message.subject:
        changes.append(Change("subject", "Subject", message.subject, subject))
    if body != message.body.strip():
        changes.append(Change("body", "Message", message.body, body))
    if changes:
        message.subject, message.body = subject, body + "\n"
        record_event(
            db,
            message.case_id,
            user_id,
            "sw_message",
            f"Message to the social worker edited: {message.kind_label}",
            changes,
        )
    return changes


def release(
    db: Session,
    case: MutualCase,
    message: OutboxMessage,
    user_id: int,
    *,
    link_url: str = "",
    link_expires: datetime | None = None,
) -> None:
    """Held (or failed) → queued: send-outbox delivers it, to the case's social worker as they
    are now (the worker may have changed since it was written). A read-only link is added to
    the body only here, so no history row or edit ever holds the token; the body is blanked
    when sent."""
    _require(message, MessageState.HELD, MessageState.FAILED)
    if problem := no_address_problem(case):
        raise MessageRefused(f"{problem} Nothing was sent.")
    sw = social_worker(case)
    assert sw is not None
    message.to_address = sw.email.strip()
    if link_url and link_expires is not None:
        message.body = (
            message.body.rstrip()
            + f"\n\nRead-only view of the plan (until {link_expires:%m/%d/%Y}; please do not "
            f"forward it):\n{link_url}\n"
        )
        message.discard_after = link_expires
    was = message.state_label
    message.state = MessageState.QUEUED.value
    message.released_at, message.released_by_id = utcnow(), user_id
    message.attempts, message.next_attempt_at, message.error = 0, None, ""
    record_event(
        db,
        message.case_id,
        user_id,
        "sw_message",
        f"Message to the social worker released for sending: {message.kind_label}",
        [
            Change("state", "Message", was, MessageState.QUEUED.label),
            Change("to", "To", "", message.to_address),
        ]
        + ([Change("link", "Read-only link", "", "Added")] if link_url else []),
    )


def cancel(db: Session, message: OutboxMessage, reason: str, user_id: int) -> None:
    """Held or failed → cancelled, with the EC's reason; the body is kept (it was never sent)."""
    _require(message, MessageState.HELD, MessageState.FAILED)
    reason = reason.strip()[:200]
    if not reason:
        raise MessageRefused("Say why the message is not sent.")
    was = message.state_label
    message.state, message.cancel_reason = MessageState.CANCELLED.value, reason
    record_event(
        db,
        message.case_id,
        user_id,
        "sw_message",
        f"Message to the social worker not sent: {message.kind_label}",
        [Change("state", "Message", was, MessageState.CANCELLED.label)],
        reason,
    )
