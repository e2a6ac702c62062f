"""Example implementation: the full set with every weight 1, which is exact
(error 0 at every query), so it passes every case.

    attn-coreset conform --impl "python3 conformance/adapters/python/example_exact.py"
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attn_coreset_adapter import serve  # noqa: E402


def compress(K, V, rho, eps, size):
    n = len(K)
    return list(range(n)), [1.0] * n


if __name__ == "__main__":
    serve(compress, name="example-exact (python)", version="1")
