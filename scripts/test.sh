#!/usr/bin/env bash
# The README's test command: installs what the suite needs on a fresh machine, then runs lint,
# build, type check and every test. Long checks (full-data training, benchmarks) are not here:
# see `pnpm bench` and `bash scripts/quickstart.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_pnpm
ensure_fashion_mnist
# The audio package's dataset tests render a few words with espeak-ng.
ensure_apt_package espeak-ng espeak-ng
# The comparison report and the embedding server's search page are checked in headless Chromium.
ensure_apt_package chromium chromium
pnpm install --frozen-lockfile
pnpm test
