#!/usr/bin/env bash
# Installs the TensorFlow 2.18.0 C library (headers + shared libraries) under
# one prefix, so that graft (github.com/wamuir/graft v0.10.0) builds and links.
#
#   scripts/install-libtensorflow.sh            install (idempotent), print the prefix
#   LIBTENSORFLOW_DIR=/opt/tf scripts/...       use or fill that prefix instead
#   TF_VARIANT=gpu scripts/...                  prefer the official GPU archive
#
# Sources, in order:
#   1. an existing install under the prefix (LIBTENSORFLOW_DIR or the default
#      cache folder) that already holds include/tensorflow/c/c_api.h and
#      lib/libtensorflow.so;
#   2. the tensorflow-cpu==2.18.0 wheel from PyPI (pip download, sha256 pinned);
#      only libtensorflow_cc.so.2, libtensorflow_framework.so.2 and the C
#      headers are unpacked;
#   3. the official libtensorflow-{cpu,gpu}-linux-x86_64-2.18.0.tar.gz archive.
set -euo pipefail

TF_VERSION=2.18.0
WHEEL=tensorflow_cpu-2.18.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
WHEEL_SHA256=089e71746960ea581dca53401f84b3b99c8537313e337a9e5dbf97036a936f7e
VARIANT=${TF_VARIANT:-cpu}
ARCHIVE_URL="https://storage.googleapis.com/tensorflow/versions/${TF_VERSION}/libtensorflow-${VARIANT}-linux-x86_64.tar.gz"

prefix=${LIBTENSORFLOW_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hw1/libtensorflow-${TF_VERSION}}

log() { echo "install-libtensorflow: $*" >&2; }

installed() {
  [ -f "$prefix/include/tensorflow/c/c_api.h" ] && [ -e "$prefix/lib/libtensorflow.so" ]
}

if installed; then
  log "TensorFlow C library already at $prefix ($(cat "$prefix/VERSION" 2>/dev/null || echo 'version unknown'))"
  echo "$prefix"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) log "only Linux x86-64 is supported by these sources (this is $(uname -s)-$(uname -m));"
     log "install TensorFlow ${TF_VERSION}'s C library yourself and set LIBTENSORFLOW_DIR to its prefix"
     exit 1 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/stage"
mkdir -p "$stage/lib" "$stage/include"

from_wheel() {
  local pip
  pip=$(command -v pip3 || command -v pip || true)
  if [ -z "$pip" ] && command -v python3 >/dev/null; then pip="python3 -m pip"; fi
  [ -n "$pip" ] || { log "no pip found"; return 1; }
  printf 'tensorflow-cpu==%s --hash=sha256:%s\n' "$TF_VERSION" "$WHEEL_SHA256" > "$work/req.txt"
  log "downloading the tensorflow-cpu==${TF_VERSION} wheel (230 MB) with pip"
  # The platform and Python tags pin one wheel file, whatever Python runs pip.
  $pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
    -d "$work/wheel" -r "$work/req.txt" >&2 || return 1
  log "unpacking the C library from the wheel"
  python3 - "$work/wheel/$WHEEL" "$stage" <<'PY' || return 1
import sys, zipfile, os, shutil
whl, stage = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(whl) as z:
    for name in z.namelist():
        if name in ("tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"):
            dst = os.path.join(stage, "lib", os.path.basename(name))
        elif name.startswith("tensorflow/include/") and not name.endswith("/"):
            dst = os.path.join(stage, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with z.open(name) as src, open(dst, "wb") as out:
            shutil.copyfileobj(src, out)
PY
  ln -sf libtensorflow_cc.so.2 "$stage/lib/libtensorflow.so.2"
  ln -sf libtensorflow.so.2 "$stage/lib/libtensorflow.so"
  ln -sf libtensorflow_framework.so.2 "$stage/lib/libtensorflow_framework.so"
  echo "${TF_VERSION} (tensorflow-cpu wheel)" > "$stage/VERSION"
}

from_archive() {
  command -v curl >/dev/null || { log "no curl found"; return 1; }
  log "downloading $ARCHIVE_URL"
  curl -fsSL --retry 2 --connect-timeout 20 -o "$work/libtf.tar.gz" "$ARCHIVE_URL" || return 1
  tar -C "$stage" -xzf "$work/libtf.tar.gz" || return 1
  echo "${TF_VERSION} (libtensorflow-${VARIANT} archive)" > "$stage/VERSION"
}

if [ "$VARIANT" = gpu ]; then
  sources="from_archive"
else
  sources="from_wheel from_archive"
fi
ok=
for s in $sources; do
  if $s; then ok=1; break; fi
  log "source ${s#from_} failed; trying the next one"
  rm -rf "$stage"; mkdir -p "$stage/lib" "$stage/include"
done

if [ -z "$ok" ]; then
  cat >&2 <<MSG
install-libtensorflow: no source worked; TensorFlow ${TF_VERSION}'s C library is not installed.
What to do, any one of:
  - make PyPI reachable to pip (pip download tensorflow-cpu==${TF_VERSION} must work), then rerun;
  - download libtensorflow-cpu-linux-x86_64.tar.gz for ${TF_VERSION} yourself, unpack it into a
    folder (it holds include/ and lib/), and set LIBTENSORFLOW_DIR=that-folder;
  - on a GPU machine, use the project's Docker image (see README.md).
MSG
  exit 1
fi

mkdir -p "$(dirname "$prefix")"
rm -rf "$prefix.tmp"
mv "$stage" "$prefix.tmp"
rm -rf "$prefix"
mv "$prefix.tmp" "$prefix"
log "installed TensorFlow $(cat "$prefix/VERSION") at $prefix ($(du -sh "$prefix" | cut -f1))"
echo "$prefix"
