"""Returns every point with weight |K[i][0]|, so that the test
can check the doubles survived the round trip through Python's json."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../conformance/adapters/python"))
from attn_coreset_adapter import serve  # noqa: E402


def compress(K, V, rho, eps, size):
    return list(range(len(K))), [abs(k[0]) for k in K]


if __name__ == "__main__":
    serve(compress, name="echo")
