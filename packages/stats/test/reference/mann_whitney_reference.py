"""Independent reference values for test/mann-whitney-*.test.ts (python3 standard library only).

Exact p-values: brute-force enumeration of every assignment of the pooled ranks to x (all
C(n1+n2, n1) subsets), counting U by pairwise comparison. Normal approximation: the tie-corrected,
continuity-corrected formula of R's wilcox.test (Hollander & Wolfe 1999), with math.erfc.
Run: python3 test/reference/mann_whitney_reference.py
"""
import itertools
import math


def u_stat(x, y):
    return sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in x for b in y)


def exact_p(x, y, alternative="two-sided"):
    n1, n2 = len(x), len(y)
    u = u_stat(x, y)
    pooled = list(range(n1 + n2))  # no ties: only the ordering matters
    le = ge = total = 0
    for subset in itertools.combinations(pooled, n1):
        s = set(subset)
        xs = [v for v in pooled if v in s]
        ys = [v for v in pooled if v not in s]
        k = u_stat(xs, ys)
        total += 1
        le += k <= u
        ge += k >= u
    if alternative == "greater":
        return ge / total
    if alternative == "less":
        return le / total
    return min(1.0, 2 * min(le, ge) / total)


def normal_p(x, y, alternative="two-sided", correct=True):
    n1, n2 = len(x), len(y)
    n = n1 + n2
    u = u_stat(x, y)
    counts = {}
    for v in list(x) + list(y):
        counts[v] = counts.get(v, 0) + 1
    ties = sum(t**3 - t for t in counts.values())
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    d = u - n1 * n2 / 2
    c = 0.5 if correct else 0.0
    if alternative == "greater":
        z = (d - c) / sigma
        return z, 0.5 * math.erfc(z / math.sqrt(2))
    if alternative == "less":
        z = (d + c) / sigma
        return z, 0.5 * math.erfc(-z / math.sqrt(2))
    z = (d - math.copysign(c, d) if d != 0 else 0.0) / sigma
    return z, min(1.0, math.erfc(abs(z) / math.sqrt(2)))


if __name__ == "__main__":
    # R's ?wilcox.test two-sample example (Hollander & Wolfe 1973, p. 69)
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    print("HW greater", u_stat(x, y), repr(exact_p(x, y, "greater")), repr(exact_p(x, y)))
    print("1:5 vs 6:10", u_stat(range(1, 6), range(6, 11)), repr(exact_p(range(1, 6), range(6, 11))))
    males = [19, 22, 16, 29, 24]
    females = [20, 11, 17, 12]
    print("scipy docs", u_stat(males, females), repr(exact_p(males, females)), repr(normal_p(males, females)))
    tx = [1, 2, 2, 3, 3, 3, 4, 7]
    ty = [3, 4, 4, 5, 5, 6, 8]
    print("ties two-sided", u_stat(tx, ty), [repr(v) for v in normal_p(tx, ty)])
    print("ties less", [repr(v) for v in normal_p(tx, ty, "less")])
    print("ties no-correction", [repr(v) for v in normal_p(tx, ty, correct=False)])
    a = [0.12, 0.34, 0.05, 0.77, 0.61, 0.29, 0.48]
    b = [0.55, 0.91, 0.83, 0.38, 0.69, 0.97]
    print("7v6 exact", u_stat(a, b), repr(exact_p(a, b)), repr(exact_p(a, b, "less")), repr(normal_p(a, b)))
