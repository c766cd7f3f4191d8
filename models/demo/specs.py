"""The demo's case rows: one `Spec` per invented case, per county (used by builder.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.county import CountyProfile, RegionalContact
from models.enums import ActivitySource, CalworksStatus, IdentifiedBy, ServiceComponent, Stage
from models.people import SocialWorker
from models.users import User


# ---------------------------------------------------------------------------- building blocks
class PhoneBook:
    """Hands out numbers in the fictional 555-0100..0199 range, one each, in order."""

    def __init__(self) -> None:
        self._used = 0

    def next(self, area: str) -> str:
        if self._used > 99:
            raise RuntimeError("the demo ran out of 555-01xx numbers")
        number = f"{area}-555-01{self._used:02d}"
        self._used += 1
        return number


@dataclass
class Team:
    county: CountyProfile
    area: str
    supervisor: User
    ecs: list[User]
    contact: RegionalContact
    social_workers: list[SocialWorker]


@dataclass(frozen=True)
class Kid:
    name: str
    years: int
    days: int = 0  # age = years + days
    removed: int | None = None  # removed from the home this many calendar days ago


@dataclass(frozen=True)
class Act:
    source: ActivitySource
    kind: str  # a policy.federal kind, so the WPR badge can classify it
    hours: float
    schedule: str
    name: str = ""
    provider: str = ""
    progress: str = ""
    on_1811: bool = True


def C(kind: str, hours: float, schedule: str, **kw: object) -> Act:  # noqa: N802
    """A child-welfare case-plan activity, hours as the social worker gave them (R-CF-05)."""
    return Act(ActivitySource.CFS, kind, hours, schedule, **kw)  # type: ignore[arg-type]


def W(kind: str, hours: float, schedule: str, **kw: object) -> Act:  # noqa: N802
    """A WTW activity filling the hours the CFS/DFCS plan leaves (R-CF-04)."""
    return Act(ActivitySource.WTW, kind, hours, schedule, **kw)  # type: ignore[arg-type]


AA = dict(
    name="AA meetings",
    provider="AA/NA community meetings",
    progress="Attend every scheduled meeting; the meeting secretary signs the card.",
)
NA = dict(AA, name="NA meetings")


@dataclass(frozen=True)
class Spec:
    key: str
    stage: Stage
    first: str
    last: str
    age: int
    kids: tuple[Kid, ...]
    component: ServiceComponent
    by: IdentifiedBy
    ident: int  # identified this many working days ago
    assigned: int | None = None  # assigned this many working days ago (ECs alternate)
    meet: int | None = None  # meeting in this many working days (> 0) or held that many ago
    agreed: int | None = None  # SW agreed the plan this many working days ago (R-MT-07)
    signed: int | None = None  # client and EC signed this many working days ago
    required_days: int = 0  # required to participate this many days ago (R-PL-02)
    lang: str = "en"
    sw: int = 0  # index of the county's social worker
    custody: bool = False
    hearing_known: bool = False  # the SW entered the jurisdiction hearing date
    calworks: CalworksStatus = CalworksStatus.ACTIVE
    suppressed: bool = False  # Safe at Home / DA address (R-DA-03)
    fr: str = ""  # "ab429": plan ends with the FR services (R-FR-04)
    story: int = 0
    note: str = ""
    reason: str = ""  # not_mutual only
    acts: tuple[Act, ...] = field(default=())
