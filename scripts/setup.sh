#!/usr/bin/env bash
# Installs everything Quiver needs to build and test on Debian 12, then creates the
# Python venv with the third-party test clients. Idempotent: when everything is already
# present it only checks and returns in about a second.
#
#   scripts/setup.sh            # Debian packages + .venv
#   scripts/setup.sh --no-venv  # Debian packages only (enough to build and run the server)
set -euo pipefail
cd "$(dirname "$0")/.."

want_venv=1
[[ "${1:-}" == "--no-venv" ]] && want_venv=0

# Debian packages Quiver's build, tests and benchmarks actually use. Keep this list in
# step with CMakeLists.txt (see ../shared/reference/toolchain.md for why each is here).
packages=(
  cmake ninja-build g++ pkg-config ccache
  libboost1.81-dev            # Asio/Beast (header-only)
  libflatbuffers-dev flatbuffers-compiler flatbuffers-compiler-dev   # Arrow IPC metadata
  libfmt-dev libcli11-dev zlib1g-dev libssl-dev
  libzstd-dev libsnappy-dev liblz4-dev libre2-dev libxxhash-dev
  libpg-query-dev libprotobuf-c-dev
  libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc
  libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-tidy-16 clang-format-16
  clang-16 libclang-rt-16-dev   # libFuzzer (fuzz/, -DQUIVER_BUILD_FUZZ=ON)
  python3-venv curl influxdb
)

missing=()
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | awk '$NF=="installed"{print $1}' || true)
for p in "${packages[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The influxdb package may start a service on some systems; tests start their own.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet influxdb 2>/dev/null; then
    $SUDO systemctl disable --now influxdb || true
  fi
fi

((want_venv)) || exit 0

# The venv uses Debian's python3 so it does not depend on whatever pyenv is first on PATH.
venv=.venv
requirements=tests/integration/requirements.txt
stamp=$venv/.requirements.sha256
sum=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ ! -x $venv/bin/python || ! -f $stamp || $(cat "$stamp") != "$sum" ]]; then
  echo "setup: creating Python venv in $venv"
  [[ -x $venv/bin/python ]] || /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r "$requirements"
  echo "$sum" >"$stamp"
fi
