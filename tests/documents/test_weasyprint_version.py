"""WeasyPrint 70 closed the URL-fetcher holes (file:// and redirects to internal addresses);
an older copy installed by hand must fail the build (security.md test 44)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

pytestmark = pytest.mark.pure


def test_weasyprint_is_70_or_later():
    assert int(version("weasyprint").split(".")[0]) >= 70
