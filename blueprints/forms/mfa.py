"""The second factor's small forms: each is one code field, labelled, its error next to it."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, ValidationError
from wtforms.validators import DataRequired, Length

from models.operations.mfa import is_recovery_code, is_totp_code

_TYPING = {"spellcheck": "false", "autocapitalize": "off", "autocorrect": "off"}


def _code_or_recovery(_form: FlaskForm, field: StringField) -> None:
    if not (is_totp_code(field.data) or is_recovery_code(field.data)):
        raise ValidationError(
            "Enter the 6 digits your app shows, or a recovery code (10 letters and digits)."
        )


def _six_digits(_form: FlaskForm, field: StringField) -> None:
    if not is_totp_code(field.data):
        raise ValidationError("Enter the 6 digits the app shows.")


class ChallengeForm(FlaskForm):
    """Sign-in, second page."""

    code = StringField(
        "Code from your authenticator app",
        description=(
            "The 6 digits the app shows for Tandem now. Without your phone, type one of your "
            "recovery codes instead."
        ),
        validators=[DataRequired("Enter the code."), Length(max=40), _code_or_recovery],
        render_kw=_TYPING,
    )


class EnrolForm(FlaskForm):
    """Setting up the app: the first code proves it has the key."""

    code = StringField(
        "6-digit code from the app",
        description="Once the app has the key, it shows a new code every 30 seconds.",
        validators=[DataRequired("Enter the 6 digits the app shows."), Length(max=40), _six_digits],
        render_kw={**_TYPING, "inputmode": "numeric"},
    )


class AccountCodeForm(FlaskForm):
    """Turning the second factor off, or new recovery codes: a current code first."""

    code = StringField(
        "Current code from your authenticator app",
        description="Or one of your recovery codes.",
        validators=[DataRequired("Enter the code."), Length(max=40), _code_or_recovery],
        render_kw=_TYPING,
    )
