"""Findings as data: severities, ordering and validation."""

from __future__ import annotations

from typing import Any

import pytest

from policy.findings import SEVERITIES, Finding, findings_by_row, has_errors, sort_findings

pytestmark = pytest.mark.pure


def make(code: str, severity: str, index: int | None = None) -> Finding:
    return Finding(code, severity, f"{code} message", "R-CF-04", index=index)


def test_severities_in_display_order() -> None:
    assert SEVERITIES == ("error", "warning", "info")


def test_sort_puts_errors_first_and_keeps_order_within_a_severity() -> None:
    findings = [
        make("i1", "info"),
        make("w1", "warning"),
        make("e1", "error"),
        make("w2", "warning"),
        make("i2", "info"),
        make("e2", "error"),
    ]
    assert [f.code for f in sort_findings(findings)] == ["e1", "e2", "w1", "w2", "i1", "i2"]


def test_has_errors_and_findings_by_row() -> None:
    findings = [
        make("w", "warning", index=1),
        make("i", "info", index=0),
        make("e", "error"),
        make("w2", "warning", index=1),
    ]
    assert has_errors(findings)
    assert not has_errors(findings[:2])
    rows = findings_by_row(findings)
    assert {i: [f.code for f in found] for i, found in rows.items()} == {
        1: ["w", "w2"],
        0: ["i"],
        None: ["e"],
    }


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param({"severity": "fatal"}, "severity must be one of", id="severity"),
        pytest.param({"code": ""}, "needs a code", id="empty-code"),
        pytest.param({"rule": "CF-04"}, "R-.. id", id="rule-id"),
    ],
)
def test_finding_rejects_bad_fields(kwargs: dict[str, Any], match: str) -> None:
    fields = {"code": "x", "severity": "info", "message": "m", "rule": "R-CF-04", **kwargs}
    with pytest.raises(ValueError, match=match):
        Finding(**fields)


def test_finding_is_frozen() -> None:
    finding = make("x", "info")
    with pytest.raises(AttributeError):
        finding.code = "y"  # type: ignore[misc]
