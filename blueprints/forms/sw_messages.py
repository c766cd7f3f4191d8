"""The EC's review of a message to the social worker: wording, a read-only link, send or not."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from models.outbox import BODY_MAX, SUBJECT_MAX


class MessageForm(FlaskForm):
    subject = StringField(
        "Subject",
        validators=[
            InputRequired("Write a subject."),
            Length(max=SUBJECT_MAX, message=f"Keep the subject to {SUBJECT_MAX} characters."),
        ],
        description="No client names: e-mail subjects are seen by many. The case number is enough.",
    )
    body = TextAreaField(
        "Message",
        validators=[
            InputRequired("Write the message."),
            Length(max=BODY_MAX, message=f"Keep the message to {BODY_MAX} characters."),
        ],
        description="Only what the social worker needs to know.",
    )
    add_link = BooleanField("Add a read-only link to the plan (works for 30 days)")


class CancelForm(FlaskForm):
    reason = TextAreaField(
        "Why it is not sent",
        validators=[
            InputRequired("Say why the message is not sent."),
            Length(max=200, message="Keep the reason to 200 characters."),
        ],
        description="For example: told the social worker by phone on 11/23/2026.",
    )
