"""A user function that returns a NaN weight: the adapter must send an error message, not "NaN"."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../conformance/adapters/python"))
from attn_coreset_adapter import serve  # noqa: E402


def compress(K, V, rho, eps, size):
    return list(range(len(K))), [float("nan")] * len(K)


if __name__ == "__main__":
    serve(compress, name="nan-weights (python)")
