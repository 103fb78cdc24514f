#!/usr/bin/env bash
# e2e: end-to-end checks of the wfsim command, run by `make e2e` from the repo
# root as `bash tests/e2e.sh build/wfsim`.
#
# Each numbered check prints one line, "ok - N ..." or "not ok - N ...: why",
# and the script ends with "P passed, F failed"; it exits 1 if any failed.
# Plain bash plus coreutils, diff, grep, awk and cmp; everything is written
# under a temporary directory that is removed on exit.
#
# Golden file: tests/golden/tiny_timeseries.csv is the timeseries.csv of
# tests/golden/tiny.cfg. After an intended change to the model or the output
# format (never just to make a failing check pass), regenerate it with
#   bash tests/e2e.sh build/wfsim --regenerate-golden
# (which rewrites the golden file, then runs all the checks as usual)
# and say in the commit why the numbers moved. Performance work must not
# change it.
set -u

usage="usage: bash tests/e2e.sh PATH/TO/wfsim [--regenerate-golden]"
regenerate=0
if [ $# -eq 2 ] && [ "$2" = --regenerate-golden ]; then
    regenerate=1
elif [ $# -ne 1 ]; then
    echo "$usage" >&2
    exit 2
fi
# Paths below are relative to the repo root; the binary may be given relative
# to the caller's directory.
case $1 in
/*) W=$1 ;;
*) W=$PWD/$1 ;;
esac
cd "$(dirname "$0")/.." || exit 2
if [ ! -x "$W" ]; then
    echo "e2e: $W: not an executable (run make first)" >&2
    exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/wfsim-e2e.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

EX=scenarios/example_la.cfg
GOLDEN_CFG=tests/golden/tiny.cfg
GOLDEN_CSV=tests/golden/tiny_timeseries.csv
N=200 # replicates for most runs: these checks are about bytes, not precision
CSVS="timeseries.csv annual.csv"
ALL_FILES="scenario.cfg timeseries.csv annual.csv financial_years.csv manifest.txt"

n_pass=0
n_fail=0
check_id=""
check_name=""
reasons=""

begin() {
    check_id=$1
    check_name=$2
    reasons=""
}
# Record a failed condition of the current check; later conditions still run.
bad() {
    reasons="${reasons:+$reasons; }$*"
}
end() {
    if [ -z "$reasons" ]; then
        echo "ok - $check_id $check_name"
        n_pass=$((n_pass + 1))
    else
        echo "not ok - $check_id $check_name: $reasons"
        n_fail=$((n_fail + 1))
    fi
}

# wf NAME ARGS...: run wfsim with stdout, stderr and exit status kept in
# $T/NAME.out, $T/NAME.err and $rc.
rc=0
wf() {
    local name=$1
    shift
    "$W" "$@" >"$T/$name.out" 2>"$T/$name.err"
    rc=$?
}
# wf_ok NAME ARGS...: as wf, for a run that must succeed.
wf_ok() {
    local name=$1
    wf "$@"
    if [ "$rc" -ne 0 ]; then
        bad "$name: wfsim exited $rc: $(head -n 1 "$T/$name.err")"
        return 1
    fi
    return 0
}
# same_files DIR1 DIR2 FILE...: byte-identical, else record which differ.
same_files() {
    local a=$1 b=$2 f
    shift 2
    for f in "$@"; do
        if [ ! -f "$a/$f" ] || [ ! -f "$b/$f" ]; then
            bad "$f missing from ${a#"$T"/} or ${b#"$T"/}"
        elif ! cmp -s "$a/$f" "$b/$f"; then
            bad "${a#"$T"/}/$f and ${b#"$T"/}/$f differ"
        fi
    done
}
# no_tmp_beside TARGET: no temporary or set-aside directories left beside it.
no_tmp_beside() {
    local p
    for p in "$1".tmp-*; do
        [ -e "$p" ] && bad "left beside the target: ${p#"$T"/}"
    done
    return 0
}
# no_output TARGET: an error run created nothing at or beside TARGET.
no_output() {
    [ -e "$1" ] && bad "${1#"$T"/} was created by a failed run"
    no_tmp_beside "$1"
}
line_count() {
    wc -l <"$1" | tr -d ' '
}
# expect_error NAME PREFIX REGEX ARGS...: exit status 2, nothing on stdout and
# exactly one line on stderr that starts with the literal PREFIX and whose
# remainder matches the extended REGEX.
expect_error() {
    local name=$1 prefix=$2 re=$3 line lines
    shift 3
    wf "$name" "$@"
    [ "$rc" -eq 2 ] || bad "$name: exit status $rc, want 2"
    [ -s "$T/$name.out" ] && bad "$name: unexpected output on stdout"
    lines=$(line_count "$T/$name.err")
    if [ "$lines" -ne 1 ]; then
        bad "$name: $lines lines on stderr, want 1"
        return 0
    fi
    line=$(cat "$T/$name.err")
    if [ "${line:0:${#prefix}}" != "$prefix" ] || ! [[ ${line:${#prefix}} =~ $re ]]; then
        bad "$name: stderr '$line' is not '$prefix' + /$re/"
    fi
    return 0
}
# field FILE MONTH METRIC COLUMN: one value from a timeseries.csv.
field() {
    awk -F, -v m="$2" -v k="$3" -v c="$4" 'NR > 1 && $2 == m && $4 == k { print $c }' "$1"
}

if [ "$regenerate" -eq 1 ]; then
    if ! "$W" run "$GOLDEN_CFG" -o "$T/golden" -q; then
        echo "e2e: cannot run $GOLDEN_CFG; golden file not regenerated" >&2
        exit 1
    fi
    cp "$T/golden/timeseries.csv" "$GOLDEN_CSV" || exit 1
    echo "e2e: regenerated $GOLDEN_CSV from $GOLDEN_CFG"
fi

# ---------------------------------------------------------------------------
begin 1 "determinism: same scenario and seed twice give identical bytes"
if wf_ok base run $EX -n $N -o "$T/base" -q && wf_ok base2 run $EX -n $N -o "$T/base2" -q; then
    same_files "$T/base" "$T/base2" $CSVS scenario.cfg
    # The manifests may differ only in the recorded command line (-o).
    diff <(grep -v '^command: ' "$T/base/manifest.txt") \
        <(grep -v '^command: ' "$T/base2/manifest.txt") >/dev/null ||
        bad "manifests differ beyond the command line"
fi
end

# ---------------------------------------------------------------------------
begin 2 "thread independence: -j 1, -j 2 and -j 7 give identical CSVs"
for j in 1 2 7; do
    wf_ok "j$j" run $EX -n $N -j $j -o "$T/j$j" -q
done
same_files "$T/j1" "$T/j2" $CSVS
same_files "$T/j1" "$T/j7" $CSVS
same_files "$T/j1" "$T/base" $CSVS # default thread count
end

# ---------------------------------------------------------------------------
begin 3 "resolved scenario.cfg re-runs to identical CSVs"
if wf_ok rerun run "$T/base/scenario.cfg" -o "$T/rerun" -q; then
    same_files "$T/base" "$T/rerun" $CSVS
    # Writing the resolved scenario is a fixed point.
    same_files "$T/base" "$T/rerun" scenario.cfg
fi
end

# ---------------------------------------------------------------------------
begin 4 "a different seed gives a different timeseries"
if wf_ok seed run $EX -n $N -s 7919 -o "$T/seed" -q; then
    cmp -s "$T/base/timeseries.csv" "$T/seed/timeseries.csv" &&
        bad "-s 7919 gave the same timeseries.csv as the scenario's seed"
    grep -qx 'seed: 7919' "$T/seed/manifest.txt" || bad "manifest does not say seed: 7919"
fi
end

# ---------------------------------------------------------------------------
begin 5 "CSV headers, row counts, dates and reporting years"
ts=$T/base/timeseries.csv
an=$T/base/annual.csv
if [ -f "$ts" ] && [ -f "$an" ]; then
    [ "$(head -n 1 "$ts")" = "scenario,month,date,metric,mean,sd,p05,p25,p50,p75,p95" ] ||
        bad "timeseries header is '$(head -n 1 "$ts")'"
    [ "$(head -n 1 "$an")" = "scenario,year,metric,mean,sd,p05,p25,p50,p75,p95" ] ||
        bad "annual header is '$(head -n 1 "$an")'"
    metrics=$(awk -F, 'NR > 1 { print $4 }' "$ts" | sort -u | wc -l | tr -d ' ')
    rows=$(($(line_count "$ts") - 1))
    [ "$metrics" -gt 0 ] || bad "no metrics in timeseries.csv"
    [ "$rows" -eq $((61 * metrics)) ] ||
        bad "timeseries has $rows data rows, want 61 months x $metrics metrics"
    [ "$(awk -F, 'NR > 1 && NF != 11' "$ts" | wc -l)" -eq 0 ] ||
        bad "timeseries rows without 11 fields"
    [ "$(awk -F, 'NR > 1 && $1 != "example_la"' "$ts" | wc -l)" -eq 0 ] ||
        bad "timeseries rows whose scenario is not example_la"
    # Every month 0..60 has one row per metric, month 0 dated 2024-09.
    months=$(awk -F, 'NR > 1 { print $2 }' "$ts" | uniq -c | awk '{ print $2 ":" $1 }' | tr '\n' ' ')
    want=$(for m in $(seq 0 60); do printf '%s:%s ' "$m" "$metrics"; done)
    [ "$months" = "$want" ] || bad "months are not 0..60 in order with $metrics rows each"
    d0=$(awk -F, 'NR > 1 && $2 == 0 { print $3 }' "$ts" | sort -u | tr '\n' ' ')
    [ "$d0" = "2024-09 " ] || bad "month 0 dates are '$d0', want 2024-09"
    d60=$(awk -F, 'NR > 1 && $2 == 60 { print $3 }' "$ts" | sort -u | tr '\n' ' ')
    [ "$d60" = "2029-09 " ] || bad "month 60 dates are '$d60', want 2029-09"
    years=$(awk -F, 'NR > 1 { print $2 }' "$an" | uniq | tr '\n' ' ')
    [ "$years" = "2025 2026 2027 2028 2029 " ] || bad "annual years are '$years', want 2025..2029"
    # each year: every metric, and a stock's .year_mean and .year_max
    arows=$(awk -F, 'NR > 1 && $3 !~ /\.year_(mean|max)$/' "$an" | wc -l)
    [ "$arows" -eq $((5 * metrics)) ] ||
        bad "annual has $arows data rows of metrics, want 5 years x $metrics metrics"
    spread=$(awk -F, 'NR > 1 && $3 ~ /\.year_mean$/ { sub(/\.year_mean$/, "", $3); print $2 "," $3 }' "$an" | sort)
    maxes=$(awk -F, 'NR > 1 && $3 ~ /\.year_max$/ { sub(/\.year_max$/, "", $3); print $2 "," $3 }' "$an" | sort)
    stocks=$(awk -F, 'NR > 1 && ($3 ~ /^vacancy_rate(\.|$)/ || $3 ~ /^in_post_fte(\.|$)/) && $3 !~ /\.year_/ { print $2 "," $3 }' "$an" | sort)
    [ -n "$spread" ] && [ "$spread" = "$maxes" ] || bad "annual: .year_mean and .year_max rows do not pair up"
    missing=$(comm -23 <(echo "$stocks") <(echo "$spread") | head -3 | tr '\n' ' ')
    [ -z "$missing" ] || bad "annual: stocks without .year_mean: $missing"
else
    bad "base run has no CSVs"
fi
end

# ---------------------------------------------------------------------------
begin 6 "manifests of run, compare, calibrate and backcast record version, command, scenario, data, seed, replicates, generator, hash"
version=$("$W" --version)
# manifest_fields NAME MF COMMAND SCENARIO SEED_RE REPLICATES DATA: the fields
# every manifest has (docs: README "Running your own"), in their order; DATA
# is the data file read, or empty when none was.
manifest_fields() {
    local name=$1 mf=$2 cmd=$3 scen=$4 seed=$5 reps=$6 data=$7 order want
    if [ ! -f "$mf" ]; then
        bad "$name has no manifest.txt"
        return 0
    fi
    grep -qxF "program: $version" "$mf" || bad "$name: no line 'program: $version'"
    grep -qxF "command: $cmd" "$mf" || bad "$name: command line not recorded verbatim"
    grep -qxF "scenario: $scen" "$mf" || bad "$name: no line 'scenario: $scen'"
    grep -Eqx "seed: $seed" "$mf" || bad "$name: no line 'seed: $seed'"
    grep -Eq "^replicates: $reps( |\$)" "$mf" || bad "$name: no line 'replicates: $reps'"
    grep -Eq "^generator: gsl_rng_taus2( |\$)" "$mf" || bad "$name: no line 'generator: gsl_rng_taus2'"
    grep -Eqx 'scenario_hash: fnv1a64:[0-9a-f]{16} \(of .+\)' "$mf" || bad "$name: no scenario_hash line"
    if [ -n "$data" ]; then
        grep -qxF "data: $data" "$mf" || bad "$name: no line 'data: $data'"
        grep -Eqx 'data_hash: fnv1a64:[0-9a-f]{16}' "$mf" || bad "$name: no data_hash line"
    fi
    order=$(grep -oE '^(program|command|scenario|data|data_hash|seed|replicates|generator|scenario_hash):' "$mf" |
        tr -d ':' | tr '\n' ' ')
    want="program command scenario ${data:+data data_hash }seed replicates generator scenario_hash "
    [ "$order" = "$want" ] || bad "$name: fields in the order '$order', want '$want'"
}
manifest_fields run "$T/base/manifest.txt" "$W run $EX -n $N -o $T/base -q" example_la 20240930 $N ""
# The run's hash follows scenario.cfg: equal for the re-run, different for a new seed.
h_base=$(grep '^scenario_hash:' "$T/base/manifest.txt")
[ -f "$T/rerun/manifest.txt" ] && [ "$h_base" != "$(grep '^scenario_hash:' "$T/rerun/manifest.txt")" ] &&
    bad "scenario_hash differs for an identical scenario.cfg"
[ -f "$T/seed/manifest.txt" ] && [ "$h_base" = "$(grep '^scenario_hash:' "$T/seed/manifest.txt")" ] &&
    bad "scenario_hash unchanged by a different seed"
OPT=scenarios/options/supplement_10.cfg
if wf_ok cmp compare $EX $OPT -n 40 -j 2 -o "$T/cmp" -q; then
    manifest_fields compare "$T/cmp/manifest.txt" "$W compare $EX $OPT -n 40 -j 2 -o $T/cmp -q" \
        example_la 20240930 40 ""
    # the baseline's hash is that of its scenario file, as for a run
    grep -qxF "$(grep '^scenario_hash scenario_example_la.cfg:' "$T/cmp/manifest.txt" |
        sed 's/^scenario_hash scenario_example_la.cfg: \(.*\)$/scenario_hash: \1 (of scenario_example_la.cfg)/')" \
        "$T/cmp/manifest.txt" || bad "compare: scenario_hash is not the baseline file's"
fi
DATA=scenarios/data/csww_indicators_2017_to_2024.csv
if wf_ok sw2021 dfe build --area Southwark --year 2021 -j 2 -o "$T/sw2021.cfg" &&
    wf_ok cal calibrate "$T/sw2021.cfg" --area Southwark -n 4 -j 2 -o "$T/cal" -q; then
    seed=$(sed -nE 's/.*seed = ([0-9]+)L.*/\1/p' "$T/sw2021.cfg")
    manifest_fields calibrate "$T/cal/manifest.txt" \
        "$W calibrate $T/sw2021.cfg --area Southwark -n 4 -j 2 -o $T/cal -q" southwark_2021 "$seed" 4 $DATA
fi
if wf_ok bc backcast --year 2024 --areas Southwark -n 4 -j 2 -o "$T/bc" -q; then
    manifest_fields backcast "$T/bc/manifest.txt" \
        "$W backcast --year 2024 --areas Southwark -n 4 -j 2 -o $T/bc -q" \
        "each council's at 30 September 2023 (as dfe build, without the steady scales)" '[0-9]+' 200 $DATA
    [ "$(grep '^data_hash:' "$T/bc/manifest.txt")" = "$(grep '^data_hash:' "$T/cal/manifest.txt")" ] ||
        bad "calibrate and backcast give the same data file different hashes"
fi
end

# ---------------------------------------------------------------------------
begin 7 "layering: an overlay file and the equivalent --set agree"
cat >"$T/overlay.cfg" <<'EOF'
# overlay: one changed key
grades = {
  sw = {
    annual_leaving_rate = 0.2437;
  };
};
EOF
if wf_ok overlay run $EX "$T/overlay.cfg" -n $N -o "$T/overlay" -q &&
    wf_ok set run $EX --set grades.sw.annual_leaving_rate=0.2437 -n $N -o "$T/set" -q; then
    same_files "$T/overlay" "$T/set" $CSVS scenario.cfg
    cmp -s "$T/overlay/timeseries.csv" "$T/base/timeseries.csv" &&
        bad "the override did not change the results"
    # The resolved value sits in the sw grade's block.
    v=$(awk '/^  sw = \{/ { g = 1 } g && /^  \};/ { g = 0 }
             g && $1 == "annual_leaving_rate" { sub(/;$/, "", $3); print $3 + 0 }' "$T/set/scenario.cfg")
    [ "$v" = 0.2437 ] || bad "resolved scenario.cfg has grades.sw.annual_leaving_rate '$v', want 0.2437"
fi
# Later layers win: --set over a file, -n over --set.
if wf_ok order run $EX "$T/overlay.cfg" --set grades.sw.annual_leaving_rate=0.3 \
    --set simulation.replicates=50 -n 20 -o "$T/order" -q; then
    v=$(awk '/^  sw = \{/ { g = 1 } g && /^  \};/ { g = 0 }
             g && $1 == "annual_leaving_rate" { sub(/;$/, "", $3); print $3 + 0 }' "$T/order/scenario.cfg")
    [ "$v" = 0.3 ] || bad "--set after an overlay gave annual_leaving_rate '$v', want 0.3"
    grep -qx 'replicates: 20' "$T/order/manifest.txt" || bad "-n did not win over --set simulation.replicates"
fi
end

# ---------------------------------------------------------------------------
begin 8 "errors: exit 2, one 'where: what' line on stderr, no output"
cat >"$T/unknown.cfg" <<'EOF'
name = "typo";
simulation = { start = "2024-09"; months = 12; };
grades = {
  sw = {
    posts_fte = 23.0;
    initial_in_post_fte = 20.0;
    anual_leaving_rate = 0.2;
    monthly_fill_probability = 0.1;
  };
};
EOF
cat >"$T/syntax.cfg" <<'EOF'
name = "broken";
simulation = {
  months = ;
};
EOF
o=$T/err_out
expect_error unknown "$T/unknown.cfg:7: grades.sw.anual_leaving_rate: " '.' \
    run "$T/unknown.cfg" -o "$o"
expect_error range "--set:1: grades.sw.annual_leaving_rate: must be in" '.' \
    run $EX --set grades.sw.annual_leaving_rate=-1 -o "$o"
expect_error missing "$T/missing.cfg:" '^[0-9]+: [^ :]+: .' \
    run "$T/missing.cfg" -o "$o"
expect_error syntax "$T/syntax.cfg:3: " '^[^ :]+: .' \
    run "$T/syntax.cfg" -o "$o"
# Command-line errors name the command or option instead of a file and line.
expect_error nofile "run: " '.' run -o "$o"
expect_error option "--frobnicate: " '.' run $EX --frobnicate -o "$o"
expect_error zero "-n: " '.' run $EX -n 0 -o "$o"
no_output "$o"
end

# ---------------------------------------------------------------------------
begin 9 "validate accepts the example"
wf validate validate $EX
[ "$rc" -eq 0 ] || bad "exit status $rc: $(head -n 1 "$T/validate.err")"
grep -q 'valid' "$T/validate.out" || bad "stdout '$(cat "$T/validate.out")' does not say valid"
[ -s "$T/validate.err" ] && bad "unexpected stderr: $(head -n 1 "$T/validate.err")"
end

# ---------------------------------------------------------------------------
begin 10 "atomic output: refuses foreign directories and added files, replaces results"
# (a) A non-empty directory that is not a results directory is left alone.
mkdir "$T/keep"
echo "precious" >"$T/keep/keep.txt"
expect_error keep "$T/keep: " '.' run $EX -n 20 -o "$T/keep"
[ "$(ls -A "$T/keep")" = keep.txt ] || bad "keep/ now holds: $(ls -A "$T/keep" | tr '\n' ' ')"
[ "$(cat "$T/keep/keep.txt")" = precious ] || bad "keep/keep.txt was changed"
no_tmp_beside "$T/keep"
# (b) Nor is a regular file.
echo "precious" >"$T/afile"
expect_error afile "$T/afile: " '.' run $EX -n 20 -o "$T/afile"
[ "$(cat "$T/afile")" = precious ] || bad "afile was changed"
no_tmp_beside "$T/afile"
# (c) A previous results directory is replaced whole, but never at the cost
# of a file the user added to it: that is refused, the file kept.
if wf_ok prev1 run $EX -n 20 -o "$T/prev" -q; then
    echo "my notes" >"$T/prev/extra.txt"
    expect_error prev-extra "$T/prev: extra.txt is not a file wfsim wrote" '.' \
        run $EX -n 20 -s 7919 -o "$T/prev/" -q
    [ "$(cat "$T/prev/extra.txt")" = "my notes" ] || bad "prev/extra.txt was changed or removed"
    rm "$T/prev/extra.txt"
    if wf_ok prev2 run $EX -n 20 -s 7919 -o "$T/prev/" -q; then
        for f in $ALL_FILES; do
            [ -f "$T/prev/$f" ] || bad "prev/$f missing after replacement"
        done
        grep -qx 'seed: 7919' "$T/prev/manifest.txt" || bad "prev/ does not hold the new run"
    fi
fi
no_tmp_beside "$T/prev"
# (d) An empty directory is filled.
mkdir "$T/empty"
if wf_ok empty run $EX -n 20 -o "$T/empty" -q; then
    for f in $ALL_FILES; do
        [ -f "$T/empty/$f" ] || bad "empty/$f missing"
    done
fi
no_tmp_beside "$T/empty"
no_tmp_beside "$T/base"
end

# ---------------------------------------------------------------------------
begin 11 "memory refusal: an impossible run fails fast without output"
t0=$(date +%s%N)
# (timeout: on a machine with terabytes of memory the run would be accepted)
timeout 30 "$W" run $EX -n 10000000 --set simulation.months=600 -o "$T/huge" \
    >"$T/memory.out" 2>"$T/memory.err"
rc=$?
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
[ "$rc" -eq 2 ] || bad "exit status $rc, want 2"
[ "$(line_count "$T/memory.err")" -eq 1 ] || bad "$(line_count "$T/memory.err") lines on stderr, want 1"
grep -q 'simulation\.replicates' "$T/memory.err" || bad "message does not name simulation.replicates"
grep -q 'GiB' "$T/memory.err" || bad "message does not say GiB"
[ "$ms" -lt 3000 ] || bad "took ${ms} ms, want under 3000"
no_output "$T/huge"
end

# ---------------------------------------------------------------------------
begin 12 "docs are current: wfsim keys, wfsim metrics and wfsim help --markdown, --man and --bash-completion match docs/ (make docs)"
for pair in keys:docs/scenario-keys.md metrics:docs/metrics.md "help --markdown:docs/commands.md" \
    "help --man:docs/wfsim.1" "help --bash-completion:docs/wfsim.bash"; do
    cmd=${pair%%:*}
    doc=${pair#*:}
    out=$T/${doc##*/}
    # $cmd is split into words on purpose: "help --markdown"
    # shellcheck disable=SC2086
    if [ ! -f "$doc" ]; then
        bad "$doc missing (run make docs)"
    elif ! "$W" $cmd >"$out" 2>"$out.err"; then
        bad "wfsim $cmd failed"
    elif ! diff -q "$doc" "$out" >/dev/null; then
        bad "$doc differs from wfsim $cmd (run make docs)"
    fi
done
end

# ---------------------------------------------------------------------------
begin 13 "uncertainty bands widen with the horizon (in_post_fte p95 - p05)"
if wf_ok bands run $EX -n 300 -o "$T/bands" -q; then
    ts=$T/bands/timeseries.csv
    w1=$(awk -v a="$(field "$ts" 1 in_post_fte 11)" -v b="$(field "$ts" 1 in_post_fte 7)" \
        'BEGIN { print a - b }')
    w60=$(awk -v a="$(field "$ts" 60 in_post_fte 11)" -v b="$(field "$ts" 60 in_post_fte 7)" \
        'BEGIN { print a - b }')
    awk -v a="$w60" -v b="$w1" 'BEGIN { exit !(a > b && a > 0) }' ||
        bad "width at month 60 is '$w60', at month 1 '$w1'"
fi
end

# ---------------------------------------------------------------------------
begin 14 "golden file: tests/golden/tiny.cfg gives tiny_timeseries.csv byte for byte"
if [ ! -f "$GOLDEN_CSV" ]; then
    bad "$GOLDEN_CSV missing (bash tests/e2e.sh build/wfsim --regenerate-golden)"
elif wf_ok tiny run "$GOLDEN_CFG" -o "$T/tiny" -q; then
    if ! cmp -s "$GOLDEN_CSV" "$T/tiny/timeseries.csv"; then
        n=$(cmp "$GOLDEN_CSV" "$T/tiny/timeseries.csv" 2>&1 | awk '{ print $NF }')
        want=$(awk -v n="$n" 'NR == n' "$GOLDEN_CSV")
        got=$(awk -v n="$n" 'NR == n' "$T/tiny/timeseries.csv")
        bad "timeseries.csv differs from $GOLDEN_CSV at line $n: want '$want', got '$got'"
    fi
fi
end

# ---------------------------------------------------------------------------
begin 15 "replacing a results directory that holds a subdirectory leaves nothing beside it"
if wf_ok sub1 run $EX -n 20 -o "$T/sub" -q; then
    mkdir "$T/sub/plots"
    echo "figure" >"$T/sub/plots/a.txt"
    wf sub2 run $EX -n 20 -s 7919 -o "$T/sub" -q
    if [ "$rc" -eq 0 ]; then
        grep -qx 'seed: 7919' "$T/sub/manifest.txt" || bad "sub/ does not hold the new run"
    elif [ "$rc" -eq 2 ]; then
        [ -f "$T/sub/plots/a.txt" ] || bad "refused, but sub/plots/a.txt is gone"
    else
        bad "exit status $rc: $(head -n 1 "$T/sub2.err")"
    fi
fi
no_tmp_beside "$T/sub"
end

# ---------------------------------------------------------------------------
begin 16 "dfe build: -o writes the steady scenario, its manifest first, with nothing beside it, and it loads; standard output gets the same bytes; a failed write is an error"
if wf_ok dfe_o dfe build --area "City of London" --year 2024 -j 1 -o "$T/col.cfg"; then
    grep -q '^# steady: with no change the model holds this census' "$T/col.cfg" ||
        bad "col.cfg has no steady line"
    wf_ok dfe_valid validate "$T/col.cfg"
    for p in "$T"/col.cfg.*; do
        [ -e "$p" ] && bad "left beside the target: ${p#"$T"/}"
    done
    if wf_ok dfe_stdout dfe build --area "City of London" --year 2024 -j 2; then
        # the same bytes but the manifest's command line
        cmp -s <(grep -v '^# command: ' "$T/col.cfg") <(grep -v '^# command: ' "$T/dfe_stdout.out") ||
            bad "standard output differs from -o (or -j 1 from -j 2)"
        head -n 1 "$T/col.cfg" | grep -q '^# program: wfsim ' || bad "col.cfg does not start with its manifest"
    fi
fi
if [ -w /dev/full ]; then
    "$W" dfe build --area "City of London" --year 2024 >/dev/full 2>"$T/full.err"
    rc=$?
    [ "$rc" -eq 1 ] || bad "a write to /dev/full exited $rc"
    grep -qx "wfsim: standard output: No space left on device" "$T/full.err" ||
        bad "no message for the failed write"
fi
end

# ---------------------------------------------------------------------------
begin 17 "progress only on a terminal: run, compare, calibrate, backcast and dfe build write no progress line to a file or a pipe; on a terminal run shows it, -q hides it"
# no_progress NAME: the command's standard error holds no progress line
no_progress() {
    if grep -q $'\r' "$T/$1.err" || grep -qE '^wfsim: [0-9]+/~?[0-9]+ ' "$T/$1.err"; then
        bad "$1: a progress line in a file: $(tr '\r' '|' <"$T/$1.err" | head -c 120)"
    fi
}
wf_ok p_run run $EX -n $N -j 2 -o "$T/p_run" && no_progress p_run
[ "$(line_count "$T/p_run.err")" -eq 1 ] || bad "run: $(line_count "$T/p_run.err") lines on stderr, want 1"
wf_ok p_cmp compare $EX scenarios/options/none.cfg -n $N -j 2 -o "$T/p_cmp" && no_progress p_cmp
wf_ok p_dfe dfe build --area "City of London" --year 2024 -j 2 -o "$T/p_col.cfg" && no_progress p_dfe
[ "$(line_count "$T/p_dfe.err")" -eq 3 ] ||
    bad "dfe build: $(line_count "$T/p_dfe.err") lines on stderr, want 3 (wrote, levers, national values)"
if [ -f "$T/sw2021.cfg" ]; then
    wf_ok p_cal calibrate "$T/sw2021.cfg" --area Southwark -n 4 -j 2 -o "$T/p_cal" && no_progress p_cal
fi
wf_ok p_bc backcast --year 2024 --areas Southwark -n 4 -j 2 -o "$T/p_bc" && no_progress p_bc
# a pipe is not a terminal either
"$W" run $EX -n $N -j 2 -o "$T/p_pipe" 2>&1 | cat >"$T/p_pipe.err"
no_progress p_pipe
# on a terminal (script(1) gives the command one), when it is there
if command -v script >/dev/null 2>&1; then
    script -qec "$W run $EX -n $N -j 2 -o $T/p_tty" /dev/null </dev/null >"$T/p_tty.out" 2>&1
    grep -q "wfsim: $N/$N replicates (100%)" "$T/p_tty.out" || bad "no progress line on a terminal"
    script -qec "$W run $EX -n $N -j 2 -o $T/p_tty -q" /dev/null </dev/null >"$T/p_ttyq.out" 2>&1
    [ -s "$T/p_ttyq.out" ] && bad "-q on a terminal printed: $(tr '\r' '|' <"$T/p_ttyq.out" | head -c 120)"
fi
end

# ---------------------------------------------------------------------------
begin 18 "targets: targets.csv from --target and a scenario's targets, the same bytes for -j 1 and -j 2, the resolved scenario re-running to it; the other files unchanged by targets"
printf 'targets = {\n  july = { metric = "vacancy_rate"; op = "<="; value = 0.10; date = "2025-07"; };\n};\n' >"$T/tg.cfg"
TG=(--target 'vacancy_rate <= 0.12 @ 2026-03' --target 'agency_rate<=0.1@2027' --target 'vacancy_rate<=0.10@2025-07')
if wf_ok tg1 run $EX "$T/tg.cfg" -n $N -j 1 -o "$T/tg1" -q "${TG[@]}" &&
    wf_ok tg2 run $EX "$T/tg.cfg" -n $N -j 2 -o "$T/tg2" -q "${TG[@]}"; then
    same_files "$T/tg1" "$T/tg2" targets.csv
    same_files "$T/tg1" "$T/base" timeseries.csv annual.csv financial_years.csv
    tc=$T/tg1/targets.csv
    [ "$(head -n 1 "$tc")" = "scenario,target,measure,probability,se,diff_vs_baseline,diff_se" ] ||
        bad "targets.csv header is '$(head -n 1 "$tc")'"
    # the declared target first, then the two new ones (the third given is the declared one)
    got=$(awk -F, 'NR > 1 { print $2 "," $3 }' "$tc" | tr '\n' ' ')
    want='"vacancy_rate<=0.1@2025-07",at_date "vacancy_rate<=0.1@2025-07",first_met_by "vacancy_rate<=0.1@2025-07",kept_from "vacancy_rate<=0.12@2026-03",at_date "vacancy_rate<=0.12@2026-03",first_met_by "vacancy_rate<=0.12@2026-03",kept_from "agency_rate<=0.1@2027",at_date "agency_rate<=0.1@2027",first_met_by "agency_rate<=0.1@2027",kept_from '
    [ "$got" = "$want" ] || bad "targets.csv rows are $got"
    [ "$(awk -F, 'NR > 1 && ($6 != "NA" || $7 != "NA")' "$tc" | wc -l)" -eq 0 ] ||
        bad "a run's targets.csv has a difference"
    # probabilities within [0, 1], kept_from <= at_date <= first_met_by
    awk -F, 'NR > 1 { p[$2 "," $3] = $4; t[$2] = 1 }
        END { for (x in t) { a = p[x ",at_date"]; b = p[x ",first_met_by"]; k = p[x ",kept_from"]
              if (!(0 <= k && k <= a && a <= b && b <= 1)) { print x; bad = 1 } } exit bad }' "$tc" ||
        bad "probabilities out of order in targets.csv"
    grep -q '^targets = {' "$T/tg1/scenario.cfg" || bad "scenario.cfg has no targets"
    if wf_ok tg_rerun run "$T/tg1/scenario.cfg" -o "$T/tg_rerun" -q; then
        diff <(head -n 4 "$tc") "$T/tg_rerun/targets.csv" >/dev/null ||
            bad "the resolved scenario's targets.csv differs from the declared target's rows"
        same_files "$T/tg1" "$T/tg_rerun" scenario.cfg
    fi
fi
[ -e "$T/base/targets.csv" ] && bad "a run without targets wrote targets.csv"
if wf_ok tg_cmp compare $EX scenarios/options/none.cfg -n $N -o "$T/tg_cmp" -q --target 'vacancy_rate<=0.12@2026-03'; then
    awk -F, 'NR > 1 && $1 == "none" && ($6 != 0 || $7 != 0)' "$T/tg_cmp/targets.csv" | grep -q . &&
        bad "an option equal to the baseline has a non-zero difference"
    [ "$(line_count "$T/tg_cmp/targets.csv")" -eq 7 ] || bad "compare's targets.csv has $(line_count "$T/tg_cmp/targets.csv") lines, want 7"
    same_files "$T/tg_cmp" "$T/p_cmp" comparison.csv comparison_timeseries.csv comparison_replicates.csv
fi
end

echo "$n_pass passed, $n_fail failed"
[ "$n_fail" -eq 0 ]
