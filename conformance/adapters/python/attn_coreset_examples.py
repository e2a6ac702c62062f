"""Two compressors to try the suite with:

- ``exact``: the full set, every weight 1 (error 0): passes every case;
- ``sink_window``: the attention sink (row 0) and the 63 most recent rows,
  weight 1 each (StreamingLLM-style): exact up to n = 64, wrong at the sizes
  the standard profile reaches.
"""


def exact(K, V, rho, eps, size):
    n = len(K)
    return list(range(n)), [1.0] * n


def sink_window(K, V, rho, eps, size):
    n = len(K)
    keep = [0] + list(range(max(1, n - 63), n))
    return keep, [1.0] * len(keep)
