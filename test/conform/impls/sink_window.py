"""Wrong at scale (StreamingLLM-style): keep the attention sink (row 0) and
the most recent 63 rows, each with weight 1. Exact for n <= 64, so the small
families never see it fail."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "conformance", "adapters", "python"))
from attn_coreset_adapter import serve  # noqa: E402


def compress(K, V, rho, eps, size):
    n = len(K)
    keep = [0] + list(range(max(1, n - 63), n))
    return keep, [1.0] * len(keep)


if __name__ == "__main__":
    serve(compress, name="sink-window (python)")
