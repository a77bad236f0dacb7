#!/usr/bin/env bash
# Installs the TensorFlow 2.18.0 C library (headers + shared libraries) under
# one prefix, so that graft (github.com/wamuir/graft v0.10.0) builds and links.
#
#   scripts/install-libtensorflow.sh            install (idempotent), print the prefix
#   LIBTENSORFLOW_DIR=/opt/tf scripts/...       use or fill that prefix instead
#   TF_VARIANT=gpu scripts/...                  the CUDA build and its CUDA runtime,
#                                               under a prefix of its own (...-gpu)
#   HW1_WHEEL_CACHE=DIR scripts/...             keep downloaded wheels in DIR
#                                               (default: the cache folder's wheels/)
#
# Sources, in order:
#   1. an existing install under the prefix (LIBTENSORFLOW_DIR or the default
#      cache folder) that already holds include/tensorflow/c/c_api.h and
#      lib/libtensorflow.so;
#   2. wheels from PyPI (pip download, every file sha256-pinned):
#      cpu: tensorflow-cpu==2.18.0; only libtensorflow_cc.so.2,
#           libtensorflow_framework.so.2 and the C headers are unpacked;
#      gpu: tensorflow==2.18.0 (a CUDA build of the same two libraries) and
#           the CUDA 12.5 / cuDNN 9.3 runtime of its and-cuda extra (the
#           nvidia-*-cu12 wheels, pinned as tensorflow pins them), unpacked to
#           PREFIX/nvidia/<package>/lib. The libraries' own RUNPATH
#           ($ORIGIN/../nvidia/<package>/lib) finds them there: no
#           LD_LIBRARY_PATH entry is needed for CUDA. PREFIX/BUILD_INFO
#           records the build's CUDA and cuDNN versions for hw1 doctor;
#   3. the official libtensorflow-{cpu,gpu}-linux-x86_64-2.18.0.tar.gz archive.
set -euo pipefail

TF_VERSION=2.18.0
VARIANT=${TF_VARIANT:-cpu}
case "$VARIANT" in
  cpu|gpu) ;;
  *) echo "install-libtensorflow: TF_VARIANT=$VARIANT: must be cpu or gpu" >&2; exit 2 ;;
esac
WHEEL_PLATFORM=manylinux_2_17_x86_64.manylinux2014_x86_64
# file sha256, of the wheels of each variant.
CPU_WHEELS="
tensorflow_cpu-2.18.0-cp311-cp311-${WHEEL_PLATFORM}.whl 089e71746960ea581dca53401f84b3b99c8537313e337a9e5dbf97036a936f7e
"
GPU_WHEELS="
tensorflow-2.18.0-cp311-cp311-${WHEEL_PLATFORM}.whl 70b8dd70fa3600bfce66ab529eebb804e1f9d7c863d2f71bc8fe9fc7a1ec3976
nvidia_cublas_cu12-12.5.3.2-py3-none-manylinux2014_x86_64.whl ca070ad70e9fa6654084575d01bd001f30cc4665e33d4bb9fc8e0f321caa034b
nvidia_cuda_cupti_cu12-12.5.82-py3-none-manylinux2014_x86_64.whl bde77a5feb66752ec61db2adfe47f56b941842825b4c7e2068aff27c9d107953
nvidia_cuda_nvcc_cu12-12.5.82-py3-none-manylinux2014_x86_64.whl b03e545b8e8c3ce7ebcd7fc44063180ff52ff01d064ece2127ed90a04ef12cd0
nvidia_cuda_nvrtc_cu12-12.5.82-py3-none-manylinux2014_x86_64.whl 3dbd97b0104b4bfbc3c4f8c79cd2496307c89c43c29a9f83125f1d76296ff3fd
nvidia_cuda_runtime_cu12-12.5.82-py3-none-manylinux2014_x86_64.whl 3e79a060e126df40fd3a068f3f787eb000fa51b251ec6cd97d09579632687115
nvidia_cudnn_cu12-9.3.0.75-py3-none-manylinux2014_x86_64.whl 9ad9c6929ebb5295eb4a1728024666d1c88283373e265a0c5c883e6f9d5cd76d
nvidia_cufft_cu12-11.2.3.61-py3-none-manylinux2014_x86_64.whl 9a6e8df162585750f61983a638104a48c756aa13f9f48e19ab079b38e3c828b8
nvidia_curand_cu12-10.3.6.82-py3-none-manylinux2014_x86_64.whl 2823fb27de4e44dbb22394a6adf53aa6e1b013aca0f8c22867d1cfae58405536
nvidia_cusolver_cu12-11.6.3.83-py3-none-manylinux2014_x86_64.whl 93cfafacde4428b71778eeb092ec615a02a3d05404da1bcf91c53e3fa1bce42b
nvidia_cusparse_cu12-12.5.1.3-py3-none-manylinux2014_x86_64.whl 016df8e993c437e8301e62739f01775cba988fd5253cd4c64173f8e8d2f8e752
nvidia_nccl_cu12-2.21.5-py3-none-manylinux2014_x86_64.whl 8579076d30a8c24988834445f8d633c697d42397e92ffc3f63fa26766d25e0a0
nvidia_nvjitlink_cu12-12.5.82-py3-none-manylinux2014_x86_64.whl f9b37bc5c8cf7509665cb6ada5aaa0ce65618f2332b7d3e78e9790511f111212
"
ARCHIVE_URL="https://storage.googleapis.com/tensorflow/versions/${TF_VERSION}/libtensorflow-${VARIANT}-linux-x86_64.tar.gz"

