#!/usr/bin/env bash
# The GPU check, for whoever has an NVIDIA GPU (driver for CUDA 12.x): one
# command, a few minutes, and a summary to paste into an issue.
#
#   scripts/gpu-check.sh [OUT]     from a clone (`make gpu-check`): installs the
#                                  GPU build (TF_VARIANT=gpu) and builds bin/hw1-gpu
#   HW1=hw1 scripts/gpu-check.sh   with a binary built against the GPU build, e.g.
#                                  in the GPU image (it holds this script):
#     docker run --rm --gpus all -v "$PWD/out:/results" --entrypoint gpu-check.sh hw1-gpu
#
# Steps, each logged under OUT (default results-gpu-check; /results/gpu-check
# in the image):
#   1. hw1 doctor: the build, the driver and the GPUs; stops (exit 2) when
#      no GPU is usable, with doctor's reason.
#   2. the smoke suite on the GPU (--device gpu), twice: TensorFlow's
#      deterministic ops promise identical tables for the same seed.
#   3. the smoke suite on the CPU (--device cpu, same binary; on the CPU the
#      GPU build's tables are the CPU build's, as `make gpu-on-cpu` checks).
#   4. the GPU tables against the CPU's with hw1 compare, numbers equal when
#      |a-b| <= GPU_CHECK_ABS + GPU_CHECK_REL*max(|a|,|b|) (default 1e-4 and
#      1e-2): GPU kernels sum in another order, so the tables differ at
#      float32 round-off, which training amplifies; beyond the tolerance is
#      worth an issue. (The tolerance is a first guess, to be set from the
#      first GPU checks.)
#   5. steps/s of the CNN (cnn) and of the small MLP (mlp571) on the GPU
#      beside the CPU (hw1 bench).
#   6. OUT/summary.md: all of the above in a few lines.
# Exit 0 when the GPU was used, both GPU runs agree and the tables are within
# the tolerance; 1 otherwise; 2 without a usable GPU.
#
# GPU_CHECK_DEVICE=cpu rehearses every step on a machine without a GPU: the
# "GPU" runs and benchmarks then use the CPU, and doctor's GPU is not
# required.
set -euo pipefail

log() { echo "gpu-check: $*" >&2; }

rel=${GPU_CHECK_REL:-1e-2}
abs=${GPU_CHECK_ABS:-1e-4}
device=${GPU_CHECK_DEVICE:-gpu}
case "$device" in gpu|cpu) ;; *) log "GPU_CHECK_DEVICE=$device: must be gpu or cpu"; exit 2 ;; esac
# In the image: hw1 on the PATH and no sources beside this script.
if [ -z "${HW1:-}" ] && [ ! -f "$(dirname "$0")/../go.mod" ] && command -v hw1 >/dev/null; then
  HW1=hw1
fi
if [ -n "${HW1:-}" ]; then
  hw1=$HW1
  out=${1:-${OUT:-results-gpu-check}}
else
  cd "$(dirname "$0")/.."
  out=${1:-results-gpu-check}
  # The GPU build from its own prefix, found by the binary's RUNPATH (make
  # exports LD_LIBRARY_PATH to the CPU build's).
  unset LD_LIBRARY_PATH CGO_CFLAGS CGO_LDFLAGS
  gpu_env=(env TF_VARIANT=gpu LIBTENSORFLOW_DIR="${GPU_LIBTENSORFLOW_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hw1/libtensorflow-2.18.0-gpu}")
  "${gpu_env[@]}" scripts/install-libtensorflow.sh >/dev/null
  mkdir -p bin
  (eval "$("${gpu_env[@]}" scripts/tfenv)" && go build -o bin/hw1-gpu ./cmd/hw1)
  scripts/data.sh
  hw1=bin/hw1-gpu
fi
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start ))s"; }

