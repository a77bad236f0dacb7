#!/usr/bin/env python3
"""Keras half of `make bench`: training throughput of hw1's benchmark models in Keras.

Builds the same models hw1 builds (cases cnn, mlp571, mlp-random), trains them
with model.fit on in-memory arrays (Keras defaults, Adam(1e-3)) and prints one
line per timed repetition:

    RESULT <case> <per_second> <unit>

A first, untimed fit call runs a warm-up epoch of `warmup_steps` batches
(tracing, graph optimisation, allocator and tf.data warm-up); a second fit call
runs `reps` epochs of exactly `steps` full batches each, every epoch timed on
its own by a callback (wall clock from on_epoch_begin to on_epoch_end). The
train function is traced once and reused by the second call (INFO prints the
tracing count). Other lines: INFO (versions, threads, jit_compile), PARAMS
(model.count_params()), FLOPS (training FLOPs per example from the layer
shapes), PEAK (the CPU's assumed fp32 peak) and SUMMARY (median over reps and
the fraction of peak it reaches).

Needs only tensorflow and numpy; reads MNIST from gzipped IDX files (no
downloads). Run it through scripts/bench.sh, which sets up the environment.
"""

import argparse
import gzip
import os
import re
import statistics
import sys
import time

CASES = {
    # name: (default batch, unit, expected parameter count in hw1)
    "cnn": (64, "examples/s", 114_314),
    "mlp571": (128, "steps/s", 571),
    "mlp-random": (128, "examples/s", 932_362),
}


IMAGE_POOL = 12_800  # MNIST training images the image cases draw from


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", required=True, choices=sorted(CASES))
    p.add_argument("--batch", type=int, default=0, help="batch size (0: the case's default)")
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0: all CPUs)")
    p.add_argument("--inter-threads", type=int, default=0,
                   help="inter-op threads (0: hw1's default, 1 on <=2 CPUs else 2)")
    p.add_argument("--steps", type=int, default=100, help="training steps per timed epoch")
    p.add_argument("--reps", type=int, default=3, help="timed epochs after the warm-up epoch")
    p.add_argument("--warmup-steps", type=int, default=50, help="steps of the untimed warm-up epoch")
    p.add_argument("--data", default=None, help="MNIST folder (default: data/mnist in the checkout)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    if a.batch <= 0:
        a.batch = CASES[a.case][0]
    if a.steps <= 0 or a.reps <= 0 or a.warmup_steps <= 0:
        p.error("--steps, --reps and --warmup-steps must be positive")
    cpus = os.cpu_count() or 1
    if a.threads <= 0:
        a.threads = cpus
    if a.inter_threads <= 0:
        a.inter_threads = 1 if cpus <= 2 else 2
    if a.data is None:
        a.data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist")
    return a


def read_idx(path, np):
    """Reads a gzipped IDX file of unsigned bytes into an array of its shape."""
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise SystemExit(f"bench-keras: cannot read {path}: {e} (run scripts/data.sh to fetch MNIST)")
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise SystemExit(f"bench-keras: {path} is not an IDX file of unsigned bytes")
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    offset = 4 + 4 * ndim
    count = 1
    for d in dims:
        count *= d
    if len(raw) - offset != count:
        raise SystemExit(f"bench-keras: {path} holds {len(raw) - offset} bytes, header says {count}")
    return np.frombuffer(raw, dtype=np.uint8, offset=offset).reshape(dims)


def take_cycled(np, n, *arrays):
    """First n rows of each array, cycling through it when it has fewer rows."""
    return [np.resize(a, (n,) + a.shape[1:]) for a in arrays]


def case_data(args, np):
    """Training arrays of exactly steps*batch examples for the case: the 1,000
    sinc points on (0,1] (mlp571) or the first 12,800 MNIST training images
    (cnn with their labels, mlp-random with uniform random labels), cycled."""
    n = args.steps * args.batch
    rng = np.random.default_rng(args.seed)
    if args.case == "mlp571":
        x = (np.arange(1, 1001, dtype=np.float64) / 1000.0)  # 1,000 points on (0,1]
        y = np.sin(5 * np.pi * x) / (5 * np.pi * x)
        x, y = take_cycled(np, n, x.reshape(-1, 1).astype(np.float32), y.reshape(-1, 1).astype(np.float32))
        return x, y
    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"), np)
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"), np)
    # The first 12,800 training images, as hw1's bench uses; cycled when an
    # epoch needs more.
    images, labels = images[:IMAGE_POOL], labels[:IMAGE_POOL]
    x = images.astype(np.float32) / 255.0
    if args.case == "cnn":
        x = x.reshape(-1, 28, 28, 1)
        y = labels.astype(np.int32)
    else:  # mlp-random: MNIST images, labels drawn uniformly at random once
        x = x.reshape(-1, 784)
        y = rng.integers(0, 10, size=len(labels)).astype(np.int32)
    return take_cycled(np, n, x, y)


def build_model(case, keras):
    L = keras.layers
    if case == "cnn":
        model = keras.Sequential([
            keras.Input((28, 28, 1)),
            L.Conv2D(16, 5, padding="same", activation="relu"),
            L.MaxPooling2D(2),
            L.Conv2D(32, 5, padding="same", activation="relu"),
            L.MaxPooling2D(2),
            L.Flatten(),
            L.Dense(64, activation="relu"),
            L.Dense(10),
        ])
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    elif case == "mlp571":
        model = keras.Sequential([keras.Input((1,)), L.Dense(190, activation="relu"), L.Dense(1)])
        loss = keras.losses.MeanSquaredError()
    else:
        model = keras.Sequential([
            keras.Input((784,)),
            L.Dense(512, activation="relu"),
            L.Dense(512, activation="relu"),
            L.Dense(512, activation="relu"),
            L.Dense(10),
        ])
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss)  # jit_compile left at "auto"
    return model


