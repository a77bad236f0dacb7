#!/usr/bin/env bash
# Training throughput of hw1 and Keras side by side, on the same TensorFlow
# 2.18.0, same models, batch sizes, data and threads (see BENCHMARKS.md):
# Keras gets the intra-op threads hw1 trained on, which for a small dense
# model (mlp571) is one, whatever BENCH_THREADS says.
#
#   scripts/bench.sh            all cases, 3 repetitions, threads = nproc
#
# Prints one line per case:
#   BENCH <case> hw1=<per second> keras=<per second> ratio=<hw1/keras> unit=<unit>
# hw1=n/a when bin/hw1 has no `bench` command (or is not built).
#
# Environment knobs:
#   BENCH_REPS     timed repetitions per case, the median is reported (default 3)
#   BENCH_THREADS  intra-op threads asked of hw1 (default: nproc); Keras gets
#                  those hw1 reports it trained on
#   BENCH_CASES    space-separated cases (default: "cnn mlp571 mlp-random")
#   BENCH_STEPS    timed training steps per repetition for every case (default: per case)
#   BENCH_WARMUP   untimed training steps before timing (default 50)
#   BENCH_VENV     Python virtual environment for Keras
#                  (default: ${XDG_CACHE_HOME:-$HOME/.cache}/hw1/bench-venv)
#   BENCH_HW1      hw1 binary (default: bin/hw1)
#   PYTHON         interpreter that creates the venv (default: python3)
#   TF_ENABLE_ONEDNN_OPTS  oneDNN CPU kernels for both sides (default 1, hw1's
#                  default; TensorFlow's own default leaves them off on CPUs
#                  without AVX-512 VNNI/BF16/AMX, e.g. this project's machines)
set -euo pipefail
cd "$(dirname "$0")/.."

TF_VERSION=2.18.0
VENV=${BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/hw1/bench-venv}
REPS=${BENCH_REPS:-3}
THREADS=${BENCH_THREADS:-$(nproc)}
CASES=${BENCH_CASES:-cnn mlp571 mlp-random}
WARMUP=${BENCH_WARMUP:-50}
HW1=${BENCH_HW1:-bin/hw1}
PYTHON=${PYTHON:-python3}

die() { echo "bench: $*" >&2; exit 2; }

case "$REPS" in '' | *[!0-9]* | 0) die "BENCH_REPS must be a positive integer, got '$REPS'" ;; esac
case "$THREADS" in '' | *[!0-9]* | 0) die "BENCH_THREADS must be a positive integer, got '$THREADS'" ;; esac
case "$WARMUP" in '' | *[!0-9]* | 0) die "BENCH_WARMUP must be a positive integer, got '$WARMUP'" ;; esac
if [ -n "${BENCH_STEPS:-}" ]; then
  case "$BENCH_STEPS" in *[!0-9]* | 0) die "BENCH_STEPS must be a positive integer, got '$BENCH_STEPS'" ;; esac
fi

# Per-case batch size and timed training steps per repetition, sized so that a
# full run stays within a few minutes on 2 cores: cnn 100 x 64 = 6,400
# examples, mlp-random 100 x 128 = 12,800 examples (the 12,800 MNIST images
# both sides draw from), mlp571 500 steps over its 1,000 sinc points. Both sides
# first run WARMUP untimed steps.
batch_of() {
  case "$1" in
    cnn) echo 64 ;;
    mlp571 | mlp-random) echo 128 ;;
    *) die "unknown case '$1' (known: cnn mlp571 mlp-random)" ;;
  esac
}
steps_of() {
  if [ -n "${BENCH_STEPS:-}" ]; then echo "$BENCH_STEPS"; return; fi
  case "$1" in
    cnn | mlp-random) echo 100 ;;
    mlp571) echo 500 ;;
  esac
}
unit_of() {
  case "$1" in
    mlp571) echo steps/s ;;
    *) echo examples/s ;;
  esac
}
for c in $CASES; do batch_of "$c" >/dev/null; done

