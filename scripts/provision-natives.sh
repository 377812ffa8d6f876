#!/usr/bin/env bash
# Installs the native libraries the encrypting backends build against, from package registries only,
# into a per-user cache (a second run finds them and returns at once).
#
# Usage:   eval "$(scripts/provision-natives.sh)"
#
# stdout carries only `export NAME=value` lines for the caller to eval; progress and problems go to
# stderr. When a library cannot be installed (offline, unsupported platform) the script says why and
# still exits 0 without the export, so that Java-only builds keep working; the affected backend then
# skips its native build and reports what to install.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$here/natives/openfhe.sh"
