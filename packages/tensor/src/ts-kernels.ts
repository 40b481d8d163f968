import { checkDim, checkMatrix, checkVector } from "./checks.ts";
import type { Kernels } from "./kernels.ts";

/**
 * The TypeScript backend: the reference every other backend is tested against.
 * (gemm here is the simple correct form; see gemm.ts once the tuned one lands.)
 */
export const tsKernels: Kernels = {
  name: "ts",

  gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) {
    checkDim("gemm", "m", m);
    checkDim("gemm", "n", n);
    checkDim("gemm", "k", k);
    checkMatrix("gemm", "A", a, aOff, transA ? k : m, transA ? m : k, lda);
    checkMatrix("gemm", "B", b, bOff, transB ? n : k, transB ? k : n, ldb);
    checkMatrix("gemm", "C", c, cOff, m, n, ldc);
    const as = transA ? 1 : lda; // stride between rows of op(A)
    const ak = transA ? lda : 1; // stride along k in op(A)
    const bk = transB ? 1 : ldb;
    const bs = transB ? ldb : 1;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        let pa = aOff + i * as;
        let pb = bOff + j * bs;
        for (let p = 0; p < k; p++) {
          acc += a[pa] * b[pb];
          pa += ak;
          pb += bk;
        }
        const ci = cOff + i * ldc + j;
        c[ci] = beta === 0 ? alpha * acc : alpha * acc + beta * c[ci];
      }
    }
  },

  gemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff) {
    checkDim("gemv", "m", m);
    checkDim("gemv", "n", n);
    checkMatrix("gemv", "A", a, aOff, m, n, lda);
    const outLen = transA ? n : m;
    const inLen = transA ? m : n;
    checkVector("gemv", "x", x, xOff, inLen);
    checkVector("gemv", "y", y, yOff, outLen);
    for (let i = 0; i < outLen; i++) {
      let acc = 0;
      for (let p = 0; p < inLen; p++) {
        acc += (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * x[xOff + p];
      }
      y[yOff + i] = beta === 0 ? alpha * acc : alpha * acc + beta * y[yOff + i];
    }
  },

  add(n, a, aOff, b, bOff, out, outOff) {
    checkDim("add", "n", n);
    checkVector("add", "a", a, aOff, n);
    checkVector("add", "b", b, bOff, n);
    checkVector("add", "out", out, outOff, n);
    for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
  },

  sub(n, a, aOff, b, bOff, out, outOff) {
    checkDim("sub", "n", n);
    checkVector("sub", "a", a, aOff, n);
    checkVector("sub", "b", b, bOff, n);
    checkVector("sub", "out", out, outOff, n);
    for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i];
  },

  mul(n, a, aOff, b, bOff, out, outOff) {
    checkDim("mul", "n", n);
    checkVector("mul", "a", a, aOff, n);
    checkVector("mul", "b", b, bOff, n);
    checkVector("mul", "out", out, outOff, n);
    for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i];
  },

  scale(n, alpha, x, xOff) {
    checkDim("scale", "n", n);
    checkVector("scale", "x", x, xOff, n);
    for (let i = 0; i < n; i++) x[xOff + i] *= alpha;
  },

  axpy(n, alpha, x, xOff, y, yOff) {
    checkDim("axpy", "n", n);
    checkVector("axpy", "x", x, xOff, n);
    checkVector("axpy", "y", y, yOff, n);
    for (let i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
  },

  fill(n, value, x, xOff) {
    checkDim("fill", "n", n);
    checkVector("fill", "x", x, xOff, n);
    x.fill(value, xOff, xOff + n);
  },

  copy(n, src, srcOff, dst, dstOff) {
    checkDim("copy", "n", n);
    checkVector("copy", "src", src, srcOff, n);
    checkVector("copy", "dst", dst, dstOff, n);
    dst.set(src.subarray(srcOff, srcOff + n), dstOff);
  },

  clamp(n, lo, hi, x, xOff, out, outOff) {
    checkDim("clamp", "n", n);
    if (!(lo <= hi)) throw new RangeError(`clamp: lo (${lo}) must be <= hi (${hi})`);
    checkVector("clamp", "x", x, xOff, n);
    checkVector("clamp", "out", out, outOff, n);
    for (let i = 0; i < n; i++) {
      const v = x[xOff + i];
      out[outOff + i] = v < lo ? lo : v > hi ? hi : v;
    }
  },

  map(n, f, x, xOff, out, outOff) {
    checkDim("map", "n", n);
    checkVector("map", "x", x, xOff, n);
    checkVector("map", "out", out, outOff, n);
    for (let i = 0; i < n; i++) out[outOff + i] = f(x[xOff + i]);
  },

  addRowBias(m, n, bias, biasOff, c, cOff, ldc) {
    checkDim("addRowBias", "m", m);
    checkDim("addRowBias", "n", n);
    checkVector("addRowBias", "bias", bias, biasOff, n);
    checkMatrix("addRowBias", "C", c, cOff, m, n, ldc);
    for (let i = 0; i < m; i++) {
      const row = cOff + i * ldc;
      for (let j = 0; j < n; j++) c[row + j] += bias[biasOff + j];
    }
  },

  colSums(m, n, alpha, a, aOff, lda, beta, out, outOff) {
    checkDim("colSums", "m", m);
    checkDim("colSums", "n", n);
    checkMatrix("colSums", "A", a, aOff, m, n, lda);
    checkVector("colSums", "out", out, outOff, n);
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let i = 0; i < m; i++) acc += a[aOff + i * lda + j];
      out[outOff + j] = beta === 0 ? alpha * acc : alpha * acc + beta * out[outOff + j];
    }
  },

  softmaxRows(m, n, x, xOff, ldx, out, outOff, ldo) {
    checkDim("softmaxRows", "m", m);
    checkDim("softmaxRows", "n", n);
    checkMatrix("softmaxRows", "X", x, xOff, m, n, ldx);
    checkMatrix("softmaxRows", "OUT", out, outOff, m, n, ldo);
    for (let i = 0; i < m; i++) {
      const xr = xOff + i * ldx;
      const or = outOff + i * ldo;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < n; j++) if (x[xr + j] > max) max = x[xr + j];
      let s = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(x[xr + j] - max);
        out[or + j] = e;
        s += e;
      }
      const inv = 1 / s;
      for (let j = 0; j < n; j++) out[or + j] *= inv;
    }
  },

  argmaxRows(m, n, x, xOff, ldx, out, outOff) {
    checkDim("argmaxRows", "m", m);
    checkDim("argmaxRows", "n", n);
    if (n === 0 && m > 0) throw new RangeError("argmaxRows: rows have no columns (n = 0)");
    checkMatrix("argmaxRows", "X", x, xOff, m, n, ldx);
    checkVector("argmaxRows", "out", out, outOff, m);
    for (let i = 0; i < m; i++) {
      const r = xOff + i * ldx;
      let best = 0;
      let bv = x[r];
      for (let j = 1; j < n; j++) {
        if (x[r + j] > bv) {
          bv = x[r + j];
          best = j;
        }
      }
      out[outOff + i] = best;
    }
  },

  transpose(m, n, a, aOff, lda, out, outOff, ldo) {
    checkDim("transpose", "m", m);
    checkDim("transpose", "n", n);
    checkMatrix("transpose", "A", a, aOff, m, n, lda);
    checkMatrix("transpose", "OUT", out, outOff, n, m, ldo);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[outOff + j * ldo + i] = a[aOff + i * lda + j];
  },

  sum(n, x, xOff) {
    checkDim("sum", "n", n);
    checkVector("sum", "x", x, xOff, n);
    let s = 0;
    for (let i = 0; i < n; i++) s += x[xOff + i];
    return s;
  },

  dot(n, a, aOff, b, bOff) {
    checkDim("dot", "n", n);
    checkVector("dot", "a", a, aOff, n);
    checkVector("dot", "b", b, bOff, n);
    let s = 0;
    for (let i = 0; i < n; i++) s += a[aOff + i] * b[bOff + i];
    return s;
  },

  norm2(n, x, xOff) {
    checkDim("norm2", "n", n);
    checkVector("norm2", "x", x, xOff, n);
    let s = 0;
    for (let i = 0; i < n; i++) s += x[xOff + i] * x[xOff + i];
    return Math.sqrt(s);
  },

  allFinite(n, x, xOff) {
    checkDim("allFinite", "n", n);
    checkVector("allFinite", "x", x, xOff, n);
    for (let i = 0; i < n; i++) {
      const v = x[xOff + i];
      // v - v is NaN exactly when v is NaN or ±Infinity.
      if (v - v !== 0) return false;
    }
    return true;
  },
};