cache=${XDG_CACHE_HOME:-$HOME/.cache}/hw1
default_prefix=$cache/libtensorflow-${TF_VERSION}
[ "$VARIANT" = gpu ] && default_prefix=$default_prefix-gpu
prefix=${LIBTENSORFLOW_DIR:-$default_prefix}
wheel_cache=${HW1_WHEEL_CACHE:-$cache/wheels}

log() { echo "install-libtensorflow: $*" >&2; }

installed() {
  [ -f "$prefix/include/tensorflow/c/c_api.h" ] && [ -e "$prefix/lib/libtensorflow.so" ] &&
    { [ "$VARIANT" = cpu ] || grep -qs '^variant=gpu' "$prefix/BUILD_INFO" || grep -qs 'gpu' "$prefix/VERSION"; }
}

# variant_of PREFIX: the variant installed there (gpu, cpu), or nothing.
variant_of() {
  [ -f "$1/include/tensorflow/c/c_api.h" ] || return 0
  if grep -qs '^variant=gpu' "$1/BUILD_INFO" || grep -qsE 'gpu|CUDA' "$1/VERSION"; then echo gpu; else echo cpu; fi
}

have=$(variant_of "$prefix")
if [ -n "$have" ] && [ "$have" != "$VARIANT" ]; then
  log "$prefix holds the $have build, not the $VARIANT build asked for (TF_VARIANT=$VARIANT);"
  log "unset LIBTENSORFLOW_DIR to use the $VARIANT build's own prefix ($default_prefix), or point it elsewhere"
  exit 2
fi

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

# download_wheels LIST: the pinned wheels of LIST ("file sha256" lines) into
# the wheel cache; a file already there is used when its sha256 matches.
download_wheels() {
  local list=$1 file sum name version rest pip
  pip=$(command -v pip3 || command -v pip || true)
  if [ -z "$pip" ] && command -v python3 >/dev/null; then pip="python3 -m pip"; fi
  [ -n "$pip" ] || { log "no pip found"; return 1; }
  : > "$work/req.txt"
  while read -r file sum; do
    [ -n "$file" ] || continue
    IFS=- read -r name version rest <<< "$file"
    printf '%s==%s --hash=sha256:%s\n' "$name" "$version" "$sum" >> "$work/req.txt"
  done <<< "$list"
  mkdir -p "$wheel_cache"
  log "downloading $(grep -c . "$work/req.txt") pinned wheel(s) into $wheel_cache with pip (cpu: 230 MB; gpu: 2.4 GB)"
  # The platform and Python tags pin one wheel file, whatever Python runs pip.
  $pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
    -d "$wheel_cache" -r "$work/req.txt" >&2 || return 1
  while read -r file sum; do
    [ -n "$file" ] || continue
    [ "$(sha256sum "$wheel_cache/$file" | cut -d' ' -f1)" = "$sum" ] \
      || { log "$wheel_cache/$file: wrong sha256 (delete it and rerun)"; return 1; }
  done <<< "$list"
}