# The Keras environment: a venv outside the checkout holding tensorflow-cpu
# $TF_VERSION and numpy, created once.
venv_tf_version() {
  "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("tensorflow-cpu"))' 2>/dev/null || true
}
setup_venv() {
  if [ -x "$VENV/bin/python" ] && [ "$(venv_tf_version)" = "$TF_VERSION" ] &&
    "$VENV/bin/python" -c 'import numpy' 2>/dev/null; then
    return
  fi
  command -v "$PYTHON" >/dev/null || die "no $PYTHON: install Python 3.9-3.12 or set PYTHON"
  "$PYTHON" -c 'import sys; sys.exit(not ((3, 9) <= sys.version_info[:2] <= (3, 12)))' ||
    die "tensorflow-cpu $TF_VERSION needs Python 3.9-3.12, $PYTHON is $("$PYTHON" -V 2>&1); set PYTHON"
  echo "bench: creating $VENV with tensorflow-cpu==$TF_VERSION (downloads ~230 MB once)" >&2
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  "$VENV/bin/python" -m pip install --quiet "tensorflow-cpu==$TF_VERSION" numpy ||
    die "pip install tensorflow-cpu==$TF_VERSION numpy into $VENV failed"
  [ "$(venv_tf_version)" = "$TF_VERSION" ] || die "$VENV does not hold tensorflow-cpu $TF_VERSION"
}

median() { # median of the numbers on stdin, or n/a when there are none
  sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# hw1 runs with the TensorFlow C library that scripts/tfenv points at; that
# environment (LD_LIBRARY_PATH) is kept away from the Keras process, whose
# wheel ships its own copy of the TensorFlow runtime.
hw1_env=""
if [ -f scripts/tfenv ]; then hw1_env=$(scripts/tfenv 2>/dev/null || true); fi
run_hw1() { (eval "$hw1_env" && exec "$HW1" "$@"); }
hw1_has_bench() {
  [ -x "$HW1" ] || return 1
  run_hw1 bench --help >/dev/null 2>&1
}

setup_venv
have_hw1=0
if hw1_has_bench; then
  have_hw1=1
elif [ -x "$HW1" ]; then
  echo "bench: $HW1 has no 'bench' command (or does not start: try $HW1 doctor): hw1=n/a" >&2
else
  echo "bench: no $HW1 (make build): hw1=n/a" >&2
fi
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-1}
# hw1 turns TensorFlow's oneDNN kernels on unless told otherwise; Keras gets the
# same setting, or the comparison measures kernels rather than the frameworks.
export TF_ENABLE_ONEDNN_OPTS=${TF_ENABLE_ONEDNN_OPTS:-1}
# The Keras process runs without LD_LIBRARY_PATH: pointed at the TensorFlow C
# library (as `make` and scripts/tfenv do), it makes Python load that library
# instead of the wheel's own runtime.
keras_py() { env -u LD_LIBRARY_PATH "$VENV/bin/python" "$@"; }

# Tell which TensorFlow each side runs.
echo "bench: TF_ENABLE_ONEDNN_OPTS=$TF_ENABLE_ONEDNN_OPTS for both sides"
echo "bench: keras side: $(keras_py -c 'import tensorflow as tf; print("tensorflow", tf.__version__)' 2>/dev/null)"
echo "bench: threads=$THREADS reps=$REPS warmup=$WARMUP cases=\"$CASES\""

