#!/usr/bin/env bash
# bad inputs: every case runs wfsim in a fresh directory and checks the exact
# exit status and the exact first line of standard error (and, where a case
# says so, that files are byte-identical afterwards and that nothing was
# written). Run by `make test` from the repo root as
#   bash tests/bad/run.sh build/wfsim [CASE-FILE...]
# Cases live in tests/bad/cases/*.sh, one group per file, written with the
# functions below. Prints "ok - N name" or "not ok - N name: why" per case
# and "P passed, F failed" at the end; exits 1 if any failed.
set -u
case $1 in
/*) W=$1 ;;
*) W=$PWD/$1 ;;
esac
shift
cd "$(dirname "$0")/../.." || exit 2
R=$PWD
[ -x "$W" ] || { echo "bad: $W: not an executable (run make first)" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/wfsim-bad.XXXXXX") || exit 2
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
EX=$R/scenarios/example_la.cfg
TINY=$R/tests/golden/tiny.cfg
DATA=$R/scenarios/data/csww_indicators_2017_to_2024.csv
n=0 n_pass=0 n_fail=0 name="" D=""

# fresh NAME: start a case in an empty directory $D (the working directory).
fresh() {
    name=$1
    n=$((n + 1))
    D=$T/$n
    mkdir -p "$D" && cd "$D" || exit 2
}
pass() { n_pass=$((n_pass + 1)); echo "ok - $n $name"; }
fail() { n_fail=$((n_fail + 1)); echo "not ok - $n $name: $*"; }
# tiny_with TEXT...: tiny.cfg with TEXT appended as x.cfg (libconfig takes a
# later duplicate group as an error, so TEXT adds new settings only).
tiny_with() { { cat "$TINY"; printf '%s\n' "$@"; } >x.cfg; }
# snapshot PATH...: remember the bytes and links under PATH (checked by expect)
snap=""
snapshot() { snap=$(for p in "$@"; do tree_hash "$p"; done); snap_paths=("$@"); }
tree_hash() {
    [ -e "$1" ] || [ -L "$1" ] || { echo "absent $1"; return; }
    find "$1" -printf '%y %p %l\n' | LC_ALL=C sort
    find "$1" -type f -exec sha256sum {} + | LC_ALL=C sort -k2
}
# expect STATUS 'FIRST LINE' ARG...: run wfsim with ARGs; standard output to
# $D/.stdout (or to $OUT when set: OUT=/dev/full expect ...). The first line of standard error must be FIRST LINE exactly
# (a trailing * matches any rest of the line). A snapshot taken in this case
# must still hold, and with STATUS 2 no results directory may appear.
expect() {
    local status=$1 first=$2 rc got
    shift 2
    "$W" "$@" >"${OUT:-$D/.stdout}" 2>"$D/.stderr" </dev/null
    rc=$?
    got=$(head -n 1 "$D/.stderr")
    local why=""
    [ "$rc" = "$status" ] || why="exit $rc, not $status; "
    case $first in
    *\*) [[ "$got" == "${first%\*}"* ]] || why+="stderr '$got', not '$first'" ;;
    *) [ "$got" = "$first" ] || why+="stderr '$got', not '$first'" ;;
    esac
    if [ -n "$snap" ]; then
        local now
        now=$(for p in "${snap_paths[@]}"; do tree_hash "$p"; done)
        [ "$now" = "$snap" ] || why+="; files changed: $(diff <(echo "$snap") <(echo "$now") | head -3 | tr '\n' ' ')"
        snap=""
    fi
    if [ -z "$why" ]; then pass; else fail "$why"; fi
}
# no_temporaries DIR: nothing of a run's temporary pattern is left in DIR
no_temporaries() {
    local left
    left=$(find "$1" -maxdepth 1 -name '*.tmp-*' | head -1)
    [ -z "$left" ] || fail "left $left behind"
}

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("$R"/tests/bad/cases/*.sh)
for c in "${cases[@]}"; do
    # shellcheck disable=SC1090
    . "$c"
    cd "$R" || exit 2
done
echo "$n_pass passed, $n_fail failed"
[ "$n_fail" = 0 ]
