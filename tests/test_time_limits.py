"""The suite's own limits: a stuck test fails with its stack instead of hanging CI's run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure
ROOT = Path(__file__).resolve().parents[1]


def test_every_test_has_a_time_limit(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert float(pytestconfig.getini("timeout")) == 600


def test_a_stuck_browser_test_ends_the_pass_with_every_threads_stack(tmp_path):
    stuck = tmp_path / "test_stuck.py"
    stuck.write_text(
        "import threading, time, pytest\n"
        "@pytest.mark.browser\n"
        "def test_waits_on_chromium():\n"
        "    threading.Thread(target=time.sleep, args=(60,), name='playwright-like').start()\n"
        "    time.sleep(60)\n"
        "def test_after_it():\n"
        "    pass\n"
    )
    env = {**os.environ, "TANDEM_TEST_BROWSER_LIMIT_S": "2"}
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), "-p", "tests.conftest", str(stuck)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert time.monotonic() - started < 50, output  # not the test's 60 s sleep
    assert run.returncode != 0, output
    assert "+ Timeout +" in output
    assert "Stack of playwright-like" in output and "Stack of MainThread" in output
    assert "test_after_it PASSED" not in output  # the pass ended there
