#!/usr/bin/env bash
# Builds Quiver (release) and runs `quiver serve` with defaults: HTTP on 127.0.0.1:8181,
# data under ./quiver-data. Extra arguments are passed to `quiver serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-venv
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/quiver serve --data-dir "${QUIVER_DATA_DIR:-$PWD/quiver-data}" "$@"
