"""scipy's differential_evolution for `bench:optimizers`, with the settings of bench:peers' scipy_de.py
(rand1bin, F 0.5, CR 0.9, popsize 15, polish off, deferred updating), plus the ellipsoid and a
best-so-far trace per generation: the first evaluation count (nfev after the generation) at which each
target of the plan was reached. Stops once the last target is reached. Plan on stdin, JSON on stdout.
"""

import json
import math
import platform
import sys
import time

import numpy as np
import scipy
from scipy.optimize import differential_evolution

POPSIZE = 15


def sphere(x):
    return float(np.dot(x, x))


def ellipsoid(x):
    n = len(x)
    w = 1e6 ** (np.arange(n) / (n - 1)) if n > 1 else np.ones(1)
    return float(np.dot(w, x * x))


def rosenbrock(x):
    a = x[1:] - x[:-1] * x[:-1]
    b = 1.0 - x[:-1]
    return float(np.sum(100.0 * a * a + b * b))


def rastrigin(x):
    return float(np.sum(x * x + 10.0 * (1.0 - np.cos(2.0 * math.pi * x))))


FUNCTIONS = {"sphere": sphere, "ellipsoid": ellipsoid, "rosenbrock": rosenbrock, "rastrigin": rastrigin}


def run(problem, seed, budget, targets):
    dim = problem["dim"]
    f = FUNCTIONS[problem["name"]]
    pop = POPSIZE * dim
    maxiter = budget // pop - 1
    state = {"n": 0, "best": math.inf}
    hits = [None] * len(targets)

    def counted(x):
        v = f(x)
        state["n"] += 1
        if v < state["best"]:
            state["best"] = v
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
        [(problem["lower"], problem["upper"])] * dim,
        strategy="rand1bin",
        mutation=0.5,
        recombination=0.9,
        popsize=POPSIZE,
        maxiter=maxiter,
        tol=0,
        polish=False,
        updating="deferred",
        seed=seed,
        callback=callback,
    )
    ms = (time.perf_counter() - t0) * 1000
    record()
    return {
        "function": problem["name"],
        "seed": seed,
        "f": float(r.fun),
        "evaluations": int(r.nfev),
        "hits": hits,
        "ms": ms,
    }


def main():
    plan = json.load(sys.stdin)
    rows = [run(p, s, plan["budget"], plan["targets"]) for p in plan["problems"] for s in plan["seeds"]]
    json.dump(
        {"python": platform.python_version(), "scipy": scipy.__version__, "numpy": np.__version__, "rows": rows},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
