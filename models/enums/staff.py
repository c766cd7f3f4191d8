"""Staff roles, and who may change a case."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class Role(LabelledEnum):
    EC = "ec", "Employment counselor"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Administrator"


# Who may change a case (admins manage accounts and see no case).
CASE_EDITORS = (Role.EC, Role.SUPERVISOR)
