"""Issue 13, "Words": every page of a case speaks its own county's words (Santa Clara never reads
"mutual", Orange never "common case"), shows labels and never a stored value ("Agreed with sw",
"transfer", "en", "(ec)"), writes dates one way (MM/DD/YYYY, date inputs as on every form), names
the signed forms' fingerprint one way, and offers only the plan languages the forms print in."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from blueprints.documents import build
from models import MutualCase, SignedDocument
from models.demo.seed import load_demo
from models.enums import ClosureRoute, Language, PlanStatus, ShareScope, Stage
from models.enums.labelled import LabelledEnum
from models.operations.share_links import create_link
from models.operations.signing import short
from policy.steps import STEPS
from tests import factories as f
from tests.documents.signing import fake_render, ready_case, submit
from tests.helpers import PASSWORD, TODAY, Auth
from tests.html import by_id, element, elements, parse, select_options, text_of

# What the other county says: a page of one county never uses these.
OTHER_COUNTYS_WORDS = {
    "santa_clara": re.compile(r"\bmutual\b|\bCFS\b|Specialized CM|\bFSS\b", re.I),
    "orange": re.compile(r"common[ -]case|\bDFCS\b|Partnership EC|\bCWES\b", re.I),
}
OWN_WORDS = {"santa_clara": "common case", "orange": "mutual client"}
WORKERS = {
    "santa_clara": ("ec1.santaclara", "ec2.santaclara", "supervisor.santaclara"),
    "orange": ("ec1.orange", "ec2.orange", "supervisor.orange"),
}
# A date written the other way ("Dec 1, 2026"): screens write 12/01/2026.
WORDY_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b"
)
SHORT_CODES = re.compile(r"\((?:ec|sw|client|en|es|vi|zh)\)|\brole (?:ec|sw|admin)\b", re.I)


def _enums() -> list[type[LabelledEnum]]:
    found, todo = [], list(LabelledEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return found


def _raw_forms() -> frozenset[str]:
    """Each stored value as a page would show it by mistake: a code ("agreed_with_sw", "en",
    "ec"), the code made into words where that is no label ("Agreed with sw"), and
    the bare codes the issue saw ("transfer")."""
    members = [member for cls in _enums() for member in cls]
    labels = {member.label for member in members}
    forms = {"transfer"}
    for member in members:
        if "_" in member.value or len(member.value) <= 3:
            forms.add(member.value)
        worded = member.value.replace("_", " ").capitalize()
        if " " in worded and worded not in labels:  # one word ("Provider") is plain English
            forms.add(worded)
    return frozenset(forms)


RAW_FORMS = _raw_forms()


def stored_values(html: str) -> list[str]:
    """Visible text that is a stored value, not its label: an element whose whole text is a
    code or its code-made words, or a short code in brackets ("(ec)", "Role ec")."""
    root = parse(html)
    found = []
    for el in root.iter():
        if el.tag in ("script", "style", "option", "code", "head", "title"):
            continue  # an <option>'s value attribute is not shown; ids are shown as <code>
        text = el.text.strip()
        if text in RAW_FORMS:
            found.append(text)
    return found + SHORT_CODES.findall(text_of(html))


def test_the_checks_catch_what_they_are_for():
    page = (
        "<dl><dt>Closure route</dt><dd>transfer</dd><dt>Status</dt><dd>Agreed with sw</dd>"
        "<dt>Language</dt><dd>en</dd></dl><p>Ana Reyes (ec)</p><p>Role ec</p>"
    )
    assert stored_values(page) == ["transfer", "Agreed with sw", "en", "(ec)", "Role ec"]
    fine = "<dl><dd>Transfer to a district office</dd><dd>Ready to sign</dd><dd>English</dd></dl>"
    assert stored_values(fine) == []
    assert OTHER_COUNTYS_WORDS["santa_clara"].search("Confirmed mutual")
    assert OTHER_COUNTYS_WORDS["orange"].search("end-date the common-case indicator")
    assert WORDY_DATE.search("Dec 1, 2026") and not WORDY_DATE.search("12/01/2026")


def _share_token(db, case) -> str:
    _link, token = create_link(
        db,
        case,
        case.assigned_worker.id,
        recipient_name="Dana Social Worker",
        recipient_email="dana@example.org",
        days=30,
        scope=ShareScope.VIEW_DOWNLOAD,
    )
    return token


def _check(county: str, where: str, html: str) -> None:
    text = text_of(html)
    wrong = OTHER_COUNTYS_WORDS[county].findall(text)
    assert wrong == [], f"{where}: the other county's words {wrong}"
    assert stored_values(html) == [], f"{where}: stored values shown"
    assert WORDY_DATE.findall(text) == [], f"{where}: a date not written MM/DD/YYYY"


@pytest.mark.parametrize("county", ["santa_clara", "orange"])
def test_every_page_of_every_demo_case_speaks_its_countys_words(app, db, county):
    """Every step, the history, documents, share and sign pages, the caseload, a new case and
    the social worker's page: the county's own words, labels only, MM/DD/YYYY."""
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    cases = db.scalars(
        select(MutualCase).join(MutualCase.county).where(MutualCase.county.has(code=county))
    ).all()
    seen_own_word = False
    for account in WORKERS[county]:
        client = app.test_client()
        Auth(client).login(f"{account}@demo.tandem.example")
        pages = ["/cases", "/cases/new", "/cases?stage=closed"]
        for case in cases:
            if account.startswith("ec") and case.assigned_worker is None:
                continue
            if case.assigned_worker is not None and account.startswith("ec"):
                if not case.assigned_worker.email.startswith(account):
                    continue
            pages += [f"/cases/{case.id}/{step}" for step in (*STEPS, "history", "documents")]
            pages += [f"/cases/{case.id}/{step}" for step in ("share", "sign", "track")]
        for url in pages:
            response = client.get(url, follow_redirects=True)
            assert response.status_code == 200, f"{account} {url}"
            _check(county, f"{account} {url}", response.text)
            seen_own_word |= OWN_WORDS[county] in text_of(response.text)
    assert seen_own_word
    shared = [
        c
        for c in cases
        if c.assigned_worker and c.child_welfare_case and c.stage not in (Stage.CLOSED,)
    ]
    tokens = [(c.id, _share_token(db, c)) for c in shared if c.stage != Stage.NOT_MUTUAL]
    db.commit()
    reader = app.test_client()
    for case_id, token in tokens:
        page = reader.get(f"/s/{token}")
        assert page.status_code == 200
        _check(county, f"share page of case {case_id}", page.text)


def test_santa_clara_stages_and_identify_read_common_case(client, auth, db, team):
    candidate = f.case(db, team["ana"], stage=Stage.CANDIDATE)
    confirmed = f.case(db, team["ana"], stage=Stage.CONFIRMED, last="Vang")
    db.commit()
    auth.login("ana.ec@example.org")
    assert "Confirmed common case" in text_of(client.get(f"/cases/{confirmed.id}/identify").text)
    page = client.get(f"/cases/{candidate.id}/identify").text
    assert text_of(page, "label[for=not_mutual_reason]") == "Why this person is not a common case"
    caseload = client.get("/cases").text
    stages = [o.text for o in select_options(caseload, "stage")]
    assert "Confirmed common case" in stages and "Not a common case" in stages
    assert "mutual" not in " ".join(stages).lower()


def test_orange_close_page_names_one_indicator(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("oscar.ec@example.org")
    page = text_of(client.get(f"/cases/{case.id}/close").text)
    assert "mutual-client indicator" in page
    assert "common-case" not in page.lower() and "common case" not in page.lower()


def test_a_closed_case_shows_its_route_label_and_dates_as_mm_dd_yyyy(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.CLOSED, closure_route=ClosureRoute.TRANSFER)
    case.closed_on = TODAY
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/close").text
    assert stored_values(page) == [] and "Transfer to a district office" in text_of(page)
    assert WORDY_DATE.findall(text_of(page)) == []


def test_the_1811a_dates_are_date_inputs_like_every_other_date_field(client, auth, db, team):
    case = ready_case(db, team["ana"], stage=Stage.PLAN_ACTIVE, status=PlanStatus.ACTIVE)
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/documents").text
    for key, iso in (("start", "2026-11-23"), ("end", "2026-12-20")):
        box = by_id(page, f"sheet-{key}")
        assert box.get("type") == "date" and box.get("value") == iso  # shown as 11/23/2026
    identify = client.get(f"/cases/{case.id}/identify").text
    assert element(identify, "#identified_on").get("type") == "date"
    # A range typed month/day/year is read the same way as the browser's year-month-day.
    typed = client.get(f"/cases/{case.id}/documents/1811a.pdf?start=12/31/2026&end=12/01/2026")
    assert "The last day must be on or after the first day." in text_of(typed.text)
    assert by_id(typed.text, "sheet-start").get("value") == "12/31/2026"


def test_one_fingerprint_in_the_message_the_table_and_the_verify_page(
    client, auth, db, team, monkeypatch
):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(client, case)
    assert response.status_code == 302
    documents_page = client.get(response.headers["Location"]).text
    stored = {d.kind: d for d in db.scalars(select(SignedDocument))}
    fingerprint = short(stored["wtw2"].content_sha256)
    message = text_of(documents_page, ".usa-alert")
    assert f"WTW 2 {stored['wtw2'].document_id} (fingerprint {fingerprint})" in message
    assert "hash" not in message.lower() and "SHA-256" not in message
    rows = [text_of(row) for row in elements(documents_page, ".tandem-signed-documents tbody tr")]
    wtw2_row = next(row for row in rows if stored["wtw2"].document_id in row)
    assert f"Fingerprint {fingerprint}" in wtw2_row and "SHA-256" not in wtw2_row
    assert "fingerprint is printed at the foot of every page" in text_of(documents_page)
    found = client.get(f"/documents/verify?document_id={stored['wtw2'].document_id}").text
    assert text_of(found, "#verify-short-hash") == fingerprint
    assert "Fingerprint printed on each page" in text_of(found)
    sign_page = text_of(client.get(f"/cases/{case.id}/sign").text)
    assert "Fingerprint (printed on each page)" in sign_page and fingerprint in sign_page
    assert "Hash" not in sign_page


def test_the_plan_offers_only_the_languages_the_forms_print_in(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    case.participant.preferred_language = Language.VI
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/plan").text
    offered = [(o.value, o.text) for o in select_options(page, "language")]
    assert offered == [("en", "English"), ("es", "Spanish")]
    assert [o.value for o in select_options(page, "language") if o.selected] == ["en"]
    hint = text_of(page, "#language-hint")
    assert "The printed forms exist in English and Spanish" in hint
    assert "the forms print in English" in hint
