"""The peer of `bench:peers`: scipy.optimize.differential_evolution on the plan read from stdin (JSON).

Prints one JSON object: scipy and numpy versions and one row per (function, seed) with the best f,
scipy's own count of evaluations (nfev) and the wall time of the call. Run by run-peers.ts with the
python of a virtual environment it creates; never run by the tests.
"""

import json
import math
import platform
import sys
import time

import numpy as np
import scipy
from scipy.optimize import differential_evolution

POPSIZE = 15  # scipy's default multiplier: popsize * dim individuals


def sphere(x):
    return float(np.dot(x, x))


def rosenbrock(x):
    a = x[1:] - x[:-1] * x[:-1]
    b = 1.0 - x[:-1]
    return float(np.sum(100.0 * a * a + b * b))


def rastrigin(x):
    return float(np.sum(x * x + 10.0 * (1.0 - np.cos(2.0 * math.pi * x))))


FUNCTIONS = {"sphere": sphere, "rosenbrock": rosenbrock, "rastrigin": rastrigin}


def run(problem, seed, budget):
    dim = problem["dim"]
    f = FUNCTIONS[problem["name"]]
    pop = POPSIZE * dim
    # polish=False: nfev = pop * (maxiter + 1), the initial population then one per iteration.
    maxiter = budget // pop - 1
    bounds = [(problem["lower"], problem["upper"])] * dim
    t0 = time.perf_counter()
    r = differential_evolution(
        f,
        bounds,
        strategy="rand1bin",
        mutation=0.5,
        recombination=0.9,
        popsize=POPSIZE,
        maxiter=maxiter,
        tol=0,
        polish=False,
        updating="deferred",
        seed=seed,
    )
    ms = (time.perf_counter() - t0) * 1000
    return {
        "function": problem["name"],
        "seed": seed,
        "f": float(r.fun),
        "x": [float(v) for v in r.x],
        "evaluations": int(r.nfev),
        "ms": ms,
        "settings": {"popsize": POPSIZE, "population": pop, "maxiter": maxiter},
    }


def main():
    plan = json.load(sys.stdin)
    rows = [run(p, s, plan["budget"]) for p in plan["problems"] for s in plan["seeds"]]
    json.dump(
        {
            "python": platform.python_version(),
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "rows": rows,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
