"""Correct (protocol 2): the full set as a cache through the Python adapter,
packed as base64 little-endian binary64 (error 0)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../conformance/adapters/python"))
from attn_coreset_adapter import serve  # noqa: E402


def compress(K, V, rho, eps, size):
    return K, V, [1.0] * len(K)


if __name__ == "__main__":
    serve(compress, name="full-cache (python)", response="cache", encoding=sys.argv[1] if len(sys.argv) > 1 else "base64")
