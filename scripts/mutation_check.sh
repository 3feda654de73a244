#!/usr/bin/env bash
# Mutation check: applies each one-line mutation of scripts/mutations.txt to a scratch copy
# of the working tree, rebuilds it (Release, incrementally, one build folder for every
# mutation), runs the whole ctest suite and reports whether a test caught the mutation.
#
#   scripts/mutation_check.sh [-k] [-o NAME]... [SCRATCH_DIR]
#
# -k: keep going after the first failing test (by default ctest stops at the first failure,
#     which gives the same verdict sooner: a mutation is caught when any test fails).
# -o NAME: only the mutations whose name contains NAME (may be repeated).
# SCRATCH_DIR: where the copy and its build live (default ${TMPDIR:-/tmp}/loopix-mutation);
#     kept between calls, so a second call rebuilds only what changed.
# JOBS (default 2) sets the build and ctest parallelism, TEST_TIMEOUT (default 600) the
# seconds one test may run. Exit code 0 when every mutation was caught, 1 otherwise.
# Not part of `make test`: a full check takes a build and a suite run per mutation.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
list="$here/scripts/mutations.txt"
jobs=${JOBS:-2}
timeout=${TEST_TIMEOUT:-600}
stop=(--stop-on-failure)
only=()
while getopts "ko:" opt; do
  case $opt in
    k) stop=() ;;
    o) only+=("$OPTARG") ;;
    *) echo "usage: $0 [-k] [-o NAME]... [SCRATCH_DIR]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
scratch=${1:-${TMPDIR:-/tmp}/loopix-mutation}

# The working tree's files (tracked and new, not ignored) into the scratch copy; a file is
# rewritten only when its content differs, so the build stays incremental.
sync_tree() {
  mkdir -p "$scratch/src"
  (cd "$here" && git ls-files --cached --others --exclude-standard -z) |
    while IFS= read -r -d '' f; do
      [[ -f "$here/$f" ]] || continue
      if ! cmp -s "$here/$f" "$scratch/src/$f"; then
        mkdir -p "$(dirname "$scratch/src/$f")"
        cp "$here/$f" "$scratch/src/$f"
      fi
    done
}

build() {
  cmake --build "$scratch/build" -j "$jobs" --target loopix-tests loopix-sim </dev/null >"$scratch/build.log" 2>&1
}

# The tests' scratch folders go into a temporary directory of the copy's own, so that a suite
# run elsewhere on the machine at the same time does not remove them.
run_suite() {
  mkdir -p "$scratch/tmp"
  (cd "$scratch/build" && TMPDIR="$scratch/tmp" ctest -j "$jobs" --timeout "$timeout" "${stop[@]}" </dev/null \
    >"$scratch/ctest.log" 2>&1)
}

# Replaces the one occurrence of $2 in file $1 by $3; fails when $2 occurs zero or several times.
replace_once() {
  local file=$1 from=$2 to=$3 text rest count
  IFS= read -r -d '' text <"$file" || true
  rest=${text//"$from"/}
  count=$(( (${#text} - ${#rest}) / ${#from} ))
  if (( count != 1 )); then
    echo "mutation list: '$from' occurs $count times in $file (expected exactly once)" >&2
    return 1
  fi
  printf '%s' "${text/"$from"/"$to"}" >"$file"
}

selected() {
  (( ${#only[@]} == 0 )) && return 0
  local o
  for o in "${only[@]}"; do [[ $1 == *"$o"* ]] && return 0; done
  return 1
}

sync_tree
cmake -S "$scratch/src" -B "$scratch/build" -DCMAKE_BUILD_TYPE=Release >"$scratch/configure.log" 2>&1
echo "baseline: building and running the suite in $scratch"
build || { echo "baseline: the build fails, see $scratch/build.log" >&2; exit 2; }
run_suite || { echo "baseline: the suite fails without a mutation, see $scratch/ctest.log" >&2; exit 2; }

caught=0 survived=0 total=0
declare -a survivors=()
while IFS=$'\t' read -r name file from to <&3; do
  [[ -z $name || $name == \#* ]] && continue
  selected "$name" || continue
  target="$scratch/src/$file"
  cp "$target" "$scratch/original"
  replace_once "$target" "$from" "$to" || exit 2
  total=$((total + 1))
  start=$SECONDS
  if ! build; then
    cp "$scratch/original" "$target"
    echo "$name: the mutated code does not build, see $scratch/build.log" >&2
    exit 2
  fi
  if run_suite; then
    verdict=SURVIVED
    survived=$((survived + 1))
    survivors+=("$name")
  else
    verdict=caught
    caught=$((caught + 1))
    failed=$(grep -m1 -E '^[[:space:]]*[0-9]+ - .*\((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception)' "$scratch/ctest.log" || true)
    verdict="caught ($(echo "$failed" | sed -E 's/^[[:space:]]*[0-9]+ - //'))"
  fi
  printf '%-50s %s [%ds]\n' "$name" "$verdict" $((SECONDS - start))
  cp "$scratch/original" "$target"
done 3<"$list"

build || { echo "restoring: the build fails, see $scratch/build.log" >&2; exit 2; }
echo "score: $caught of $total mutations caught"
for s in "${survivors[@]}"; do echo "  survived: $s"; done
(( survived == 0 ))