def train_flops_per_example(model, keras):
    """Training FLOPs per example: 3 x forward, forward = 2 x multiply-adds of
    the convolutions and dense layers (bias, activations and pooling ignored)."""
    macs = 0
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv2D, keras.layers.Dense)):
            k = 1
            for d in layer.kernel.shape:
                k *= int(d)
            positions = 1  # output positions each kernel weight is used at
            for d in layer.output.shape[1:-1]:
                positions *= int(d)
            macs += k * positions
    return 3 * 2 * macs


def cpu_peak(threads):
    """(peak GFLOP/s, description) of `threads` cores, from /proc/cpuinfo."""
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
    except OSError:
        return None, "no /proc/cpuinfo: peak unknown"
    model = re.search(r"^model name\s*:\s*(.*)$", info, re.M)
    model = model.group(1).strip() if model else "unknown CPU"
    flags = re.search(r"^flags\s*:\s*(.*)$", info, re.M)
    flags = set(flags.group(1).split()) if flags else set()
    ghz = re.search(r"@\s*([0-9.]+)\s*GHz", model)
    if ghz:
        ghz, clock = float(ghz.group(1)), "nominal clock from the model name"
    else:
        mhz = re.search(r"^cpu MHz\s*:\s*([0-9.]+)", info, re.M)
        if not mhz:
            return None, f"{model}: no clock speed in /proc/cpuinfo: peak unknown"
        ghz, clock = float(mhz.group(1)) / 1000, "clock from 'cpu MHz' (no GHz in the model name)"
    if "avx512f" in flags and "fma" in flags:
        per_cycle, isa = 64, "AVX-512+FMA: 64"
    elif "avx2" in flags and "fma" in flags:
        per_cycle, isa = 32, "AVX2+FMA: 32"
    elif "avx" in flags:
        per_cycle, isa = 16, "AVX: 16"
    else:
        per_cycle, isa = 8, "SSE: 8"
    peak = threads * ghz * per_cycle
    return peak, (f"{model}; {threads} cores x {ghz:.3f} GHz ({clock}) x "
                  f"{isa} fp32 FLOPs/cycle/core = {peak:.1f} GFLOP/s")


def tracing_count(train_function):
    """How many times the tf.functions behind Keras's train function were
    traced, or None when that cannot be seen (Keras keeps them in closures)."""
    total = None
    for cell in getattr(train_function, "__closure__", None) or ():
        try:
            f = cell.cell_contents
        except ValueError:
            continue
        if hasattr(f, "experimental_get_tracing_count"):
            total = (total or 0) + f.experimental_get_tracing_count()
    return total


