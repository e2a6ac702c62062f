"""Kernel thinning (goodpoints `kt.thin`, KT-SPLIT + KT-SWAP) on one instance.

Runs goodpoints' own code: the package must be importable (bench/peers/goodpoints.ts
puts an extracted, compiled snapshot on PYTHONPATH). Reads K.npy and V.npy, thins
the rows x_i = (k_i, v_i) with the attention kernel

    attn:  kappa((k, v), (k', v')) = exp(s <k, k'>) * (<v, v'> + 1)
    thinformer: kappa((k, v), (k', v')) = exp(s <k, k'>) * (<v, v'> + b^2),
           b = max_i ||v_i||_inf (Thinformer's attention kernel, s its softmax temperature)
    keys:  kappa(k, k') = exp(s <k, k'>)

as both split and swap kernel (target KT), `halvings` rounds, delta = 0.5 (the
default), one run per seed (`seed` passed to kt.thin), and prints JSON:
{"runs": [{"seed", "indices", "seconds"}], "goodpoints": path}.

usage: kt_thin.py K.npy V.npy HALVINGS SCALE KERNEL SEEDS(comma list)
"""
import json
import sys
import time

import numpy as np
import goodpoints
from goodpoints import kt


def attention_kernel(s, d):
    def k(y, X):
        return np.exp(s * np.sum(y[..., :d] * X[..., :d], axis=-1)) * (np.sum(y[..., d:] * X[..., d:], axis=-1) + 1.0)
    return k


def thinformer_kernel(s, d, b2):
    def k(y, X):
        return np.exp(s * np.sum(y[..., :d] * X[..., :d], axis=-1)) * (np.sum(y[..., d:] * X[..., d:], axis=-1) + b2)
    return k


def key_kernel(s, d):
    def k(y, X):
        return np.exp(s * np.sum(y[..., :d] * X[..., :d], axis=-1))
    return k


def main(argv):
    if len(argv) != 7:
        sys.stderr.write(__doc__)
        return 2
    K = np.load(argv[1])
    V = np.load(argv[2])
    halvings, scale, kernel = int(argv[3]), float(argv[4]), argv[5]
    seeds = [int(s) for s in argv[6].split(',')]
    d = K.shape[1]
    X = np.ascontiguousarray(np.hstack([K, V]))
    if kernel == 'thinformer':
        k = thinformer_kernel(scale, d, float(np.max(np.abs(V))) ** 2)
    else:
        k = {'attn': attention_kernel, 'keys': key_kernel}[kernel](scale, d)
    runs = []
    for seed in seeds:
        t0 = time.perf_counter()
        idx = kt.thin(X, halvings, split_kernel=k, swap_kernel=k, delta=0.5, seed=seed)
        runs.append({'seed': seed, 'indices': [int(i) for i in idx], 'seconds': time.perf_counter() - t0})
    json.dump({'runs': runs, 'goodpoints': goodpoints.__file__}, sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
