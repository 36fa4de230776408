# Shared set-up steps for scripts/*.sh: each one checks first and installs only what is missing.

PNPM_VERSION=10.34.9
FASHION_MNIST_DIR=${MANYVIEWS_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}

# pnpm, pinned: 11.x does not run on Node 20.
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then return 0; fi
  echo "installing pnpm $PNPM_VERSION with npm" >&2
  npm install --global --silent "pnpm@$PNPM_VERSION"
}

# A Debian package by name, when its command is missing and apt-get can install it.
ensure_apt_package() {
  local package=$1 command=$2
  if command -v "$command" >/dev/null 2>&1; then return 0; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing Debian's $package" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null && return 0
  fi
  echo "$package is not installed and could not be installed with apt-get; install it to run its tests" >&2
  return 1
}

# Debian's dataset-fashion-mnist, when the IDX files are missing and apt-get can install it.
ensure_fashion_mnist() {
  if [ -f "$FASHION_MNIST_DIR/train-images-idx3-ubyte.gz" ] || [ -f "$FASHION_MNIST_DIR/train-images-idx3-ubyte" ]; then
    return 0
  fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing Debian's dataset-fashion-mnist" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null; then
      return 0
    fi
  fi
  cat >&2 <<MSG
Fashion-MNIST was not found in $FASHION_MNIST_DIR and could not be installed with apt-get.
Get these four files (gzipped or not) from the Fashion-MNIST project:
  train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz
  t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz
and put them in $FASHION_MNIST_DIR, or in a folder named by MANYVIEWS_FASHION_MNIST.
MSG
  return 1
}
