"""The header, the page and the footer start at one left edge, at desktop, tablet and phone
width, and nothing touches the window's edge. Below USWDS's desktop width (1024 px) its header
expects a menu drawer: the navigation links and the footer's confidentiality line sat at x = 0
on a tablet, and on the wide plan page the header and footer started 128 px right of the
page's heading at 1280 px."""

from __future__ import annotations

import pytest

from models.enums import Role
from tests import factories as f
from tests.browser.pages import sign_in
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

WIDTHS = (1280, 1024, 768, 390)

LEFT_EDGES = """() => {
  const left = (selector) => {
    const found = document.querySelector(selector);
    return found ? Math.round(found.getBoundingClientRect().left) : null;
  };
  return {
    logo: left(".usa-logo"),
    link: left(".tandem-nav a"),
    heading: left("main h1"),
    footer: left(".tandem-footer p"),
  };
}"""


def _edges(page, width: int) -> dict[str, int | None]:
    page.set_viewport_size({"width": width, "height": 900})
    return page.evaluate(LEFT_EDGES)


def test_header_page_and_footer_share_one_left_edge_at_every_width(page, db):
    ec = f.user(db, "edge.ec@example.org", county_code="orange", name="Edie Edge")
    case = f.case(db, ec)
    db.commit()
    sign_in(page, "edge.ec@example.org")
    for path in ("/cases", f"/cases/{case.id}/plan"):
        page.goto(path)
        for width in WIDTHS:
            edges = _edges(page, width)
            assert None not in edges.values(), (path, width, edges)
            assert min(edges.values()) >= 16, (path, width, edges)  # type: ignore[type-var]
            # The logo, the menu and the page's heading line up; the menu sits beside the logo
            # from desktop width, under it below.
            aligned = {
                "logo": edges["logo"],
                "heading": edges["heading"],
                "footer": edges["footer"],
            }
            if width < 1024:
                aligned["link"] = edges["link"]
            assert len(set(aligned.values())) == 1, (path, width, edges)
    assert page.problems == []


RIGHT_EDGES = """() => {
  const right = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().right);
  const container = document.querySelector(".tandem-header .usa-nav-container");
  const padding = parseFloat(getComputedStyle(container).paddingRight);
  return {
    signOut: right(".tandem-nav__list button"),
    header: Math.round(container.getBoundingClientRect().right - padding),
    heading: right("main h1"),
    menuTop: Math.round(document.querySelector(".tandem-nav").getBoundingClientRect().top),
    logoBottom: Math.round(document.querySelector(".usa-logo").getBoundingClientRect().bottom),
  };
}"""


def test_the_menu_ends_at_the_right_edge_of_the_page_when_it_sits_beside_the_logo(page, db):
    """ "Sign out" ended 45 px short of the plan page's right edge at 1280 px: USWDS's clearfix
    was a third item of the header's row, and the menu sat halfway between it and the logo."""
    ec = f.user(db, "right.ec@example.org", county_code="orange", name="Rita Right")
    case = f.case(db, ec)
    db.commit()
    sign_in(page, "right.ec@example.org")
    page.goto(f"/cases/{case.id}/plan")
    for width in (1280, 1600):
        page.set_viewport_size({"width": width, "height": 900})
        edges = page.evaluate(RIGHT_EDGES)
        assert edges["menuTop"] < edges["logoBottom"], (width, edges)  # beside the logo
        assert edges["signOut"] == edges["header"] == edges["heading"], (width, edges)
    assert page.problems == []


def test_the_sign_in_page_lines_up_too(page):
    page.goto("/login")
    for width in WIDTHS:
        edges = _edges(page, width)
        assert edges["link"] is None  # no menu before sign-in
        assert edges["logo"] == edges["heading"] == edges["footer"] >= 16, (width, edges)


def _page_width(page, width: int) -> int:
    page.set_viewport_size({"width": width, "height": 900})
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_administrators_pages_never_scroll_sideways_on_a_tablet_or_a_phone(page, db):
    """A wide table scrolls in its own box (reachable by keyboard); the QR code and a long work
    e-mail address shrink or wrap. The accounts table, the office calendar and the second
    factor's setup pushed the whole page sideways at 768 and 390 px."""
    f.user(
        db,
        "administrator.of.the.county@santaclara.example.org",
        role=Role.ADMIN,
        name="Adaline Administrator-Whitfield",
    )
    f.user(db, "a.very.long.work.address.for.an.ec@santaclara.example.org")
    db.commit()
    page.goto("/login")
    page.get_by_label("Work email").fill("administrator.of.the.county@santaclara.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/admin/users")
    for path in ("/admin/users", "/admin/county/calendar", "/account/second-factor"):
        page.goto(path)
        for width in (768, 390):
            assert _page_width(page, width) <= width, (path, width)
    page.goto("/admin/users")
    table = page.locator(".usa-table-container--scrollable").first
    assert table.get_attribute("tabindex") == "0"
    assert page.problems == []


def test_the_caseload_searchs_hint_stays_within_its_box_at_every_width(page, db):
    """ "Client name, CalWORKs case number or CFS case number" ran 116 px past the search box it
    describes (the box was 18rem wide) at desktop and tablet width."""
    f.user(db, "hint.ec@example.org", county_code="orange", name="Hana Hint")
    db.commit()
    sign_in(page, "hint.ec@example.org")
    page.goto("/cases")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        box = page.locator("#filter-q").bounding_box()
        hint = page.evaluate(
            """() => { const range = document.createRange();
              range.selectNodeContents(document.querySelector('#filter-q-hint'));
              return Math.max(...[...range.getClientRects()].map(r => r.right)); }"""
        )
        assert box is not None and hint <= box["x"] + box["width"] + 1, (width, hint, box)
        assert _page_width(page, width) <= width
    assert page.problems == []
