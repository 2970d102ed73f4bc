#!/usr/bin/env bash
# Refresh the vendored front-end files in static/vendor/ from the npm registry.
#
# Versions and tarball checksums are pinned below: running this again gives the same files.
# To upgrade a package: change its version, run `npm view <name>@<version> dist.integrity`,
# paste the new integrity, run `make vendor`, look at the pages, commit static/vendor/ and
# static/css/wijkplein.css. Only this script needs npm; the app serves the copied files.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENDOR="$ROOT/static/vendor"

# name version integrity
PACKAGES=(
  "@utrecht/component-library-css 9.0.4 sha512-gVA7D6GfP9/+fzehkYLSBR+0UPUTA97PZmgvTYQE88lPQhHGMlUk8FjmCpLKRsRC9hAYd32JuF/KzG6fmBfjJA=="
  "leaflet 1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "leaflet.markercluster 1.5.3 sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA=="
  "lucide-static 1.62.0 sha512-WBZA/m2PvkFpMGHDtsBck5P2A9G4ehLlYu4GwwICcmEm1BvYVgj00lCDxKRWLlbMlOibLaiwdQ88G5pHkSWgwA=="
)

# The Lucide icons Wijkplein draws inline (app/core/icons.py): the menu and the categories.
LUCIDE_ICONS=(
  baby book-open briefcase calendar-days circle circle-user euro file-text footprints heart house
  lightbulb list log-in log-out map messages-square rat settings shield soup trash-2
  triangle-alert users volleyball wrench
)

command -v npm >/dev/null || { echo "vendor.sh needs npm (only to refresh static/vendor/)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "vendor.sh needs python3" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# fetch NAME VERSION INTEGRITY -> prints the directory of the unpacked package
fetch() {
  local name=$1 version=$2 integrity=$3 tgz actual
  tgz=$(cd "$WORK" && npm pack --silent "$name@$version" 2>/dev/null | tail -n 1)
  actual="sha512-$(openssl dgst -sha512 -binary "$WORK/$tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "checksum mismatch for $name@$version: $actual" >&2
    exit 1
  fi
  mkdir -p "$WORK/$name"
  tar xzf "$WORK/$tgz" -C "$WORK/$name"
  echo "$WORK/$name/package"
}

# note DIR NAME VERSION LICENCE SOURCE-FILES...
note() {
  local dir=$1 name=$2 version=$3 licence=$4
  shift 4
  {
    echo "# $name $version"
    echo
    echo "Vendored from the npm registry by scripts/vendor.sh (\`make vendor\`); do not edit by hand."
    echo
    echo "- package: \`$name@$version\`"
    echo "- licence: $licence (see the licence file in this folder)"
    echo "- files: $*"
  } >"$dir/README.md"
}

for entry in "${PACKAGES[@]}"; do
  read -r name version integrity <<<"$entry"
  src=$(fetch "$name" "$version" "$integrity")
  case "$name" in
    @utrecht/component-library-css)
      dest="$VENDOR/utrecht"
      rm -rf "$dest" && mkdir -p "$dest"
      cp "$src/dist/index.css" "$dest/component-library.css"
      cp "$src/LICENSE.md" "$dest/LICENSE.md"
      note "$dest" "$name" "$version" "EUPL-1.2" "component-library.css (dist/index.css, the source that scripts/build_css.py prunes into static/css/wijkplein.css; pages never load it directly)"
      ;;
    leaflet)
      dest="$VENDOR/leaflet"
      rm -rf "$dest" && mkdir -p "$dest/images"
      cp "$src/dist/leaflet.js" "$src/dist/leaflet.css" "$dest/"
      cp "$src/dist/images/"*.png "$dest/images/"
      cp "$src/LICENSE" "$dest/LICENSE"
      # The source map is not shipped: drop the comment that points to it.
      sed -i '/^\/\/# sourceMappingURL=/d' "$dest/leaflet.js"
      note "$dest" "$name" "$version" "BSD-2-Clause" "leaflet.js leaflet.css images/"
      ;;
    leaflet.markercluster)
      dest="$VENDOR/leaflet.markercluster"
      rm -rf "$dest" && mkdir -p "$dest"
      cp "$src/dist/leaflet.markercluster.js" "$src/dist/MarkerCluster.css" "$src/dist/MarkerCluster.Default.css" "$dest/"
      cp "$src/MIT-LICENCE.txt" "$dest/LICENCE.txt"
      sed -i '/^\/\/# sourceMappingURL=/d' "$dest/leaflet.markercluster.js"
      note "$dest" "$name" "$version" "MIT" "leaflet.markercluster.js MarkerCluster.css MarkerCluster.Default.css"
      ;;
    lucide-static)
      dest="$VENDOR/lucide"
      rm -rf "$dest" && mkdir -p "$dest/icons"
      for icon in "${LUCIDE_ICONS[@]}"; do cp "$src/icons/$icon.svg" "$dest/icons/"; done
      cp "$src/LICENSE" "$dest/LICENSE"
      note "$dest" "$name" "$version" "ISC (a few icons MIT, from Feather)" "icons/ (the ones in LUCIDE_ICONS of scripts/vendor.sh; app/core/icons.py draws them inline, pages never load them)"
      ;;
  esac
  echo "vendored $name@$version"
done

# Rebuild the one stylesheet from the vendored Utrecht components and Wijkplein's own CSS.
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY=python3
"$PY" scripts/build_css.py
