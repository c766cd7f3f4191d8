"""Access rows for the second factor (security.md test 8).

The sign-in's second page answers only a sign-in waiting for it (password right, code not yet):
anonymous without one is sent to sign in (302 to /login), a signed-in worker to their start
page (302). While a sign-in waits, default deny sends every other page to that second page —
tests/web/test_mfa.py walks every route in that state. The account's actions answer a worker
without a second factor (none of these fixtures has one) by going back to the account page."""

from __future__ import annotations

_REDIRECTED = {"anonymous": 302, "ec": 302, "supervisor": 302, "admin": 302}
_OWN_ACCOUNT = {"anonymous": 302, "ec": 302, "supervisor": 302, "admin": 302}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/login/code"): _REDIRECTED,
    ("POST", "/login/code"): _REDIRECTED,
    ("GET", "/login/set-up"): _REDIRECTED,
    ("POST", "/login/set-up"): _REDIRECTED,
    # Offered to every role (required of some by the county): the setup page.
    ("GET", "/account/second-factor"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 200,
    },
    # No setup key shown yet in this session: back to the setup page.
    ("POST", "/account/second-factor"): _OWN_ACCOUNT,
    # Nothing to turn off or renew without a second factor.
    ("POST", "/account/second-factor/off"): _OWN_ACCOUNT,
    ("POST", "/account/second-factor/recovery-codes"): _OWN_ACCOUNT,
    # Another account of the admin's county (Ben, no second factor: a notice, no change).
    ("POST", "/admin/users/<int:user_id>/second-factor/reset"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 403,
        "admin": 302,
    },
}
