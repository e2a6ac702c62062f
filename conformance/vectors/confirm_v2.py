"""Independent confirmation of the version-2 conformance vectors (compressed
caches) in numpy float64, sharing no code with attn-coreset.

    python3 confirm_v2.py [DIR]     # default: the v2/ directory beside this file

For every case it prints one JSON line {"id", "ok", "detail"} and exits 1 if
any case is not confirmed:

- outcome "fail": the witness lies in the ball (exactly, with fractions) and
  the numpy error there is within `tolerance` of `error` (the tolerance is
  the lem:float-error bound of a binary64 evaluation in any summation order,
  exp within one ulp) and exceeds eps by more than the tolerance;
- outcome "pass", proof "regrouping": the cache rows are the input's distinct
  (k, v) rows, each weighted by its multiplicity (so A_C = A_1 identically),
  and the numpy error at the queries is rounding only (<= ROUNDING);
- outcome "pass", proof "certificate": a search of the ball (random queries on
  and inside the sphere of radius rho, then projected gradient ascent from
  the best) finds no error above upperAtMost (<= eps) plus rounding;
- a "construction" {"method": "kivi"}: the KIVI recipe (keys per channel over
  groups of G tokens, values per token over groups of G channels, asymmetric
  min/max, round half to even) re-applied to the input gives the cache bit
  for bit.
"""
import base64
import json
import os
import sys
from fractions import Fraction

import numpy as np

# A binary64 evaluation of two equal functions differs by rounding only; for
# these sizes (n <= 64, |logits| <= 4, |v| <= 16) the lem:float-error bound
# of each side is below 1e-13 (the fail cases' tolerances are ~1e-14..1e-12).
ROUNDING = 1e-12


def hexes(rows):
    return np.array([[float.fromhex(x) for x in r] for r in rows], dtype=np.float64)


def member(x, rows, cols, encoding):
    if encoding == "base64":
        a = np.frombuffer(base64.b64decode(x, validate=True), dtype="<f8").astype(np.float64)
        return a.reshape(rows, cols) if cols else a
    return hexes(x) if cols else np.array([float.fromhex(w) for w in x], dtype=np.float64)


def attention(K, V, w, q):
    logits = K @ q
    keep = w > 0
    t = np.where(keep, w * np.exp(logits - logits[keep].max()), 0.0)
    return (t @ V) / t.sum()


def error(inst, cache, q):
    K, V = inst
    Kc, Vc, wc = cache
    return float(np.linalg.norm(attention(K, V, np.ones(K.shape[0]), q) - attention(Kc, Vc, wc, q)))


def in_ball(q, rho):
    return sum(Fraction(float(x)) ** 2 for x in q) <= Fraction(rho) ** 2


def kivi(K, V, bits, group):
    levels = 2 ** bits - 1

    def quant(x):  # one group, a 1-d array
        lo, hi = x.min(), x.max()
        scale = (hi - lo) / levels
        if scale == 0:
            return np.full_like(x, lo)
        return np.round(np.clip((x - lo) / scale, 0, levels)) * scale + lo

    Kq, Vq = np.empty_like(K), np.empty_like(V)
    for t0 in range(0, K.shape[0], group):
        for a in range(K.shape[1]):
            Kq[t0:t0 + group, a] = quant(K[t0:t0 + group, a])
    for i in range(V.shape[0]):
        for c0 in range(0, V.shape[1], group):
            Vq[i, c0:c0 + group] = quant(V[i, c0:c0 + group])
    return Kq, Vq


