"""Independent float64 (numpy) computations for the cache acceptance tests.

Nothing here imports or shares code with the TypeScript library: the
instance, the KIVI int4 cache and the errors are computed from their
definitions (max-shifted softmax in float64).

  gen DIR SEED N D DV BITS GROUP   write K.npy, V.npy, Q.npy (queries),
                                   Kq.npy, Vq.npy (KIVI dequantized cache)
  err DIR SCALE CACHE_PREFIX       read queries from stdin (JSON rows),
                                   print the errors ||A_1 - A_C|| as JSON
  search DIR SCALE RHO CACHE_PREFIX SEED COUNT
                                   random search over the ball: JSON {best, query}
"""
import json
import sys

import numpy as np


def kivi(x, bits, group, axis):
    """KIVI asymmetric min/max quantization along `axis` in groups, dequantized."""
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    max_int = 2 ** bits - 1
    n = x.shape[axis]
    for s in range(0, n, group):
        sl = [slice(None), slice(None)]
        sl[axis] = slice(s, min(n, s + group))
        block = x[tuple(sl)]
        mn = block.min(axis=axis, keepdims=True)
        mx = block.max(axis=axis, keepdims=True)
        scale = (mx - mn) / max_int
        safe = np.where(scale == 0, 1.0, scale)
        code = np.round(np.clip((block - mn) / safe, 0, max_int))
        out[tuple(sl)] = np.where(scale == 0, mn, code * scale + mn)
    return out


def attention(K, V, w, q, scale):
    logits = scale * (K @ q)
    logits = np.where(w > 0, logits, -np.inf)
    t = w * np.exp(logits - logits.max())
    return (t @ V) / t.sum()


def load_cache(d, prefix):
    K = np.load(f"{d}/{prefix}K.npy")
    V = np.load(f"{d}/{prefix}V.npy")
    try:
        w = np.load(f"{d}/{prefix}w.npy").reshape(-1)
    except FileNotFoundError:
        w = np.ones(K.shape[0])
    return K, V, w


def errors(d, scale, prefix, Q):
    K, V = np.load(f"{d}/K.npy"), np.load(f"{d}/V.npy")
    Kc, Vc, wc = load_cache(d, prefix)
    ones = np.ones(K.shape[0])
    return [float(np.linalg.norm(attention(K, V, ones, q, scale) - attention(Kc, Vc, wc, q, scale))) for q in Q]


def main():
    cmd = sys.argv[1]
    if cmd == "gen":
        d, seed, n, dk, dv, bits, group = sys.argv[2], *map(int, sys.argv[3:9])
        rng = np.random.default_rng(seed)
        # A head-like instance: a shared key offset, a few outlier channels
        # (what motivates per-channel key quantization), values per token.
        chan = np.ones(dk)
        chan[rng.choice(dk, size=max(1, dk // 16), replace=False)] = 6.0
        K = rng.normal(size=(n, dk)) * chan + rng.normal(size=dk)
        V = rng.normal(size=(n, dv)) * rng.uniform(0.5, 2.0, size=(n, 1))
        Q = rng.normal(size=(64, dk)) * 1.5
        np.save(f"{d}/K.npy", K)
        np.save(f"{d}/V.npy", V)
        np.save(f"{d}/Q.npy", Q)
        np.save(f"{d}/qK.npy", kivi(K, bits, group, axis=0))
        np.save(f"{d}/qV.npy", kivi(V, bits, group, axis=1))
        print(json.dumps({"rhoQueries": float(np.linalg.norm(Q, axis=1).max())}))
    elif cmd == "err":
        d, scale, prefix = sys.argv[2], float(sys.argv[3]), sys.argv[4]
        Q = np.array(json.load(sys.stdin), dtype=np.float64)
        print(json.dumps(errors(d, scale, prefix, Q)))
    elif cmd == "search":
        d, scale, rho, prefix, seed, count = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], int(sys.argv[6]), int(sys.argv[7])
        rng = np.random.default_rng(seed)
        K = np.load(f"{d}/K.npy")
        dirs = rng.normal(size=(count, K.shape[1]))
        keys = K[rng.integers(0, K.shape[0], size=count // 4)]
        dirs = np.vstack([dirs, keys, -keys])
        Q = rho * dirs / np.linalg.norm(dirs, axis=1, keepdims=True) * (1 - 1e-12)
        e = errors(d, scale, prefix, Q)
        # A little hill climbing from the best few (random perturbations on the sphere).
        order = np.argsort(e)[::-1][:8]
        best, bq = max(e), Q[int(np.argmax(e))]
        for i in order:
            q, f, h = Q[i], e[i], 0.3 * rho
            for _ in range(60):
                p = q + h * rng.normal(size=q.shape) / np.sqrt(q.size)
                p = rho * p / np.linalg.norm(p) * (1 - 1e-12)
                fp = errors(d, scale, prefix, [p])[0]
                if fp > f:
                    q, f = p, fp
                else:
                    h *= 0.9
            if f > best:
                best, bq = f, q
        print(json.dumps({"best": best, "query": bq.tolist()}))


main()
