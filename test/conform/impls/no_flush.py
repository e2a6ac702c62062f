"""Correct answers that never reach the harness: written to a block-buffered
stdout (a pipe) and never flushed."""
import json
import os
import sys

# Block-buffered whatever PYTHONUNBUFFERED says, as stdout to a pipe is by default.
out = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=65536)

for line in sys.stdin:
    msg = json.loads(line)
    if msg["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": 1, "name": "no-flush"}), flush=True)
    elif msg["type"] == "request":
        n = len(msg["K"])
        out.write(json.dumps({"type": "response", "id": msg["id"], "indices": list(range(n)), "weights": [1.0] * n}) + "\n")
    else:
        break
