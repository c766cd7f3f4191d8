"""A draft PDF of the same plan content is drawn once (issue 14): the second preview comes from
the cache; a changed plan, another language or a signed form is drawn again."""

from __future__ import annotations

import pytest

from blueprints.documents import build
from tests.documents import sample
from tests.helpers import TODAY


@pytest.fixture
def seeded(db):
    found = sample.seed(db)
    db.commit()
    return found


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """Every document actually drawn (its id), through the real renderer."""
    drawn: list[str] = []
    real = build.render_pdf

    def counting(html: str, **options):
        drawn.append(options["document_id"])
        return real(html, **options)

    monkeypatch.setattr(build, "render_pdf", counting)
    return drawn


def preview(client, seeded, lang: str = "en"):
    response = client.get(f"/cases/{seeded['case'].id}/documents/wtw2.pdf?lang={lang}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    return response.data


def test_the_same_draft_twice_is_drawn_once_and_a_changed_plan_again(
    client, auth, db, seeded, renders
):
    auth.login("ana.ec@example.org")
    first = preview(client, seeded)
    assert preview(client, seeded) == first
    assert len(renders) == 1  # the second answer came from the cache, byte for byte the same
    version = seeded["version"]
    version.activities[0].hours_per_week += 1
    db.commit()
    changed = preview(client, seeded)
    assert len(renders) == 2 and changed != first
    preview(client, seeded, lang="es")
    assert len(renders) == 3  # another language is another document


def test_no_cache_when_it_is_turned_off(app, client, auth, seeded, renders):
    app.config["PDF_DRAFT_CACHE"] = ""
    auth.login("ana.ec@example.org")
    preview(client, seeded)
    preview(client, seeded)
    assert len(renders) == 2


def test_the_cache_keeps_at_most_the_configured_number_of_drafts(
    app, client, auth, db, seeded, renders, tmp_path
):
    folder = tmp_path / "drafts"
    app.config.update(PDF_DRAFT_CACHE=str(folder), PDF_DRAFT_CACHE_FILES=2)
    auth.login("ana.ec@example.org")
    for lang in ("en", "es", "en"):
        preview(client, seeded, lang=lang)
    assert len(renders) == 2 and len(list(folder.glob("*.pdf"))) == 2
    seeded["version"].requirement += 1
    db.commit()
    preview(client, seeded)
    assert len(renders) == 3 and len(list(folder.glob("*.pdf"))) == 2  # the oldest went


def test_a_signed_form_is_always_drawn_afresh(app, db, seeded, renders):
    with app.test_request_context():
        for _ in range(2):
            build.render_plan_document(
                db,
                seeded["case"],
                seeded["version"],
                "wtw2",
                language="en",
                signatures=[],
                final=True,
                generated_on=TODAY,
            )
    assert len(renders) == 2
