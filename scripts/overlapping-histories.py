#!/usr/bin/env python3
"""Writes register histories of N overlapping operations for `modelcheck linearizable`, to measure the
checker's time and memory.

  overlapping-histories.py N CLIENTS KIND SEED > history.json

Each client is sequential: its operations follow one another, each call-to-return interval long enough to
overlap the operations of every other client. Operations are writes of distinct values, reads and
compare-and-swaps, and each takes effect at a random point inside its interval, which gives the results
(KIND=linearizable). KIND=broken changes the result of the last read to a value nothing wrote, so no order
explains it and the search must exhaust every configuration (or its budget). KIND=pending also leaves the
last operation of every other client without a return.
"""
import json
import random
import sys

n, clients, kind, seed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rng = random.Random(seed)
ops, effects = [], []
clock = [rng.randrange(0, 10) for _ in range(clients)]
for i in range(n):
    c = i % clients
    call = clock[c]
    ret = call + rng.randrange(20, 40) * clients
    clock[c] = ret + rng.randrange(0, 3)
    r = rng.random()
    op = "write" if r < 0.4 else "read" if r < 0.8 else "cas"
    args = [i + 1] if op == "write" else [] if op == "read" else [rng.randrange(0, i + 1), i + 1]
    ops.append({"client": c, "op": op, "args": args, "call": call, "return": ret})
    effects.append((rng.uniform(call, ret), i))
value = None  # the register specification starts empty (null), as `linearizable` reads it
for _, i in sorted(effects):
    o = ops[i]
    if o["op"] == "write":
        value = o["args"][0]
        o["result"] = None
    elif o["op"] == "read":
        o["result"] = value
    else:
        ok = value == o["args"][0]
        if ok:
            value = o["args"][1]
        o["result"] = ok
if kind == "broken":
    last = max(i for i, o in enumerate(ops) if o["op"] == "read")
    ops[last]["result"] = -1
if kind == "pending":
    for c in range(1, clients):
        last = max(i for i, o in enumerate(ops) if o["client"] == c)
        ops[last]["return"] = None
        ops[last].pop("result", None)
json.dump({"spec": "register", "operations": ops}, sys.stdout)
print()
