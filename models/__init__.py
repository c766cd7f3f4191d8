"""Tables at the root, `operations/` changes rows, `queries/` reads rows for a screen, `demo/` is
seed data, `policy/` decides.

Importing this package registers every table with `Base.metadata` (Alembic and the tests rely on
it); the root modules hold table classes only, plus base, db, migrate, enums and append_only.
"""

from models.audit import AuditEvent
from models.base import Base
from models.calendar import CalendarEntry, CalendarFeed
from models.cases import ChildWelfareCase, MutualCase
from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.contacts import ChildWelfarePlanSummary, SocialWorkerContact
from models.county import CountyProfile, Holiday, HolidayOverride, Office, RegionalContact
from models.drafts import StepDraft
from models.due import DueItem
from models.duplicates import DuplicateDismissal
from models.history import CaseEvent
from models.meeting import Meeting, MeetingAttendee
from models.outbox import OutboxMessage
from models.people import Child, Household, Participant, SocialWorker
from models.plan import Plan, PlanActivity, PlanVersion, SupportiveService
from models.programs import Referral, ReunificationRecord
from models.share import ShareLink
from models.signing import PlanSignature, SignedDocument
from models.throttle import RateLimitHit
from models.tracking import ChangeReport, TrackingEntry
from models.users import RecoveryCode, User, UserSession

__all__ = [
    "CalendarEntry",
    "CalendarFeed",
    "RateLimitHit",
    "RecoveryCode",
    "ChildWelfarePlanSummary",
    "SocialWorkerContact",
    "AuditEvent",
    "CaseEvent",
    "DuplicateDismissal",
    "DueItem",
    "StepDraft",
    "Base",
    "ChangeReport",
    "Child",
    "ChildWelfareCase",
    "CountyProfile",
    "Exemption",
    "GoodCause",
    "Holiday",
    "HolidayOverride",
    "Household",
    "Meeting",
    "MeetingAttendee",
    "MutualCase",
    "NoncomplianceEpisode",
    "Office",
    "OutboxMessage",
    "Participant",
    "Plan",
    "PlanActivity",
    "PlanVersion",
    "Referral",
    "RegionalContact",
    "ReunificationRecord",
    "PlanSignature",
    "ShareLink",
    "SignedDocument",
    "SocialWorker",
    "SupportiveService",
    "TrackingEntry",
    "User",
    "UserSession",
]
