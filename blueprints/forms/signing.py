"""Signing the plan (R-PL-03, R-PL-04) and checking a signed document: typed full names, the
statements of intent, how the client signs, and PDF uploads checked by their bytes."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from models.enums import SignatureMethod
from models.operations.signing import CLIENT_INTENT, WORKER_INTENT, names_match

from .checks import options
from .pdf_content import UnsafePdf, check_scan

PDF_MAGIC = b"%PDF-"
MB = 1024 * 1024
SCAN_MAX_BYTES = 10 * MB
VERIFY_MAX_BYTES = 20 * MB


def read_pdf(storage: Any, limit: int, what: str) -> bytes:
    """The uploaded file's bytes if it is a PDF (by its first bytes, not its name) of at most
    ``limit`` bytes; else a ValidationError that says what to do."""
    if not isinstance(storage, FileStorage) or not storage.filename:
        raise ValidationError(f"Choose the {what} (a PDF file).")
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            f"The file is larger than {limit // MB} MB. Scan in black and white or at a lower "
            "resolution, or split it, and try again."
        )
    if not data.startswith(PDF_MAGIC):
        raise ValidationError("This file is not a PDF. Save or scan it as a PDF and try again.")
    return data


class SignForm(FlaskForm):
    """Both signatures in one submit: the client's and the county worker's."""

    version = HiddenField()
    client_name = StringField(
        "Client's full name",
        description="Typed by the client, or by you as the client says it.",
        validators=[DataRequired("Type the client's full name."), Length(max=120)],
    )
    method = RadioField(
        "How the client signs",
        choices=options(SignatureMethod.choices()),
        validators=[InputRequired("Choose how the client signs.")],
    )
    scan = FileField(
        "Scan of the signed pages",
        description="PDF only, up to 10 MB. Needed when the client signed in ink.",
        render_kw={"accept": "application/pdf,.pdf"},
    )
    client_intent = BooleanField(
        CLIENT_INTENT,
        validators=[DataRequired("The client signs by agreeing to this statement.")],
    )
    worker_name = StringField(
        "Your full name",
        validators=[DataRequired("Type your full name."), Length(max=120)],
    )
    worker_intent = BooleanField(
        WORKER_INTENT,
        validators=[DataRequired("You sign by agreeing to this statement.")],
    )

    def expect(self, *, client: str, worker: str) -> SignForm:
        """The names the typed ones must match (the case's participant, the signed-in user)."""
        self.expected_client, self.expected_worker = client, worker
        self.scan_data: bytes | None = None
        return self

    def validate_client_name(self, field: StringField) -> None:
        if not names_match(field.data, self.expected_client):
            raise ValidationError(
                f"Type the client's full name as it appears on the case: {self.expected_client}."
            )

    def validate_worker_name(self, field: StringField) -> None:
        if not names_match(field.data, self.expected_worker):
            raise ValidationError(
                f"Type your full name as it appears on your Tandem account: {self.expected_worker}."
            )

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # The scan is needed only for ink signatures, so its check depends on another field.
        if self.method.data == "wet_ink":
            try:
                self.scan_data = read_pdf(
                    self.scan.data, SCAN_MAX_BYTES, "scan of the signed pages"
                )
                check_scan(self.scan_data)
            except (ValidationError, UnsafePdf) as exc:
                self.scan_data = None
                self.scan.errors = [str(exc)]
                ok = False
        return ok


class VerifyUploadForm(FlaskForm):
    document = FileField(
        "The PDF to check",
        description="PDF only, up to 20 MB: the file exactly as you got it.",
        render_kw={"accept": "application/pdf,.pdf"},
    )

    def validate_document(self, field: FileField) -> None:
        self.pdf = read_pdf(field.data, VERIFY_MAX_BYTES, "PDF to check")


class VerifyIdForm(FlaskForm):
    """Sent by GET (bookmarkable, nothing changes), so no CSRF token."""

    class Meta:
        csrf = False

    document_id = StringField(
        "Document id",
        description="Printed at the foot of every page, for example TDM-WTW2-000042-V1.",
        validators=[DataRequired("Type the document id."), Length(max=40)],
    )
