"""Dependency and code audit for `make test` (security.md 44).

- bandit over the application code: any finding of medium severity or higher fails.
- pip-audit over the installed packages against PyPI's vulnerability data: any known
  vulnerability fails. Where that service cannot be reached (a closed network: pip then installs
  from a mirror while the vulnerability lookups fail), every package comes back "not audited";
  that is said plainly, not passed off as "no vulnerabilities", and does not fail the run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CODE = ["app.py", "blueprints", "models", "policy"]


def bandit() -> int:
    result = subprocess.run(
        [str(BIN / "bandit"), "-q", "-r", *CODE, "--severity-level", "medium"], cwd=ROOT
    )
    print("bandit: no finding of medium severity or higher" if result.returncode == 0 else "")
    return result.returncode


def pip_audit() -> int:
    result = subprocess.run(
        [
            str(BIN / "pip-audit"),
            "--vulnerability-service",
            "pypi",
            "--skip-editable",
            "-f",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        print("pip-audit: no report\n" + result.stderr[-2000:])
        return 1
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        print(f"pip-audit: {dep['name']} {dep['version']}: {ids}")
    if vulnerable:
        return 1
    if not audited:
        print(
            "pip-audit: NOT AUDITED: PyPI's vulnerability data cannot be reached from this "
            f"network ({len(deps)} packages skipped). Run `make audit` where it can."
        )
        return 0
    print(f"pip-audit: {len(audited)} packages, no known vulnerability")
    return 0


if __name__ == "__main__":
    sys.exit(bandit() or pip_audit())