# Each run's standard output goes to $log, its standard error (TensorFlow's
# start-up logging) to $err, shown only when the run fails.
log=$(mktemp)
err=$(mktemp)
trap 'rm -f "$log" "$err"' EXIT
fail() { cat "$err" >&2; die "$@"; }
start=$SECONDS
for c in $CASES; do
  batch=$(batch_of "$c")
  steps=$(steps_of "$c")
  unit=$(unit_of "$c")

  hw1="n/a"
  hw1_params=""
  hw1_threads=""
  if [ "$have_hw1" = 1 ]; then
    : >"$log"
    for _ in $(seq "$REPS"); do
      run_hw1 bench --case "$c" --batch "$batch" --threads "$THREADS" --steps "$steps" --warmup "$WARMUP" >>"$log" 2>"$err" ||
        fail "$HW1 bench --case $c failed"
    done
    grep -E '^RESULT ' "$log" | sed 's/^/  hw1:   /' || true
    hw1=$(awk -v c="$c" '$1 == "RESULT" && $2 == c {print $3}' "$log" | median)
    hw1_params=$(grep -E "^RESULT $c " "$log" | grep -o 'params=[0-9]*' | head -1 | cut -d= -f2 || true)
    hw1_threads=$(grep -E "^RESULT $c " "$log" | grep -o 'threads=[0-9]*' | head -1 | cut -d= -f2 || true)
    hw1_unit=$(awk -v c="$c" '$1 == "RESULT" && $2 == c {print $4; exit}' "$log")
    [ -z "$hw1_unit" ] || [ "$hw1_unit" = "$unit" ] ||
      die "hw1 reports $c in $hw1_unit, Keras in $unit"
  fi

  # Keras trains on the threads hw1 trained on (one for a small dense model);
  # an hw1 without a threads= field, or none at all, leaves it BENCH_THREADS.
  threads=${hw1_threads:-$THREADS}
  [ "$threads" = "$THREADS" ] || echo "  bench: $c: hw1 trained on $threads intra-op thread(s) of the $THREADS asked; Keras gets $threads too"
  keras_py scripts/bench-keras.py --case "$c" --batch "$batch" --threads "$threads" \
    --steps "$steps" --warmup-steps "$WARMUP" --reps "$REPS" >"$log" 2>"$err" || fail "scripts/bench-keras.py --case $c failed"
  grep -E '^(INFO|PARAMS|FLOPS|RESULT|PEAK|SUMMARY) ' "$log" | sed 's/^/  keras: /'
  keras=$(awk -v c="$c" '$1 == "RESULT" && $2 == c {print $3}' "$log" | median)
  keras_params=$(awk -v c="$c" '$1 == "PARAMS" && $2 == c {print $3; exit}' "$log")
  if [ -n "${hw1_params:-}" ] && [ "$hw1_params" != "$keras_params" ]; then
    echo "bench: WARNING: $c has $hw1_params parameters in hw1 but $keras_params in Keras: not the same model" >&2
  fi

  ratio="n/a"
  if [ "$hw1" != "n/a" ] && [ "$keras" != "n/a" ]; then
    ratio=$(awk -v a="$hw1" -v b="$keras" 'BEGIN {printf "%.3f", a / b}')
  fi
  echo "BENCH $c hw1=$hw1 keras=$keras ratio=$ratio unit=$unit"
  # Achieved FLOP rate of both medians, from the Keras script's training FLOPs
  # per example and CPU peak (see its PEAK line for the assumption).
  flops=$(awk -v c="$c" '$1 == "FLOPS" && $2 == c {print $3; exit}' "$log")
  peak=$(grep -m1 '^PEAK ' "$log" | grep -o '= [0-9.]* GFLOP/s' | grep -o '[0-9.]*' || true)
  if [ -n "$flops" ]; then
    awk -v c="$c" -v f="$flops" -v p="${peak:-0}" -v h="$hw1" -v k="$keras" -v b="$batch" -v u="$unit" 'BEGIN {
      m = (u == "steps/s") ? b : 1
      line = sprintf("  %s: %.4g MFLOP per training example", c, f / 1e6)
      n = split("hw1 keras", who, " "); split(h " " k, val, " ")
      for (i = 1; i <= n; i++) {
        if (val[i] == "n/a") { line = line sprintf("; %s n/a", who[i]); continue }
        g = val[i] * m * f / 1e9
        line = line sprintf("; %s %.3g GFLOP/s", who[i], g)
        if (p > 0) line = line sprintf(" (%.2g%% of peak)", 100 * g / p)
      }
      print line }'
  fi
done
echo "bench: done in $((SECONDS - start)) s"
