#!/usr/bin/env bash
# The README's test command: installs what the suite needs on a fresh machine, then runs lint,
# build, type check and every test. Long checks (full-data training, benchmarks) are not here:
# see `pnpm bench` and `bash scripts/quickstart.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_pnpm
ensure_fashion_mnist || echo "note: Fashion-MNIST is not installed; tests that need it will say so" >&2
pnpm install --frozen-lockfile
pnpm test
