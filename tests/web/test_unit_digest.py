"""The supervisor's weekly digest (issue 15): `flask send-digest` queues one message per
supervisor with the unit page's numbers and links, never a client's name, once a week; and
send-outbox delivers it (a real SMTP server on loopback)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from models import AuditEvent, OutboxMessage
from models.enums import Role
from tests import factories as f
from tests.helpers import TODAY
from tests.share.smtp_server import authority, mail_server  # noqa: F401 (fixtures)
from tests.web.test_unit_view import COLUMNS, _unit, table

PUBLIC = "https://tandem.santa-clara.example"
NAMES = (
    "Rosa",
    "Delgado",
    "Linh",
    "Nguyen",
    "Tam",
    "Quach",
    "Grace",
    "Okafor",
    "C1234567",
    "CW-100",
)


def _digest(make_app, **config):
    app = make_app(**{"PUBLIC_URL": PUBLIC, **config})
    return app.test_cli_runner().invoke(args=["send-digest"])


def _messages(db) -> list[OutboxMessage]:
    db.expire_all()
    return list(db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _numbers(body: str) -> dict[str, tuple[int, ...]]:
    """The body's counts per section, in the unit page's column order."""
    found: dict[str, tuple[int, ...]] = {}
    for section in re.split(r"\n\n", body):
        lines = section.strip().splitlines()
        counts = [re.match(r"\s+[^:]+: (\d+)", line) for line in lines[1:]]
        if len(counts) == len(COLUMNS) and all(counts):
            found[lines[0]] = tuple(int(m.group(1)) for m in counts if m)
    return found


def test_each_supervisor_gets_the_unit_page_numbers_with_links_and_no_client_name(
    make_app, client, auth, db, team
):
    _unit(db, team)
    other = f.user(db, "uma.sup@example.org", role=Role.SUPERVISOR, name="Uma Unit")
    team["olga"].supervisor_id = other.id
    f.user(db, "nobody.sup@example.org", role=Role.SUPERVISOR, name="No Unit")
    db.commit()
    result = _digest(make_app)
    assert result.exit_code == 0, result.output
    assert (
        "week of 11/23/2026: 2 queued, 0 already queued this week, 1 supervisors" in result.output
    )
    sam, uma = _messages(db)
    assert (sam.to_address, uma.to_address) == ("sam.sup@example.org", "uma.sup@example.org")
    assert sam.subject == "Tandem: your unit, week of 11/23/2026"
    assert sam.discard_after.date() > TODAY and sam.case_id is None and sam.sent_at is None
    # Nothing for an EC to review: it goes with the next send-outbox, labelled as a digest.
    assert (sam.kind, sam.state, sam.kind_label) == ("digest", "queued", "Weekly digest")
    audit = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "digest_queue").order_by(AuditEvent.id)
    ).all()
    assert [a.object_id for a in audit] == [str(sam.id), str(uma.id)]
    auth.login("sam.sup@example.org")
    page = table(client.get("/unit").text)
    assert _numbers(sam.body) == {
        "Ana Reyes": page["Ana Reyes"],
        "Ben Tran": page["Ben Tran"],
        "Whole unit": page["Total"],
    }
    ana = team["ana"].id
    no_contact = f"{PUBLIC}/unit/cases?show=no_contact&worker={ana}"
    assert f"No contact with the DFCS social worker for 30 days: 1 - {no_contact}" in sam.body
    assert f"Overdue items: 2 - {PUBLIC}/due?when=overdue&worker={ana}" in sam.body
    assert f"Your unit page: {PUBLIC}/unit" in sam.body
    assert "assigned before 10/24/2026" in sam.body and "DFCS social worker" in sam.body
    assert _numbers(uma.body) == {"Olga Other": (1, 1, 1, 0, 0), "Whole unit": (1, 1, 1, 0, 0)}
    for message in (sam, uma):
        for name in (*NAMES, "Not", "Mine"):
            assert not re.search(rf"\b{name}\b", message.subject + message.body), name


def test_a_second_run_the_same_week_writes_nothing_and_the_next_week_writes_again(
    make_app, db, team
):
    _unit(db, team)
    assert _digest(make_app).exit_code == 0
    again = _digest(make_app, TODAY=TODAY + timedelta(days=3))  # Thursday of the same week
    assert "0 queued, 1 already queued this week" in again.output
    assert len(_messages(db)) == 1
    monday = _digest(make_app, TODAY=date(2026, 11, 30))
    assert "week of 11/30/2026: 1 queued" in monday.output
    assert [m.subject for m in _messages(db)] == [
        "Tandem: your unit, week of 11/23/2026",
        "Tandem: your unit, week of 11/30/2026",
    ]


def test_without_the_public_address_nothing_is_queued(make_app, db, team):
    _unit(db, team)
    result = _digest(make_app, PUBLIC_URL="")
    assert result.exit_code == 1 and "Set TANDEM_PUBLIC_URL" in result.output
    assert _messages(db) == []


def test_send_outbox_delivers_the_digest(make_app, db, team, mail_server):  # noqa: F811
    _unit(db, team)
    inbox, port = mail_server("plain")
    assert _digest(make_app).exit_code == 0
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_SECURITY="plain")
    sent = app.test_cli_runner().invoke(args=["send-outbox"])
    assert "Sent 1 of 1" in sent.output, sent.output
    [(content, _encrypted)] = inbox.received
    assert "Subject: Tandem: your unit, week of 11/23/2026" in content
    assert "To: sam.sup@example.org" in content and "Rosa" not in content


def test_a_failure_for_one_supervisor_queues_no_digest_at_all(make_app, db, team, monkeypatch):
    """One transaction for every supervisor: a run that fails part way leaves nothing half
    written, and the next run (same week) writes them all."""
    _unit(db, team)
    other = f.user(db, "uma.sup@example.org", role=Role.SUPERVISOR, name="Uma Unit")
    team["olga"].supervisor_id = other.id
    db.commit()
    import blueprints.digest_cli as digest_cli

    real, calls = digest_cli.digest_body, []

    def failing(supervisor, summary):
        calls.append(supervisor.email)
        if len(calls) == 2:
            raise RuntimeError("the mail template broke")
        return real(supervisor, summary)

    monkeypatch.setattr(digest_cli, "digest_body", failing)
    assert _digest(make_app).exit_code != 0
    assert _messages(db) == []
    monkeypatch.setattr(digest_cli, "digest_body", real)
    assert "2 queued" in _digest(make_app).output
