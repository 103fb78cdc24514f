# Targets (--target METRIC<=VALUE@DATE, targets.<name> in a scenario): each is
# checked against the scenario before anything runs; an error names the
# option and the target, or the file and line of the declaration, exit 2,
# and nothing is written.

fresh "--target without an operator"
expect 2 "--target: vacancy_rate<0.1@2025-07: a target is METRIC<=VALUE@DATE or METRIC>=VALUE@DATE, the date YYYY-MM or a DfE year YYYY (e.g. vacancy_rate<=0.10@2025-07)" \
    run "$TINY" -o out --target 'vacancy_rate<0.1@2025-07'

fresh "--target value not a number"
expect 2 '--target: vacancy_rate<=ten@2025-07: the value is not a number (got "ten")' \
    run "$TINY" -o out --target 'vacancy_rate<=ten@2025-07'

fresh "--target date not a month or year"
expect 2 '--target: vacancy_rate<=0.1@July: the date is a month YYYY-MM or a DfE year YYYY (got "July")' \
    run "$TINY" -o out --target 'vacancy_rate<=0.1@July'

fresh "--target unknown metric"
expect 2 "--target: vacancy<=0.1@2025-07: vacancy is not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    run "$TINY" -o out --target 'vacancy_rate<=0.2@2025-03' --target 'vacancy<=0.1@2025-07'

fresh "--target caseload without case types"
expect 2 "--target: caseload<=15@2025-07: caseload is not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    run "$TINY" -o out --target 'caseload<=15@2025-07'

fresh "--target month beyond the horizon"
expect 2 "--target: vacancy_rate<=0.1@2025-10: the date is outside the horizon (2024-09 to 2025-09)" \
    run "$TINY" -o out --target 'vacancy_rate<=0.1@2025-10'

fresh "--target year not complete in the horizon"
expect 2 "--target: vacancy_rate<=0.1@2026: 2026 is not a complete DfE year (October to September) of the horizon (2024-09 to 2025-09)" \
    run "$TINY" -o out --target 'vacancy_rate<=0.1@2026'

fresh "--target too many times"
args=()
for i in $(seq 1 33); do args+=(--target "vacancy_rate<=0.$i@2025-07"); done
expect 2 "--target: at most 32 times" run "$TINY" -o out "${args[@]}"

fresh "--target bad on compare"
printf 'name = "opt";\n' >opt.cfg
expect 2 "--target: vacancy_rate<=0.1@2030: 2030 is not a complete DfE year (October to September) of the horizon (2024-09 to 2025-09)" \
    compare "$TINY" opt.cfg -o out --target 'vacancy_rate<=0.1@2030'

fresh "--target metric only an option has"
printf 'name = "opt";\ngrades = { tm = { posts_fte = 2.0; initial_in_post_fte = 2.0; annual_leaving_rate = 0.1; monthly_fill_probability = 0.1; }; };\n' >opt.cfg
expect 2 "--target: vacancy_rate.tm<=0.1@2025-07: vacancy_rate.tm is not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    compare "$TINY" opt.cfg -o out --target 'vacancy_rate.tm<=0.1@2025-07'

fresh "--target bad: an earlier results directory is left as it was"
"$W" run "$TINY" -o out -q --target 'vacancy_rate<=0.2@2025-03'
snapshot out
expect 2 "--target: vacancy_rate<=0.1@2025-13: the date is a month YYYY-MM or a DfE year YYYY (got \"2025-13\")" \
    run "$TINY" -o out --target 'vacancy_rate<=0.1@2025-13'

fresh "declared target: date not a month or year"
printf 'targets = {\n  july = { metric = "vacancy_rate"; op = "<="; value = 0.1;\n    date = "2025-7"; };\n};\n' >o.cfg
expect 2 'o.cfg:3: targets.july.date: must be a month "YYYY-MM" or a DfE year "YYYY" (got "2025-7")' \
    run "$TINY" o.cfg -o out

fresh "declared target: op not a choice"
printf 'targets = { july = { metric = "vacancy_rate"; op = "="; value = 0.1; date = "2025-07"; }; };\n' >o.cfg
expect 2 'o.cfg:1: targets.july.op: must be one of <=|>= (got "=")' run "$TINY" o.cfg -o out

fresh "declared target: value missing"
printf 'targets = {\n  july = { metric = "vacancy_rate"; op = "<="; date = "2025-07"; };\n};\n' >o.cfg
expect 2 "o.cfg:2: targets.july.value: required key is missing" run "$TINY" o.cfg -o out

fresh "declared target: unknown metric names its line when the run resolves it"
printf '# targets\ntargets = {\n  july = { metric = "vacancy"; op = "<="; value = 0.1; date = "2025-07"; };\n};\n' >o.cfg
expect 2 "o.cfg:3: targets.july: vacancy<=0.1@2025-07: vacancy is not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    run "$TINY" o.cfg -o out

fresh "declared target: date beyond the horizon names its line"
printf 'targets = {\n  y = { metric = "vacancy_rate"; op = ">="; value = 0.05; date = "2027"; };\n};\n' >o.cfg
expect 2 "o.cfg:2: targets.y: vacancy_rate>=0.05@2027: 2027 is not a complete DfE year (October to September) of the horizon (2024-09 to 2025-09)" \
    run "$TINY" o.cfg -o out

fresh "declared target: validate checks it as a run does"
printf 'targets = {\n  july = { metric = "vacancy"; op = "<="; value = 0.1; date = "2025-07"; };\n};\n' >o.cfg
expect 2 "o.cfg:2: targets.july: vacancy<=0.1@2025-07: vacancy is not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    validate "$TINY" o.cfg