def check_runtime(tf):
    """Returns the TensorFlow runtime libraries this process loaded, and exits
    when they are not the wheel's own (an LD_LIBRARY_PATH pointing at a
    TensorFlow C library makes Python load that one instead)."""
    pkg = os.path.realpath(os.path.dirname(tf.__file__))
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "libtensorflow" in line})
    except OSError:
        return "unknown (no /proc/self/maps)"
    foreign = [lib for lib in libs if not os.path.realpath(lib).startswith(pkg + os.sep)]
    if foreign:
        raise SystemExit(f"bench-keras: loaded {', '.join(foreign)} instead of the wheel's own "
                         f"TensorFlow runtime: unset LD_LIBRARY_PATH (scripts/bench.sh does)")
    return ", ".join(os.path.basename(lib) for lib in libs) + f" from {pkg}"


class EpochTimer:
    """Keras callback recording the wall-clock seconds of every epoch."""

    def __init__(self, keras):
        outer = self
        self.seconds = []

        class _CB(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                outer._t0 = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                outer.seconds.append(time.perf_counter() - outer._t0)

        self.callback = _CB()


def main(argv):
    args = parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
    os.environ["TF_NUM_INTRAOP_THREADS"] = str(args.threads)
    os.environ["TF_NUM_INTEROP_THREADS"] = str(args.inter_threads)

    import numpy as np
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.inter_threads)
    keras = tf.keras
    keras.utils.set_random_seed(args.seed)

    print(f"INFO tensorflow={tf.__version__} keras={keras.__version__} numpy={np.__version__} "
          f"python={sys.version.split()[0]}")
    print(f"INFO runtime={check_runtime(tf)}")
    print(f"INFO intra_op_threads={tf.config.threading.get_intra_op_parallelism_threads()} "
          f"inter_op_threads={tf.config.threading.get_inter_op_parallelism_threads()} "
          f"TF_ENABLE_ONEDNN_OPTS={os.environ.get('TF_ENABLE_ONEDNN_OPTS', 'unset (TF default)')}")

    x, y = case_data(args, np)
    model = build_model(args.case, keras)
    unit = CASES[args.case][1]
    params = model.count_params()
    expected = CASES[args.case][2]
    print(f"PARAMS {args.case} {params} expected={expected}" + ("" if params == expected else " MISMATCH"))
    # model.jit_compile resolves compile()'s default jit_compile="auto" (Keras
    # turns XLA off when TensorFlow sees only CPUs).
    print(f"INFO {args.case} jit_compile={model.jit_compile} (compile default 'auto') "
          f"steps_per_execution={model.steps_per_execution} batch={args.batch} steps={args.steps} "
          f"examples_per_epoch={len(x)} warmup_steps={args.warmup_steps} timed_epochs={args.reps}")
    flops = train_flops_per_example(model, keras)
    print(f"FLOPS {args.case} {flops} per training example (3 x forward; forward = 2 x MACs)")

    warm = min(len(x), args.warmup_steps * args.batch)
    t0 = time.perf_counter()
    model.fit(x[:warm], y[:warm], batch_size=args.batch, epochs=1, shuffle=True, verbose=0)
    warm_s = time.perf_counter() - t0
    traces_warm = tracing_count(model.train_function)
    timer = EpochTimer(keras)
    model.fit(x, y, batch_size=args.batch, epochs=args.reps, shuffle=True, verbose=0,
              callbacks=[timer.callback])
    if len(timer.seconds) != args.reps:
        raise SystemExit(f"bench-keras: timed {len(timer.seconds)} epochs, wanted {args.reps}")
    traces = tracing_count(model.train_function)
    print(f"INFO {args.case} warmup_seconds={warm_s:.3f} train_function_traces: "
          f"after_warmup={traces_warm} after_timed={traces}")
    rates = []
    for s in timer.seconds:
        rate = (args.steps * args.batch if unit == "examples/s" else args.steps) / s
        rates.append(rate)
        print(f"RESULT {args.case} {rate:.2f} {unit}")

    med = statistics.median(rates)
    examples_per_s = med * args.batch if unit == "steps/s" else med
    gflops = examples_per_s * flops / 1e9
    peak, how = cpu_peak(min(args.threads, os.cpu_count() or args.threads))
    print(f"PEAK {how}")
    frac = f"{gflops / peak:.4f}" if peak else "n/a"
    print(f"SUMMARY {args.case} median={med:.2f} {unit} reps={args.reps} "
          f"achieved={gflops:.2f} GFLOP/s peak_fraction={frac}")


if __name__ == "__main__":
    main(sys.argv[1:])