# from_wheels: the C library (and, for gpu, the CUDA runtime) from PyPI's wheels.
from_wheels() {
  local list=$CPU_WHEELS
  [ "$VARIANT" = gpu ] && list=$GPU_WHEELS
  download_wheels "$list" || return 1
  log "unpacking the C library from the wheels"
  # shellcheck disable=SC2046
  python3 - "$stage" "$VARIANT" $(awk 'NF {print $1}' <<< "$list" | sed "s|^|$wheel_cache/|") <<'PY' || return 1
import ast, os, shutil, sys, zipfile
stage, variant, wheels = sys.argv[1], sys.argv[2], sys.argv[3:]
info = {"variant": variant}
def put(z, member, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with z.open(member) as src, open(dst, "wb") as out:
        shutil.copyfileobj(src, out)
    mode = (member.external_attr >> 16) & 0o777
    os.chmod(dst, mode or 0o644)
for whl in wheels:
    base = os.path.basename(whl)
    name, version = base.split("-")[:2]
    with zipfile.ZipFile(whl) as z:
        for m in z.infolist():
            n = m.filename
            if n.endswith("/"):
                continue
            if n in ("tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"):
                put(z, m, os.path.join(stage, "lib", os.path.basename(n)))
            elif n.startswith("tensorflow/include/"):
                put(z, m, os.path.join(stage, "include", n[len("tensorflow/include/"):]))
            elif n == "tensorflow/python/platform/build_info.py":
                src = z.read(m).decode()
                expr = src[src.index("collections.OrderedDict(") + len("collections.OrderedDict("):src.rindex(")")]
                for k, v in ast.literal_eval(expr):
                    if k in ("is_cuda_build", "cuda_version", "cudnn_version", "cuda_compute_capabilities"):
                        info[k] = ",".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else str(v)
            elif n.startswith("nvidia/") and "/include/" not in n:
                put(z, m, os.path.join(stage, n))
    info["wheel " + name] = version
with open(os.path.join(stage, "BUILD_INFO"), "w") as f:
    for k, v in info.items():
        f.write(f"{k}={v}\n")
PY
  ln -sf libtensorflow_cc.so.2 "$stage/lib/libtensorflow.so.2"
  ln -sf libtensorflow.so.2 "$stage/lib/libtensorflow.so"
  ln -sf libtensorflow_framework.so.2 "$stage/lib/libtensorflow_framework.so"
  if [ "$VARIANT" = gpu ]; then
    # cuDNN's runtime-compiled engines look for NVRTC at ../../nvrtc/lib
    # (their RUNPATH); the wheel puts it under cuda_nvrtc.
    ln -sfn cuda_nvrtc "$stage/nvidia/nvrtc"
    echo "${TF_VERSION} (tensorflow wheel, CUDA $(sed -n 's/^cuda_version=//p' "$stage/BUILD_INFO"), cuDNN $(sed -n 's/^wheel nvidia_cudnn_cu12=//p' "$stage/BUILD_INFO"))" > "$stage/VERSION"
  else
    echo "${TF_VERSION} (tensorflow-cpu wheel)" > "$stage/VERSION"
  fi
}

from_archive() {
  command -v curl >/dev/null || { log "no curl found"; return 1; }
  log "downloading $ARCHIVE_URL"
  curl -fsSL --retry 2 --connect-timeout 20 -o "$work/libtf.tar.gz" "$ARCHIVE_URL" || return 1
  tar -C "$stage" -xzf "$work/libtf.tar.gz" || return 1
  echo "${TF_VERSION} (libtensorflow-${VARIANT} archive)" > "$stage/VERSION"
}

sources="from_wheels from_archive"
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
