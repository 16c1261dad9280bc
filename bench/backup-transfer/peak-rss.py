#!/usr/bin/env python3
"""Runs a command and writes "LABEL SECONDS PEAK_KB" to OUT, PEAK_KB being the largest sum, over time, of the
memory of the command and every process under it (a JVM that runs the tool in a child JVM, find, sort, ssh...),
sampled every 20 ms. Each process counts its proportional set size (Pss, /proc/PID/smaps_rollup): its resident
pages, those shared with N other processes (the JVM's own code and class archive, mapped by both JVMs) divided by
N, so that the sum is what the processes together hold; RSS (VmRSS) where Pss cannot be read. GNU time's %M is
the largest single process, which would leave out a parent JVM.
Usage: peak-rss.py OUT LABEL CMD...; exits with the command's status."""
import os
import subprocess
import sys
import time


def processes():
    parents = {}
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                with open('/proc/%s/stat' % name) as stat:
                    fields = stat.read().rsplit(')', 1)[1].split()
                parents[int(name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                pass
    return parents


def field_kb(path, name):
    """The value in kB of the line NAME: of a /proc file, None if it cannot be read."""
    try:
        with open(path) as lines:
            for line in lines:
                if line.startswith(name + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_kb(pid):
    pss = field_kb('/proc/%d/smaps_rollup' % pid, 'Pss')
    return pss if pss is not None else field_kb('/proc/%d/status' % pid, 'VmRSS') or 0


def tree_rss_kb(root):
    parents = processes()
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss_kb(pid) for pid in tree)


def main():
    out, label, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss_kb(child.pid))
        time.sleep(0.02)
    seconds = time.monotonic() - start
    with open(out, 'w') as result:
        result.write('%s %.2f %d\n' % (label, seconds, peak))
    sys.exit(child.returncode)


main()
