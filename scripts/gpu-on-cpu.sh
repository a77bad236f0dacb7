#!/usr/bin/env bash
# The GPU build of TensorFlow checked on a machine without a GPU: builds
# bin/hw1-gpu against the CUDA build (TF_VARIANT=gpu, from PyPI's pinned
# wheels), checks that doctor names the build and why no GPU is used, runs
# every experiment at smoke on the CPU fallback (--device auto), and compares
# its tables with the CPU build's (bin/hw1) with hw1 compare: they must be
# identical, byte for byte (--rel 0 --abs 0).
#
#   scripts/gpu-on-cpu.sh [OUT]     (default: results-gpu-on-cpu; `make gpu-on-cpu`)
#
# Downloads 2.4 GB of wheels on its first run (kept in the wheel cache) and
# installs 4.1 GB under the GPU build's own prefix. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-results-gpu-on-cpu}

log() { echo "gpu-on-cpu: $*" >&2; }

# Each build from its own prefix: the binaries find theirs by their RUNPATH,
# which a LD_LIBRARY_PATH to the other build (make exports the CPU build's)
# would override. GPU_LIBTENSORFLOW_DIR picks the GPU build's prefix.
cpu_dir=${LIBTENSORFLOW_DIR:-}
unset LIBTENSORFLOW_DIR LD_LIBRARY_PATH CGO_CFLAGS CGO_LDFLAGS
cpu_env=(env ${cpu_dir:+LIBTENSORFLOW_DIR="$cpu_dir"})
gpu_env=(env TF_VARIANT=gpu ${GPU_LIBTENSORFLOW_DIR:+LIBTENSORFLOW_DIR="$GPU_LIBTENSORFLOW_DIR"})

"${cpu_env[@]}" scripts/install-libtensorflow.sh >/dev/null
"${gpu_env[@]}" scripts/install-libtensorflow.sh >/dev/null
mkdir -p bin
(eval "$("${cpu_env[@]}" scripts/tfenv)" && go build -o bin/hw1 ./cmd/hw1)
(eval "$("${gpu_env[@]}" scripts/tfenv)" && go build -o bin/hw1-gpu ./cmd/hw1)
rm -rf "$out"
mkdir -p "$out"

log "doctor of the GPU build"
# The registration errors the CUDA build prints as it loads, before hw1
# runs, go to doctor-stderr.txt (see README, "Docker and GPUs").
bin/hw1-gpu doctor >"$out/doctor.txt" 2>"$out/doctor-stderr.txt"
cat "$out/doctor.txt"
grep -q '^build        CUDA ' "$out/doctor.txt" || { log "doctor does not name a CUDA build"; exit 1; }
if grep -q '^gpu          none: ' "$out/doctor.txt"; then
  log "no usable GPU here, as expected: the runs below use the CPU fallback"
else
  log "this machine has a usable GPU: use scripts/gpu-check.sh instead"; exit 1
fi

for build in cpu gpu; do
  bin=bin/hw1; [ "$build" = gpu ] && bin=bin/hw1-gpu
  log "smoke suite with the $build build"
  start=$(date +%s)
  "$bin" run all --profile smoke --device auto --out "$out/$build-build" --quiet >"$out/$build-build.log" 2>&1 \
    || { tail -20 "$out/$build-build.log" >&2; log "the smoke suite failed with the $build build"; exit 1; }
  log "  $(( $(date +%s) - start ))s"
done
devices=$(grep -h '"device":' "$out"/gpu-build/*/manifest.json | tr -d ' ,' | sort -u)
[ "$devices" = '"device":"CPU"' ] || { log "the GPU build's manifests name devices other than the CPU: $devices"; exit 1; }

log "tables of the GPU build on the CPU against the CPU build's (must be identical)"
bin/hw1 compare --rel 0 --abs 0 "$out/cpu-build" "$out/gpu-build" | tee "$out/compare.txt"
