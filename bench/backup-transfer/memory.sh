#!/usr/bin/env bash
# Peak memory of backup-transfer against the number of files: for each size (default 50,000, 200,000 and
# 400,000 files of 0-6 bytes, 200 to a folder) a push over SSH to 127.0.0.1 into an empty folder, a re-run with
# nothing changed, a re-run after one file changed (both listings compared in full) and a --checksum re-run; then
# a check of the two folders over SSH (both sides listed and hashed), a manifest of the source, and a pull of the
# source into an empty folder.
# Memory is the Pss of all the tool's processes added up (peak-rss.py). The tool as the release starts it: its
# launcher bin/backup-transfer (scripts/release/launcher.sh: the bounded heap, and a second run when a tree does not
# fit), here on the machine's Java.
# Usage: bench/backup-transfer/memory.sh [FILES...]
set -euo pipefail
# shellcheck source=bench/backup-transfer/lib.sh
source "$(dirname "$0")/lib.sh"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(50000 200000 400000)
start_sshd
release_launcher >/dev/null
ssh=(-p "$port" -i "$key" --known-hosts "$known")
printf '%-9s %-15s %9s %12s\n' files case seconds "peak memory"
for files in "${sizes[@]}"; do
  src=$work/many-$files dst=$work/many-$files-dst
  python3 "$here/gen-many.py" "$src" "$files" >/dev/null
  rm -rf "$dst"
  for case in full rerun one-changed checksum check manifest pull; do
    command=(push "${ssh[@]}" "$src" "$user@127.0.0.1:$dst")
    [ "$case" = one-changed ] && touch "$src/d00000/f000"
    [ "$case" = checksum ] && command=(push "${ssh[@]}" --checksum "$src" "$user@127.0.0.1:$dst")
    [ "$case" = check ] && command=(check "${ssh[@]}" "$src" "$user@127.0.0.1:$dst")
    [ "$case" = manifest ] && command=(manifest -o "$work/last-manifest" "$src")
    [ "$case" = pull ] && command=(pull "${ssh[@]}" "$user@127.0.0.1:$src" "$dst-pulled")
    sync
    status=ok
    python3 "$here/peak-rss.py" "$work/last-memory" "$case" "$work/launcher/bin/backup-transfer" "${command[@]}" \
      > /dev/null 2> "$work/last-error" || status="FAILED: $(tail -1 "$work/last-error")"
    read -r _ seconds kb < "$work/last-memory"
    if [ "$status" = ok ] && grep -q "running it again with the JVM's default heap" "$work/last-error"; then
      status="ok, run again with the default heap (did not fit the bounded one)"
    fi
    [ $((kb / 1024)) -lt 256 ] || status="over 256 MiB; $status"
    printf '%-9s %-15s %9s %8d MiB %s\n' "$files" "$case" "$seconds" $((kb / 1024)) "$status"
  done
  rm -rf "$dst" "$dst-pulled" "$work/last-manifest"
done
