#!/usr/bin/env bash
# Makes sure the Debian packages that sgdmc's tests and plotting need are installed:
#   python3-h5py       h5py for /usr/bin/python3 (an independent HDF5 reader for the tests); it brings the
#                      HDF5 C library (libhdf5-103-1 on Debian 12, libhdf5-310 on 13) that sgdmc's native
#                      writer (the default where it loads) and `sweep --live` call through java.lang.foreign
#   python3-matplotlib plotting
#   hdf5-tools         h5dump, the HDF5 Group's reference reader
#   slurm-wlm, munge   a one-node Slurm for the sharded-run test (scripts/slurm/local-cluster)
# Idempotent and non-interactive; prints nothing when everything is already there.
# Note: these go to Debian's /usr/bin/python3, not to any pyenv/venv python3 on PATH.
set -euo pipefail

packages=(python3-h5py python3-matplotlib hdf5-tools slurm-wlm munge)

missing=()
for p in "${packages[@]}"; do
  # dpkg -s also lists removed-but-configured packages, so check the status line itself.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-deps.sh: missing ${missing[*]}; run this script as root or install sudo" >&2
  exit 1
fi

# apt chatters on stderr even with -qq (e.g. debconf notes); keep it in a log shown only on failure.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { "${sudo[@]}" apt-get update -qq &&
       "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps.sh: failed to install ${missing[*]}" >&2
  exit 1
fi
