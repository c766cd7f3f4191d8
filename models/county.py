"""County configuration: terminology, forms, per-county settings for the open questions, holidays."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, str_enum
from models.enums import HolidayCalendar


class CountyProfile(Base):
    """One county's words and settings (domain.md §c1). Uncertain rules (§e) are settings here."""

    __tablename__ = "county_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # "orange" | "santa_clara"
    name: Mapped[str] = mapped_column(String(80))
    cw_division_label: Mapped[str] = mapped_column(String(16))  # CFS | DFCS
    wtw_program_label: Mapped[str] = mapped_column(String(16))  # FSS | CWES
    specialist_title: Mapped[str] = mapped_column(String(40))  # Specialized CM | Partnership EC
    uses_1811: Mapped[bool] = mapped_column(Boolean, default=False)
    forms: Mapped[str] = mapped_column(String(200))  # comma-separated form names
    imaging_system: Mapped[str] = mapped_column(String(20))  # OnBase | IDM
    offers_fsp: Mapped[bool] = mapped_column(Boolean, default=False)
    offers_bfh: Mapped[bool] = mapped_column(Boolean, default=False)
    # §e Q1: what starts the 5-working-day clock.
    meeting_anchor: Mapped[str] = mapped_column(String(16), default="assigned")
    # §e Q3: Orange's policy has no day count; the target applies only where the county confirms it.
    meeting_deadline_applies: Mapped[bool] = mapped_column(Boolean, default=True)
    # §e Q7: "month_after" (proposed) or "on_birthday".
    age_six_change_rule: Mapped[str] = mapped_column(String(16), default="month_after")
    # §e Q5: a fixed divisor for the monthly average (e.g. 4.33); None, the proposed default,
    # divides by the month's days ÷ 7, so a month of full weeks averages exactly the requirement.
    weeks_per_month: Mapped[float | None] = mapped_column(Numeric(4, 2), default=None)
    # §e Q10: day 20 of the noncompliance period is a calendar day, no roll-forward.
    day20_roll_forward: Mapped[bool] = mapped_column(Boolean, default=False)
    # §e Q12: the county's written standard for the one-time young-child exemption (3 = 12 weeks).
    young_child_exemption_months: Mapped[int] = mapped_column(Integer, default=6)
    # §e Q11: months between domestic-abuse waiver reviews (3 until AB 969 instructions).
    da_review_months: Mapped[int] = mapped_column(Integer, default=3)
    # Which roles must use a second factor (comma list of role codes); the others are offered it.
    mfa_required_roles: Mapped[str] = mapped_column(
        String(80), default="supervisor,admin", server_default="supervisor,admin"
    )
    # Client names in the titles of the ECs' calendar feeds (issue 15): off unless the county
    # decides its ECs' own calendars may hold them (R-CO-01: confidential, used only to
    # administer the services; an EC's phone calendar may sync to places the county does not run).
    feed_client_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Working days a notice to the social worker may wait for the EC's review before it is late
    # (a due item; proposed default 2: the procedures ask that the SW be told promptly).
    sw_message_hold_days: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    # Moved by one on every save of the settings above, only from the version the saver read
    # (operations/county_settings.change_settings): two saves in the same instant cannot both win.
    settings_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    offices: Mapped[list[Office]] = relationship(back_populates="county", order_by="Office.name")

    @property
    def case_term(self) -> str:
        """What the county calls a parent with both cases (SEED000, SEED001): Orange says
        "mutual client", Santa Clara "common case"."""
        return "common case" if self.code == "santa_clara" else "mutual client"

    @property
    def case_term_plural(self) -> str:
        return "common cases" if self.code == "santa_clara" else "mutual clients"

    @property
    def indicator_term(self) -> str:
        """The mark on the CalWORKs case that is end-dated at closing (R-ID-11, R-CL-04)."""
        return f"{self.case_term.replace(' ', '-')} indicator"

    def term(self, key: str) -> str:
        return {
            "cw": self.cw_division_label,
            "wtw": self.wtw_program_label,
            "specialist": self.specialist_title,
            "case": self.case_term,
        }[key]


class Office(Base):
    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="regional")  # regional | district
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")

    county: Mapped[CountyProfile] = relationship(back_populates="offices")
    contacts: Mapped[list[RegionalContact]] = relationship(back_populates="office")


class RegionalContact(Base):
    """FSS Regional Contact (Orange, R-ID-07) or the DFCS CalWORKs EW Liaison (Santa Clara, R-ID-05)."""

    __tablename__ = "regional_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")

    office: Mapped[Office] = relationship(back_populates="contacts")


class Holiday(Base):
    """A shared calendar day: the California court calendar or the state calendar (R-WD-01..03)."""

    __tablename__ = "holiday"
    __table_args__ = (UniqueConstraint("calendar", "day", name="calendar_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar: Mapped[HolidayCalendar] = mapped_column(str_enum(HolidayCalendar, 16))
    day: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(120), default="")


class HolidayOverride(Base):
    """A county's change to the state calendar for its offices (§e Q8): add a closure or remove one."""

    __tablename__ = "holiday_override"
    __table_args__ = (UniqueConstraint("county_id", "day", name="county_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(
        Boolean
    )  # True adds a closure, False reopens a state holiday
    name: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(200), default="")
