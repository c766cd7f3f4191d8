"""County settings (Administration → County settings): an administrator sets the county's
answers to the uncertain rules of domain.md §e; every change is audited and takes effect at once."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from models.audit import AuditEvent
from models.due import DueItem
from models.enums import DueKind, Role
from tests import factories as f
from tests.html import by_id, csrf_token, elements, field_value, text_of
from tests.web.wizard.test_demo_cases_open import RAW_CODE

FIELDS = (
    "meeting_deadline_applies",
    "meeting_anchor",
    "weeks_per_month",
    "age_six_change_rule",
    "day20_roll_forward",
    "da_review_months",
    "young_child_exemption_months",
    "sw_message_hold_days",
    "feed_client_names",
    "mfa_ec",
    "mfa_supervisor",
    "shown",
)


@pytest.fixture
def admin(db):
    user = f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    db.commit()
    return user


def _shown(client) -> tuple[str, dict[str, str]]:
    """The page and what its form would send untouched, as a browser fills it in."""
    html = client.get("/admin/county").text
    sent = {"csrf_token": csrf_token(html)}
    for name in FIELDS:
        value = field_value(html, name)
        if value is not None:
            sent[name] = value
    return html, sent


def test_the_page_shows_each_question_its_default_and_what_is_in_force(client, auth, admin):
    auth.login(admin.email)
    html, sent = _shown(client)
    assert "Settings of Santa Clara County" in text_of(html, "h1")
    for ref in ("§e Q1", "§e Q3", "§e Q5", "§e Q7", "§e Q10", "§e Q11", "§e Q12"):
        assert ref in text_of(html, ".tandem-settings-form")
    assert len(elements(html, ".tandem-tag--default")) == 9  # a new county: all defaults
    assert not elements(html, ".tandem-tag--county")
    assert sent["meeting_deadline_applies"] == "yes" and sent["meeting_anchor"] == "assigned"
    assert sent["weeks_per_month"] == "" and sent["da_review_months"] == "3"
    assert sent["young_child_exemption_months"] == "6" and sent["feed_client_names"] == "no"
    assert sent.get("mfa_supervisor") == "y" and "mfa_ec" not in sent
    assert "No change yet" in html
    for legend in elements(html, "fieldset legend"):
        assert text_of(legend)  # every group of choices is named for screen readers


def test_a_saved_change_is_in_force_audited_and_listed(client, auth, admin, db):
    auth.login(admin.email)
    _, sent = _shown(client)
    sent.update(weeks_per_month="4.33", day20_roll_forward="yes", da_review_months="6")
    done = client.post("/admin/county", data=sent, follow_redirects=True)
    assert done.status_code == 200 and "Saved 3 change(s)" in done.text
    county = f.county(db)
    db.refresh(county)
    assert f"{county.weeks_per_month:.2f}" == "4.33"
    assert county.day20_roll_forward is True and county.da_review_months == 6
    row = db.scalars(select(AuditEvent).where(AuditEvent.action == "county_settings_change")).one()
    assert row.actor_user_id == admin.id and row.object_id == str(county.id)
    assert json.loads(row.detail) == {
        "weeks_per_month": {"from": None, "to": "4.33"},
        "day20_roll_forward": {"from": False, "to": True},
        "da_review_months": {"from": 3, "to": 6},
    }
    changes = text_of(done.text, "table")
    assert "Ada Admin" in changes and "days in the month ÷ 7 → 4.33" in changes
    assert "Domestic-abuse waiver review, months: 3 → 6" in changes
    assert len(elements(done.text, ".tandem-tag--county")) == 3
    assert not RAW_CODE.search(text_of(done.text, "main"))  # labels, never stored codes
    again = client.post("/admin/county", data=_shown(client)[1], follow_redirects=True)
    assert "Nothing changed" in again.text  # saving the same values writes no audit row
    changed = select(AuditEvent).where(AuditEvent.action == "county_settings_change")
    assert len(db.scalars(changed).all()) == 1


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("weeks_per_month", "4.333", "at most two decimals"),
        ("weeks_per_month", "7", "from 4.00 to 5.00"),
        ("weeks_per_month", "four", "such as 4.33"),
        ("da_review_months", "0", "from 1 to 12"),
        ("da_review_months", "2.5", "from 1 to 12"),
        ("young_child_exemption_months", "2", "from 3 to 12"),
        ("sw_message_hold_days", "0", "from 1 to 10"),
    ],
)
def test_a_wrong_value_is_named_next_to_its_field_and_nothing_is_lost(
    client, auth, admin, db, name, typed, message
):
    auth.login(admin.email)
    _, sent = _shown(client)
    sent.update({name: typed, "feed_client_names": "yes"})
    refused = client.post("/admin/county", data=sent)
    assert refused.status_code == 200 and "Nothing was saved" in refused.text
    assert message in text_of(by_id(refused.text, f"{name}-error"))
    assert field_value(refused.text, name) == typed  # what was typed stays
    assert field_value(refused.text, "feed_client_names") == "yes"
    db.expire_all()
    assert f.county(db).feed_client_names is False


def test_a_choice_left_empty_is_asked_for(client, auth, admin):
    auth.login(admin.email)
    _, sent = _shown(client)
    del sent["meeting_anchor"]
    refused = client.post("/admin/county", data=sent)
    assert "Choose the day that starts the clock." in text_of(
        by_id(refused.text, "setting-meeting_anchor")
    )


def test_a_change_made_meanwhile_is_shown_before_it_is_replaced(client, auth, admin, db):
    auth.login(admin.email)
    _, sent = _shown(client)
    county = f.county(db)
    county.da_review_months = 6  # another administrator, in between
    db.commit()
    sent["weeks_per_month"] = "4.33"
    refused = client.post("/admin/county", data=sent)
    assert refused.status_code == 409
    moved = text_of(by_id(refused.text, "settings-moved"))
    assert "Domestic-abuse waiver review, months: 6" in moved
    assert field_value(refused.text, "weeks_per_month") == "4.33"
    db.refresh(county)
    assert county.weeks_per_month is None
    sent["shown"] = field_value(refused.text, "shown")  # pressing Save again, knowingly
    assert client.post("/admin/county", data=sent).status_code == 302
    db.refresh(county)
    assert f"{county.weeks_per_month:.2f}" == "4.33" and county.da_review_months == 3


def test_two_saves_in_the_same_instant_do_not_both_win(client, auth, admin, db, app, monkeypatch):
    """Both pages were shown before either save and both pass the "changed since shown" check:
    the other administrator's save lands between this request's check and its write. This one
    is refused with what they set, and nothing of it is written or audited."""
    import blueprints.admin as admin_views
    from models.operations.county_settings import change_settings

    auth.login(admin.email)
    _, sent = _shown(client)
    county_id = f.county(db).id
    real = admin_views.change_settings

    def other_admin_first(request_db, county, wanted):  # type: ignore[no-untyped-def]
        with app.extensions["tandem_sessionmaker"]() as other:
            theirs = other.get(type(county), county_id)
            change_settings(other, theirs, {"da_review_months": 6})
            other.commit()
        return real(request_db, county, wanted)

    monkeypatch.setattr(admin_views, "change_settings", other_admin_first)
    sent["weeks_per_month"] = "4.33"
    refused = client.post("/admin/county", data=sent)
    assert refused.status_code == 409
    assert "Domestic-abuse waiver review, months: 6" in text_of(
        by_id(refused.text, "settings-moved")
    )
    assert field_value(refused.text, "weeks_per_month") == "4.33"  # the typing is kept
    county = f.county(db)
    db.refresh(county)
    assert county.weeks_per_month is None and county.da_review_months == 6
    assert (
        db.scalars(select(AuditEvent).where(AuditEvent.action == "county_settings_change")).all()
        == []
    )
    monkeypatch.setattr(admin_views, "change_settings", real)
    sent["shown"] = field_value(refused.text, "shown")  # pressing Save again, knowingly
    assert client.post("/admin/county", data=sent).status_code == 302
    db.refresh(county)
    assert f"{county.weeks_per_month:.2f}" == "4.33" and county.settings_version == 3


def test_a_save_from_a_stale_read_raises_and_writes_nothing(db, app):
    from models.county import CountyProfile
    from models.operations.county_settings import SettingsMoved, change_settings

    county_id = f.county(db).id
    db.commit()
    make = app.extensions["tandem_sessionmaker"]
    with make() as first, make() as second:
        mine, theirs = first.get(CountyProfile, county_id), second.get(CountyProfile, county_id)
        assert mine.settings_version == theirs.settings_version
        assert change_settings(first, mine, {"da_review_months": 4}) == {
            "da_review_months": {"from": 3, "to": 4}
        }
        first.commit()
        with pytest.raises(SettingsMoved):
            change_settings(second, theirs, {"da_review_months": 5})
        second.rollback()
        assert change_settings(second, theirs, {"da_review_months": 4}) == {}  # now read again
    county = f.county(db)
    db.refresh(county)
    assert (county.da_review_months, county.settings_version) == (4, 2)


def test_administrators_always_keep_the_second_factor(client, auth, admin, db):
    auth.login(admin.email)
    _, sent = _shown(client)
    sent.pop("mfa_supervisor")
    sent["mfa_ec"] = "y"
    assert client.post("/admin/county", data=sent).status_code == 302
    db.expire_all()
    assert f.county(db).mfa_required_roles == "ec,admin"


def test_a_deadline_switched_on_is_counted_for_the_countys_cases_at_once(client, auth, db):
    orange_admin = f.user(db, "oa.admin@example.org", role=Role.ADMIN, county_code="orange")
    worker = f.user(db, "oe.ec@example.org", county_code="orange")
    case = f.case(db, worker)
    db.commit()

    def meeting_due():  # type: ignore[no-untyped-def]
        db.expire_all()
        item = db.scalars(
            select(DueItem).where(DueItem.case_id == case.id, DueItem.kind == DueKind.JOINT_MEETING)
        ).first()
        return None if item is None or item.resolved else item.due_on

    assert meeting_due() is None  # Orange's policy sets no day count: the proposed default
    auth.login(worker.email)
    note = by_id(client.get("/cases").text, "meeting-deadline-setting")
    assert "no meeting due date is shown" in text_of(note) and "administrator" in text_of(note)
    assert "(§e Q3, the proposed default)" in text_of(note)
    auth.logout()
    auth.login(orange_admin.email)
    _, sent = _shown(client)
    assert sent["meeting_deadline_applies"] == "no"
    sent["meeting_deadline_applies"] = "yes"
    assert client.post("/admin/county", data=sent).status_code == 302
    assert meeting_due() is not None and meeting_due() > case.assigned_on
    assert f.county(db, "orange").meeting_deadline_applies is True
    auth.logout()
    auth.login(worker.email)
    assert elements(client.get("/cases").text, "#meeting-deadline-setting") == []


def test_a_deadline_switched_off_is_named_the_countys_own_setting_on_the_caseload(
    client, auth, admin, db, ec
):
    auth.login(admin.email)
    _, sent = _shown(client)
    sent["meeting_deadline_applies"] = "no"
    assert client.post("/admin/county", data=sent).status_code == 302
    auth.logout()
    auth.login(ec.email)
    note = text_of(by_id(client.get("/cases").text, "meeting-deadline-setting"))
    assert note.startswith("County setting (§e Q3, Santa Clara County's own setting)")
    assert "policy sets no day count" not in note  # Santa Clara's procedure does set one


def test_only_the_administrators_own_county_changes(client, auth, db):
    orange_admin = f.user(db, "oa.admin@example.org", role=Role.ADMIN, county_code="orange")
    db.commit()
    auth.login(orange_admin.email)
    html, sent = _shown(client)
    assert "Settings of Orange County" in text_of(html, "h1")
    sent["da_review_months"] = "6"
    client.post("/admin/county", data=sent)
    db.expire_all()
    assert f.county(db, "orange").da_review_months == 6
    assert f.county(db, "santa_clara").da_review_months == 3