def search(inst, cache, rho, rng, samples=3000, starts=8, steps=60):
    d = inst[0].shape[1]
    g = rng.standard_normal((samples, d))
    g /= np.linalg.norm(g, axis=1, keepdims=True)
    radii = np.where(np.arange(samples) % 2 == 0, rho, rho * rng.random(samples) ** (1.0 / d))
    Q = g * radii[:, None]
    errs = np.array([error(inst, cache, q) for q in Q])
    best = float(errs.max())
    for q in Q[np.argsort(errs)[-starts:]]:
        step = rho / 8
        e = error(inst, cache, q)
        for _ in range(steps):
            h = 1e-6 * rho
            grad = np.array([(error(inst, cache, q + h * np.eye(d)[a]) - error(inst, cache, q - h * np.eye(d)[a])) / (2 * h) for a in range(d)])
            if not np.any(grad):
                break
            cand = q + step * grad / np.linalg.norm(grad)
            nrm = np.linalg.norm(cand)
            if nrm > rho:
                cand *= rho / nrm
            ec = error(inst, cache, cand)
            if ec > e:
                q, e = cand, ec
            else:
                step /= 2
        best = max(best, e)
    return best


def confirm(case):
    inp, c, e = case["input"], case["cache"], case["expect"]
    n, d, dv, m = inp["n"], inp["d"], inp["dv"], c["m"]
    K, V = hexes(inp["K"]), hexes(inp["V"])
    rho, eps = float.fromhex(inp["rho"]), float.fromhex(inp["eps"])
    Kc, Vc = member(c["keys"], m, d, c["encoding"]), member(c["values"], m, dv, c["encoding"])
    wc = member(c["weights"], m, 0, c["encoding"])
    assert K.shape == (n, d) and V.shape == (n, dv) and wc.shape == (m,), "shapes"
    inst, cache = (K, V), (Kc, Vc, wc)
    notes = []
    made = case.get("construction")
    if made is not None:
        Kq, Vq = kivi(K, V, made["bits"], made["group"])
        if not (np.array_equal(Kq, Kc) and np.array_equal(Vq, Vc) and np.all(wc == 1)):
            return False, "the KIVI recipe does not reproduce the cache"
        notes.append("KIVI int%d re-quantization bit-identical" % made["bits"])
    if e["outcome"] == "fail":
        q = np.array([float.fromhex(x) for x in e["witness"]])
        err, want, tol = error(inst, cache, q), float.fromhex(e["error"]), float.fromhex(e["tolerance"])
        ok = in_ball(q, rho) and abs(err - want) <= tol and err - tol > eps
        notes.append("numpy error %.17g at the witness (vector: %.17g, tolerance %.3g, eps %g)" % (err, want, tol, eps))
        notes.append("own search of the ball: max %.6g" % search(inst, cache, rho, np.random.default_rng(0)))
        return ok, "; ".join(notes)
    if e["proof"] == "regrouping":
        counts = {}
        for i in range(n):
            key = tuple(K[i]) + tuple(V[i])
            counts[key] = counts.get(key, 0) + 1
        rows = {tuple(Kc[j]) + tuple(Vc[j]): wc[j] for j in range(m)}
        if len(rows) != m or rows != {k: float(v) for k, v in counts.items()}:
            return False, "the cache is not the regrouping of the input"
        worst = max(error(inst, cache, np.array([float.fromhex(x) for x in q])) for q in e["queries"])
        notes.append("regrouping of %d rows into %d; numpy error <= %.3g at the queries" % (n, m, worst))
        return worst <= ROUNDING, "; ".join(notes)
    upper = float.fromhex(e["upperAtMost"])
    found = search(inst, cache, rho, np.random.default_rng(0))
    notes.append("numpy search max %.17g <= upperAtMost %.17g <= eps %g" % (found, upper, eps))
    return found <= upper + ROUNDING and upper <= eps, "; ".join(notes)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    folder = argv[1] if len(argv) > 1 else os.path.join(here, "v2")
    bad = 0
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".json")):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("version") != 2:
            print(json.dumps({"file": name, "ok": False, "detail": "not a version 2 vector file"}))
            bad += 1
            continue
        for case in doc["cases"]:
            ok, detail = confirm(case)
            bad += 0 if ok else 1
            print(json.dumps({"id": case["id"], "ok": bool(ok), "detail": detail}), flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
