#!/usr/bin/env python3
"""Writes an `influx -import` file: DATABASES databases named like Pryv's (user.bench-N), POINTS points each.

Usage: influx-import.py FILE DATABASES POINTS
"""
import sys

path, databases, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as out:
    out.write("# DDL\n")
    for d in range(databases):
        out.write(f'CREATE DATABASE "user.bench-{d}"\n')
    out.write("# DML\n")
    for d in range(databases):
        out.write(f"# CONTEXT-DATABASE: user.bench-{d}\n")
        for i in range(points):
            out.write(f"event.e{i % 10},stream=s{i % 3} value={i} {1600000000 + i}000000000\n")
