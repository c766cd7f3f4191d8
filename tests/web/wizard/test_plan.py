"""Step 4, Plan: requirement in words, live totals that never stack (R-CF-04), rows, drafts,
the social worker's agreement (R-MT-07), ready to sign, concurrency and access."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import CaseEvent, Meeting, Plan, PlanVersion
from models.enums import IntegrationConsent, PlanStatus, Role, Stage
from models.meeting import AGENDA_ITEMS
from tests import factories as f
from tests.helpers import HX, post_form
from tests.html import Element, by_id, csrf_token, elements, parse, select_options

EIGHT = date(2018, 5, 1)  # aged 8 on the default plan start, 12/01/2026
FOUR = date(2022, 3, 1)  # aged 4; turns 6 after the default plan period
SEED_ROWS = [  # the seed's example: 15 CFS hours a week (SEED000, E02/E33)
    ("Individual counseling", "counseling", "2"),
    ("Parenting class", "parenting_class", "3"),
    ("Supervised visitation", "visitation", "6"),
    ("AA meetings", "substance_abuse", "4"),
]


def _row(i: int, name: str, kind: str, hours: str, source: str = "cfs", **kw: str) -> dict:
    row = {
        f"activities-{i}-source": source,
        f"activities-{i}-kind": kind,
        f"activities-{i}-name": name,
        f"activities-{i}-hours": hours,
        f"activities-{i}-progress_standard": "Attends every session; the provider confirms.",
        f"activities-{i}-provider_name": "Gardner Family Care",
        f"activities-{i}-schedule": "Tue 6-8 pm",
        f"activities-{i}-start_on": "2026-12-01",
        f"activities-{i}-end_on": "2027-05-31",
        f"activities-{i}-on_wtw2": "y",
        f"activities-{i}-on_1811": "y",
    }
    row.update({f"activities-{i}-{k}": v for k, v in kw.items()})
    return row


def _plan_data(rows=SEED_ROWS, **extra: str) -> dict:
    data = {"period_start": "2026-12-01", "period_end": "2027-11-30", "language": "en"}
    for i, (name, kind, hours) in enumerate(rows):
        data.update(_row(i, name, kind, hours))
    data.update(extra)
    return data


def _with_wtw(**extra: str) -> dict:
    data = _plan_data(**extra)
    data.update(_row(4, "Job club", "job_readiness", "15", source="wtw"))
    return data


def _case(db, worker, children=(EIGHT,), stage=Stage.MEETING_HELD, agenda=False):
    case = f.case(db, worker, children=children, stage=stage)
    if agenda:  # the joint meeting is held and every item but the signatures is covered
        meeting = Meeting(case_id=case.id, held_on=date(2026, 11, 20))
        for name, _ in AGENDA_ITEMS:
            setattr(meeting, name, name != "agenda_signatures")
        db.add(meeting)
    db.commit()
    return case


def _urls(case) -> tuple[str, str, str]:
    base = f"/cases/{case.id}/plan"
    return base, base, f"{base}/preview"


def _totals(html: str) -> Element:
    """The live totals section (numbers, the basis, findings and the draft status); a preview
    answers only what goes inside it, as the section (the live region) stays in the page."""
    return by_id(html, "plan-totals") if 'id="plan-totals"' in html else parse(html)


def _numbers(html: str | Element) -> dict[str, str]:
    """The totals' numbers by key (requirement, cw, needed, wtw, total, short): only these,
    not the other text in the section, which may hold a clock time such as "5:45 AM"."""
    return {dd.id.removeprefix("totals-"): dd.text for dd in elements(html, "dd[id^=totals-]")}


def _number(html: str | Element, key: str) -> str:
    numbers = _numbers(html)
    assert key in numbers, key
    return numbers[key]


def _never_45(totals: Element) -> None:
    """R-CF-04: CFS hours are subtracted from the requirement, never stacked on top of it."""
    assert "45" not in _numbers(totals).values()
    assert "45 hours" not in totals.text


def _save(client, case, data):
    page, action, _ = _urls(case)
    return post_form(client, page, action, data)


def _preview(client, case, data):
    page, _, preview = _urls(case)
    return post_form(client, page, preview, data, headers=HX)


def test_seed_example_30_required_and_15_cfs_leaves_15_never_45(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = _save(client, case, _plan_data())
    assert response.status_code == 302
    html = client.get(f"/cases/{case.id}/plan").text
    totals = _totals(html)
    assert _number(totals, "requirement") == "30"
    assert _number(totals, "cw") == "15"
    assert _number(totals, "needed") == "15"
    _never_45(totals)
    assert "One aided adult, no aided child under 6 → 30 hours (R-HR-01)" in totals.text
    assert "The plan is 15 hours short of the 30-hour weekly requirement" in totals.text
    assert "(R-HR-06)" in totals.text and "Plan saved." in html
    plan = db.scalars(select(Plan).where(Plan.case_id == case.id)).one()
    assert plan.plan_number == f"SC-{case.id:06d}-1"
    version = plan.current
    assert version.requirement == 30 and "30 hours" in version.requirement_basis
    assert [a.name for a in version.activities] == [name for name, _, _ in SEED_ROWS]
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "plan")).one()
    assert event.summary == "Plan created"
    assert "Individual counseling (DFCS, 2 h)" in event.changes


def test_fifteen_wtw_hours_make_30_with_no_shortfall(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    totals = _totals(_preview(client, case, _with_wtw()).text)
    assert _number(totals, "needed") == "15" and _number(totals, "wtw") == "15"
    assert _number(totals, "total") == "30"
    assert _number(totals, "short") == "0"
    _never_45(totals)
    assert "hours short of" not in totals.text


def test_youngest_child_under_6_gives_20_hours(client, auth, db, team):
    case = _case(db, team["ana"], children=(EIGHT, FOUR))
    auth.login("ana.ec@example.org")
    totals = _totals(client.get(f"/cases/{case.id}/plan").text)
    assert _number(totals, "requirement") == "20"
    assert "One aided adult, youngest child under 6 → 20 hours (R-HR-02)" in totals.text


def test_an_aided_child_under_6_temporarily_out_of_the_home_still_counts(client, auth, db, team):
    """R-HR-02, R-FR-06: a removed child stays in the assistance unit (issue 11 decision)."""
    case = _case(db, team["ana"], children=(EIGHT, FOUR))
    young = [c for c in case.participant.household.children if c.birth_date == FOUR][0]
    young.in_home, young.removed_on = False, date(2026, 10, 1)
    db.commit()
    auth.login("ana.ec@example.org")
    totals = _totals(client.get(f"/cases/{case.id}/plan").text)
    assert _number(totals, "requirement") == "20"
    assert "temporarily out of the home and still in the assistance unit → 20 hours" in totals.text


def test_sixth_birthday_during_the_plan_is_a_warning_with_the_county_setting(
    client, auth, db, team
):
    case = _case(db, team["ana"], children=(date(2021, 3, 15),))
    auth.login("ana.ec@example.org")
    totals = _totals(client.get(f"/cases/{case.id}/plan").text)
    assert _number(totals, "requirement") == "20"
    assert (
        "turns 6 on 03/15/2027" in totals.text
        and "from 20 to 30 hours a week on 04/01/2027" in totals.text
    )
    assert (
        "County setting (proposed default, to confirm)" in totals.text
        and "(R-HR-11)" in totals.text
    )


def test_preview_answers_with_the_partial_and_row_findings_out_of_band(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data()
    data.pop("activities-3-on_1811")  # AA meetings not written on the 1811 (R-CF-02)
    response = _preview(client, case, data)
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="totals-needed"' in response.text
    assert 'id="plan-totals"' not in response.text  # its contents only: the live region stays
    assert _number(response.text, "needed") == "19"
    for row in (0, 3):  # every row's findings come along, swapped in out of band
        findings = by_id(response.text, f"activity-{row}-findings")
        assert findings.tag == "div" and "tandem-row-findings" in findings.classes
        assert findings.get("data-hx-swap-oob") == "true"
    oob = by_id(response.text, "activity-3-findings").text
    assert "'AA meetings' is not on the SCD/SCZ 1811" in oob and "(R-CF-02)" in oob
    # The draft is kept and comes back after a reload; nothing is saved yet.
    page = client.get(f"/cases/{case.id}/plan").text
    assert "Unsaved changes from" in page and 'value="AA meetings"' in page
    assert db.scalars(select(Plan)).first() is None


def test_preview_without_htmx_goes_back_to_the_page(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page, _, preview = _urls(case)
    response = post_form(client, page, preview, _plan_data())
    assert response.status_code == 303 and response.headers["Location"] == page


def test_bad_hours_are_answered_next_to_the_row_and_nothing_is_saved(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data(**{"activities-0-hours": "-1", "activities-1-hours": "200"})
    response = _save(client, case, data)
    assert response.status_code == 200
    assert "Hours must be 0 or more." in response.text
    assert "A week has only 168 hours." in response.text
    assert 'value="-1"' in response.text and 'value="Individual counseling"' in response.text
    assert db.scalars(select(Plan)).first() is None
    # The live preview reports the same rows inline instead of failing.
    preview = _preview(client, case, data).text
    assert "Not counted: Hours must be 0 or more." in preview
    assert _number(preview, "cw") == "10"


def test_decimal_hours_and_service_amounts_are_kept_exactly(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data(**{"activities-0-hours": "1.5"})
    data.update({"services-0-kind": "transportation", "services-0-amount": "-5"})
    response = _save(client, case, data)
    assert "The amount cannot be negative." in response.text
    data.update({"services-0-amount": "$45.50", "services-0-advance_required": "y"})
    assert _save(client, case, data).status_code == 302
    version = db.scalars(select(PlanVersion)).one()
    assert float(version.activities[0].hours_per_week) == 1.5
    assert version.services[0].amount_cents == 4550 and version.services[0].advance_required


def test_plan_period_must_end_after_it_starts(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = _save(client, case, _plan_data(period_end="2026-11-30"))
    assert response.status_code == 200
    assert "The plan period must end after it starts." in response.text
    assert db.scalars(select(Plan)).first() is None


def test_add_row_keeps_what_was_typed_and_adds_one_row_that_takes_the_focus(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data(rows=SEED_ROWS[:2], add_row="1")
    response = _save(client, case, data)
    assert response.status_code == 200
    assert (
        'value="Individual counseling"' in response.text
        and 'value="Parenting class"' in response.text
    )
    assert 'name="activities-2-name"' in response.text  # one blank row to type into
    assert 'name="activities-3-name"' not in response.text
    assert by_id(response.text, "activities-2-name").get("autofocus") is not None
    assert "Enter the" not in response.text  # not validated, not saved
    assert db.scalars(select(Plan)).first() is None


def test_ready_without_the_social_workers_agreement_is_blocked_in_orange(client, auth, db):
    """R-MT-07 is Orange's rule; Orange has no meeting agenda to tick (§e Q18, issue 11)."""
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = _case(db, oscar)
    auth.login("oscar.ec@example.org")
    response = _save(client, case, _with_wtw(ready="1"))
    assert response.status_code == 200
    assert "Saved, but the case cannot move on yet" in response.text
    assert "(R-MT-07)" in response.text
    db.refresh(case)
    assert case.stage == Stage.MEETING_HELD
    assert db.scalars(select(PlanVersion)).one().status == PlanStatus.DRAFT


