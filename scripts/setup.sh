#!/usr/bin/env bash
# Install what Tandem needs on a Debian machine: system packages, then a virtual environment.
#   scripts/setup.sh app    WeasyPrint's libraries
#   scripts/setup.sh test   also Chromium (browser tests), the PostgreSQL server, Java and the
#                           Nu HTML Checker (vnu.jar, fetched into .cache/vnu/, never committed)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
PYTHON=${PYTHON:-python3}

apt_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
[ "$mode" = test ] && apt_packages+=(chromium postgresql poppler-utils)
# The Nu HTML Checker runs on Java (any 11+); npm fetches it. Skip the packages if already there.
if [ "$mode" = test ]; then
  command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
fi

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

# The Nu HTML Checker for the browser tests (tests/browser/html_check.py): about 30 MB, so it is
# fetched from npm into a cache folder outside git, pinned and checked, not vendored.
VNU_VERSION=26.9.27
VNU_SHA256=5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7
vnu_dir=.cache/vnu
if [ "$mode" = test ] && [ "$(cat "$vnu_dir/VERSION" 2>/dev/null)" != "$VNU_VERSION" ]; then
  echo "Fetching the Nu HTML Checker (vnu-jar $VNU_VERSION) from npm"
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "vnu-jar@$VNU_VERSION" >/dev/null)
  echo "$VNU_SHA256  $work/vnu-jar-$VNU_VERSION.tgz" | sha256sum -c --quiet -
  tar xzf "$work/vnu-jar-$VNU_VERSION.tgz" -C "$work"
  mkdir -p "$vnu_dir"
  mv "$work/package/build/dist/vnu.jar" "$vnu_dir/vnu.jar"
  cp "$work/package/LICENSE" "$vnu_dir/LICENSE"
  echo "$VNU_VERSION" >"$vnu_dir/VERSION"
fi
