#!/usr/bin/env bash
# Side-by-side comparison of opshape with PyTorch (float64, one thread, same machine, same run).
# Usage: bench/pytorch/run.sh [--quick] [--no-jmh] [--out DIR]   (from anywhere; extra arguments go to compare.py)
# Needs Debian's PyTorch: apt-get install -y python3-torch  (it installs for /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in /usr/bin/python3 python3; do
    if "$candidate" -c 'import torch' 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
fi
if [[ -z "$python" ]]; then
  echo "no Python with torch found; install it with: apt-get install -y python3-torch (or set PYTHON=...)" >&2
  exit 2
fi

if [[ ! -f bench/target/benchmarks.jar || -n "${REBUILD:-}" ]]; then
  mvn -B -q -pl games,shaping,bench -am package -DskipTests
fi

echo "uptime: $(uptime)"
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$python" bench/pytorch/compare.py "$@"
echo "uptime: $(uptime)"
