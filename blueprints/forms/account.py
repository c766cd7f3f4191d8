from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from models.operations.passwords import MAX_LENGTH, MIN_LENGTH


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password.")]
    )
    new = PasswordField(
        "New password",
        description=f"At least {MIN_LENGTH} characters. A short sentence is easy to remember.",
        validators=[
            DataRequired("Enter a new password."),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=f"Use {MIN_LENGTH} to {MAX_LENGTH} characters.",
            ),
        ],
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[
            DataRequired("Repeat the new password."),
            EqualTo("new", message="The two new passwords are different."),
        ],
    )
