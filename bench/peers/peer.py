"""What every numpy peer shares: the command line, the thread and OpenBLAS settings, the data, the timed run
and the result line (the same as dls4j's, see org.dls4j.shared.bench.ResultLine).

A peer script calls `start(...)` BEFORE it imports numpy, because OpenBLAS reads its environment when numpy
loads it; then it calls `run_case(...)`.
"""
import argparse
import csv
import os
import sys
import time
from decimal import Decimal, Context, ROUND_HALF_UP
from pathlib import Path

# Exit status of a peer that cannot run on this machine (missing numpy or h5py): ./dls bench runs ours alone.
UNAVAILABLE = 3

# Read by OpenBLAS when it loads, and set on some machines for an older library: they force a kernel or a cache size
# that can slow a current numpy. Each peer drops them from its own environment only.
OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


class Case:
    """One case: the notebook's run length in laps, the untimed warm-up laps, what a lap and a unit are."""

    def __init__(self, laps, warmup, lap="iteration", unit="iteration"):
        self.laps, self.warmup, self.lap, self.unit = laps, warmup, lap, unit


def start(cases, argv=None):
    """Parses `CASE [--laps N] [--warmup N] [--threads N]`, sets the threads, drops the OpenBLAS overrides."""
    parser = argparse.ArgumentParser(description="peer of ./dls bench: times the same loop in another library.")
    parser.add_argument("case", choices=sorted(cases))
    parser.add_argument("--laps", type=int, help="timed laps (default: the notebook's whole run)")
    parser.add_argument("--warmup", type=int, help="untimed laps first (default: the case's own)")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="BLAS threads (default: the cores)")
    options = parser.parse_args(argv)
    case = cases[options.case]
    options.laps = options.laps or case.laps
    options.warmup = case.warmup if options.warmup is None else options.warmup
    options.dropped = {k: os.environ.pop(k) for k in OPENBLAS_OVERRIDES if k in os.environ}
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(options.threads)
    return options


def unavailable(what, how):
    """Says why this peer cannot run here and exits with UNAVAILABLE."""
    print(f"peer unavailable: {what} is missing ({how})")
    sys.exit(UNAVAILABLE)


def backend(threads):
    """numpy's version and BLAS: library, version, kernel and threads, as threadpoolctl reports them."""
    import numpy as np
    try:
        from threadpoolctl import threadpool_info, threadpool_limits
    except ImportError:
        return f"numpy {np.__version__} (install threadpoolctl to see its BLAS kernel), {threads} threads"
    threadpool_limits(threads)
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    if not blas:
        return f"numpy {np.__version__}, no BLAS found by threadpoolctl"
    b = blas[0]
    return (f"numpy {np.__version__}, {b['internal_api']} {b.get('version')} kernel {b.get('architecture')},"
            f" {b['num_threads']} threads")


# ------------------------------------------------------------------------------------------------------------ data

def project_root():
    return Path(__file__).resolve().parent.parent.parent


def data_file(relative):
    """A data file found as the Java side finds it: $DLS_DATA, the project's datasets/, ../shared/datasets."""
    root = project_root()
    folders = [Path(os.environ["DLS_DATA"])] if os.environ.get("DLS_DATA") else []
    folders += [root / "datasets", root.parent / "shared" / "datasets"]
    for folder in folders:
        if (folder / relative).is_file():
            return folder / relative
    sys.exit(f"{relative} not found in {', '.join(map(str, folders))} (./dls data fetch)")


def cats(split="train"):
    """The cat pictures as the notebooks prepare them: X (12288, m) = flattened / 255., Y (1, m)."""
    import numpy as np
    try:
        import h5py
    except ImportError:
        unavailable("h5py", "pip install h5py, or apt-get install python3-h5py")
    with h5py.File(data_file(f"cats/{split}_catvnoncat.h5"), "r") as f:
        x = np.array(f[f"{split}_set_x"][:])
        y = np.array(f[f"{split}_set_y"][:])
    return x.reshape(x.shape[0], -1).T / 255., y.reshape((1, y.shape[0]))


def points(name):
    """A generated 2-D data set (generated/NAME.csv): X (2, m), Y (1, m), the notebooks' layout."""
    import numpy as np
    with open(data_file(f"generated/{name}.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["x1"]) for r in rows], [float(r["x2"]) for r in rows]])
    y = np.array([[int(r["y"]) for r in rows]])
    return x, y


# ------------------------------------------------------------------------------------------------------ timing

class Stopwatch:
    """One sample per lap: the time since the previous lap over the units the lap held (dls4j's Stopwatch)."""

    def __init__(self):
        self.samples, self.units = [], 0
        self.started = self.previous = time.perf_counter_ns()

    def lap(self, units=1):
        now = time.perf_counter_ns()
        self.samples.append((now - self.previous) / 1e6 / units)
        self.units += units
        self.previous = now


def percentile(sorted_samples, q):
    """Linear interpolation between the nearest ranks, as dls4j computes it."""
    position = q * (len(sorted_samples) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_samples) - 1)
    return sorted_samples[low] + (sorted_samples[high] - sorted_samples[low]) * (position - low)


def ms(value):
    """Four significant digits, never in exponent form, like dls4j's ResultLine."""
    if value == 0:
        return "0"
    d = Context(prec=4, rounding=ROUND_HALF_UP).plus(Decimal(value)).normalize()
    return format(d, "f")


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(int(line.split()[1]) / 1024 + 0.5)
    except OSError:
        pass
    return -1


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def descend(state, iteration, laps, stopwatch):
    """The notebooks' `for i in range(num_iterations)` loop: `state, cost = iteration(state)`, a lap each; the last
    cost."""
    cost = None
    for _ in range(laps):
        state, cost = iteration(state)
        stopwatch.lap()
    return cost


def plural(noun):
    """iterations, epochs, batches: as dls4j writes them."""
    return noun + ("es" if noun.endswith(("ch", "s")) else "s")


def run_case(name, case, options, train, library="numpy", describe=backend):
    """Warms up, times the notebook's run, prints the human lines and the RESULT line.

    `train(laps, stopwatch)` trains from the case's initial state, calls `stopwatch.lap(units)` after each lap and
    returns the last cost. `describe(threads)` says which library build runs it.
    """
    dropped = ", ".join(f"{k}={v}" for k, v in options.dropped.items())
    print(f"{name} ({library}): {describe(options.threads)}"
          + (f"; dropped {dropped} from this process's environment" if dropped else ""))
    if options.warmup > 0:
        train(options.warmup, Stopwatch())
    stopwatch = Stopwatch()
    cost = train(options.laps, stopwatch)
    samples = sorted(stopwatch.samples)
    median, p10 = percentile(samples, 0.5), percentile(samples, 0.1)
    mean = sum(samples) / len(samples)
    laps = f"{len(samples)} {plural(case.lap)}" + ("" if case.lap == case.unit else f" ({stopwatch.units} {case.unit}s)")
    seconds = (stopwatch.previous - stopwatch.started) / 1e9
    print(f"  {laps} after {options.warmup} warm-up: median {ms(median)} ms/{case.unit}, p10 {ms(p10)},"
          f" mean {ms(mean)}; {seconds:.1f} s; last cost {float(cost)!r}")
    rss = peak_rss_mb()
    print(f"  peak RSS {rss} MB (VmHWM of this python); load average {load_average()}")
    print(f"RESULT case={name} unit={case.unit} median_ms={ms(median)} p10_ms={ms(p10)} peak_rss_mb={rss}")
