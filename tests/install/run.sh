#!/usr/bin/env bash
# install: `make install PREFIX=$tmp` into a temporary directory, then what it
# installed: the program (--version), the manual page (man -M, rendered as
# text), a run of an installed scenario with the installed data, and the
# bash completion sourced in bash (COMPREPLY for a few words). Run by
# `make install-test` (part of make test) from the repo root as
# `bash tests/install/run.sh BUILD_DIR`.
set -u
[ $# -eq 1 ] || { echo "usage: bash tests/install/run.sh BUILD_DIR" >&2; exit 2; }
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/wfsim-install.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
P=$T/prefix
fail=0
bad() {
    echo "install: $*"
    fail=1
}

if ! make --no-print-directory -s install PREFIX="$P" BUILD="$1" >"$T/install.log" 2>&1; then
    cat "$T/install.log"
    bad "make install PREFIX=$P failed"
    exit 1
fi
version=$("$P/bin/wfsim" --version) || bad "$P/bin/wfsim --version failed"
[ "$version" = "$("$1/wfsim" --version)" ] || bad "installed --version says '$version'"

# The manual page, as man shows it.
if ! MANWIDTH=80 man -M "$P/share/man" -P cat wfsim >"$T/man.txt" 2>"$T/man.err"; then
    bad "man -M $P/share/man wfsim failed: $(head -n 3 "$T/man.err")"
else
    for want in '^NAME' 'wfsim run SCENARIO.cfg' '^COMMANDS' 'wfsim dfe build' '--bash-completion'; do
        grep -q -e "$want" "$T/man.txt" || bad "man wfsim does not show '$want'"
    done
    [ -s "$T/man.err" ] && bad "man wfsim warned: $(head -n 3 "$T/man.err")"
fi

# An installed scenario and option, run from elsewhere with the installed data.
S=$P/share/wfsim/scenarios
for f in example_la.cfg options/none.cfg sensitivity/example_la_keys.txt data/csww_indicators_2017_to_2024.csv; do
    [ -f "$S/$f" ] || bad "$S/$f not installed"
done
if (cd "$T" && "$P/bin/wfsim" run "$S/example_la.cfg" -n 20 -o "$T/run" -q); then
    [ -s "$T/run/timeseries.csv" ] || bad "the installed example wrote no timeseries.csv"
else
    bad "wfsim run of the installed example failed"
fi
(cd "$T" && "$P/bin/wfsim" dfe list --data "$S/data/csww_indicators_2017_to_2024.csv" >"$T/areas.txt") ||
    bad "wfsim dfe list of the installed data failed"
grep -q Southwark "$T/areas.txt" || bad "the installed data does not list Southwark"
# Without --data, the installed program finds its installed data from anywhere.
(cd "$T" && "$P/bin/wfsim" dfe list >"$T/areas_found.txt") ||
    bad "wfsim dfe list without --data, run from $T, failed"
cmp -s "$T/areas.txt" "$T/areas_found.txt" || bad "dfe list without --data lists other areas"

# The completion: COMPREPLY for the words before the cursor (the last one).
C=$P/share/bash-completion/completions/wfsim
if [ ! -f "$C" ]; then
    bad "$C not installed"
else
    cd "$S" || exit 1
    # shellcheck source=/dev/null
    source "$C"
    complete -p wfsim >/dev/null 2>&1 || bad "the completion does not register wfsim"
    expect() {
        local want=$1
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMPREPLY=()
        _wfsim
        [ "${COMPREPLY[*]}" = "$want" ] || bad "completion of '$*': '${COMPREPLY[*]}', want '$want'"
    }
    expect "run" wfsim ru
    expect "build" wfsim dfe bu
    expect "--area" wfsim dfe build --ar
    expect "--out --replicates --seed --threads --set --target --report --quiet --help" wfsim run --
    expect "--replicates --report" wfsim run --re
    expect "example_la.cfg" wfsim run exa
    expect "options/lump_sum_3000.cfg" wfsim compare example_la.cfg options/lump
    expect "grades.sw.annual_leaving_rate" wfsim run x.cfg --set grades.sw.annual_lea
    expect "simulation.start simulation.seed" wfsim run --set simulation.s
    expect "grades." wfsim run --set grad
    expect "campaigns." wfsim sweep x.cfg --vary camp
    expect "grades.sw.monthly_fill_probability" wfsim goal x.cfg --lever grades.sw.monthly_fill
    expect "" wfsim run -n ""
    expect "data" wfsim run -o da
    expect "calibrate" wfsim help cal
    cd - >/dev/null || exit 1
fi

[ "$fail" -eq 0 ] && echo "install: make install, --version, man wfsim, an installed run and the completion: ok"
exit "$fail"
