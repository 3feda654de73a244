#!/usr/bin/env bash
# Installs the Debian packages loopix-sim needs to build, test and plot, only those missing.
set -euo pipefail
packages=(cmake make g++ libboost-dev libeigen3-dev nlohmann-json3-dev catch2 libssl-dev
          libcli11-dev gnuplot-nox libopenmpi-dev openmpi-bin clang-14 libclang-rt-14-dev help2man
          python3 python3-dev python3-numpy python3-pandas python3-pytest pybind11-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
