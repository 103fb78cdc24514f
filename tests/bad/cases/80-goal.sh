# goal: a bad lever, confidence, measure or target, and a goal no value in
# the range meets, are refused naming the option, with nothing written.
FILL=grades.sw.monthly_fill_probability
GOAL_TARGET='vacancy_rate<=0.1@2025-09'

fresh "goal without a lever"
expect 2 "goal: needs at least one scenario file and --lever KEY=MIN:MAX and --target TARGET" \
    goal "$TINY" --target "$GOAL_TARGET"

fresh "goal lever without a range"
expect 2 "--lever: $FILL: expected KEY=MIN:MAX with numbers (got \"0.1\")" \
    goal "$TINY" --lever "$FILL=0.1" --target "$GOAL_TARGET" -o out

fresh "goal lever with steps"
expect 2 "--lever: $FILL: expected KEY=MIN:MAX with numbers (got \"0.1:0.3:5\")" \
    goal "$TINY" --lever "$FILL=0.1:0.3:5" --target "$GOAL_TARGET" -o out

fresh "goal lever on a text key"
expect 2 "--lever: grades.sw.label: only a numeric key can be varied" \
    goal "$TINY" --lever grades.sw.label=0:1 --target "$GOAL_TARGET" -o out

fresh "goal lever on an unknown key"
expect 2 "--lever: grades.sw.fill: unknown key (wfsim keys lists them)" \
    goal "$TINY" --lever grades.sw.fill=0:1 --target "$GOAL_TARGET" -o out

fresh "goal lever beyond the key's range"
expect 2 "--lever: $FILL: 1.5 is outside the key's range [0, 1]" \
    goal "$TINY" --lever "$FILL=0.1:1.5" --target "$GOAL_TARGET" -o out

fresh "goal confidence of 1"
expect 2 "--confidence: must be a number in (0, 1), the ends excluded (got 1)" \
    goal "$TINY" --lever "$FILL=0.1:0.3" --target "$GOAL_TARGET" --confidence 1 -o out

fresh "goal confidence not a number"
expect 2 "--confidence: must be a number in (0, 1), the ends excluded (got 80%)" \
    goal "$TINY" --lever "$FILL=0.1:0.3" --target "$GOAL_TARGET" --confidence 80% -o out

fresh "goal unknown measure"
expect 2 "--measure: soon: must be at_date, first_met_by or kept_from" \
    goal "$TINY" --lever "$FILL=0.1:0.3" --target "$GOAL_TARGET" --measure soon -o out

fresh "goal target outside the horizon"
expect 2 "--target: vacancy_rate<=0.1@2027-01: the date is outside the horizon (2024-09 to 2025-09)" \
    goal "$TINY" --lever "$FILL=0.1:0.3" --target 'vacancy_rate<=0.1@2027-01' -o out

fresh "goal unreachable target"
expect 2 "--target: vacancy_rate<=0@2025-09: not met with probability >= 0.8 at any $FILL in [0.1, 0.3]: the best is P = 0.140 (SE 0.049) at 0.3" \
    goal "$TINY" --lever "$FILL=0.1:0.3" --target 'vacancy_rate<=0@2025-09' -o out

fresh "goal unreachable earlier results kept"
mkdir out && "$W" goal "$TINY" --lever "$FILL=0.1:0.3" --target "$GOAL_TARGET" --confidence 0.5 -o out -q >/dev/null
snapshot out
expect 2 "--target: vacancy_rate<=0@2025-09: not met*" \
    goal "$TINY" --lever "$FILL=0.1:0.3" --target 'vacancy_rate<=0@2025-09' -o out

fresh "goal falling response"
expect 2 "--lever: the probability is not monotone in grades.sw.annual_leaving_rate over [0.05, 0.9]: P(*" \
    goal "$TINY" --lever grades.sw.annual_leaving_rate=0.05:0.9 --target "$GOAL_TARGET" --confidence 0.3 -o out
