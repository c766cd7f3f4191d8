"""Fault injection for the crash test (security.md 40) — the one place it lives.

`pause(point)` sleeps only when BOTH hold: the app was built with TESTING=True (only the test
suite's app factory sets it; the production configuration has no setting or variable that does)
and the environment variable TANDEM_FAULT_INJECTION names that point. The crash test then kills
the worker with SIGKILL during the pause and checks that the database shows the signing either
not at all or whole. Everywhere else `pause` returns at once and does nothing.

Points: "sign-before-commit" (PDFs rendered, every row flushed, not committed) and
"sign-after-commit" (committed, the response not yet sent).
"""

from __future__ import annotations

import os
import time

from flask import current_app

ENV = "TANDEM_FAULT_INJECTION"
POINTS = frozenset({"sign-before-commit", "sign-after-commit"})
PAUSE_SECONDS = 60  # far longer than the test needs to kill the worker


def pause(point: str) -> None:
    if point not in POINTS:
        raise ValueError(f"unknown fault injection point {point!r}")
    if os.environ.get(ENV) != point or current_app.config.get("TESTING") is not True:
        return
    # The crash test waits for this line (with the worker's process id) to know when to kill.
    current_app.logger.warning("fault injection: paused at %s in process %d", point, os.getpid())
    time.sleep(PAUSE_SECONDS)
