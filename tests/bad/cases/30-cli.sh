# Command-line errors name the command or option instead of a file and line.

fresh "unknown command"
expect 2 "frob: unknown command (see wfsim --help)" frob

fresh "run without a scenario"
expect 2 "run: needs at least one scenario file" run

fresh "validate without a scenario"
expect 2 "validate: needs at least one scenario file" validate

fresh "an option without its value"
expect 2 "-n: needs a value (see wfsim run --help)" run "$TINY" -n

fresh "-o without its value"
expect 2 "-o: needs a value (see wfsim run --help)" run "$TINY" -o

fresh "--set without its value"
expect 2 "--set: needs a value (see wfsim run --help)" run "$TINY" --set

fresh "-s without its value"
expect 2 "-s: needs a value (see wfsim run --help)" run "$TINY" -s

fresh "threads 0"
expect 2 "-j: must be a whole number in [1, 256] (got 0)" run "$TINY" -j 0 -o out

fresh "threads not a number"
expect 2 "-j: must be a whole number in [1, 256] (got abc)" run "$TINY" -j abc -o out

fresh "seed not a number"
expect 2 "-s: must be a whole number in [0, 9000000000000000000] (got abc)" run "$TINY" -s abc -o out

fresh "replicates in exponent form"
expect 2 "-n: must be a whole number in [1, 10000000] (got 1e3)" run "$TINY" -n 1e3 -o out

fresh "replicates beyond the bound"
expect 2 "-n: must be a whole number in [1, 10000000] (got 99999999999)" run "$TINY" -n 99999999999 -o out

fresh "compare with one file"
expect 2 "compare: needs a baseline and at least one option file" compare "$TINY"

fresh "dfe without an action"
expect 2 "dfe: needs an action: list or build" dfe

fresh "dfe with an unknown action"
expect 2 "frob: unknown dfe action (list or build)" dfe frob

fresh "dfe build without its year"
expect 2 "dfe build: needs --area NAME|CODE and --year YYYY" dfe build --area Leeds --data "$DATA"

fresh "backcast without its year"
expect 2 "backcast: needs --year YYYY" backcast

fresh "calibrate without an area"
expect 2 "calibrate: needs a scenario file and --area NAME|CODE" calibrate "$TINY"

fresh "metrics takes no files"
expect 2 "extra: metrics takes no files" metrics extra

fresh "unknown option"
expect 2 "--frobnicate: unknown option for run (see wfsim run --help)" run "$TINY" --frobnicate

fresh "an option of another command"
expect 2 "--year: unknown option for dfe list (see wfsim dfe list --help)" dfe list --year 2024 --data "$DATA"

# Standard output that cannot be written is a failure with the reason, never
# a silent exit 0 or an exit 1 without a word.
fresh "keys into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" keys

fresh "metrics into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" metrics

fresh "validate into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" validate "$TINY"

fresh "dfe list into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" dfe list --data "$DATA"

fresh "--help into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" --help

fresh "run --help into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" run --help

fresh "--version into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" --version


fresh "keys WORD with no key containing it suggests the nearest word and prints nothing"
expect 2 "retension: no scenario key contains it (did you mean retention?)" keys retension
[ -s .stdout ] && fail "printed $(wc -l <.stdout) lines"

fresh "keys takes one word"
expect 2 "cost: keys takes one word" keys agency cost

fresh "keys WORD shows the keys containing it, in their sections"
expect 0 "" keys retention
grep -q '^| `retention.elasticity_mean` |' .stdout || fail "no retention.elasticity_mean row"
grep -q '^## Retention schemes' .stdout || fail "no retention schemes section"
grep -q '^| `posts_fte` |' .stdout && fail "shows posts_fte"
