#!/usr/bin/env python3
"""A tree of FILES small files of 1-20 KiB under ROOT/attachments (100 to a folder, laid out as
bench/backup-transfer/gen-data.py lays them, so touch-some.py works on it), plus ROOT/big.bin of BIG_MB MiB when
BIG_MB > 0. Deterministic; files already there are kept. Usage: gen-tree.py ROOT FILES BIG_MB"""
import os, random, sys

root, files, big_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20261206)
for n in range(files):
    folder = os.path.join(root, "attachments", "u%02d" % (n // 1000), "e%02d" % (n // 100 % 10))
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "f%03d.dat" % (n % 100))
    size = rng.randint(1024, 20 * 1024)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(rng.randbytes(size))
if big_mb > 0:
    big = os.path.join(root, "big.bin")
    if not os.path.exists(big) or os.path.getsize(big) != big_mb * 1024 * 1024:
        with open(big, "wb") as f:
            f.write(rng.randbytes(big_mb * 1024 * 1024))
print("%d small files%s under %s" % (files, " and big.bin" if big_mb > 0 else "", root))
