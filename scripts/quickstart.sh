#!/usr/bin/env bash
# The README's first command: on a fresh machine (Node 20 and npm), installs what is missing,
# trains a self-supervised encoder on the real Fashion-MNIST training set, indexes the test
# split, starts the embedding server and prints example requests. Extra arguments go to
# `manyviews quickstart` (see --help), e.g. `bash scripts/quickstart.sh --epochs 2 --port 0`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_pnpm
ensure_fashion_mnist
pnpm install --frozen-lockfile
pnpm run build
exec node packages/cli/dist/bin.js quickstart "$@"
