"""The joint meeting: where, who, and the referrals made there (§c3)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class MeetingPlace(LabelledEnum):
    """R-MT-08: the EC may meet the client away from the office. Phone and video are kept apart
    because a record of how the meeting took place already uses both."""

    OFFICE = "office", "County office"
    DISTRICT_OFFICE = "district_office", "District office"
    SHELTER = "shelter", "Shelter"
    PUBLIC_PLACE = "public_place", "Public place"
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"


class ReferralProgram(LabelledEnum):
    """§c5 ProgramReferral, stored lower-case; FSP and BFH only where the county runs them."""

    FSP = "fsp", "Family Services Program (FSP)"
    BFH = "bfh", "Bringing Families Home (BFH)"
    FUP = "fup", "Family Unification Program (FUP) housing voucher"
    BEHAVIORAL_HEALTH = "behavioral_health", "Behavioral health (mental health or substance use)"
    DA_SERVICES = "da_services", "Domestic abuse services"
    ASSESSMENT = "assessment", "Assessment or reassessment"


class ReferralStatus(LabelledEnum):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


class AttendeeRole(LabelledEnum):
    """Who took part in the joint meeting (§c3 attendees[].role)."""

    EC = "ec", "Employment counselor"
    SW = "sw", "Social worker"
    CLIENT = "client", "Client"
    CFT_MEMBER = "cft_member", "Child and Family Team member"
    PROVIDER = "provider", "Service provider"
    INTERPRETER = "interpreter", "Interpreter"

    def in_county(self, specialist_title: str, cw_division_label: str) -> str:
        """The role in the county's words: "Specialized CM", "DFCS social worker"."""
        if self is AttendeeRole.EC:
            return specialist_title
        if self is AttendeeRole.SW:
            return f"{cw_division_label} social worker"
        return self.label
