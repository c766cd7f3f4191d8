"""The county settings form: each uncertain rule of domain.md §e, its proposed default, and the
county's privacy and sign-in choices. Values come back as the model's types (values())."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from models.county import CountyProfile
from models.enums import Role
from models.operations.mfa import required_roles

from .checks import options

YES_NO = options([("yes", "Yes"), ("no", "No")])
DIVISOR_RANGE = (Decimal("4.00"), Decimal("5.00"))


@dataclass(frozen=True)
class Question:
    """One setting as the page explains it: the §e question, what the sources say, the default."""

    field: str
    ref: str
    question: str
    sources: str
    default_text: str

    def default_in_force(self, county: CountyProfile) -> bool:
        return default_in_force(county, self.field)


def default_in_force(county: CountyProfile, field: str) -> bool:
    """Whether the county follows §e's proposed default for this setting: the settings page's
    tag and the caseload's note on the meeting deadline say which is in force."""
    return getattr(county, field) == PROPOSED[field](county)


# The proposed defaults of domain.md §e (Q3's depends on the county: Orange's policy sets no
# day count, so the target applies only where the county confirms it).
PROPOSED: dict[str, Any] = {
    "meeting_deadline_applies": lambda county: county.code != "orange",
    "meeting_anchor": lambda county: "assigned",
    "weeks_per_month": lambda county: None,
    "age_six_change_rule": lambda county: "month_after",
    "day20_roll_forward": lambda county: False,
    "da_review_months": lambda county: 3,
    "young_child_exemption_months": lambda county: 6,
    "sw_message_hold_days": lambda county: 2,
    "feed_client_names": lambda county: False,
}

QUESTIONS = (
    Question(
        "meeting_deadline_applies",
        "§e Q3",
        "Does the joint meeting have a day-count deadline in this county?",
        "Santa Clara's procedure sets 5 working days (child at home) or before the court "
        "hearing (protective custody). Orange's Policy 403 asks for early coordination and "
        "names no day count.",
        "Yes in Santa Clara; no in Orange until Orange confirms a deadline.",
    ),
    Question(
        "meeting_anchor",
        "§e Q1",
        "What day starts the 5-working-day clock for the joint meeting?",
        "The procedure's steps begin once the case is both identified and handed to the "
        "specialized worker, but it never names the date that starts the clock.",
        "The day the case is assigned to the specialized worker.",
    ),
    Question(
        "weeks_per_month",
        "§e Q5",
        "What divides a month's hours into the weekly average?",
        "The statute says an average per week during the month; the county handbook's "
        "method is not in the sources.",
        "The month's days ÷ 7 (leave the box empty), so a month of full weeks averages exactly "
        "the requirement.",
    ),
    Question(
        "age_six_change_rule",
        "§e Q7",
        "When the youngest child turns 6, from when do the 30 hours apply?",
        "The statute keys on a child under six; no source says whether the change applies "
        "from the birthday or the next month.",
        "The first of the month after the birthday.",
    ),
    Question(
        "day20_roll_forward",
        "§e Q10",
        "When day 20 of a noncompliance period falls on a weekend or holiday, does it move?",
        "Santa Clara's text says CalSAWS computes day 20 regardless of the weekday; the rest "
        "of the sentence is missing.",
        "No: day 20 is a calendar day.",
    ),
    Question(
        "da_review_months",
        "§e Q11",
        "Every how many months is a domestic-abuse waiver reviewed?",
        "Santa Clara: every 3 months. AB 969 (2025): no more often than every 6 months, once "
        "the state's instructions are adopted.",
        "3 months, until the county adopts the AB 969 instructions.",
    ),
    Question(
        "young_child_exemption_months",
        "§e Q12",
        "How long is the one-time young-child exemption?",
        "The county's written standard decides, from 12 weeks to 12 months (MPP 42-712.47).",
        "6 months.",
    ),
    Question(
        "sw_message_hold_days",
        "Notices",
        "How many working days may a notice to the social worker wait for the EC's review?",
        "The procedures ask the EC to tell the social worker of a signed plan, a significant "
        "change, good cause or noncompliance about a child-welfare activity, and the closing; "
        "they name no day count. Tandem holds each notice for the EC to read and edit first.",
        "2 working days; after that the notice is late on the caseload and the due list.",
    ),
    Question(
        "feed_client_names",
        "Privacy",
        "May client names appear in the titles of the ECs' calendar feeds?",
        "Records are confidential and used only to administer services (R-CO-01); an EC's "
        "phone calendar may sync to places the county does not run.",
        "No: each event says “Tandem case” and its number. Places and notes are never in a feed.",
    ),
)


def _whole(low: int, high: int, what: str) -> Any:
    def check(form: FlaskForm, field: StringField) -> None:
        text = (field.data or "").strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValidationError(f"Enter {what} as a whole number from {low} to {high}.")

    return check


def _divisor(form: FlaskForm, field: StringField) -> None:
    text = (field.data or "").strip()
    if not text:
        return
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError("Enter a number such as 4.33, or leave the box empty.") from None
    low, high = DIVISOR_RANGE
    if (
        not value.is_finite()
        or not low <= value <= high
        or value != value.quantize(Decimal("0.01"))
    ):
        raise ValidationError(
            f"Enter a number from {low} to {high} with at most two decimals (such as 4.33), "
            "or leave the box empty."
        )


