"""attn-coreset conformance adapter for Python (protocol 1), stdlib only.

Wrap your compression function and run the file as the implementation under
test::

    from attn_coreset_adapter import serve

    def compress(K, V, rho, eps, size):
        ...
        return indices, weights

    if __name__ == "__main__":
        serve(compress, name="mine")

    $ attn-coreset conform --impl "python3 my_impl.py"

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
