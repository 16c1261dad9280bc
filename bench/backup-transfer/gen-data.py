#!/usr/bin/env python3
"""Benchmark tree: one 600 MiB random file plus 20,000 files of 1-20 KiB in nested folders (deterministic)."""
import os, random, sys

root = sys.argv[1]
rng = random.Random(20240601)
os.makedirs(root, exist_ok=True)
big = os.path.join(root, "big.bin")
if not os.path.exists(big) or os.path.getsize(big) != 600 * 1024 * 1024:
    with open(big, "wb") as f:
        for _ in range(600):
            f.write(os.urandom(1024 * 1024))
count = 0
for a in range(20):
    for b in range(10):
        d = os.path.join(root, "attachments", "u%02d" % a, "e%02d" % b)
        os.makedirs(d, exist_ok=True)
        for c in range(100):
            p = os.path.join(d, "f%03d.dat" % c)
            if not os.path.exists(p):
                with open(p, "wb") as f:
                    f.write(rng.randbytes(rng.randint(1024, 20 * 1024)))
            count += 1
print("generated %d small files and big.bin under %s" % (count, root))
