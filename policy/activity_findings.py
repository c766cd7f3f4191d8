"""What a plan ready to sign must say about each activity, and what may be left open.

The signed WTW 2 (and the SCD/SCZ 1811) print one row per activity: provider, hours, schedule,
start, end and how progress is judged (domain.md §c4, R-PL-03, R-PL-07). An item nobody can do
without is an *error* (the plan cannot be marked ready to sign); an item a real activity may
lack is a *warning* (it may be signed, and the forms print a stated value, never a blank):

- provider: error. The WTW 2 names who runs the activity and the provider confirms attendance
  and judges progress (R-PL-03, R-CF-03); for a job search on the client's own the EC writes
  "Self-directed".
- start date: error. Tracking counts from it, and so does the client's one-time 30-day change
  of activity (R-PL-05); an assignment with no start cannot be followed up.
- progress standard: error. "Each activity's satisfactory-progress standard must be written in
  the plan" (R-PL-07).
- schedule: warning. Not every activity has set times (a job search, contacts with the social
  worker, court dates as they come); the hours a week are the requirement. The forms print "No
  fixed schedule" (R-PL-03).
- end date: warning. An activity may run as long as the plan (R-PL-08 allows concurrent and
  sequential activities); the forms print the plan's last day, marked as the end of the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from policy.cache import pure_cache
from policy.findings import Finding

NO_SCHEDULE = "No fixed schedule"  # what the forms print for a row without one


@dataclass(frozen=True)
class ActivityFacts:
    """One activity as the plan will print it (R-PL-03, R-PL-07). ``number`` is the row number
    the EC sees (1 for the first row); ``index`` ties the findings to the row on the screen."""

    number: int
    name: str
    provider: str = ""
    schedule: str = ""
    start_on: date | None = None
    end_on: date | None = None
    progress_standard: str = ""
    index: int | None = None


def activity_label(number: int, name: str) -> str:
    """How every message names an activity: "Activity 2 (Parenting class)" (R-PL-03)."""
    name = (name or "").strip()
    return f"Activity {number} ({name})" if name else f"Activity {number}"


def _day(value: date) -> str:
    return value.strftime("%m/%d/%Y")


def _blank(text: str) -> bool:
    return not (text or "").strip()


def activity_findings(activity: ActivityFacts, plan_end: date | None = None) -> list[Finding]:
    """The missing items of one activity, errors before warnings (R-PL-03, R-PL-05, R-PL-07,
    R-PL-08). ``plan_end`` is the plan period's last day, printed for a row with no end date."""
    return list(_activity_findings(activity, plan_end))


@pure_cache(maxsize=1024)  # the preview asks again for rows that did not change (policy.cache)
def _activity_findings(activity: ActivityFacts, plan_end: date | None) -> tuple[Finding, ...]:
    label = activity_label(activity.number, activity.name)

    def finding(code: str, severity: str, message: str, rule: str) -> Finding:
        return Finding(code, severity, f"{label}: {message}", rule, activity.name, activity.index)

    found: list[Finding] = []
    if _blank(activity.provider):
        found.append(
            finding(
                "no_provider",
                "error",
                "no provider. Name who runs it (for a job search on the client's own, write "
                "“Self-directed”): the WTW 2 prints it and the provider confirms attendance",
                "R-PL-03",
            )
        )
    if activity.start_on is None:
        found.append(
            finding(
                "no_start_date",
                "error",
                "no start date. Tracking starts from it, and so does the client's one-time "
                "30-day change of activity",
                "R-PL-05",
            )
        )
    if _blank(activity.progress_standard):
        found.append(
            finding(
                "no_progress_standard",
                "error",
                "no progress standard. Write how progress is judged: the plan must say it",
                "R-PL-07",
            )
        )
    if _blank(activity.schedule):
        found.append(
            finding(
                "no_schedule",
                "warning",
                f"no schedule. The WTW 2 will say “{NO_SCHEDULE}”; add the days and times if "
                "there are set ones",
                "R-PL-03",
            )
        )
    if activity.end_on is None:
        runs_to = f" ({_day(plan_end)})" if plan_end else ""
        found.append(
            finding(
                "no_end_date",
                "warning",
                f"no end date. It runs to the end of the plan{runs_to}, and the WTW 2 will say "
                "so; add the end date if it ends sooner",
                "R-PL-08",
            )
        )
    return tuple(found)


def missing_items(
    activities: Iterable[ActivityFacts], plan_end: date | None = None
) -> list[Finding]:
    """Every activity's missing items, row by row (R-PL-03, R-PL-05, R-PL-07, R-PL-08): errors
    block "ready to sign", warnings are shown on the plan and on the signing page."""
    found: list[Finding] = []
    for activity in activities:
        found.extend(activity_findings(activity, plan_end))
    return found
