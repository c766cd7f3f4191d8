"""Signatures on a plan version and the signed documents stored once, with their hashes.

A signature binds the exact content: the signed PDF is rendered once at signing, stored with its
SHA-256, and never changes (R-PL-03). A signed version is read-only; an amendment is a new
version that must be signed again (R-PL-10), and every version keeps its documents.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow
from models.enums import DocumentKind, Language, SignatureMethod, SignerRole
from models.users import User

SIGNER_ROLES = ("client", "worker")
METHODS = ("in_person", "wet_ink")


class PlanSignature(Base):
    """One signer's signature on one plan version: typed full name, the intent they affirmed,
    and how they signed (in person on the EC's device, or wet ink on a printed copy)."""

    __tablename__ = "plan_signature"
    __table_args__ = (UniqueConstraint("plan_version_id", "role", name="one_signature_per_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # client | worker
    full_name: Mapped[str] = mapped_column(String(120))
    method: Mapped[str] = mapped_column(String(16))  # in_person | wet_ink
    intent: Mapped[str] = mapped_column(Text)  # the exact statement the signer affirmed
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    recorded_by: Mapped[User] = relationship()

    @property
    def role_label(self) -> str:
        return SignerRole.label_of(self.role)

    @property
    def method_label(self) -> str:
        return SignatureMethod.label_of(self.method)


class SignedDocument(Base):
    """A signed PDF (WTW 2 or SCD/SCZ 1811) as stored: PDF/A bytes, SHA-256 of the bytes and of
    the content it shows, a document id printed on every page. Never updated."""

    __tablename__ = "signed_document"
    __table_args__ = (UniqueConstraint("plan_version_id", "kind", name="one_document_per_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # wtw2 | scd1811
    document_id: Mapped[str] = mapped_column(String(40), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    scan_sha256: Mapped[str | None] = mapped_column(String(64))  # wet-ink scan, embedded
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    @property
    def kind_label(self) -> str:
        return DocumentKind.label_of(self.kind)

    @property
    def language_label(self) -> str:
        return Language.label_of(self.language)