def test_santa_clara_records_the_agreement_without_requiring_it(client, auth, db, team):
    case = _case(db, team["ana"], agenda=True)
    auth.login("ana.ec@example.org")
    assert _save(client, case, _with_wtw(ready="1")).status_code == 303
    db.refresh(case)
    assert case.stage == Stage.PLAN_PENDING_SIGNATURE


def test_ready_with_everything_moves_the_case_to_ready_to_sign(client, auth, db, team):
    case = _case(db, team["ana"], agenda=True)
    auth.login("ana.ec@example.org")
    response = _save(client, case, _with_wtw(ready="1", sw_agreement_on="2026-11-20"))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/cases/{case.id}/sign"  # issue 13: on to signing
    db.refresh(case)
    assert case.stage == Stage.PLAN_PENDING_SIGNATURE
    version = db.scalars(select(PlanVersion)).one()
    assert version.status == PlanStatus.AGREED_WITH_SW and version.sw_agreement_on
    page = client.get(response.headers["Location"]).text
    assert "Plan ready to sign." in page and "Sign and store the plan" in page
    # Changing the agreed plan makes it a draft again until it is marked ready once more.
    data = dict(_with_wtw(sw_agreement_on="2026-11-20"), **{"activities-4-hours": "16"})
    assert _save(client, case, data).status_code == 302
    db.refresh(case)
    db.refresh(version)
    assert case.stage == Stage.MEETING_HELD and version.status == PlanStatus.DRAFT


