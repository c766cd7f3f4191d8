#!/usr/bin/env bash
# Install what Tandem needs on a Debian machine: system packages, then a virtual environment.
#   scripts/setup.sh app    WeasyPrint's libraries
#   scripts/setup.sh test   also Chromium (browser tests) and the PostgreSQL server
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
PYTHON=${PYTHON:-python3}

apt_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
[ "$mode" = test ] && apt_packages+=(chromium postgresql poppler-utils)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extra=""; [ "$mode" = test ] && extra="[test]"
stamp=".venv/.installed-$mode"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -m pip install -q --disable-pip-version-check ".$extra" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import flask, sqlalchemy, weasyprint" # fail loudly if the install did not work
  touch "$stamp"
fi
