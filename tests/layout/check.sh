#!/usr/bin/env bash
# layout check: the #include graph of sim/ and include/wfsim/ keeps the
# architecture of docs/architecture.md. Run by `make test` from the repo root
# as `bash tests/layout/check.sh`; prints one line per violation and exits 1
# if there is any.
#
#   layers   a file includes only headers of its own layer or a lower one:
#            base < scenario < model < engine < io < studies < report < app
#            (a public header include/wfsim/X.h belongs to the layer of X.c)
#   cycles   no cycle among modules (a module is X.c with its header X.h;
#            module X uses Y when X.c or X.h includes Y.h)
#   libconfig no header under sim/model/ includes <libconfig.h>, directly or
#            through the headers it includes
set -u
cd "$(dirname "$0")/../.." || exit 2
checks=${*:-layers cycles libconfig}
LAYERS="base scenario model engine io studies report app"
rank() { local i=0; for l in $LAYERS; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo -1; }

declare -A layer_of  # module -> layer
for c in $(find sim -name '*.c' -o -name '*.h' | sort); do
    m=$(basename "${c%.*}")
    l=$(echo "$c" | cut -d/ -f2)
    layer_of[$m]=$l
done
# file -> module (headers in include/wfsim/ belong to their module)
module_of() { basename "${1%.*}"; }
# included header (as written) -> file path
resolve() {
    case $1 in
    wfsim/*) echo "include/$1" ;;
    *) echo "sim/$1" ;;
    esac
}
files=$(find sim include/wfsim -name '*.[ch]' | sort)
edges=$(for f in $files; do
    grep -E '^#include "[^"]+"' "$f" | sed -E 's/^#include "([^"]+)".*/\1/' | while read -r h; do
        echo "$f $(resolve "$h")"
    done
done)
status=0
for c in $checks; do
    case $c in
    layers)
        while read -r from to; do
            [ -n "$from" ] || continue
            lf=${layer_of[$(module_of "$from")]:-}
            lt=${layer_of[$(module_of "$to")]:-}
            if [ -z "$lt" ] || [ ! -f "$to" ]; then
                echo "layout: $from includes $to, which does not exist"; status=1; continue
            fi
            if [ "$(rank "$lt")" -gt "$(rank "$lf")" ]; then
                echo "layout: $from ($lf) includes $to ($lt), a higher layer"; status=1
            fi
        done <<<"$edges"
        ;;
    cycles)
        pairs=$(while read -r from to; do
            [ -n "$from" ] || continue
            a=$(module_of "$from"); b=$(module_of "$to")
            [ "$a" != "$b" ] && echo "$b $a"
        done <<<"$edges" | sort -u)
        if ! out=$(echo "$pairs" | tsort 2>&1 >/dev/null); then
            loop=$(echo "$out" | grep -v 'input contains a loop' | sed 's/^tsort: //' | tr '\n' ' ')
            echo "layout: include cycle among modules: ${loop:-(see tsort)}"; status=1
        fi
        ;;
    libconfig)
        # headers reachable from each sim/model header
        for h in $(find sim/model -name '*.h' | sort); do
            seen=" $h "; todo=$h
            while [ -n "$todo" ]; do
                set -- $todo; cur=$1; shift; todo="$*"
                if grep -qE '^#include <libconfig\.h>' "$cur"; then
                    if [ "$cur" = "$h" ]; then echo "layout: $h includes <libconfig.h>"
                    else echo "layout: $h includes <libconfig.h> through $cur"; fi
                    status=1; break
                fi
                for n in $(grep -E '^#include "[^"]+"' "$cur" | sed -E 's/^#include "([^"]+)".*/\1/'); do
                    p=$(resolve "$n")
                    case $seen in *" $p "*) ;; *) seen+="$p "; [ -f "$p" ] && todo="$todo $p" ;; esac
                done
            done
        done
        ;;
    *) echo "layout: unknown check $c" >&2; exit 2 ;;
    esac
done
exit $status
