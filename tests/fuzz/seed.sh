#!/usr/bin/env bash
# seed.sh NAME DIR: fill DIR with the seed corpus of harness NAME from the
# shipped files (kept out of the tree, so the corpus can grow freely).
set -eu
name=$1 dir=$2
mkdir -p "$dir"
case $name in
scenario)
    # base file, NUL, overlay, NUL, --set lines (fuzz_scenario.c)
    for f in scenarios/*.cfg tests/golden/tiny.cfg; do
        cp "$f" "$dir/$(basename "$f")"
    done
    for o in scenarios/options/*.cfg; do
        { cat scenarios/example_la.cfg; printf '\0'; cat "$o"; printf '\0'
          printf 'simulation.months=24\nname="x"\n'; } >"$dir/overlay-$(basename "$o")"
    done
    ;;
dfe)
    data=scenarios/data/csww_indicators_2017_to_2024.csv
    head -n 40 "$data" >"$dir/head40.csv"
    { head -n 1 "$data"; grep -m 20 'National\|Regional' "$data"; } >"$dir/levels.csv"
    { head -n 1 "$data"; tail -n 30 "$data"; } >"$dir/tail30.csv"
    ;;
*) echo "seed.sh: no seeds for $name" >&2; exit 2 ;;
esac
