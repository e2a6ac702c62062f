"""attn-coreset conformance adapter for Python (protocols 1 and 2), stdlib only.

Wrap your compression function and run the file as the implementation under
test::

    from attn_coreset_adapter import serve

    def compress(K, V, rho, eps, size):
        ...
        return indices, weights

    if __name__ == "__main__":
        serve(compress, name="mine")

    $ attn-coreset conform --impl "python3 -u my_impl.py"

or, with this package installed, serve any function by its import path::

    $ attn-coreset conform --impl "python3 -u -m attn_coreset_adapter mypkg.mod:compress"

``compress`` gets K (n rows of d floats) and V (n rows of dv floats) as lists
of lists (``numpy.asarray(K)`` if you want an array), rho and eps as floats,
and ``size`` (the largest support the harness accepts, or None). It returns
``(indices, weights)``: any iterables of ints and floats (numpy arrays work).
An exception becomes an error message (a failed case) and the adapter keeps
serving. Print diagnostics to stderr, never to stdout.

Protocol 2, compressed caches: with ``serve(compress, response="cache")``
(or ``--cache`` on the command line) ``compress`` returns ``(keys, values,
weights)`` -- m rows of d, m rows of dv, m weights: quantized, merged or
refitted rows of its own. They go out as base64 of little-endian binary64
(``encoding="base64"``, the default: exact and compact) or as JSON numbers
(``encoding="json"``).

Exactness: the harness writes every double as its shortest round-trip
decimal and ``json.loads`` reads it back correctly rounded, so K and V arrive
bit for bit; ``json.dumps`` writes floats with ``repr``, which round-trips too.
"""
import json
import math
import sys
import traceback

PROTOCOL = 1
CACHE_PROTOCOL = 2


def _send(out, msg):
    # allow_nan=False: JSON has no NaN/Infinity; refuse rather than emit "NaN".
    out.write(json.dumps(msg, allow_nan=False, separators=(",", ":")) + "\n")
    out.flush()


def _numbers(name, xs, integer):
    result = []
    for j, x in enumerate(xs):
        if integer:
            if isinstance(x, float) and not x.is_integer():
                raise ValueError("%s[%d] = %r is not an integer" % (name, j, x))
            result.append(int(x))
        else:
            x = float(x)
            if not math.isfinite(x):
                raise ValueError("%s[%d] is %r, not a finite number" % (name, j, x))
            result.append(x)
    return result


def _rows(name, rows, m, cols):
    """m rows of ``cols`` finite floats, flattened row-major."""
    rows = list(rows)
    if len(rows) != m:
        raise ValueError("%s has %d rows, weights has %d" % (name, len(rows), m))
    flat = []
    for i, row in enumerate(rows):
        row = _numbers("%s[%d]" % (name, i), row, False)
        if len(row) != cols:
            raise ValueError("%s[%d] has %d entries, expected %d" % (name, i, len(row), cols))
        flat.extend(row)
    return flat


def _base64(flat):
    import base64
    import struct

    return base64.b64encode(struct.pack("<%dd" % len(flat), *flat)).decode("ascii")


def _cache_response(msg, out, encoding):
    """The protocol-2 cache response to a request."""
    keys, values, weights = out
    weights = _numbers("weights", weights, False)
    m, d, dv = len(weights), len(msg["K"][0]), len(msg["V"][0])
    k = _rows("keys", keys, m, d)
    v = _rows("values", values, m, dv)
    if encoding == "base64":
        return {"type": "response", "id": msg["id"], "keys": _base64(k), "values": _base64(v), "weights": _base64(weights)}
    return {
        "type": "response",
        "id": msg["id"],
        "keys": [k[i * d:(i + 1) * d] for i in range(m)],
        "values": [v[i * dv:(i + 1) * dv] for i in range(m)],
        "weights": weights,
    }


def serve(compress, name="python-implementation", version=None, max_size=None, stdin=None, stdout=None, response="subset", encoding="base64"):
    """Serve the protocol until the harness sends stop or closes stdin:
    protocol 1 (subsets) by default, protocol 2 with ``response="cache"``."""
    if response not in ("subset", "cache"):
        raise ValueError("response must be 'subset' or 'cache', got %r" % (response,))
    if encoding not in ("json", "base64"):
        raise ValueError("encoding must be 'json' or 'base64', got %r" % (encoding,))
    cache = response == "cache"
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    for line in stdin:
        if not line.strip():
            continue
        try:
            msg = json.loads(line)
        except ValueError:
            sys.stderr.write("adapter: ignoring a line that is not JSON\n")
            continue
        kind = msg.get("type") if isinstance(msg, dict) else None
        if kind == "hello":
            if msg.get("protocol") != PROTOCOL:
                sys.stderr.write("adapter: harness speaks protocol %r, this adapter %d\n" % (msg.get("protocol"), PROTOCOL))
            if cache and "cache" not in (msg.get("accepts") or []):
                sys.stderr.write("adapter: this harness does not accept cache responses (protocol 2); update attn-coreset\n")
            hello = {"type": "hello", "protocol": CACHE_PROTOCOL if cache else PROTOCOL, "name": name}
            if cache:
                hello["response"] = "cache"
                hello["encoding"] = encoding
            if version is not None:
                hello["version"] = version
            if max_size is not None:
                hello["maxSize"] = max_size
            _send(stdout, hello)
        elif kind == "request":
            try:
                if cache:
                    _send(stdout, _cache_response(msg, compress(msg["K"], msg["V"], msg["rho"], msg["eps"], msg.get("size")), encoding))
                    continue
                indices, weights = compress(msg["K"], msg["V"], msg["rho"], msg["eps"], msg.get("size"))
                response = {
                    "type": "response",
                    "id": msg["id"],
                    "indices": _numbers("indices", indices, True),
                    "weights": _numbers("weights", weights, False),
                }
                _send(stdout, response)
            except Exception:  # the user's code failed: report it as this case's failure
                _send(stdout, {"type": "error", "id": msg.get("id", ""), "message": traceback.format_exc()[-4000:]})
        elif kind == "stop":
            return
        else:
            sys.stderr.write("adapter: ignoring message of type %r\n" % (kind,))


def load_function(spec):
    """Import ``module:function`` (dotted names allowed on both sides)."""
    import importlib

    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError("expected module:function, got %r" % (spec,))
    obj = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError("%s is not callable" % (spec,))
    return obj


def main(argv=None):
    """``python -m attn_coreset_adapter [--cache|--cache-json] module:function [name]``:
    serve that function (``--cache``: it returns a cache, sent as base64;
    ``--cache-json``: as JSON numbers)."""
    import os

    argv = list(sys.argv[1:] if argv is None else argv)
    form = {}
    while argv and argv[0] in ("--cache", "--cache-json"):
        form = {"response": "cache", "encoding": "base64" if argv.pop(0) == "--cache" else "json"}
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write("usage: python -u -m attn_coreset_adapter [--cache|--cache-json] module:function [name]\n")
        return 2
    sys.path.insert(0, os.getcwd())
    compress = load_function(argv[0])
    serve(compress, name=argv[1] if len(argv) > 1 else argv[0], **form)
    return 0


if __name__ == "__main__":
    sys.exit(main())
