#!/usr/bin/env python3
"""A tree of FILES tiny files (0-6 bytes), 200 to a folder: what costs memory is the number of entries, not bytes.
Usage: gen-many.py DIR FILES (files already there are kept)."""
import os, sys

root, total = sys.argv[1], int(sys.argv[2])
for n in range(total):
    folder = os.path.join(root, "d%05d" % (n // 200))
    if n % 200 == 0:
        os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "f%03d" % (n % 200))
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(str(n)[: n % 7])
print("%d files under %s" % (total, root))
