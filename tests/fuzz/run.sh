#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a share of SECONDS in all, each from its
# checked-in corpus (new inputs go to a scratch folder, the corpus is left as it is). Exits
# non-zero at the first target that finds a crash, a leak, undefined behaviour or a timeout;
# the input that did it is saved in the current folder as crash-*, leak-*, timeout-*.
#   tests/fuzz/run.sh BUILD_DIR SECONDS
set -euo pipefail
build=$1 seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
targets=(sphinx scenario sweep trace observations plot_csv)
share=$(( seconds / ${#targets[@]} )); [ "$share" -ge 1 ] || share=1
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  echo "fuzz_$t: ${share} s from tests/fuzz/corpus/$t"
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    "$build/fuzz_$t" -max_total_time="$share" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    "$scratch/$t" "$here/corpus/$t" 2>"$scratch/$t.log" || { tail -n 60 "$scratch/$t.log"; exit 1; }
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$scratch/$t.log" | tr '\n' ' '; echo
done
