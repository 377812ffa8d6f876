#!/usr/bin/env bash
# The project's test command: make native libraries available (when the provisioning script exists),
# then build every module and run all tests. Extra arguments go to Maven (e.g. -pl api -am).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# --- native provisioning hook (see scripts/lib/native-env.sh); a failure here fails the tests -------
# shellcheck source=lib/native-env.sh
. "$ROOT/scripts/lib/native-env.sh"
hestyle_provision_natives "$ROOT"
# ------------------------------------------------------------------------------------------------------

cd "$ROOT"
exec mvn -B verify "$@"
