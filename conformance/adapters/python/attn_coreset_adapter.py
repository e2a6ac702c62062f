"""attn-coreset conformance adapter for Python (protocol 1), stdlib only.

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

Exactness: the harness writes every double as its shortest round-trip
decimal and ``json.loads`` reads it back correctly rounded, so K and V arrive
bit for bit; ``json.dumps`` writes floats with ``repr``, which round-trips too.
"""
import json
import math
import sys
import traceback

PROTOCOL = 1


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


def serve(compress, name="python-implementation", version=None, max_size=None, stdin=None, stdout=None):
    """Serve protocol 1 until the harness sends stop or closes stdin."""
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
            hello = {"type": "hello", "protocol": PROTOCOL, "name": name}
            if version is not None:
                hello["version"] = version
            if max_size is not None:
                hello["maxSize"] = max_size
            _send(stdout, hello)
        elif kind == "request":
            try:
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
    """``python -m attn_coreset_adapter module:function [name]``: serve that function."""
    import os

    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write("usage: python -u -m attn_coreset_adapter module:function [name]\n")
        return 2
    sys.path.insert(0, os.getcwd())
    compress = load_function(argv[0])
    serve(compress, name=argv[1] if len(argv) > 1 else argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
