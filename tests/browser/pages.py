"""Page objects shared by the browser tests: signing in as a person does, with the keyboard."""

from __future__ import annotations

from typing import Any

from tests.helpers import PASSWORD


class SignInPage:
    """The sign-in page in a Playwright page."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def open(self) -> SignInPage:
        self.page.goto("/login")
        return self

    def sign_in_with_keyboard(self, email: str, password: str = PASSWORD) -> None:
        """Type the email and password and press Enter (no wait: the answer may be an error)."""
        self.page.get_by_label("Work email").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_label("Password").press("Enter")


def sign_in(page: Any, email: str) -> None:
    """Open the sign-in page, sign in with the test password and wait for the caseload."""
    SignInPage(page).open().sign_in_with_keyboard(email)
    page.wait_for_url("**/cases")
