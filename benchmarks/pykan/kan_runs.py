"""pykan's side of the named runs in benchmarks/Kan.Benchmarks/Training (never run by tests or CI).

    PYTHONPATH=/work/pykan /usr/bin/python3 benchmarks/pykan/kan_runs.py fit-toy [seed] [timed fits, default 1; the median is reported]
    PYTHONPATH=/work/pykan /usr/bin/python3 benchmarks/pykan/kan_runs.py fidelity [seeds, default 8] [staircase steps, default 200] [first seed, default 0]

torch runs on PYKAN_THREADS threads (default 1: these tensors are too small for a second thread to help, and on a
shared machine OpenMP's waiting threads only burn the other core).

fit-toy: KAN([2,5,1], grid=5, k=3) on exp(sin(pi x)+y^2), 1000+1000 samples uniform on [-1,1]^2, 50 LBFGS steps
with fit's defaults (update_grid=True, grid_update_num=10, stop_grid_update_step=50, lamb=0), as FitToyRun.cs.
staircase: KAN([2,1,1], grid=3) refined through G=3,10,20,50, 200 steps per grid, stop_grid_update_step=30, as
StaircaseRun.cs. Seed s seeds both the model (KAN(seed=s)) and the data (create_dataset(seed=s)).
The last line has the same shape as the C# run's summary line.
"""
import io
import os
import contextlib
import statistics
import sys
import time

import torch
from kan import KAN, create_dataset

torch.set_default_dtype(torch.float64)
torch.set_num_threads(int(os.environ.get("PYKAN_THREADS", "1")))


def toy(x):
    return torch.exp(torch.sin(torch.pi * x[:, [0]]) + x[:, [1]] ** 2)


def quiet(fn, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return fn(*args, **kwargs)


def fit_toy(seed):
    data = create_dataset(toy, n_var=2, train_num=1000, test_num=1000, seed=seed)
    model = KAN(width=[2, 5, 1], grid=5, k=3, seed=seed, auto_save=False)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = quiet(model.fit, data, opt="LBFGS", steps=50)
    return time.perf_counter() - wall0, time.process_time() - cpu0, result["train_loss"][-1], result["test_loss"][-1]


def staircase(seed, steps):
    data = create_dataset(toy, n_var=2, train_num=1000, test_num=1000, seed=seed)
    model = None
    tests = []
    for g in (3, 10, 20, 50):
        model = KAN(width=[2, 1, 1], grid=g, k=3, seed=seed, auto_save=False) if model is None else quiet(model.refine, g)
        model.auto_save = False  # refine's model saves checkpoints by default
        result = quiet(model.fit, data, opt="LBFGS", steps=steps, stop_grid_update_step=30)
        tests.append(float(result["test_loss"][-1]))
    return tests


def summary(name, values):
    values = sorted(values)
    return "%s median=%.3e min=%.3e max=%.3e" % (name, statistics.median(values), values[0], values[-1])


def main(argv):
    if argv[0] == "fit-toy":
        seed = int(argv[1]) if len(argv) > 1 else 0
        fits = int(argv[2]) if len(argv) > 2 else 1
        fit_toy(seed)  # warm-up, as the C# run warms up its JIT
        timed = [fit_toy(seed) for _ in range(fits)]
        walls = ",".join("%.3f" % t[0] for t in timed)
        wall, cpu, train, test = sorted(timed, key=lambda t: t[0])[fits // 2]
        print("pykan torch=%s threads=%d fits=%d (%s s; the median is reported)" % (torch.__version__, torch.get_num_threads(), fits, walls))
        print("cpu_seconds=%.3f" % cpu)
        print("seconds=%.3f train_rmse=%.3e test_rmse=%.3e" % (wall, train, test))
    elif argv[0] == "fidelity":
        seeds = int(argv[1]) if len(argv) > 1 else 8
        steps = int(argv[2]) if len(argv) > 2 else 200
        first = int(argv[3]) if len(argv) > 3 else 0
        toy_tests, stairs = [], {g: [] for g in (3, 10, 20, 50)}
        for seed in range(first, first + seeds):
            toy_tests.append(float(fit_toy(seed)[3]))
            for g, t in zip((3, 10, 20, 50), staircase(seed, steps)):
                stairs[g].append(t)
            print("seed=%d fit-toy=%.3e staircase=%s" % (seed, toy_tests[-1], " ".join("G%d=%.3e" % (g, stairs[g][-1]) for g in stairs)), flush=True)
        print(summary("fit-toy", toy_tests))
        for g in stairs:
            print(summary("staircase G=%d" % g, stairs[g]))
    else:
        raise SystemExit("usage: kan_runs.py fit-toy [seed] [fits] | fidelity [seeds] [steps]")


if __name__ == "__main__":
    main(sys.argv[1:])