def test_the_1811_box_is_shown_only_where_the_county_uses_it(client, auth, db, team):
    orange_ec = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    orange = _case(db, orange_ec)
    santa_clara = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{santa_clara.id}/plan").text
    assert 'name="activities-0-on_1811"' in page and "SCD/SCZ 1811" in page
    auth.logout()
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{orange.id}/plan").text
    assert 'name="activities-0-on_1811"' not in page and "SCD/SCZ 1811" not in page
    sources = [o.text for o in select_options(page, "activities-0-source")]
    assert sources == ["CFS activity", "WTW activity"] and "from the social worker's case" in page
    data = _plan_data()
    for i in range(4):
        data.pop(f"activities-{i}-on_1811")
    assert _number(_preview(client, orange, data).text, "cw") == "15"  # R-CF-02: SC only


def test_a_stale_version_shows_the_conflict_banner_and_saves_nothing(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    assert _save(client, case, _plan_data()).status_code == 302
    response = _save(client, case, _with_wtw(version="0"))
    assert response.status_code == 200 and 'id="conflict"' in response.text
    assert 'value="Job club"' in response.text
    assert len(db.scalars(select(PlanVersion)).one().activities) == 4


def test_editing_records_before_and_after_in_the_history(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("sam.sup@example.org")  # the supervisor may work the unit's cases too
    _save(client, case, _plan_data())
    _save(client, case, _with_wtw())
    history = client.get(f"/cases/{case.id}/history").text
    assert "Plan updated" in history and "Job club (WTW, 15 h)" in history


def test_a_signed_plan_is_read_only(client, auth, db, team):
    case = _case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    auth.login("ana.ec@example.org")
    _save(client, case, _plan_data())
    version = db.scalars(select(PlanVersion)).one()
    version.status = PlanStatus.SIGNED
    db.commit()
    page = client.get(f"/cases/{case.id}/plan").text
    assert "Amendments come with signing." in page and 'id="plan-form"' not in page
    assert _number(_totals(page), "needed") == "15"
    token = csrf_token(page)
    response = client.post(f"/cases/{case.id}/plan", data={"csrf_token": token})
    assert response.status_code == 303
    db.refresh(version)
    assert len(version.activities) == 4


def test_other_units_get_404_and_admins_403(client, auth, db, team):
    case = _case(db, team["ana"])
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("olga.ec@example.org")
    assert client.get(f"/cases/{case.id}/plan").status_code == 404
    token = auth.csrf()
    for url in (f"/cases/{case.id}/plan", f"/cases/{case.id}/plan/preview"):
        assert client.post(url, data={"csrf_token": token}, headers=HX).status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    assert client.get(f"/cases/{case.id}/plan").status_code == 403


def test_a_client_who_declined_integration_signs_a_wtw_only_plan(client, auth, db, team):
    """E32: no child-welfare rows, the full requirement, ready to sign (issue 11)."""
    case = _case(db, team["ana"], stage=Stage.INTEGRATION_DECLINED)
    case.integration_consent = IntegrationConsent.DECLINED
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/plan")
    assert page.status_code == 200
    sources = [o.value for o in select_options(page.text, "activities-0-source")]
    assert sources == ["wtw"]  # no CFS/DFCS rows to choose
    refused = _save(client, case, _plan_data(rows=SEED_ROWS[:1], ready="1"))
    assert refused.status_code == 200
    assert (
        "Remove those rows (R-MT-05, E32)" in refused.text or "Not a valid choice" in refused.text
    )
    wtw_only = {"period_start": "2026-12-01", "period_end": "2027-11-30", "language": "en"}
    wtw_only.update(_row(0, "Job club", "job_readiness", "30", source="wtw"))
    response = _save(client, case, dict(wtw_only, ready="1"))
    assert response.status_code == 303
    db.refresh(case)
    assert case.stage == Stage.PLAN_PENDING_SIGNATURE
    version = db.scalars(select(PlanVersion)).one()
    assert version.requirement == 30 and version.status == PlanStatus.AGREED_WITH_SW
