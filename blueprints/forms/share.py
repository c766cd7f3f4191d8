"""A read-only link for the social worker: who, how long, what it shows (issue 5)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

from models.operations.share_links import DEFAULT_DAYS, MAX_DAYS

from .assign import EMAIL_RE
from .checks import options


class ShareLinkForm(FlaskForm):
    recipient_name = StringField(
        "Social worker's name",
        validators=[DataRequired("Enter the social worker's name."), Length(max=120)],
    )
    recipient_email = EmailField(
        "Social worker's work e-mail",
        validators=[
            DataRequired("Enter the social worker's e-mail."),
            Regexp(EMAIL_RE, message="Enter a full e-mail address, like jane.doe@county.gov."),
            Length(max=200),
        ],
    )
    days = IntegerField(
        "Days the link works",
        default=DEFAULT_DAYS,
        description=f"{DEFAULT_DAYS} days unless you need otherwise; at most {MAX_DAYS}.",
        validators=[
            InputRequired(f"Enter a number of days from 1 to {MAX_DAYS}."),
            NumberRange(1, MAX_DAYS, f"Enter a number of days from 1 to {MAX_DAYS}."),
        ],
    )
    scope = RadioField(
        "What the link shows",
        default="view",
        choices=options(
            [
                ("view", "The plan, hours, attendance, dates, supportive services and status"),
                ("view_download", "All of that, and the signed forms (PDF) to download"),
            ]
        ),
        validators=[DataRequired("Choose what the link shows.")],
    )
    deliver = RadioField(
        "How to send it",
        default="show",
        choices=options(
            [
                ("show", "Show me the link once, to copy"),
                ("email", "E-mail it to the social worker from Tandem's outbox"),
            ]
        ),
        validators=[DataRequired("Choose how to send the link.")],
    )
