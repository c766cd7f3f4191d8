"""The demo's catalogs: invented providers, activity names, progress standards, places, stories."""

from __future__ import annotations

from models.enums import PlanStatus, Stage

# county -> activity kind -> the invented provider, when a case's activity names none
PROVIDERS = {
    "orange": {
        "counseling": "Bluebell Family Counseling",
        "parenting_class": "Marigold Parenting Circle",
        "visitation": "Lantern House Visitation Center",
        "substance_abuse": "Lantern Hill Recovery Services",
        "court": "Juvenile dependency court, Dept. D-4",
        "job_readiness": "FSS Job Club - Central Region",
        "job_skills_training": "Seabright Adult School",
        "vocational_education": "Sandpiper Community College",
        "work_experience": "Citrus Table Food Pantry (work-experience site)",
        "subsidized_employment": "Kestrel Logistics (subsidized placement)",
    },
    "santa_clara": {
        "counseling": "Valley Oak Counseling Collective",
        "mental_health": "Valley Oak Counseling Collective",
        "parenting_class": "Almond Blossom Parenting Program",
        "visitation": "Willow Gate Visitation Center",
        "substance_abuse": "Quail Creek Recovery Center",
        "domestic_abuse": "Moonflower DV Services",
        "cft": "DFCS FM Unit 5",
        "job_readiness": "CWES Job Club - Partnership Unit",
        "job_skills_training": "Bluejay Adult Education",
        "vocational_education": "Redwood Hollow Community College",
        "work_experience": "Orchard Pantry Network (work-experience site)",
        "employment_pt": "Sunfield Dental Group (employer)",
    },
}
# activity kind -> the activity's name on the plan, when a case's activity gives none
ACTIVITY_NAMES = {
    "counseling": "Individual counseling",
    "mental_health": "Mental-health counseling",
    "parenting_class": "Parenting class",
    "visitation": "Supervised visitation",
    "court": "Dependency court appearances",
    "domestic_abuse": "Domestic-abuse support group",
    "substance_abuse": "Substance-abuse treatment",
    "cft": "SW home visits and CFT meetings",
    "job_readiness": "Job club",
    "job_skills_training": "Vocational ESL",
    "vocational_education": "Community college",
    "work_experience": "Work experience",
    "subsidized_employment": "Subsidized employment (warehouse clerk)",
    "employment_pt": "Part-time employment",
}
# activity kind -> how progress is measured, when a case's activity gives no standard
PROGRESS_STANDARDS = {
    "counseling": "Attend every scheduled session; the therapist confirms attendance monthly.",
    "mental_health": "Attend every scheduled session; the clinician confirms attendance monthly.",
    "parenting_class": "Attend at least 90% of the 12-week series; certificate on completion.",
    "visitation": "Arrive on time for every visit; the visitation monitor's log verifies it.",
    "substance_abuse": "Attend all sessions with negative tests; counselor's monthly letter.",
    "court": "Appear at every hearing; the SW confirms attendance.",
    "domestic_abuse": "Attend weekly group; the advocate confirms participation monthly.",
    "cft": "Be home for SW visits and attend CFT meetings; the SW confirms.",
    "job_readiness": "Attend all sessions, finish a resume and make 10 employer contacts a week.",
    "job_skills_training": "Attend 90% of class hours; the instructor reports each term.",
    "vocational_education": "Keep full attendance and a 2.0 GPA; monthly attendance sheet.",
    "work_experience": "Arrive on time; satisfactory rating on the monthly site evaluation.",
    "subsidized_employment": "Work the scheduled hours; pay stubs each month.",
    "employment_pt": "Work the scheduled hours; pay stubs each month.",
}
# activity kind -> (ancillary expense, cents): the first such activity of a plan gets one
ANCILLARY_EXPENSES = {
    "vocational_education": ("Textbooks and lab fees", 18500),
    "work_experience": ("Work boots and safety vest", 7500),
    "job_skills_training": ("Class materials", 4000),
    "subsidized_employment": ("Uniform and food-handler card", 6500),
    "employment_pt": ("Scrubs for the front-desk job", 5000),
    "job_readiness": ("Interview clothing", 6000),
}
BUS_PASS_CENTS = {"orange": 6900, "santa_clara": 5500}  # invented monthly amounts, in cents
# county -> (location kind, detail) of joint meetings, taken in turn
MEETING_PLACES = {
    "orange": [
        ("office", "FSS Regional Office - Central, interview room 4"),
        ("phone", "Three-way call with the CFS SW"),
        ("district_office", "CFS district office, family room B"),
    ],
    "santa_clara": [
        ("office", "CWES Partnership Unit, room 3"),
        ("shelter", "Family shelter meeting room (R-MT-08)"),
        ("video", "Video call with the DFCS SW"),
        ("public_place", "Public library study room"),
    ],
}
# county -> invented streets for the participants' addresses, taken in turn
STREETS = {
    "orange": [
        "Citrus Lane, Santa Ana, CA 92701",
        "Mariposa Court, Anaheim, CA 92805",
        "Sycamore Row, Garden Grove, CA 92840",
        "Poppy Terrace, Orange, CA 92866",
    ],
    "santa_clara": [
        "Orchard Bloom Ave, San Jose, CA 95112",
        "Apricot Way, Sunnyvale, CA 94086",
        "Manzanita Loop, Gilroy, CA 95020",
        "Quince Street, Milpitas, CA 95035",
    ],
}
# (strengths, barriers, needs, concerns) noted at the joint meeting
MEETING_STORIES = [
    (
        "Motivated to reunify; strong support from her mother; one year of college done.",
        "No car; child care for the youngest; anxious in large groups.",
        "Bus pass; licensed child care near home.",
        "Court dates may clash with class times.",
    ),
    (
        "Never misses a visit; good rapport with the SW; bilingual.",
        "Housing unstable (staying with a friend); no recent work history.",
        "Housing referral; resume help.",
        "A move may change her transit route.",
    ),
    (
        "Eight years of retail experience; already finished one parenting class.",
        "Early recovery; limited phone minutes.",
        "Treatment slot; phone minutes.",
        "Treatment comes first in the first 30 days.",
    ),
    (
        "Organised; keeps a paper calendar of every appointment.",
        "Domestic-violence history; no child care after 5 pm.",
        "Safety planning; evening child care.",
        "Address must stay confidential.",
    ),
    (
        "Close to a certificate; talks openly with her SW.",
        "Visits are across the county; limited written English.",
        "Bus pass; Spanish-language materials.",
        "Activity hours must fit around visits.",
    ),
]
# case key -> (week 0..2 = three weeks ago .. last week, activity kind) ->
# (attended hours, excused hours, absence reason, SW comment); other weeks: all hours attended
TRACKING_EXCEPTIONS = {
    "dawson": {
        (3, "parenting_class"): (
            0,
            3,
            "provider_cancelled",
            "Provider cancelled the class; SW confirmed.",
        ),
        (4, "vocational_education"): (9, 6, "court", "Two dependency hearings."),
    },
    "ortiz": {(3, "job_readiness"): (0, 0, "", ""), (4, "job_readiness"): (0, 0, "", "")},
    "herrera": {
        (5, "visitation"): (4, 2, "illness", "Child was sick; visit shortened."),
        (1, "counseling"): (1, 0, "", ""),  # a short week nobody has explained yet
    },
}
# the status of a demo plan at each stage that has one
PLAN_STATUS_BY_STAGE = {
    Stage.MEETING_HELD: PlanStatus.DRAFT,
    Stage.PLAN_PENDING_SIGNATURE: PlanStatus.AGREED_WITH_SW,
    Stage.PLAN_ACTIVE: PlanStatus.ACTIVE,
    Stage.CLOSING: PlanStatus.ACTIVE,
    Stage.CLOSED: PlanStatus.ENDED,
}
# stages at which the client has agreed to integration and the case plan is set
AGREED_STAGES = set(PLAN_STATUS_BY_STAGE)
