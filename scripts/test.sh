#!/usr/bin/env bash
# Builds Quiver and runs every test: unit tests (CTest), then integration tests (pytest)
# against the real `quiver` binary. Installs what it needs first (scripts/setup.sh).
#
#   scripts/test.sh                 # release build (what CI runs)
#   QUIVER_PRESET=debug scripts/test.sh   # the same with ASan + UBSan
#   scripts/test.sh -k write        # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${QUIVER_PRESET:-release}

scripts/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j "$(nproc)" --timeout 600
QUIVER_BINARY="$PWD/build/$preset/quiver" .venv/bin/python -m pytest -q tests/integration "$@"