log "1/5 doctor"
# The CUDA build prints registration errors as it loads, before hw1 runs:
# they go to doctor-stderr.txt.
"$hw1" doctor >"$out/doctor.txt" 2>"$out/doctor-stderr.txt" || true
cat "$out/doctor.txt"
if [ "$device" = gpu ] && ! grep -q '^gpu          [0-9].*TensorFlow GPU:' "$out/doctor.txt"; then
  log "no usable GPU: $(sed -n 's/^gpu          none: //p' "$out/doctor.txt")"
  exit 2
fi

suite() { # suite NAME DEVICE
  log "smoke suite on $2 ($1)"
  local t0
  t0=$(date +%s)
  if ! "$hw1" run all --profile smoke --device "$2" --out "$out/$1" --quiet >"$out/$1.log" 2>&1; then
    tail -20 "$out/$1.log" >&2
    echo "FAIL: the smoke suite on $2 ($1) failed; see $1.log" >>"$out/failures"
  fi
  echo "$(( $(date +%s) - t0 ))s" >"$out/$1.seconds"
}
log "2/5 the smoke suite on the GPU, twice"
suite gpu "$device"
suite gpu-again "$device"
log "3/5 the smoke suite on the CPU"
suite cpu cpu

log "4/5 tables: GPU twice, GPU against CPU"
"$hw1" compare --rel 0 --abs 0 "$out/gpu" "$out/gpu-again" >"$out/compare-gpu-twice.txt" 2>&1 \
  || echo "FAIL: two GPU runs of the same seed differ (deterministic ops promise otherwise); see compare-gpu-twice.txt" >>"$out/failures"
"$hw1" compare --rel "$rel" --abs "$abs" "$out/cpu" "$out/gpu" >"$out/compare-gpu-cpu.txt" 2>&1 \
  || echo "FAIL: GPU tables or findings differ from the CPU's beyond abs $abs + rel $rel; see compare-gpu-cpu.txt" >>"$out/failures"
devices=$(grep -h '"device":' "$out"/gpu/*/manifest.json 2>/dev/null | sed 's/.*"device": *"\(.*\)".*/\1/' | sort -u)
want=GPU
[ "$device" = cpu ] && want=CPU
case "$devices" in
  "$want"*) ;;
  *) echo "FAIL: the GPU run's manifests name '$devices', not the $want" >>"$out/failures" ;;
esac

log "5/5 steps/s on the GPU and the CPU"
: >"$out/bench.txt"
for c in cnn mlp571; do
  for d in "$device" cpu; do
    "$hw1" bench --case "$c" --device "$d" 2>>"$out/bench-stderr.txt" | grep '^RESULT' >>"$out/bench.txt" \
      || echo "FAIL: hw1 bench --case $c --device $d failed; see bench-stderr.txt" >>"$out/failures"
  done
done

verdict=PASS
[ -s "$out/failures" ] && verdict=FAIL
{
  rehearsal=
  [ "$device" = cpu ] && rehearsal=" (rehearsal on the CPU: GPU_CHECK_DEVICE=cpu)"
  echo "### hw1 GPU check: $verdict$rehearsal ($(elapsed), $(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo '```'
  "$hw1" --version 2>/dev/null || true
  grep -E '^(TensorFlow|cpu|oneDNN ISA|threads|build|driver|gpu|placement) ' "$out/doctor.txt"
  echo "device (manifests): $devices"
  echo "smoke suite: gpu $(cat "$out/gpu.seconds"), gpu again $(cat "$out/gpu-again.seconds"), cpu $(cat "$out/cpu.seconds")"
  echo "gpu twice, byte for byte: $(tail -1 "$out/compare-gpu-twice.txt")"
  echo "gpu vs cpu, abs $abs + rel $rel: $(tail -1 "$out/compare-gpu-cpu.txt")"
  grep -E '^[a-z-]+ +differs' "$out/compare-gpu-cpu.txt" || true
  awk '{printf "bench %-8s %-4s %10s %s\n", $2, substr($NF, 8), $3, $4}' "$out/bench.txt"
  [ -s "$out/failures" ] && cat "$out/failures"
  echo '```'
} >"$out/summary.md"
cat "$out/summary.md"
[ "$verdict" = PASS ]
