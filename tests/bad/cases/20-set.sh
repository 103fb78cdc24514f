# --set KEY=VALUE: errors name the option and its ordinal ("--set:2").

fresh "--set out of range"
expect 2 "--set:1: simulation.months: must be in [1, 600] (got 0)" validate "$TINY" --set simulation.months=0

fresh "--set names the second assignment"
expect 2 "--set:2: simulation.replicates: must be in [1, 10000000] (got -1)" \
    validate "$TINY" --set simulation.months=6 --set simulation.replicates=-1

fresh "--set integer far above 2^32 is refused, not wrapped"
expect 2 "--set:1: simulation.months: must be in [1, 600] (got 4294967308)" validate "$TINY" --set simulation.months=4294967308

fresh "--set of an unknown key"
expect 2 "--set:1: nope: unknown key (see docs/scenario-keys.md)" validate "$TINY" --set nope=1

fresh "--set without '='"
expect 2 "--set:1: (command line): expected KEY=VALUE (got simulation.months)" validate "$TINY" --set simulation.months

fresh "--set without a key"
expect 2 "--set:1: (command line): expected KEY=VALUE (got =3)" validate "$TINY" --set =3

fresh "--set of a group to a scalar"
expect 2 "--set:1: grades.sw: must be a group { ... } (got 1)" validate "$TINY" --set grades.sw=1

fresh "--set of a seed that is not a number"
expect 2 '--set:1: simulation.seed: must be a whole number (got "abc")' validate "$TINY" --set simulation.seed=abc

fresh "--set of a bad month"
expect 2 '--set:1: simulation.start: must be a month "YYYY-MM" (got "2024-13")' validate "$TINY" --set 'simulation.start="2024-13"'

fresh "--set of FTE above the bound"
expect 2 "--set:1: grades.sw.initial_in_post_fte: must be in [0, 1000000] (got 1000000000)" validate "$TINY" --set grades.sw.initial_in_post_fte=1e9

fresh "-n is an assignment too"
expect 2 "-n: must be a whole number in [1, 10000000] (got 0)" run "$TINY" -n 0 -o out

fresh "one --set cannot set a second key"
expect 2 '--set:1: description: must be one value (a number, string, array, list or group), not several settings (got "x"; name = "pwn")' \
    validate "$TINY" --set 'description="x"; name = "pwn"'

fresh "a group is one value, and stays inside its key"
expect 2 '--set:1: grades.sw.name: unknown key (see docs/scenario-keys.md)' \
    validate "$TINY" --set 'grades.sw={posts_fte=23.0; name="pwn";}'

fresh "a second assignment inside a value is text, not a key"
expect 2 '--set:1: simulation.months: must be a whole number (got "12; simulation.replicates=9")' \
    validate "$TINY" --set 'simulation.months=12; simulation.replicates=9'

fresh "an array value is one value"
expect 0 "" validate "$TINY" --set 'grades.sw.tenure_mix=[0.25,0.25,0.25,0.25]'
