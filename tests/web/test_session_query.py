"""Who is signed in costs one query a request (issue 14): the session row and its user in one
SELECT, in the request's own database session, so the user loader finds the user there. An
account disabled meanwhile is still refused on its next request: the row is read every time."""

from __future__ import annotations

import re

from sqlalchemy import event

USER_BY_ID = re.compile(r"FROM user_account\s+WHERE user_account\.id = ")


def _statements(app, client, url: str) -> list[str]:
    seen: list[str] = []

    def keep(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(app.extensions["tandem_engine"], "before_cursor_execute", keep)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(app.extensions["tandem_engine"], "before_cursor_execute", keep)
    return seen


def test_the_session_and_its_user_are_one_query(app, client, auth, ec):
    auth.login(ec.email)
    client.get("/cases")  # the first page after sign-in still writes the session once
    sql = _statements(app, client, "/cases")
    who = [s for s in sql if "FROM user_session" in s]
    assert len(who) == 1 and "JOIN user_account" in who[0]
    assert not [s for s in sql if USER_BY_ID.search(s)]  # the loader found them, no 2nd read


def test_an_account_disabled_meanwhile_is_refused_on_its_next_request(app, client, auth, ec, db):
    auth.login(ec.email)
    assert client.get("/cases").status_code == 200
    ec.active = False
    db.commit()
    refused = client.get("/cases")
    assert refused.status_code in (302, 303) and "/login" in refused.headers["Location"]
