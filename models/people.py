"""The parent, the household and children, and the child-welfare social worker."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, str_enum
from models.enums import CalworksStatus, WtwStatus


class Participant(Base):
    """The parent who is both a CalWORKs participant and a child-welfare client (§c2)."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    calworks_case_number: Mapped[str] = mapped_column(String(20), default="", index=True)
    calworks_status: Mapped[CalworksStatus] = mapped_column(
        str_enum(CalworksStatus), default=CalworksStatus.ACTIVE
    )
    wtw_status: Mapped[WtwStatus] = mapped_column(str_enum(WtwStatus), default=WtwStatus.MANDATORY)
    toa_months_used: Mapped[int] = mapped_column(Integer, default=0)  # from CalSAWS (R-TC-02)
    toa_as_of: Mapped[date | None] = mapped_column(Date)  # the day that count was read
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # R-DA-03: Safe at Home / DA clients: the address is never shown or printed.
    address_suppressed: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(200), default="")

    household: Mapped[Household | None] = relationship(
        back_populates="participant", uselist=False, cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Household(Base):
    """The assistance unit as it drives the hourly requirement (R-HR-01..08)."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), unique=True)
    aided_adults: Mapped[int] = mapped_column(Integer, default=1)
    # none | mandatory | exempt_non_disability | disabled | ineligible | sanctioned (R-HR-03/07/08)
    second_parent_status: Mapped[str] = mapped_column(String(24), default="none")
    disabled_adult: Mapped[bool] = mapped_column(Boolean, default=False)
    pregnant_only: Mapped[bool] = mapped_column(Boolean, default=False)

    participant: Mapped[Participant] = relationship(back_populates="household")
    children: Mapped[list[Child]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="Child.birth_date"
    )

    def youngest_aided_birthdate(self) -> date | None:
        dates = [c.birth_date for c in self.children if c.aided]
        return max(dates) if dates else None


class Child(Base):
    __tablename__ = "child"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[date] = mapped_column(Date)
    aided: Mapped[bool] = mapped_column(Boolean, default=True)
    in_home: Mapped[bool] = mapped_column(Boolean, default=True)
    removed_on: Mapped[date | None] = mapped_column(Date)

    household: Mapped[Household] = relationship(back_populates="children")


class SocialWorker(Base):
    """The CFS Senior Social Worker (Orange) or DFCS SW (Santa Clara). Not a Tandem user."""

    __tablename__ = "social_worker"

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
