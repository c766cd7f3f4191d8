"""The supportive services on a demo plan: a bus pass, child care for children under 13 at
home, and one ancillary expense for the first activity that needs one."""

from __future__ import annotations

from datetime import date

from models.demo.case_spec import DemoCase
from models.demo.catalog import ANCILLARY_EXPENSES, BUS_PASS_CENTS
from models.demo.dates import years_before
from models.enums import ServiceKind
from models.people import Household
from models.plan import SupportiveService


def supportive_services(
    demo_case: DemoCase,
    household: Household,
    *,
    county_code: str,
    today: date,
    authorized_on: date,
    issued_on: date | None,
) -> list[SupportiveService]:
    thirteen_years_ago = years_before(today, 13)
    young_children = [
        child.first_name
        for child in household.children
        if child.in_home and child.birth_date > thirteen_years_ago
    ]
    services = [
        SupportiveService(
            kind=ServiceKind.TRANSPORTATION,
            detail="Monthly bus pass (issued before it is needed)",
            amount_cents=BUS_PASS_CENTS[county_code],
            frequency="monthly",
            advance_required=True,
            authorized_on=authorized_on,
            issued_on=issued_on,
        )
    ]
    if young_children:
        names = " and ".join(young_children)
        services.append(
            SupportiveService(
                kind=ServiceKind.CHILD_CARE,
                frequency="monthly",
                authorized_on=authorized_on,
                detail=f"Licensed child care for {names} during activity hours",
                issued_on=issued_on,
            )
        )
    for activity in demo_case.activities:
        if activity.kind in ANCILLARY_EXPENSES:
            detail, cents = ANCILLARY_EXPENSES[activity.kind]
            services.append(
                SupportiveService(
                    kind=ServiceKind.ANCILLARY,
                    detail=detail,
                    amount_cents=cents,
                    frequency="once",
                    authorized_on=authorized_on,
                    issued_on=issued_on,
                )
            )
            break
    return services
