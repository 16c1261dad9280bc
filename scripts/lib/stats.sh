# shellcheck shell=bash
# Small statistics for the scripts and benchmarks that print figures (sourced).

# The median of the numbers on stdin (separated by spaces or newlines); of an even count, the mean of the middle
# two, with two decimals.
median() {
  tr ' ' '\n' | sed '/^$/d' | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
