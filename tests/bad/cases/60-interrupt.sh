# Interrupted runs: SIGINT, SIGTERM or SIGKILL while simulating and while
# writing never leave a half-written results directory at the target, and
# earlier results stay whole. After a signal wfsim can catch, nothing of the
# run is left beside the target; after SIGKILL (which it cannot catch) its
# temporaries are removed by the next run into the same place.

# results_whole DIR: DIR holds manifest.txt and exactly the files it lists
# (so a later run accepts it as its own)
results_whole() {
    [ -f "$1/manifest.txt" ] || return 1
    local listed actual
    listed=$(awk '$1 == "file:" { print $2 }' "$1/manifest.txt" | sort)
    actual=$(cd "$1" && find . -type f ! -name manifest.txt | sed 's|^\./||' | sort)
    [ -n "$listed" ] && [ "$listed" = "$actual" ]
}

# interrupt SIG WHEN: a run of the example into res (holding earlier
# results) gets SIG after WHEN seconds of simulating, or, with WHEN
# "writing", while it writes its files: strace slows each write(2) by a
# quarter of a second, and the signal comes once the temporary directory
# holds a file. Then res must be whole.
interrupt() {
    local sig=$1 when=$2 pid run=()
    "$W" run "$EX" -n 40 -s 1 -o res -q || { fail "could not make the earlier results"; return; }
    local before
    before=$(tree_hash res)
    [ "$when" = writing ] &&
        run=(strace -f -qq -o /dev/null -e trace=write -e inject=write:delay_enter=250000)
    set -m # job control: a background job that would ignore SIGINT takes it
    "${run[@]}" "$W" run "$EX" -n 1500 -j 2 -s 2 -o res -q 2>/dev/null &
    pid=$!
    set +m
    if [ "$when" = writing ]; then
        # until a file is being written (by time, not a count of polls: a
        # sanitizer build under load takes minutes to get there)
        local deadline=$((SECONDS + 600))
        while [ "$SECONDS" -lt "$deadline" ]; do
            compgen -G 'res.tmp-*/*' >/dev/null && break
            kill -0 "$pid" 2>/dev/null || break
        done
        local tracee
        tracee=$(pgrep -P "$pid")
        kill -s "$sig" "${tracee:-$pid}" 2>/dev/null
    else
        sleep "$when"
        kill -s "$sig" "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    if [ "$when" = writing ] && [ "$(tree_hash res)" != "$before" ]; then
        fail "interrupted while writing, yet res changed"
        return
    fi
    if [ "$(tree_hash res)" != "$before" ] && ! results_whole res; then
        fail "res is neither the earlier results nor whole new ones: $(ls res | tr '\n' ' ')"
        return
    fi
    local left
    left=$(compgen -G 'res.tmp-*' | head -1)
    if [ "$sig" != KILL ] && [ -n "$left" ]; then
        fail "left $left beside the results"
        return
    fi
    if [ "$sig" = KILL ] && [ "$when" = writing ] && [ -z "$left" ]; then
        fail "the signal did not land while writing (no temporary left)"
        return
    fi
    # the next run removes a killed run's temporaries and replaces the results
    "$W" run "$EX" -n 40 -s 3 -o res -q || { fail "the next run failed"; return; }
    left=$(compgen -G 'res.tmp-*' | head -1)
    if [ -n "$left" ] || ! grep -qx 'seed: 3' res/manifest.txt; then
        fail "after the next run: left ${left:-nothing}, $(grep '^seed:' res/manifest.txt)"
        return
    fi
    pass
}

# A shell started in the background has SIGINT ignored, and so has every
# command it starts (wfsim then rightly keeps it ignored): the SIGINT cases
# cannot run there.
int_ignored() {
    local m
    m=$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status 2>/dev/null)
    [ -n "$m" ] && (((0x$m >> 1) & 1))
}

for sig in INT TERM KILL; do
    for when in 0.1 0.8 writing; do
        case $when in
        writing) at="while writing" ;;
        *) at="after $when s" ;;
        esac
        fresh "SIG$sig $at: earlier results or new ones, whole"
        if [ "$when" = writing ] && ! command -v strace >/dev/null; then
            echo "# skipped: strace is not installed (make deps installs it)"
            pass
            continue
        fi
        if [ "$sig" = INT ] && int_ignored; then
            echo "# skipped: SIGINT is ignored here (a background job), and so by wfsim"
            pass
            continue
        fi
        interrupt "$sig" "$when"
    done
done

# dfe build writes one file through the same temporaries: interrupted while
# writing, the earlier file stays and nothing is left beside it.
for sig in INT KILL; do
    fresh "dfe build, SIG$sig while writing: the earlier file whole"
    if [ "$sig" = INT ] && int_ignored; then
        echo "# skipped: SIGINT is ignored here (a background job), and so by wfsim"
        pass
        continue
    fi
    if ! command -v strace >/dev/null; then
        echo "# skipped: strace is not installed (make deps installs it)"
        pass
        continue
    fi
    "$W" dfe build --area "City of London" --year 2024 --data "$DATA" -o col.cfg -j 2 ||
        { fail "could not build the earlier file"; continue; }
    before=$(tree_hash col.cfg)
    set -m
    strace -f -qq -o /dev/null -e trace=write -e inject=write:delay_enter=250000 \
        "$W" dfe build --area "City of London" --year 2024 --data "$DATA" -o col.cfg -j 2 2>/dev/null &
    pid=$!
    set +m
    for t in $(seq 1 400000); do
        [ -s "$(compgen -G 'col.cfg.tmp-*' | head -1)" ] && break
        kill -0 "$pid" 2>/dev/null || break
    done
    tracee=$(pgrep -P "$pid")
    kill -s "$sig" "${tracee:-$pid}" 2>/dev/null
    wait "$pid" 2>/dev/null
    left=$(compgen -G 'col.cfg.tmp-*' | head -1)
    if [ "$(tree_hash col.cfg)" != "$before" ]; then
        fail "col.cfg changed"
    elif [ "$sig" = INT ] && [ -n "$left" ]; then
        fail "left $left"
    elif [ "$sig" = KILL ] && [ -z "$left" ]; then
        fail "the signal did not land while writing (no temporary left)"
    elif ! "$W" dfe build --area "City of London" --year 2024 --data "$DATA" -o col.cfg -j 2 ||
        [ -n "$(compgen -G 'col.cfg.tmp-*')" ]; then
        fail "the next build failed or left a temporary"
    else
        pass
    fi
done
