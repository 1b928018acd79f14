#!/usr/bin/env bash
# Installs the system packages usagelens builds against (yajl, zstd, sqlite3) when they are missing, and
# Chromium, which the HTML report's test renders the page in (headless; the test skips without it).
# Uses apt-get as root or through passwordless sudo; otherwise says exactly what to install.
set -euo pipefail

# libcurl4-openssl-dev: the release build links Foundation statically (`make build`), and the static
# FoundationNetworking that usagelens-mcp links asks the linker for -lcurl.
packages=(libyajl-dev libzstd-dev zstd pkg-config libsqlite3-dev libxxhash-dev libcurl4-openssl-dev)
# Wanted, not needed: a machine that cannot install them still builds and tests (ReportPageTests skips).
# Only for the tests (`scripts/setup.sh --with-browser`, what `make test` runs): `make run` does not need it.
optional=()
[ "${1:-}" = "--with-browser" ] && optional=(chromium)

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: 'swift' is not on PATH. Install Swift 6.1 or newer from https://swift.org/install and retry." >&2
    exit 1
fi

if command -v dpkg >/dev/null 2>&1; then
    missing=()
    for p in "${packages[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    wanted=()
    for p in "${optional[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || command -v "$p" >/dev/null 2>&1 || wanted+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && [ ${#wanted[@]} -eq 0 ] && exit 0
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo"
    else
        if [ ${#missing[@]} -eq 0 ]; then
            echo "setup: ${wanted[*]} not installed: the HTML report's browser test will skip (sudo apt-get install -y ${wanted[*]})" >&2
            exit 0
        fi
        echo "setup: missing system packages: ${missing[*]}" >&2
        echo "setup: install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]} ${wanted[*]}" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]} ${wanted[*]}" >&2
    $sudo apt-get update -qq
    if [ ${#missing[@]} -gt 0 ]; then
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    if [ ${#wanted[@]} -gt 0 ]; then
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null \
            || echo "setup: could not install ${wanted[*]}: the HTML report's browser test will skip" >&2
    fi
    exit 0
fi

# Not Debian: check for the libraries themselves.
if pkg-config --exists yajl libzstd sqlite3 libxxhash 2>/dev/null && command -v zstd >/dev/null 2>&1; then
    exit 0
fi
echo "setup: yajl, zstd, xxhash and sqlite3 are needed. On macOS: brew install yajl zstd xxhash pkg-config (sqlite3 ships with macOS);" >&2
echo "setup: elsewhere install your distribution's yajl, zstd, xxhash and sqlite3 development packages." >&2
exit 1
