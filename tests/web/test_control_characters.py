"""Control characters in what a user sends (blueprints/request_text.py). PostgreSQL refuses a NUL
in any text value: one pasted into a contact note, or `?q=%00` in the caseload's search, was a
500 with a traceback there, and the note was lost. They are dropped where Werkzeug reads the
form and the query string; tab and line breaks stay."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from blueprints.request_text import CleanMultiDict, clean
from models import SocialWorkerContact
from tests.web.wizard.test_contacts_and_changes import CONTACT, _post
from tests.web.wizard.test_contacts_and_changes import active as active  # noqa: F401 (fixture)


@pytest.mark.pure
def test_clean_drops_c0_controls_and_del_but_keeps_tabs_line_breaks_and_letters():
    assert clean("Parent\x00ing\x1b class\x7f") == "Parenting class"
    assert clean("line one\r\nline two\tend") == "line one\r\nline two\tend"
    assert clean("Lucía Nguyễn · 10 h") == "Lucía Nguyễn · 10 h"
    assert clean(b"\x00bytes") == b"\x00bytes"  # files and bytes are not text fields


@pytest.mark.pure
def test_a_form_built_from_pairs_a_dict_or_a_multidict_comes_out_clean():
    pairs = [("note", "a\x00b"), ("topics", "x\x01"), ("topics", "y")]
    for source in (pairs, MultiDict(pairs)):
        form = CleanMultiDict(source)
        assert form.getlist("topics") == ["x", "y"] and form["note"] == "ab"
    assert CleanMultiDict({"q\x00": "z\x00"}) == CleanMultiDict([("q", "z")])
    assert not CleanMultiDict()


def test_a_nul_pasted_into_a_contact_is_dropped_and_the_contact_saved(client, auth, db, active):  # noqa: F811
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/contacts"
    sent = {**CONTACT, "with_whom": "Dana\x00 Ruiz", "note": "Parenting\x00 class\x1b\nThursdays."}
    response = _post(client, url, sent)
    assert response.status_code == 303
    contact = db.scalars(select(SocialWorkerContact)).one()
    assert (contact.with_whom, contact.note) == ("Dana Ruiz", "Parenting class\nThursdays.")
    assert "Parenting class" in client.get(url).text


def test_a_nul_in_the_caseload_search_is_a_search_not_a_server_error(client, auth, active):  # noqa: F811
    auth.login("ana.ec@example.org")
    page = client.get("/cases?q=%00" + active.participant.last_name[:3] + "%1b")
    assert page.status_code == 200
    assert active.participant.first_name in page.text  # the search ran without the NUL
    assert "\x00" not in page.text


@pytest.mark.parametrize("path", ["/s/%00abc", "/s/abc%00", "/calendar/%00.ics"])
def test_a_nul_in_a_link_is_a_link_that_names_nothing(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)
