"""gunicorn.conf.py, the settings file every documented gunicorn command names (--config): the
web workers' garbage collection (issue 14)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from gunicorn.app.base import Application
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.pure
def test_a_new_worker_collects_young_objects_far_less_often_and_keeps_the_older_defaults():
    reader = object.__new__(Application)  # gunicorn's own reading of a --config file, no argv
    reader.cfg = Config()
    names = reader.load_config_from_file(str(ROOT / "gunicorn.conf.py"))
    assert {name for name in names if name in reader.cfg.settings} == {"post_fork"}  # hooks only
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # CPython's defaults
        reader.cfg.post_fork(None, None)
        assert gc.get_threshold() == (20_000, 10, 10)
    finally:
        gc.set_threshold(*before)
