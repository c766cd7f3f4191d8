"""gunicorn's settings file for Tandem: hooks only. The flags stay on the command line, where
whoever runs it reads them (Makefile `demo`, the README's production command, bench/servers.py;
tests/web/test_bench.py checks the three agree), and each names this file with --config.

Garbage collection in the web workers (issue 14). CPython collects its youngest generation each
time 700 more container objects are alive than at the last collection. A plan preview keeps
thousands alive while it works, so a worker collected about once every two previews, walking
that request's objects each time: 0.35 ms of a preview's 7 ms of CPU. What a worker holds is
either the app, built once in the master (--preload) and kept for its life, or a request's
objects, freed by reference counting as soon as it ends; reference cycles are rare. Collecting
when 20,000 are alive instead skips most of those walks: the preview's throughput rose 2-3 % on
SQLite and on PostgreSQL (four alternating rounds each). The older generations keep their
defaults, so cycles are still collected, just less often.

gc.freeze() before each fork (Python's advice for servers that fork without exec) was measured
too: the workers' private memory after a load was the same (44-48 MB), so it is not used.
"""

from __future__ import annotations

import gc
from typing import Any

YOUNG_GENERATION_THRESHOLD = 20_000


def post_fork(server: Any, worker: Any) -> None:
    """In each new worker, before it serves anything."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, oldest)
