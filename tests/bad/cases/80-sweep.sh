# wfsim sweep: a varied key, its range, the grid's size and the metrics are
# refused with the option and the text named, before anything runs.

fresh "sweep without --vary"
expect 2 "sweep: needs a base scenario file and --vary KEY=FROM:TO:STEPS" sweep "$TINY" -o out

fresh "sweep of an unknown key"
expect 2 "--vary: grades.sw.foo: unknown key (wfsim keys lists them)" \
    sweep "$TINY" --vary grades.sw.foo=0:1:2 -o out

fresh "sweep of a key that is not a number"
expect 2 "--vary: name: only a numeric key can be varied" sweep "$TINY" --vary name=0:1:2 -o out

fresh "sweep beyond the key's range"
expect 2 "--vary: grades.sw.monthly_fill_probability: 2 is outside the key's range [0, 1]" \
    sweep "$TINY" --vary grades.sw.monthly_fill_probability=0.5:2:3 -o out

fresh "sweep without STEPS"
expect 2 '--vary: grades.sw.monthly_fill_probability: expected KEY=FROM:TO:STEPS with numbers (got "0.1:0.2")' \
    sweep "$TINY" --vary grades.sw.monthly_fill_probability=0.1:0.2 -o out

fresh "sweep of one step"
expect 2 "--vary: grades.sw.monthly_fill_probability: STEPS is a whole number from 2 to 1000 (got 1)" \
    sweep "$TINY" --vary grades.sw.monthly_fill_probability=0.1:0.2:1 -o out

fresh "sweep of a key twice"
expect 2 "--vary: finance.hire_cost_gbp: varied twice" \
    sweep "$TINY" --vary finance.hire_cost_gbp=0:9:2 --vary finance.hire_cost_gbp=1:5:2 -o out

fresh "sweep of the horizon"
expect 2 "--vary: simulation.months: every point of a sweep has the same seed, replicates and months (vary another key)" \
    sweep "$TINY" --vary simulation.months=12:24:2 -o out

fresh "sweep of an entry the scenario lacks"
expect 2 "--vary: campaigns.x.hires: scenario tiny has no such entry (a named entry must be in the files)" \
    sweep "$TINY" --vary campaigns.x.hires=0:4:2 -o out

fresh "sweep grid of too many points"
expect 2 "--grid: 101 x 101 steps make more than 10000 points (use fewer steps, or --one-at-a-time)" \
    sweep "$TINY" --vary finance.hire_cost_gbp=0:1000:101 --vary finance.advert_cost_gbp=0:1000:101 --grid -o out

fresh "sweep grid and one at a time"
expect 2 "--grid: --one-at-a-time was given too (give one)" \
    sweep "$TINY" --vary finance.hire_cost_gbp=0:9:2 --grid --one-at-a-time -o out

fresh "sweep of an unknown metric"
expect 2 "--metric: vacancy_rat: not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    sweep "$TINY" --vary finance.hire_cost_gbp=0:9:2 --metric vacancy_rat -o out

fresh "sweep of a caseload metric without case types"
expect 2 "--metric: caseload: not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" \
    sweep "$TINY" --vary finance.hire_cost_gbp=0:9:2 --metric caseload -o out

fresh "sweep without a complete DfE year"
expect 2 "$TINY: simulation.months: a sweep needs at least one complete DfE year (October to September) in the horizon (got 6)" \
    sweep "$TINY" --vary finance.hire_cost_gbp=0:9:2 --set simulation.months=6 -o out
