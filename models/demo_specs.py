"""The demo's case rows: one `Spec` per invented case, per county (used by demo_cases.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .county import CountyProfile, RegionalContact
from .enums import ActivitySource, CalworksStatus, IdentifiedBy, ServiceComponent, Stage
from .people import SocialWorker
from .users import User


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


S = Stage
SVC = ServiceComponent
BY = IdentifiedBy
DISCONTINUED = CalworksStatus.DISCONTINUED

# ---------------------------------------------------------------------------- the caseloads
ORANGE = (
    Spec(
        "quintero",
        S.CANDIDATE,
        "Marisol",
        "Quintero",
        27,
        (Kid("Sofía", 2, 100), Kid("Diego", 7, 20)),
        SVC.ER,
        BY.CAR_TO_ER,
        ident=1,
        lang="es",
        sw=2,
        calworks=CalworksStatus.PENDING,
    ),
    Spec(
        "holt",
        S.CONFIRMED,
        "Brianna",
        "Holt",
        31,
        (Kid("Aiden", 9, 50),),
        SVC.FM,
        BY.ANNUAL_REVIEW,
        ident=3,
        sw=1,
    ),
    Spec(
        "okafor",
        S.ASSIGNED,
        "Jasmine",
        "Okafor",
        24,
        (Kid("Zion", 1, 200), Kid("Amara", 4, 10)),
        SVC.FM,
        BY.NEW_APPLICATION,
        ident=12,
        assigned=10,
        sw=1,
    ),
    Spec(
        "zamora",
        S.ASSIGNED,
        "Lupe",
        "Zamora",
        36,
        (Kid("Valeria", 11, 30), Kid("Emiliano", 3, 150)),
        SVC.VFM,
        BY.REAPPLICATION,
        ident=6,
        assigned=5,
        lang="es",
        sw=1,
    ),
    Spec(
        "pham",
        S.MEETING_SCHEDULED,
        "Hoa",
        "Pham",
        34,
        (Kid("Bảo", 8, 60), Kid("Lan", 4, 20)),
        SVC.IS,
        BY.TRANSFERRED_CASE,
        ident=9,
        assigned=7,
        meet=1,
        lang="vi",
        sw=1,
        note="Vietnamese interpreter booked through county language services.",
    ),
    Spec(
        "brennan",
        S.MEETING_SCHEDULED,
        "Kayla",
        "Brennan",
        22,
        (Kid("Harper", 0, 280, removed=6),),
        SVC.FR,
        BY.CFS_REFERRAL,
        ident=3,
        assigned=2,
        meet=3,
        sw=0,
        custody=True,
        hearing_known=True,
        note="Meet before the jurisdiction hearing (R-MT-02).",
    ),
    Spec(
        "ward",
        S.MEETING_HELD,
        "Destiny",
        "Ward",
        29,
        (Kid("Malik", 3, 40), Kid("Nia", 7, 90)),
        SVC.FM,
        BY.NEW_APPLICATION,
        ident=20,
        assigned=18,
        meet=-3,
        required_days=40,
        sw=1,
        story=2,
        acts=(
            C("counseling", 2, "Tue 10:00-12:00"),
            C("parenting_class", 3, "Thu 18:00-21:00"),
            C("substance_abuse", 3, "Mon/Wed/Fri 19:00-20:00", **AA),
            W("job_readiness", 12, "Mon-Thu 9:00-12:00"),
        ),
    ),
    Spec(
        "mendoza",
        S.PLAN_PENDING_SIGNATURE,
        "Ana Lucía",
        "Mendoza",
        30,
        (Kid("Camila", 4, 120, removed=75), Kid("Santiago", 1, 30, removed=75)),
        SVC.FR,
        BY.CAR_TO_ER,
        ident=52,
        assigned=50,
        meet=-20,
        agreed=4,
        required_days=84,
        lang="es",
        sw=0,
        custody=True,
        story=4,
        acts=(
            C("counseling", 2, "Wed 9:00-11:00", name="Individual counseling (in Spanish)"),
            C("parenting_class", 3, "Tue 18:00-21:00"),
            C("visitation", 6, "Mon/Thu 15:00-18:00"),
            C("court", 2, "As calendared (about 2 h a week averaged)"),
            W("job_skills_training", 7, "Tue/Thu 9:00-12:30", name="Vocational ESL"),
        ),
    ),
    Spec(
        "nakamura",
        S.PLAN_PENDING_SIGNATURE,
        "Tiffany",
        "Nakamura",
        38,
        (Kid("Kenji", 9, 200),),
        SVC.FM,
        BY.ANNUAL_REVIEW,
        ident=30,
        assigned=28,
        meet=-12,
        agreed=2,
        required_days=30,
        sw=1,
        story=2,
        acts=(
            C(
                "substance_abuse",
                9,
                "Mon/Wed/Fri 9:00-12:00",
                name="Outpatient substance-abuse treatment",
            ),
            C("substance_abuse", 3, "Tue/Thu/Sat 19:00-20:00", **NA),
            C("parenting_class", 3, "Thu 18:00-21:00"),
            W("work_experience", 15, "Tue/Thu 8:00-15:30"),
        ),
    ),
    Spec(
        "dawson",
        S.PLAN_ACTIVE,
        "Rochelle",
        "Dawson",
        33,
        (Kid("Jalen", 8, 15, removed=170), Kid("Imani", 11, 70, removed=170)),
        SVC.FR,
        BY.CFS_REFERRAL,
        ident=110,
        assigned=108,
        meet=-100,
        agreed=92,
        signed=90,
        sw=0,
        custody=True,
        story=0,
        acts=(
            C("counseling", 2, "Tue 10:00-12:00"),
            C("parenting_class", 3, "Wed 18:00-21:00"),
            C("visitation", 6, "Mon/Fri 15:00-18:00"),
            C("substance_abuse", 4, "Mon/Tue/Thu/Sat 19:00-20:20", **AA),
            W(
                "vocational_education",
                15,
                "Mon-Thu 8:30-12:15",
                name="Community college (medical-assistant certificate)",
            ),
        ),
    ),
    Spec(
        "ortiz",
        S.PLAN_ACTIVE,
        "Gabriela",
        "Ortiz",
        28,
        (Kid("Luna", 4, 60, removed=120), Kid("Mateo", 10, 5)),
        SVC.FR,
        BY.NEW_APPLICATION,
        ident=75,
        assigned=73,
        meet=-65,
        agreed=60,
        signed=58,
        lang="es",
        sw=0,
        custody=True,
        story=1,
        acts=(
            C("counseling", 2, "Mon 13:00-15:00"),
            C("parenting_class", 3, "Tue 18:00-21:00"),
            C("visitation", 4, "Sat 10:00-14:00"),
            C("substance_abuse", 3, "Mon/Wed/Fri 19:00-20:00", **AA),
            W("job_readiness", 8, "Tue/Thu 9:00-13:00"),
        ),
    ),
    Spec(
        "manning",
        S.INTEGRATION_DECLINED,
        "Crystal",
        "Manning",
        26,
        (Kid("Ezra", 9, 40),),
        SVC.FM,
        BY.REAPPLICATION,
        ident=25,
        assigned=23,
        meet=-10,
        sw=1,
        story=1,
    ),
    Spec(
        "ruiz",
        S.CLOSING,
        "Elena",
        "Ruiz",
        41,
        (Kid("Isabella", 2, 80),),
        SVC.FM,
        BY.TRANSFERRED_CASE,
        ident=200,
        assigned=198,
        meet=-190,
        agreed=182,
        signed=180,
        sw=1,
        story=3,
        acts=(
            C("parenting_class", 3, "Thu 18:00-21:00"),
            C("counseling", 2, "Tue 16:00-18:00"),
            W("work_experience", 15, "Mon/Wed/Fri 9:00-14:00"),
        ),
    ),
    Spec(
        "grant",
        S.CLOSED,
        "Sherice",
        "Grant",
        35,
        (Kid("Taylor", 8, 10),),
        SVC.FM,
        BY.NEW_APPLICATION,
        ident=260,
        assigned=258,
        meet=-250,
        agreed=242,
        signed=240,
        calworks=DISCONTINUED,
        sw=1,
        story=0,
        acts=(
            C("counseling", 2, "Mon 17:00-19:00"),
            C("parenting_class", 4, "Sat 9:00-13:00"),
            W("subsidized_employment", 24, "Mon-Thu 7:00-13:00"),
        ),
    ),
    Spec(
        "faber",
        S.NOT_MUTUAL,
        "Nicole",
        "Faber",
        39,
        (Kid("Riley", 12, 45),),
        SVC.FM,
        BY.CFS_REFERRAL,
        ident=8,
        calworks=DISCONTINUED,
        sw=1,
        reason="CalWORKs discontinued before the CFS case opened; R-ID-01(b) not met.",
    ),
)

SANTA_CLARA = (
    Spec(
        "bautista",
        S.CANDIDATE,
        "Jocelyn",
        "Bautista",
        25,
        (Kid("Gabriel", 1, 30),),
        SVC.ER,
        BY.DATA_MATCH,
        ident=1,
        sw=2,
    ),
    Spec(
        "vang",
        S.CONFIRMED,
        "Mai",
        "Vang",
        32,
        (Kid("Ka", 8, 100),),
        SVC.VFM,
        BY.LIAISON,
        ident=2,
        sw=1,
    ),
    Spec(
        "delgado",
        S.ASSIGNED,
        "Teresa",
        "Delgado",
        37,
        (Kid("Ximena", 10, 140), Kid("Tomás", 3, 65)),
        SVC.FM,
        BY.DATA_MATCH,
        ident=12,
        assigned=10,
        lang="es",
        sw=1,
    ),
    Spec(
        "fuentes",
        S.ASSIGNED,
        "Rosa Elena",
        "Fuentes",
        44,
        (Kid("Marco", 13, 210), Kid("Alma", 9, 33)),
        SVC.IS,
        BY.LIAISON,
        ident=7,
        assigned=5,
        lang="es",
        sw=1,
    ),
    Spec(
        "kowalski",
        S.ASSIGNED,
        "Amber",
        "Kowalski",
        23,
        (Kid("Mason", 2, 45, removed=4),),
        SVC.FR,
        BY.CAR_TO_ER,
        ident=2,
        assigned=1,
        sw=0,
        custody=True,
    ),
    Spec(
        "whitaker",
        S.MEETING_SCHEDULED,
        "Samantha",
        "Reyes-Whitaker",
        30,
        (Kid("Noah", 0, 75), Kid("Ava", 7, 20)),
        SVC.VFM,
        BY.DATA_MATCH,
        ident=6,
        assigned=4,
        meet=1,
        sw=1,
    ),
    Spec(
        "coleman",
        S.MEETING_SCHEDULED,
        "Danielle",
        "Coleman",
        27,
        (Kid("Jayden", 3, 200, removed=6), Kid("Kylie", 1, 10, removed=6)),
        SVC.FR,
        BY.CFS_REFERRAL,
        ident=4,
        assigned=3,
        meet=4,
        sw=0,
        custody=True,
        hearing_known=True,
    ),
    Spec(
        "navarro",
        S.MEETING_HELD,
        "Leticia",
        "Navarro",
        31,
        (Kid("Emilia", 4, 10, removed=16),),
        SVC.FR,
        BY.LIAISON,
        ident=10,
        assigned=9,
        meet=-2,
        required_days=45,
        lang="es",
        sw=0,
        custody=True,
        story=4,
        note="Visitation is on the draft WTW 2 but not yet on the SCD/SCZ 1811: ask the "
        "DFCS SW to add it before signing (R-CF-02).",
        acts=(
            C("counseling", 2, "Tue 10:00-12:00"),
            C("parenting_class", 3, "Thu 18:00-21:00"),
            C("visitation", 4, "Wed 16:00-18:00, Sat 10:00-12:00", on_1811=False),
            C("substance_abuse", 3, "Mon/Wed/Fri 19:00-20:00", **AA),
            W("job_skills_training", 8, "Mon/Wed 9:00-13:00", name="Vocational ESL"),
        ),
    ),
    Spec(
        "tran",
        S.PLAN_PENDING_SIGNATURE,
        "Kimberly",
        "Tran",
        36,
        (Kid("Ethan", 10, 95), Kid("Chloe", 13, 250)),
        SVC.FM,
        BY.DATA_MATCH,
        ident=35,
        assigned=33,
        meet=-29,
        agreed=3,
        required_days=60,
        sw=1,
        story=0,
        acts=(
            C("parenting_class", 3, "Tue 18:00-21:00"),
            C("mental_health", 3, "Mon 14:00-17:00"),
            C("counseling", 3, "Thu 16:00-19:00", name="Family counseling"),
            C("cft", 1, "Home visit or CFT, about 1 h a week"),
            W(
                "vocational_education",
                12,
                "Mon/Wed/Fri 8:00-12:00",
                name="Community college (accounting certificate)",
            ),
            W("work_experience", 8, "Tue/Thu 9:00-13:00"),
        ),
    ),
    Spec(
        "alcantara",
        S.PLAN_PENDING_SIGNATURE,
        "Jessica",
        "Alcantara",
        29,
        (Kid("Lucas", 5, 215),),
        SVC.FM,
        BY.NEW_APPLICATION,
        ident=25,
        assigned=23,
        meet=-19,
        agreed=1,
        required_days=35,
        sw=1,
        suppressed=True,
        story=3,
        note="Plan ends the day before Lucas turns 6; the next plan is at 30 hours (R-HR-11).",
        acts=(
            C("domestic_abuse", 3, "Wed 10:00-13:00"),
            C("parenting_class", 3, "Mon 18:00-21:00"),
            C("counseling", 2, "Fri 10:00-12:00"),
            W("job_readiness", 12, "Tue/Thu 8:30-14:30"),
        ),
    ),
    Spec(
        "lusk",
        S.PLAN_ACTIVE,
        "Brittany",
        "Lusk",
        26,
        (Kid("Paisley", 2, 30, removed=150),),
        SVC.FR,
        BY.DATA_MATCH,
        ident=40,
        assigned=38,
        meet=-34,
        agreed=4,
        signed=2,
        sw=0,
        custody=True,
        story=2,
        acts=(
            C(
                "substance_abuse",
                15,
                "Mon-Fri 9:00-12:00",
                name="Intensive outpatient substance-abuse treatment",
            ),
            C("parenting_class", 4, "Tue/Thu 18:00-20:00"),
            C("visitation", 6, "Mon/Wed/Fri 15:00-17:00"),
        ),
    ),
    Spec(
        "herrera",
        S.PLAN_ACTIVE,
        "Guadalupe",
        "Herrera",
        34,
        (Kid("Daniela", 9, 180, removed=100), Kid("Andrés", 7, 200, removed=100)),
        SVC.FR,
        BY.LIAISON,
        ident=65,
        assigned=63,
        meet=-55,
        agreed=52,
        signed=50,
        lang="es",
        sw=0,
        custody=True,
        fr="ab429",
        story=4,
        acts=(
            C("counseling", 2, "Tue 9:00-11:00", name="Individual counseling (in Spanish)"),
            C("parenting_class", 3, "Wed 18:00-21:00"),
            C("visitation", 6, "Mon/Thu 15:00-18:00"),
            C("substance_abuse", 4, "Tue/Thu/Sat/Sun 19:00-20:00", **NA),
            W("job_skills_training", 15, "Mon-Fri 9:00-12:00", name="Vocational ESL"),
        ),
    ),
    Spec(
        "yost",
        S.INTEGRATION_DECLINED,
        "Melissa",
        "Yost",
        40,
        (Kid("Owen", 12, 120),),
        SVC.IS,
        BY.DATA_MATCH,
        ident=20,
        assigned=18,
        meet=-8,
        sw=1,
        story=3,
    ),
    Spec(
        "manalo",
        S.CLOSING,
        "Arlene",
        "Manalo",
        33,
        (Kid("Bea", 3, 170),),
        SVC.FM,
        BY.LIAISON,
        ident=180,
        assigned=178,
        meet=-175,
        agreed=162,
        signed=160,
        sw=1,
        story=0,
        acts=(
            C("parenting_class", 3, "Sat 9:00-12:00"),
            C("counseling", 3, "Mon 17:00-20:00"),
            W("employment_pt", 14, "Tue/Thu 8:00-15:00", name="Part-time front-desk job"),
        ),
    ),
    Spec(
        "lozano",
        S.CLOSED,
        "Patricia",
        "Lozano",
        45,
        (Kid("Fernando", 14, 300),),
        SVC.FM,
        BY.DATA_MATCH,
        ident=240,
        assigned=238,
        meet=-235,
        agreed=222,
        signed=220,
        sw=1,
        story=1,
        acts=(
            C("counseling", 2, "Wed 17:00-19:00"),
            C("parenting_class", 3, "Tue 18:00-21:00"),
            W(
                "vocational_education",
                25,
                "Mon-Fri 8:00-13:00",
                name="Community college (phlebotomy certificate)",
            ),
        ),
    ),
    Spec(
        "quinlan",
        S.NOT_MUTUAL,
        "Heather",
        "Quinlan",
        29,
        (Kid("Lily", 4, 88),),
        SVC.ER,
        BY.DATA_MATCH,
        ident=5,
        sw=2,
        reason="DFCS referral evaluated out at Emergency Response, so no DFCS case is open; "
        "R-ID-01(a) not met.",
    ),
)

CASES = {"orange": ORANGE, "santa_clara": SANTA_CLARA}
