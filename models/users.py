"""Staff accounts, their second factor and their server-side sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, str_enum, utcnow
from models.county import CountyProfile, Office
from models.enums import Role


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role, 16))
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    phone: Mapped[str] = mapped_column(String(30), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Second factor (TOTP, RFC 6238). The base32 secret is stored as is (no encryption library
    # is installed; README "Security decisions"): it is never logged, audited or shown again
    # after enrolment. None, with mfa_enrolled_at None, means no second factor.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    mfa_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last 30-second time step whose code was accepted: that code, and older ones, are
    # refused from then on (ASVS 6.5.1).
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    county: Mapped[CountyProfile] = relationship()
    office: Mapped[Office | None] = relationship()
    supervisor: Mapped[User | None] = relationship(remote_side=[id])

    # Flask-Login protocol, written out so a disabled account is never "active".
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def mfa_enrolled(self) -> bool:
        return self.mfa_enrolled_at is not None and bool(self.totp_secret)


class RecoveryCode(Base):
    """A one-time recovery code for the second factor, kept only as SHA-256 of the code (the
    codes are random, 50 bits each, so a plain hash is enough — ASVS 6.5.2)."""

    __tablename__ = "mfa_recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class UserSession(Base):
    """A server-side session: the cookie holds a random token, this row holds SHA-256(token) and data.

    Deleting the row ends the session everywhere (logout, account disabled) — ASVS 7.4.1/7.4.2.
    """

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie token
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    renewals: Mapped[int] = mapped_column(Integer, default=0)
