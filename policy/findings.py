"""Warnings and errors as plain data, so every screen shows the same message.

A rule function never prints or raises for a *plan problem*: it returns findings and the
caller decides how to show them (inline next to a row, in the totals panel, in a PDF).
Bad *input* (a negative hour, an unknown county) is different and raises ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def fmt_hours(hours: float | Decimal | int) -> str:
    """Hours as every screen, form and message prints them: 30, 7.5, 0.25 (R-HR-06 totals).

    Re-exported by ``policy.hours``; it lives here so every findings module can word hours alike.
    """
    value = float(hours)
    return str(int(value)) if value.is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Finding:
    """One problem or note about a plan, tied to the rule that produced it (any R-.. id).

    ``subject`` names the activity or field so the UI can show the finding next to it;
    ``index`` is the activity's position in the input sequence when it is about one row.
    """

    code: str
    severity: str
    message: str
    rule: str
    subject: str | None = None
    index: int | None = None

    def __post_init__(self) -> None:
        if self.severity not in _RANK:
            raise ValueError(
                f"severity must be one of {', '.join(SEVERITIES)}, got {self.severity!r}"
            )
        if not self.code:
            raise ValueError("a finding needs a code")
        if not self.rule.startswith("R-"):
            raise ValueError(f"a finding's rule must be an R-.. id, got {self.rule!r}")


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; equal severities keep their order (R-CF-04 UI)."""
    return sorted(findings, key=lambda finding: _RANK[finding.severity])


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding blocks the plan, e.g. an hours shortfall (R-HR-06, R-CF-04)."""
    return any(finding.severity == "error" for finding in findings)


def findings_by_row(findings: Iterable[Finding]) -> dict[int | None, list[Finding]]:
    """The findings grouped by the activity they are about (``index``; None: about the plan),
    each group in the given order, for inline display (R-CF-02, R-PL-03)."""
    grouped: dict[int | None, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.index, []).append(finding)
    return grouped
