"""scipy's differential_evolution for `bench:optimizers`: rand1bin, F 0.5, CR 0.9, popsize 10 (NP = 10·dim,
as Arena's DifferentialEvolution and issue 17's reference figures), polish off, deferred updating, with a
best-so-far trace per generation: the first evaluation count (nfev after the generation) at which each
target of the plan was reached. Stops once the last target is reached.

Input: the JSON file named by the first argument (stdin without one), {"targets": [...], "runs":
[{function, base, dim, lower, upper, budget, seed, optimum, rotation}]}, where a rotated function is
g(x) = f(x* + Q (x − x*)) with Q given column-major (dim·dim values) and x* = `optimum` in every
coordinate, the same Q Arena's runs use. Output JSON on stdout.

The objective is vectorized (scipy hands it the whole trial population at once, `vectorized=True`); with
deferred updating that changes how the population is evaluated, not which points are evaluated.
"""

import json
import math
import platform
import sys
import time

import numpy as np
import scipy
from scipy.optimize import differential_evolution

POPSIZE = 10


# Each function takes a population as rows, shape (S, dim), and returns S values.
def sphere(x):
    return np.einsum("ij,ij->i", x, x)


def ellipsoid(x):
    n = x.shape[1]
    w = 1e6 ** (np.arange(n) / (n - 1)) if n > 1 else np.ones(1)
    return (x * x) @ w


def rosenbrock(x):
    a = x[:, 1:] - x[:, :-1] * x[:, :-1]
    b = 1.0 - x[:, :-1]
    return np.sum(100.0 * a * a + b * b, axis=1)


def rastrigin(x):
    return np.sum(x * x + 10.0 * (1.0 - np.cos(2.0 * math.pi * x)), axis=1)


FUNCTIONS = {"sphere": sphere, "ellipsoid": ellipsoid, "rosenbrock": rosenbrock, "rastrigin": rastrigin}


def make_function(run):
    """The run's objective on rows; turned by Q about x* when the run has a rotation."""
    f = FUNCTIONS[run["base"]]
    if run["rotation"] is None:
        return f
    dim = run["dim"]
    # Column-major Q read row-major is Qᵀ: rows of (x − x*) times Qᵀ are the rows of Q (x − x*).
    qt = np.array(run["rotation"], dtype=float).reshape(dim, dim)
    xstar = np.full(dim, float(run["optimum"]))
    return lambda x: f(xstar + (x - xstar) @ qt)


def run_one(run, targets):
    dim = run["dim"]
    f = make_function(run)
    maxiter = run["budget"] // (POPSIZE * dim) - 1
    state = {"n": 0, "best": math.inf}
    hits = [None] * len(targets)

    def counted(xt):
        # scipy passes the candidates as columns, shape (dim, S).
        v = f(np.atleast_2d(xt.T))
        state["n"] += len(v)
        state["best"] = min(state["best"], float(np.min(v)))
        return v

    def record():
        for i, t in enumerate(targets):
            if hits[i] is None and state["best"] <= t:
                hits[i] = state["n"]

    def callback(intermediate_result):
        record()
        return state["best"] <= targets[-1]

    t0 = time.perf_counter()
    r = differential_evolution(
        counted,
        [(run["lower"], run["upper"])] * dim,
        strategy="rand1bin",
        mutation=0.5,
        recombination=0.9,
        popsize=POPSIZE,
        maxiter=maxiter,
        tol=0,
        polish=False,
        updating="deferred",
        vectorized=True,
        seed=run["seed"],
        callback=callback,
    )
    ms = (time.perf_counter() - t0) * 1000
    record()
    return {
        "function": run["function"],
        "dim": dim,
        "seed": run["seed"],
        "budget": run["budget"],
        "f": float(r.fun),
        "evaluations": state["n"],  # r.nfev counts calls, not points, when vectorized
        "hits": hits,
        "ms": ms,
    }


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            plan = json.load(f)
    else:
        plan = json.load(sys.stdin)
    rows = [run_one(run, plan["targets"]) for run in plan["runs"]]
    json.dump(
        {"python": platform.python_version(), "scipy": scipy.__version__, "numpy": np.__version__, "rows": rows},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
