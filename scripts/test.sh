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
# Two modules at a time: most tests wait on one core (a bootstrap, a plan), so two test JVMs fill a 2-core machine;
# more would need more memory than the OpenFHE and Spark tests leave (up to 10 GiB each).
exec mvn -B -T 2 verify "$@"
