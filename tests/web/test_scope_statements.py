"""The case-scope statements built once per role and database (blueprints/access:
visible_cases_template, case_for's statement, the signed download's; issue 14) hold no user:
whoever's request built them first, the next user of the same role sees their own cases and
documents, and never the first user's. Run on both databases by `make test`."""

from __future__ import annotations

from sqlalchemy import select

from blueprints.access import viewer_params, visible_cases, visible_cases_template
from models import MutualCase
from models.enums import Role
from tests import factories as f
from tests.documents.signing import ready_case
from tests.helpers import PG_URL
from tests.web.test_refusals_audited import _signed_doc


def test_the_template_finds_what_visible_cases_finds_for_each_user(app, db, team):
    sam, ana, ben, olga = team["sup"], team["ana"], team["ben"], team["olga"]
    for worker in (ana, ben, olga):
        f.case(db, worker, last=worker.name.split()[-1])
    f.case(db, None, last="Held", supervisor_id=sam.id)
    uma = f.user(db, "uma.sup@example.org", role=Role.SUPERVISOR, name="Uma Unit")
    ada = f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    db.commit()
    with app.app_context():
        for user in (ana, ben, olga, sam, uma, ada):
            expected = set(db.scalars(visible_cases(user).with_only_columns(MutualCase.id)))
            for dialect in ("sqlite", "postgresql") if PG_URL else ("sqlite",):
                ids = visible_cases_template(user.role, dialect).with_only_columns(MutualCase.id)
                assert set(db.scalars(ids, viewer_params(user))) == expected, (user.email, dialect)
    assert len(set(db.scalars(select(MutualCase.id)))) == 4


def _first_opens_second_does_not(client, auth, first, second, case_id, pdf):
    """The first user's requests build the role's statements; the second then gets 404."""
    auth.login(first)
    assert [client.get(p).status_code for p in (f"/cases/{case_id}/plan", pdf)] == [200, 200]
    auth.logout()
    auth.login(second)
    assert [client.get(p).status_code for p in (f"/cases/{case_id}/plan", pdf)] == [404, 404]


def test_a_second_ec_gets_none_of_the_first_ecs_cases_or_documents(client, auth, db, team):
    anas, olgas = ready_case(db, team["ana"]), ready_case(db, team["olga"])
    anas_doc, olgas_doc = _signed_doc(db, anas), _signed_doc(db, olgas)
    anas_pdf = f"/cases/{anas.id}/documents/signed/{anas_doc.id}.pdf"
    _first_opens_second_does_not(
        client, auth, "ana.ec@example.org", "olga.ec@example.org", anas.id, anas_pdf
    )
    assert client.get(f"/cases/{olgas.id}/documents/signed/{anas_doc.id}.pdf").status_code == 404
    assert client.get(f"/cases/{olgas.id}/plan").status_code == 200
    assert client.get(f"/cases/{olgas.id}/documents/signed/{olgas_doc.id}.pdf").status_code == 200


def test_a_second_supervisor_gets_none_of_the_first_ones_unit(client, auth, db, team):
    f.user(db, "uma.sup@example.org", role=Role.SUPERVISOR, name="Uma Unit")
    anas = ready_case(db, team["ana"])
    anas_pdf = f"/cases/{anas.id}/documents/signed/{_signed_doc(db, anas).id}.pdf"
    _first_opens_second_does_not(
        client, auth, "sam.sup@example.org", "uma.sup@example.org", anas.id, anas_pdf
    )
