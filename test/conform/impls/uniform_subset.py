"""Wrong (Python): a uniform random half of the points with weight n/m."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../conformance/adapters/python"))
from attn_coreset_adapter import serve  # noqa: E402


def compress(K, V, rho, eps, size):
    n = len(K)
    m = max(1, (n + 1) // 2)
    rng = random.Random(repr((K, V, rho, eps)))
    idx = rng.sample(range(n), m)
    return idx, [n / m] * m


if __name__ == "__main__":
    serve(compress, name="uniform-subset (python)")
