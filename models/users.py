"""Staff accounts and their server-side sessions."""

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
