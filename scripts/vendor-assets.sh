#!/usr/bin/env bash
# Re-vendor the front-end assets from the npm registry (never a CDN). Run by hand when upgrading;
# the results are committed under static/vendor/ so the app needs no network at run time.
set -euo pipefail
HTMX_VERSION=2.0.11      # mature 2.0 line; npm's "latest" tag is 4.x (beta, strict-CSP gaps)
USWDS_VERSION=3.14.0
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "htmx.org@$HTMX_VERSION" "@uswds/uswds@$USWDS_VERSION" >/dev/null
mkdir htmx uswds
tar xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
tar xzf "uswds-uswds-$USWDS_VERSION.tgz" -C uswds
dest="$root/static/vendor"
rm -rf "$dest"; mkdir -p "$dest/htmx" "$dest/uswds/css" "$dest/uswds/fonts" "$dest/uswds/img"
cp htmx/package/dist/htmx.min.js "$dest/htmx/"
cp htmx/package/LICENSE "$dest/htmx/LICENSE"
u=uswds/package/dist
cp "$u/css/uswds.min.css" "$dest/uswds/css/"
cp uswds/package/LICENSE.md "$dest/uswds/LICENSE.md"
# Only the files the stylesheet actually references (woff2 fonts, icons), not the 15 MB dist.
grep -o 'url([^)]*)' "$u/css/uswds.min.css" | sed -e 's/^url(//' -e 's/)$//' -e 's/^\.\.\///' \
  | grep -E '^(fonts|img)/' | sort -u | while read -r rel; do
    mkdir -p "$dest/uswds/$(dirname "$rel")"; cp "$u/$rel" "$dest/uswds/$rel"; done
echo "vendored htmx $HTMX_VERSION and USWDS $USWDS_VERSION into $dest"
