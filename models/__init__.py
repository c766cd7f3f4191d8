"""SQLAlchemy models and HTTP-free operations. Importing the package registers every table."""

from .audit import AuditEvent, ShareLink
from .base import Base
from .cases import ChildWelfareCase, MutualCase
from .county import CountyProfile, Holiday, HolidayOverride, Office, RegionalContact
from .drafts import StepDraft
from .duplicates import DuplicateDismissal
from .history import CaseEvent
from .meeting import Meeting, MeetingAttendee
from .outbox import OutboxMessage
from .people import Child, Household, Participant, SocialWorker
from .plan import Plan, PlanActivity, PlanVersion, SupportiveService
from .signing import PlanSignature, SignedDocument
from .tracking import (
    ChangeReport,
    Exemption,
    GoodCause,
    NoncomplianceEpisode,
    Referral,
    ReunificationRecord,
    TrackingEntry,
)
from .users import User, UserSession

__all__ = [
    "AuditEvent",
    "CaseEvent",
    "DuplicateDismissal",
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
