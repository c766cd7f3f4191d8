"""Value sets of the domain (domain.md §c), stored by value, each with the words a page shows.

A member is written ``NAME = "stored_value", "Label"``: the value goes to the database, the label
to every screen and the share page (``Stage.CLOSED.label``), so no raw value reaches a page and
no screen keeps its own dictionary of words (Indico's ``RichEnum.__titles__``, one place). The
printed forms translate their own client-facing wording (templates/documents/_labels.html).
"""

from models.enums.calendar import CalendarAgency, CalendarKind, HolidayCalendar
from models.enums.cases import (
    CalworksStatus,
    ClosureRoute,
    IdentifiedBy,
    IntegrationConsent,
    Language,
    ServiceComponent,
    Stage,
    WtwStatus,
)
from models.enums.due import DueKind
from models.enums.labelled import LabelledEnum
from models.enums.meeting import AttendeeRole, MeetingPlace, ReferralProgram, ReferralStatus
from models.enums.outbox import MessageKind, MessageState
from models.enums.plan import (
    SIGNED_PLAN_STATUSES,
    ActivityKind,
    ActivitySource,
    DocumentKind,
    PlanStatus,
    ServiceKind,
    SignatureMethod,
    SignerRole,
)
from models.enums.programs import FrEndReason
from models.enums.sharing import LinkState, ShareScope
from models.enums.staff import CASE_EDITORS, Role
from models.enums.tracking import (
    ChangeKind,
    ChangeResolution,
    ChangeSource,
    ContactChannel,
    ContactTopic,
    ExcuseReason,
    ExemptionKind,
    FrIneligibility,
    GoodCauseReason,
    GoodCauseRoute,
    NoncomplianceStatus,
    NoncomplianceTrigger,
    NoticeType,
    ReunificationProgram,
    SanctionReview,
)

__all__ = [
    "CalendarAgency",
    "CalendarKind",
    "FrEndReason",
    "FrIneligibility",
    "GoodCauseReason",
    "GoodCauseRoute",
    "NoncomplianceTrigger",
    "NoticeType",
    "SanctionReview",
    "ChangeResolution",
    "ChangeSource",
    "ContactChannel",
    "ContactTopic",
    "ExcuseReason",
    "ActivityKind",
    "ActivitySource",
    "AttendeeRole",
    "CASE_EDITORS",
    "CalworksStatus",
    "ChangeKind",
    "ClosureRoute",
    "DocumentKind",
    "DueKind",
    "ExemptionKind",
    "HolidayCalendar",
    "IdentifiedBy",
    "IntegrationConsent",
    "LabelledEnum",
    "Language",
    "LinkState",
    "MeetingPlace",
    "MessageKind",
    "MessageState",
    "NoncomplianceStatus",
    "PlanStatus",
    "ReferralProgram",
    "ReferralStatus",
    "ReunificationProgram",
    "Role",
    "SIGNED_PLAN_STATUSES",
    "ServiceComponent",
    "ServiceKind",
    "ShareScope",
    "SignatureMethod",
    "SignerRole",
    "Stage",
    "WtwStatus",
]
