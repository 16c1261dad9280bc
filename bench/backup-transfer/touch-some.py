#!/usr/bin/env python3
"""A small change to the benchmark tree, as a live core makes between a presync and the frozen window: of the
20,000 small files, 2.5% get a new mtime (same content) and 2.5% get new content of the same size (and a new
mtime). Usage: touch-some.py ROOT SEED (a different SEED each time picks other files and other bytes)."""
import os, random, sys, time

root, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "attachments")) for f in fs)
picked = rng.sample(files, len(files) // 20)
now = int(time.time()) - 100000 + seed  # a whole second of its own (in the past: tar warns of future times)
half = len(picked) // 2
for path in picked[:half]:
    os.utime(path, (now, now))
for path in picked[half:]:
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.write(rng.randbytes(size))
    os.utime(path, (now, now))
print("touched %d, changed %d of %d files" % (half, len(picked) - half, len(files)))
