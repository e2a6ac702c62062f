"""Independent float64 check of a conformance witness with numpy (no code
shared with the verifier): reads {K, V, q, indices, weights} as JSON on
stdin, prints err_w(q) = ||A_1(q) - A_w(q)||_2 (weights summed per index)."""
import json
import sys

import numpy as np

m = json.load(sys.stdin)
K = np.asarray(m["K"], dtype=np.float64)
V = np.asarray(m["V"], dtype=np.float64)
q = np.asarray(m["q"], dtype=np.float64)
w = np.zeros(K.shape[0])
np.add.at(w, np.asarray(m["indices"], dtype=np.int64), np.asarray(m["weights"], dtype=np.float64))


def attention(weights):
    logits = K @ q
    keep = weights > 0
    shift = logits[keep].max()
    t = np.where(keep, weights * np.exp(logits - shift), 0.0)
    return (t @ V) / t.sum()


print(repr(float(np.linalg.norm(attention(np.ones(K.shape[0])) - attention(w)))))
