"""Track, Reunification and stabilization: family reunification (AB 429 services only, AB 135
cash aid), its end dates, extension and end, and the WTW status that follows (R-FR-01..08,
R-NC-10, R-CL-07, §e Q14, Q16; E26, E28). TODAY is Monday 2026-11-23."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, MutualCase
from models.demo.seed import load_demo
from models.enums import ReunificationProgram, Stage, WtwStatus
from models.programs import ReunificationRecord
from tests import factories as f
from tests.helpers import PASSWORD, TODAY, Auth
from tests.html import csrf_token, text_of
from tests.web.wizard.test_demo_cases_open import raw_codes


@pytest.fixture
def case(db, team):
    c = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 1, 20))
    db.commit()
    return c


def _post(client, case, path, data):
    token = csrf_token(client.get(f"/cases/{case.id}/programs").text)
    return client.post(f"/cases/{case.id}/programs/{path}", data={"csrf_token": token, **data})


E26 = {  # all aided children removed 2026-02-10; aided; the DFCS SW finds CWES needed
    "program": "ab429",
    "removed_on": "02/10/2026",
    "plan_on": "02/20/2026",
    "all_children_removed": "y",
    "aided_at_removal": "y",
    "sw_found_necessary": "y",
    "sw_necessity_on": "02/17/2026",
}
RECENT = {
    **E26,
    "removed_on": "10/01/2026",
    "plan_on": "10/15/2026",
    "sw_necessity_on": "10/08/2026",
}


def _record(db):
    return db.scalars(select(ReunificationRecord)).one()


def _events(db, action):
    return db.scalars(select(CaseEvent).where(CaseEvent.action == action).order_by(CaseEvent.id))


def _audited(db, action):
    return db.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    ).all()


def test_e26_ab429_services_end_180_days_after_the_removal(client, auth, db, case):
    auth.login("ana.ec@example.org")
    response = _post(client, case, "reunification", E26)
    assert response.status_code == 303
    record = _record(db)
    assert (record.start_on, record.end_on) == (date(2026, 2, 10), date(2026, 8, 9))
    assert record.rd_due_on == date(2026, 8, 20)  # plan date + 6 months (R-FR-08)
    page = client.get(response.headers["Location"]).text
    dates = text_of(page, f"#fr-{record.id}-dates")
    assert "Services end 08/09/2026 (180 days after the removal, R-FR-04)" in dates
    assert "Redetermination due 08/20/2026" in dates and "within 5 days" in dates
    # Recorded today, the 180 days are already over: the WTW status is left as it is.
    assert "The services period ended on 08/09/2026" in text_of(page, f"#fr-{record.id}-over")
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.MANDATORY
    event = _events(db, "reunification").one()
    assert event.summary == "Family reunification recorded: AB 429 (services only)"
    shown = {c["label"]: c["after"] for c in json.loads(event.changes)}
    assert shown["Services end"] == "2026-08-09" and shown["Program"] == "AB 429 (services only)"
    assert _audited(db, "reunification_add")[0].object_id == str(record.id)


def test_running_ab429_services_make_the_parent_fr_services_only_and_end_when_home(
    client, auth, db, case
):
    auth.login("ana.ec@example.org")
    response = _post(client, case, "reunification", RECENT)
    assert response.status_code == 303
    record = _record(db)
    assert record.end_on == date(2027, 3, 30)
    page = client.get(response.headers["Location"]).text
    assert "WTW status: Family reunification services only" in text_of(page, "#wtw-status")
    assert "Services run through 03/30/2027" in text_of(page, f"#fr-{record.id}-running")
    assert "WTW status: Family reunification services only." in text_of(page, "[role=status]")
    ended = _post(
        client,
        case,
        f"reunification/{record.id}/end",
        {
            f"fr-{record.id}-end-reason": "children_returned",
            f"fr-{record.id}-end-ended_on": "11/20/2026",
        },
    )
    assert ended.status_code == 303
    page = client.get(ended.headers["Location"]).text
    words = text_of(page, f"#fr-{record.id}-ended")
    assert "Ended 11/20/2026: the children returned home." in words
    assert "redetermines eligibility before cash aid is issued (R-CL-07)" in words
    assert "WTW status: Mandatory" in text_of(page, "#wtw-status")
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.MANDATORY
    last = list(_events(db, "reunification"))[-1]
    assert last.summary == "FR services ended"
    assert {"label": "WTW status", "before": "Family reunification services only"}.items() <= (
        json.loads(last.changes)[-1].items()
    )
    assert _audited(db, "reunification_end")


def test_an_extension_for_good_cause_runs_the_services_on(client, auth, db, case):
    auth.login("ana.ec@example.org")
    _post(client, case, "reunification", E26)
    record = _record(db)
    prefix = f"fr-{record.id}-extend"
    too_short = _post(
        client,
        case,
        f"reunification/{record.id}/extension",
        {f"{prefix}-extension_until": "08/01/2026", f"{prefix}-extension_by": "Juvenile court"},
    )
    assert too_short.status_code == 200
    assert "must run past the current end (08/09/2026)" in text_of(
        too_short.text, f"#{prefix}-extension_until-error"
    )
    response = _post(
        client,
        case,
        f"reunification/{record.id}/extension",
        {
            f"{prefix}-extension_until": "02/05/2027",
            f"{prefix}-extension_by": "Juvenile court, six-month review",
        },
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    dates = text_of(page, f"#fr-{record.id}-dates")
    assert "Extended until 02/05/2027, by Juvenile court, six-month review" in dates
    assert "Services run through 02/05/2027" in text_of(page, f"#fr-{record.id}-running")
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.FR_SERVICES_ONLY
    assert list(_events(db, "reunification"))[-1].summary == "FR services extended until 02/05/2027"
    assert _audited(db, "reunification_extend")


def test_e28_ssi_is_saved_as_not_eligible_with_no_dates(client, auth, db, case):
    auth.login("ana.ec@example.org")
    data = {**RECENT, "plan_on": "", "exclusions": ["ssi"]}
    response = _post(client, case, "reunification", data)
    assert response.status_code == 303
    record = _record(db)
    assert record.ineligibility_reason == "ssi"
    assert (record.start_on, record.end_on, record.rd_due_on) == (None, None, None)
    page = client.get(response.headers["Location"]).text
    sentence = (
        "Not eligible for CalWORKs family-reunification services: receives SSI (R-FR-02). No plan."
    )
    assert text_of(page, f"#fr-{record.id}-ineligible") == sentence
    assert f'id="fr-{record.id}-dates"' not in page and "End FR services" not in page
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.MANDATORY
    assert _events(db, "reunification").one().summary == (
        "Family reunification: not eligible (Receives SSI)"
    )


def test_a_sanctioned_parent_starts_ab429_services_at_once(client, auth, db, case):
    case.participant.wtw_status = WtwStatus.SANCTIONED
    db.commit()
    auth.login("ana.ec@example.org")
    assert "does not stop AB 429 services" in text_of(
        client.get(f"/cases/{case.id}/programs").text, "#sanction-note"
    )
    response = _post(client, case, "reunification", RECENT)
    assert response.status_code == 303
    flashed = text_of(client.get(response.headers["Location"]).text, "[role=status]")
    assert "The WTW sanction does not stop AB 429 services (R-NC-10)." in flashed
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.FR_SERVICES_ONLY


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("all_children_removed", "Not every child is removed"),
        ("aided_at_removal", "The AU was not getting CalWORKs when the child was removed"),
        ("sw_found_necessary", "has not yet found CalWORKs services necessary"),
    ],
)
def test_a_missing_r_fr_01_condition_is_named_and_services_do_not_start(
    client, auth, db, case, field, message
):
    auth.login("ana.ec@example.org")
    data = {k: v for k, v in RECENT.items() if k != field}
    response = _post(client, case, "reunification", data)
    assert response.status_code == 200
    next_to_it = text_of(response.text, f"#{field}-error")
    assert message in next_to_it and "Services do not start." in next_to_it
    assert "Not saved yet" in text_of(response.text, "#error-summary")
    assert db.scalars(select(ReunificationRecord)).all() == []


@pytest.mark.parametrize(
    ("plan_on", "end"),
    [
        ("01/15/2026", date(2026, 7, 31)),  # January is prorated: February..July
        ("02/01/2026", date(2026, 7, 31)),  # a start on the 1st: February is the first month
        ("11/02/2026", date(2027, 5, 31)),
    ],
)
def test_ab135_cash_aid_runs_six_full_months_and_keeps_the_status(
    client, auth, db, case, plan_on, end
):
    auth.login("ana.ec@example.org")
    data = {**E26, "program": "ab135", "removed_on": "01/10/2026", "plan_on": plan_on}
    data["sw_necessity_on"] = "01/12/2026"
    assert _post(client, case, "reunification", data).status_code == 303
    record = _record(db)
    assert record.program == ReunificationProgram.AB135
    assert record.end_on == end and record.start_on.strftime("%m/%d/%Y") == plan_on
    assert record.rd_due_on is None  # R-FR-08 is the AB 429 families' redetermination
    page = client.get(f"/cases/{case.id}/programs").text
    assert f"Services end {end:%m/%d/%Y} (the last day of the sixth full month" in (
        text_of(page, f"#fr-{record.id}-dates")
    )
    assert "Extension for good cause" not in text_of(page, f"#fr-{record.id}")  # R-FR-07
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.MANDATORY


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"program": ""}, "program", "Choose AB 429 (services only) or AB 135 (cash aid)."),
        (
            {"removed_on": "12/01/2026"},
            "removed_on-error",
            "The removal date cannot be after today",
        ),
        ({"removed_on": ""}, "removed_on-error", "Enter the date as month/day/year"),
        ({"plan_on": "09/30/2026"}, "plan_on-error", "The plan date cannot be before the removal."),
        ({"plan_on": ""}, "plan_on-error", "Enter the reunification plan date"),
        ({"plan_on": "11/30/2026"}, "plan_on-error", "The plan date cannot be after today"),
        (
            {"program": "ab135", "removed_on": "10/01/2024", "plan_on": "12/01/2024"},
            "plan_on-error",
            "AB 135 cash aid began on 01/01/2025 (R-FR-06)",
        ),
        (
            {"sw_necessity_on": ""},
            "sw_necessity_on-error",
            "Enter the date the social worker found services necessary.",
        ),
        (
            {"sw_necessity_on": "09/01/2026"},
            "sw_necessity_on-error",
            "cannot be before the removal",
        ),
    ],
)
def test_fr_dates_that_cannot_be_right_are_refused_next_to_the_field(
    client, auth, db, case, changes, field, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, case, "reunification", {**RECENT, **changes})
    assert response.status_code == 200
    assert message in text_of(response.text, f"#{field}")
    assert db.scalars(select(ReunificationRecord)).all() == []


def test_running_services_must_end_before_another_removal(client, auth, db, case):
    auth.login("ana.ec@example.org")
    _post(client, case, "reunification", RECENT)
    later = {"removed_on": "11/02/2026", "plan_on": "11/05/2026", "sw_necessity_on": "11/03/2026"}
    again = _post(client, case, "reunification", {**RECENT, **later})
    assert again.status_code == 200
    assert "for the removal of 10/01/2026 are still on" in text_of(again.text, "#program")
    record = _record(db)
    early = _post(
        client,
        case,
        f"reunification/{record.id}/end",
        {f"fr-{record.id}-end-reason": "period_ended"},
    )
    assert "runs through 03/30/2027: it has not ended" in text_of(
        early.text, f"#fr-{record.id}-end-reason"
    )
    no_day = _post(
        client,
        case,
        f"reunification/{record.id}/end",
        {f"fr-{record.id}-end-reason": "children_returned"},
    )
    assert "Enter the day the children returned home." in text_of(
        no_day.text, f"#fr-{record.id}-end-ended_on-error"
    )
    db.expire_all()
    assert record.ended_on is None


def test_another_cases_record_is_not_found_and_audited(client, auth, db, team, case):
    other = f.case(db, team["ben"], stage=Stage.PLAN_ACTIVE)
    db.add(ReunificationRecord(case_id=other.id, program="ab429", removed_on=date(2026, 10, 1)))
    db.commit()
    record = _record(db)
    auth.login("ana.ec@example.org")
    for action in ("extension", "end"):
        response = _post(client, case, f"reunification/{record.id}/{action}", {})
        assert response.status_code == 404
    denied = [a for a in _audited(db, "authz_denied") if a.object_type == "reunification_record"]
    assert len(denied) == 2 and denied[0].object_id == str(record.id)


def test_a_closed_case_shows_its_records_and_takes_nothing_new(client, auth, db, case):
    auth.login("ana.ec@example.org")
    _post(client, case, "reunification", RECENT)
    record = _record(db)
    case.stage = Stage.CLOSED
    db.commit()
    page = client.get(f"/cases/{case.id}/programs").text
    assert f'id="fr-{record.id}"' in page and 'id="new-reunification"' not in page
    assert "End FR services" not in page
    assert _post(client, case, "reunification", RECENT).status_code == 409
    ends = {f"fr-{record.id}-end-reason": "children_returned"}
    assert _post(client, case, f"reunification/{record.id}/end", ends).status_code == 409
    assert len(db.scalars(select(ReunificationRecord)).all()) == 1


def test_every_demo_case_opens_the_page_with_no_stored_code(app, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    by_worker: dict[str, list[MutualCase]] = {}
    for case in db.scalars(select(MutualCase).where(MutualCase.assigned_worker_id.is_not(None))):
        by_worker.setdefault(case.assigned_worker.email, []).append(case)
    for email, cases in by_worker.items():
        client = app.test_client()
        Auth(client).login(email)
        for case in cases:
            response = client.get(f"/cases/{case.id}/programs")
            assert response.status_code == 200, case.id
            assert raw_codes(response.text) == [], case.id
