#!/usr/bin/env bash
# layout selftest: tests/layout/check.sh catches what it promises. Each case
# copies sim/ and include/ to a temporary tree, plants one fault, and expects
# the named check to fail there with the expected message (the check must
# pass on the untouched copy first). Run by `make test` as `bash tests/layout/selftest.sh`.
set -u
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/wfsim-layout.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
fail=0
fresh() {
    rm -rf "$T/tree" && mkdir -p "$T/tree/tests/layout"
    cp -r sim include "$T/tree/" && cp tests/layout/check.sh "$T/tree/tests/layout/"
}
# case CHECK FILE LINE EXPECTED: plant LINE at the top of FILE
plant() {
    local check=$1 file=$2 line=$3 expected=$4
    fresh
    if ! out=$(bash "$T/tree/tests/layout/check.sh" "$check" 2>&1); then
        echo "not ok - layout $check fails on the untouched tree: $out"; fail=1; return
    fi
    sed -i "1i $line" "$T/tree/$file"
    if out=$(bash "$T/tree/tests/layout/check.sh" "$check" 2>&1); then
        echo "not ok - layout $check: $file with '$line' passed"; fail=1
    elif ! grep -qF -- "$expected" <<<"$out"; then
        echo "not ok - layout $check: expected '$expected', got: $out"; fail=1
    else
        echo "ok - layout $check catches: $expected"
    fi
}
plant layers sim/base/rng.c '#include "model/model.h"' \
    "sim/base/rng.c (base) includes sim/model/model.h (model), a higher layer"
plant layers sim/model/leaving.c '#include "model/absent.h"' \
    "sim/model/leaving.c includes sim/model/absent.h, which does not exist"
plant cycles sim/model/workforce.h '#include "model/leaving.h"' "include cycle among modules"
plant libconfig sim/model/rates.h '#include <libconfig.h>' "sim/model/rates.h includes <libconfig.h>"
plant libconfig include/wfsim/scenario.h '#include <libconfig.h>' \
    "sim/model/rates.h includes <libconfig.h> through include/wfsim/scenario.h"
exit $fail
