"""Read-only links for the social worker."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class LinkState(LabelledEnum):
    """Where a read-only link stands: the EC's words as the label, and what the social worker
    reads when an ended link is opened."""

    ACTIVE = "active", "Working"
    REVOKED = "revoked", "Withdrawn"
    EXPIRED = "expired", "Expired"
    CASE_CLOSED = "case_closed", "Ended: case closed"
    SW_CHANGED = "sw_changed", "Ended: social worker changed"

    @property
    def is_active(self) -> bool:
        return self is LinkState.ACTIVE

    @property
    def message(self) -> str:
        return _LINK_ENDED_MESSAGES.get(self.value, "")


_LINK_ENDED_MESSAGES = {
    "expired": "This link has expired.",
    "revoked": "This link was withdrawn by the employment counselor.",
    "case_closed": "The case this link showed is closed.",
    "sw_changed": "This link was made for another social worker on the case.",
}


class ShareScope(LabelledEnum):
    VIEW = "view", "view only"
    VIEW_DOWNLOAD = "view_download", "view and download"
