#!/usr/bin/env bash
# Prepare this machine to run the dashboard (`app`) or its test suite (`test`).
#
#   bash scripts/setup.sh app    Debian libraries for WeasyPrint (PDF briefs), .venv with requirements.txt
#   bash scripts/setup.sh test   the above plus chromium, postgresql, poppler-utils and npm,
#                                .venv with requirements-dev.txt (pytest, playwright), and
#                                axe-core from npm (package.json) for the accessibility test
#
# Idempotent and fast when everything is in place: Debian packages are checked with dpkg first
# (apt-get update runs only when something must be installed), and pip runs only when the
# requirements files changed since the last install (a stamp file inside .venv records their hash).
set -euo pipefail

usage() { echo "usage: bash scripts/setup.sh app|test" >&2; exit 2; }
[ $# -eq 1 ] || usage
MODE=$1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { echo "setup.sh: $*" >&2; }

# WeasyPrint 70 loads gobject, pango, pangoft2, harfbuzz, fontconfig and (optionally, with a
# warning when missing) harfbuzz-subset through ctypes; libpango pulls in the rest.
APP_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1)
# Browser tests drive Debian's chromium (Playwright cannot download browsers here); the data
# tests also run on a throwaway PostgreSQL cluster; PDF tests read text back with pdftotext.
# fonts-thai-tlwg and fonts-noto-color-emoji stand in for the Thai and emoji fonts every user's
# system has, so screenshots show Thai text outside Sarabun and emoji icons (the font test still
# checks that the app itself serves and uses Sarabun). npm installs axe-core, which the
# accessibility test injects into every page from disk.
TEST_PACKAGES=(chromium fonts-thai-tlwg fonts-noto-color-emoji postgresql poppler-utils)

case "$MODE" in
    app)  packages=("${APP_PACKAGES[@]}"); requirements=(requirements.txt) ;;
    test) packages=("${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"); requirements=(requirements-dev.txt requirements.txt) ;;
    *)    usage ;;
esac

# npm (Debian's, unless a Node.js install already brings its own).
if [ "$MODE" = test ] && ! command -v npm >/dev/null 2>&1; then
    packages+=(npm)
fi

# python3 with a working venv module (Debian splits ensurepip into python3-venv).
if ! command -v python3 >/dev/null 2>&1; then
    packages+=(python3 python3-venv)
elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    packages+=(python3-venv)
fi

# --- Debian packages -------------------------------------------------------------------------
missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            log "missing Debian packages: ${missing[*]}; install them as root (sudo is not available)"
            exit 1
        fi
        SUDO=(sudo)
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- virtualenv ------------------------------------------------------------------------------
VENV=$ROOT/.venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    log "creating $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
fi

# Stamp = hash of the requirements files this mode installs. A test install covers the app's
# requirements too (requirements-dev.txt includes requirements.txt), so it writes both stamps.
stamp_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }
STAMP_FILE=$VENV/.requirements-$MODE.sha256
wanted=$(stamp_of "${requirements[@]}")
if [ "$(cat "$STAMP_FILE" 2>/dev/null || true)" != "$wanted" ]; then
    log "installing Python packages from ${requirements[0]}"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        -r "${requirements[0]}"
    echo "$wanted" > "$STAMP_FILE"
    if [ "$MODE" = test ]; then
        stamp_of requirements.txt > "$VENV/.requirements-app.sha256"
    fi
fi

# --- test tools from npm -----------------------------------------------------------------------
# axe-core, pinned in package.json / package-lock.json, under node_modules/ (git-ignored).
if [ "$MODE" = test ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
    log "installing axe-core from npm"
    npm ci --no-audit --no-fund --loglevel=error
fi

# --- fonts served by the app --------------------------------------------------------------------
# The browser asks for the Sarabun files (theme.fontFaces in .streamlit/config.toml) as soon as the
# page loads, before any script has run: copy them from fontpkg-sarabun into static/ now.
"$VENV/bin/python" -c 'from components.plumbing.static_files import ensure_static_fonts; ensure_static_fonts()'