def _choice(message: str) -> list[Any]:
    return [InputRequired(message)]


class CountySettingsForm(FlaskForm):
    meeting_deadline_applies = RadioField(
        "Joint meeting deadline", choices=YES_NO, validators=_choice("Choose yes or no.")
    )
    meeting_anchor = RadioField(
        "Day that starts the clock",
        choices=options(
            [
                ("assigned", "The day the case is assigned to the specialized worker"),
                ("identified", "The day the case is identified as a mutual client"),
            ]
        ),
        validators=_choice("Choose the day that starts the clock."),
    )
    weeks_per_month = StringField(
        "Fixed weeks per month (optional)",
        description="Empty: the month's days ÷ 7. A county that uses a fixed divisor types it, "
        "such as 4.33.",
        validators=[_divisor],
    )
    age_six_change_rule = RadioField(
        "The 30 hours apply from",
        choices=options(
            [
                ("month_after", "The first of the month after the 6th birthday"),
                ("on_birthday", "The 6th birthday itself"),
            ]
        ),
        validators=_choice("Choose when the 30 hours apply."),
    )
    day20_roll_forward = RadioField(
        "Move day 20 to the next working day",
        choices=YES_NO,
        validators=_choice("Choose yes or no."),
    )
    da_review_months = StringField(
        "Months between reviews", validators=[_whole(1, 12, "the months between reviews")]
    )
    young_child_exemption_months = StringField(
        "Length in months",
        description="3 is 12 weeks.",
        validators=[_whole(3, 12, "the length in months")],
    )
    sw_message_hold_days = StringField(
        "Working days", validators=[_whole(1, 10, "the working days")]
    )
    feed_client_names = RadioField(
        "Client names in calendar feeds", choices=YES_NO, validators=_choice("Choose yes or no.")
    )
    mfa_ec = BooleanField("Employment counselors")
    mfa_supervisor = BooleanField("Supervisors")
    shown = HiddenField()

    def fill(self, county: CountyProfile, shown: str) -> None:
        """The county's current settings, as the page first shows them."""
        self.meeting_deadline_applies.data = "yes" if county.meeting_deadline_applies else "no"
        self.meeting_anchor.data = county.meeting_anchor
        divisor = county.weeks_per_month
        self.weeks_per_month.data = "" if divisor is None else f"{Decimal(str(divisor)):.2f}"
        self.age_six_change_rule.data = county.age_six_change_rule
        self.day20_roll_forward.data = "yes" if county.day20_roll_forward else "no"
        self.da_review_months.data = str(county.da_review_months)
        self.young_child_exemption_months.data = str(county.young_child_exemption_months)
        self.sw_message_hold_days.data = str(county.sw_message_hold_days)
        self.feed_client_names.data = "yes" if county.feed_client_names else "no"
        roles = required_roles(county.mfa_required_roles)
        self.mfa_ec.data, self.mfa_supervisor.data = "ec" in roles, "supervisor" in roles
        self.shown.data = shown

    def values(self) -> dict[str, Any]:
        """The settings typed, as the county profile stores them (call after validate())."""
        divisor = (self.weeks_per_month.data or "").strip()
        # Administrators manage accounts and settings: they always use a second factor.
        roles = [
            r
            for r, on in (("ec", self.mfa_ec.data), ("supervisor", self.mfa_supervisor.data))
            if on
        ]
        return {
            "meeting_deadline_applies": self.meeting_deadline_applies.data == "yes",
            "meeting_anchor": self.meeting_anchor.data,
            "weeks_per_month": f"{Decimal(divisor):.2f}" if divisor else None,
            "age_six_change_rule": self.age_six_change_rule.data,
            "day20_roll_forward": self.day20_roll_forward.data == "yes",
            "da_review_months": int(self.da_review_months.data.strip()),
            "young_child_exemption_months": int(self.young_child_exemption_months.data.strip()),
            "sw_message_hold_days": int(self.sw_message_hold_days.data.strip()),
            "feed_client_names": self.feed_client_names.data == "yes",
            "mfa_required_roles": ",".join([*roles, "admin"]),
        }


LABELS = {
    "meeting_deadline_applies": "Joint meeting deadline",
    "meeting_anchor": "Day that starts the meeting clock",
    "weeks_per_month": "Weeks per month",
    "age_six_change_rule": "30 hours after the 6th birthday",
    "day20_roll_forward": "Day 20 moves off weekends and holidays",
    "da_review_months": "Domestic-abuse waiver review, months",
    "young_child_exemption_months": "Young-child exemption, months",
    "sw_message_hold_days": "Working days a notice may wait for review",
    "feed_client_names": "Client names in calendar feeds",
    "mfa_required_roles": "Roles that must use a second factor",
}


WORDS = {
    "assigned": "assignment day",
    "identified": "identification day",
    "month_after": "month after the birthday",
    "on_birthday": "on the birthday",
}


def describe(name: str, value: Any) -> str:
    """A setting's value in words, for the page's list of changes."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "days in the month ÷ 7" if name == "weeks_per_month" else "none"
    if name == "mfa_required_roles":
        roles = required_roles(value)
        return ", ".join(r.label for r in Role if r.value in roles) or "no role"
    return WORDS.get(str(value), str(value))
