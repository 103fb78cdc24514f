# Scenario files: syntax, unknown keys, types, ranges, references, missing
# keys. Each error names file:line: key: what is wrong (got VALUE), exit 2.

fresh "unknown key in a file names its line"
cp "$TINY" t.cfg && printf 'leaving = { notice_month = 1; };\n' >o.cfg
expect 2 "o.cfg:1: leaving.notice_month: unknown key (did you mean leaving.notice_months? see docs/scenario-keys.md)" validate t.cfg o.cfg

fresh "misspelt grade key"
printf 'grades = { sw = { anual_leaving_rate = 0.2; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sw.anual_leaving_rate: unknown key (did you mean grades.sw.annual_leaving_rate? see docs/scenario-keys.md)" validate "$TINY" o.cfg

fresh "annual leaving rate out of range"
printf 'grades = { sw = { annual_leaving_rate = 6.0; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sw.annual_leaving_rate: must be in [0, 5] (got 6)" validate "$TINY" o.cfg

fresh "negative posts"
printf 'grades = {\n  sw = {\n    posts_fte = -3.0;\n  };\n};\n' >o.cfg
expect 2 "o.cfg:3: grades.sw.posts_fte: must be in [0, 1000000] (got -3)" validate "$TINY" o.cfg

fresh "months zero"
printf 'simulation = { months = 0; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.months: must be in [1, 600] (got 0)" validate "$TINY" o.cfg

fresh "string where a number belongs"
printf 'simulation = { months = "twelve"; };\n' >o.cfg
expect 2 'o.cfg:1: simulation.months: must be a whole number (got "twelve")' validate "$TINY" o.cfg

fresh "fraction where a whole number belongs"
printf 'simulation = { months = 12.5; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.months: must be a whole number (got 12.5)" validate "$TINY" o.cfg

fresh "bad start month"
printf 'simulation = { start = "2024-13"; };\n' >o.cfg
expect 2 'o.cfg:1: simulation.start: must be a month "YYYY-MM" (got "2024-13")' validate "$TINY" o.cfg

fresh "scalar where a group belongs"
printf 'grades = 3;\n' >o.cfg
expect 2 "o.cfg:1: grades: must be a group of named entries { ... }" validate "$TINY" o.cfg

fresh "a grade without its required keys"
printf 'grades = { sp = { posts_fte = 4.0; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sp.initial_in_post_fte: required key is missing" validate "$TINY" o.cfg

fresh "destination shares that do not sum to 1"
printf 'leaving = { share_to_agency = 0.9; };\n' >o.cfg
expect 2 "o.cfg:1: leaving.share_to_other_la: destination shares must sum to 1 (got 1.78)" validate "$TINY" o.cfg

fresh "syntax error names the line"
printf 'name = "broken";\nsimulation = {\n  months = ;\n};\n' >s.cfg
expect 2 "s.cfg:3: (syntax): syntax error" validate s.cfg

fresh "duplicate setting"
printf 'name = "a";\nname = "b";\n' >s.cfg
expect 2 "s.cfg:2: (syntax): duplicate setting name" validate s.cfg

fresh "missing file"
expect 2 "absent.cfg:0: (file): cannot read scenario file: No such file or directory" validate absent.cfg

fresh "empty file"
: >e.cfg
expect 2 "e.cfg:1: name: required key is missing" validate e.cfg

fresh "a campaign into an unknown grade"
printf 'campaigns = { overseas = { month = "2025-03"; grade = "zz"; hires = 5; }; };\n' >o.cfg
expect 2 'o.cfg:1: campaigns.overseas.grade: unknown grade (got "zz"; grades are sw)' validate "$TINY" o.cfg

fresh "promotion from an unknown grade"
printf 'grades = { sw = { promotion_from = "qq"; }; };\n' >o.cfg
expect 2 'o.cfg:1: grades.sw.promotion_from: unknown grade (got "qq"; grades are sw)' validate "$TINY" o.cfg

fresh "negative arrivals"
printf 'case_types = { cin = { arrivals_per_month = -1.0; }; };\n' >o.cfg
expect 2 "o.cfg:1: case_types.cin.arrivals_per_month: must be in [0, 10000000] (got -1)" validate "$TINY" o.cfg

fresh "unknown scheme kind"
printf 'retention_schemes = { x = { kind = "bogus"; grades = "sw"; start = "2025-04"; amount_gbp = 1.0; }; };\n' >o.cfg
expect 2 'o.cfg:1: retention_schemes.x.kind: must be one of golden_hello|lump_sum|supplement|upfront (got "bogus")' validate "$TINY" o.cfg

fresh "scheme for an unknown grade"
printf 'retention_schemes = { x = { kind = "lump_sum"; grades = "sw, zz"; start = "2025-04"; amount_gbp = 1.0; milestone_months = 12; }; };\n' >o.cfg
expect 2 'o.cfg:1: retention_schemes.x.grades: unknown grade (got "zz"; grades are sw)' validate "$TINY" o.cfg

fresh "a demand shock with a negative factor"
printf 'demand_shocks = { x = { month = "2025-01"; factor = -2.0; }; };\n' >o.cfg
expect 2 "o.cfg:1: demand_shocks.x.factor: must be > 0 (got -2)" validate "$TINY" o.cfg

fresh "a campaign before month 0"
printf 'campaigns = { c = { month = "2023-01"; grade = "sw"; hires = 5; }; };\n' >o.cfg
expect 2 "o.cfg:1: campaigns.c.month: must fall within the horizon, after month 0 (got 2023-01)" validate "$TINY" o.cfg

fresh "tenure mix that does not sum to 1"
printf 'grades = { sw = { tenure_mix = [0.5, 0.6, 0.1, 0.1]; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sw.tenure_mix: shares must sum to 1 (got 1.3)" validate "$TINY" o.cfg

fresh "tenure mix of the wrong length"
printf 'grades = { sw = { tenure_mix = [0.5, 0.5]; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sw.tenure_mix: must be an array of 4 numbers (got 2 values)" validate "$TINY" o.cfg

fresh "negative seed"
printf 'simulation = { seed = -5L; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.seed: must be in [0, 9.2e+18] (got -5)" validate "$TINY" o.cfg

fresh "more in post than posts"
printf 'grades = { sw = { initial_in_post_fte = 30.0; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sw.initial_in_post_fte: must not exceed posts_fte 23 (got 30)" validate "$TINY" o.cfg

fresh "run refuses what validate refuses, writing nothing"
printf 'simulation = { months = 0; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.months: must be in [1, 600] (got 0)" run "$TINY" o.cfg -o out
[ ! -e out ] || fail "out was created"

fresh "an integer above 2^32 in a file is refused, not wrapped to 12"
printf 'simulation = { months = 4294967308; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.months: must be in [1, 600] (got 4294967308)" run "$TINY" o.cfg -o out

fresh "an integer read as a number is not wrapped either"
printf 'grades = { sw = { initial_agency_fte = 4294967297; }; };\n' >o.cfg
expect 2 "o.cfg:1: grades.sw.initial_agency_fte: must be in [0, 1000000] (got 4294967297)" validate "$TINY" o.cfg

fresh "a wrapped integer whose value is on the next line"
printf 'simulation = {\n  months =\n    4294967308;\n};\n' >o.cfg
expect 2 "o.cfg:2: simulation.months: must be in [1, 600] (got 4294967308)" validate "$TINY" o.cfg

fresh "a hexadecimal integer above 2^32"
printf 'simulation = { months = 0x10000000C; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.months: must be in [1, 600] (got 4294967308)" validate "$TINY" o.cfg

fresh "two settings of one name on a line: the wrapped one is found"
printf 'simulation = { months = 12; replicates = 4294967346; };\n' >o.cfg
expect 2 "o.cfg:1: simulation.replicates: must be in [1, 10000000] (got 4294967346)" validate "$TINY" o.cfg

fresh "a seed above 2^32 without L is the seed written, not its low 32 bits"
printf 'simulation = { seed = 4294967297; };\n' >a.cfg
printf 'simulation = { seed = 4294967297L; };\n' >b.cfg
"$W" run "$TINY" a.cfg -o ra -q && "$W" run "$TINY" b.cfg -o rb -q &&
    cmp -s ra/timeseries.csv rb/timeseries.csv && pass || fail "the seeds differ"

fresh "a directory as the scenario"
mkdir d.cfg
expect 2 "d.cfg:0: (file): cannot read scenario file: is a directory, not a scenario file" validate d.cfg

fresh "an @include of a directory names the file and line"
mkdir incdir && printf 'name = "x";\n@include "incdir"\n' >i.cfg
expect 2 "i.cfg:2: (include): incdir: is a directory, not a scenario file" validate i.cfg

fresh "an @include of a missing file"
printf '@include "absent.cfg"\n' >i.cfg
expect 2 "i.cfg:1: (include): absent.cfg: No such file or directory" validate i.cfg

fresh "an @include that includes itself"
printf '@include "i.cfg"\n' >i.cfg
expect 2 "i.cfg:1: (include): i.cfg: includes nested more than 10 deep" validate i.cfg

fresh "a syntax error in an included file names that file"
mkdir sub && printf 'name = "x";\nsimulation = { months = ; };\n' >sub/bad.cfg
printf '@include "sub/bad.cfg"\n' >i.cfg
expect 2 "sub/bad.cfg:2: (syntax): syntax error" validate i.cfg

fresh "a range error in an included file names that file"
cp "$TINY" t.cfg && printf 'simulation = { months = 0; };\n' >sub.cfg && printf '@include "sub.cfg"\n' >i.cfg
expect 2 "sub.cfg:1: simulation.months: must be in [1, 600] (got 0)" validate t.cfg i.cfg

fresh "a run of enormous demand is refused, naming the key, before any work"
expect 2 "$EX: case_types.cin.arrivals_per_month: a run of 20000 replicates x 120 months with this demand would take about 133 hours on 1 thread, more than the 24 hours wfsim starts (got 1e+06)" \
    run "$EX" -n 20000 -j 1 --set simulation.months=120 --set case_types.cin.arrivals_per_month=1000000 -o out
[ ! -e out ] || fail "out was created"

fresh "a long run says how long it will take"
timeout 3 "$W" run "$EX" -n 200 -j 2 --set case_types.cin.arrivals_per_month=200000 -o out 2>err >/dev/null
[ "$(head -n 1 err)" = "wfsim: a large run: about 4 minutes on 2 threads (200 replicates x 60 months); -q hides this" ] &&
    pass || fail "stderr: $(head -n 1 err)"

fresh "a UTF-8 byte-order mark at the start of a scenario is accepted"
{ printf '\xef\xbb\xbf'; cat "$TINY"; } >bom.cfg
expect 0 "" validate bom.cfg

fresh "a file with a byte-order mark still names its line and refuses wrapped integers"
{ printf '\xef\xbb\xbf'; printf 'simulation = {\n  months = 4294967308;\n};\n'; } >bom.cfg
expect 2 "bom.cfg:2: simulation.months: must be in [1, 600] (got 4294967308)" validate "$TINY" bom.cfg

fresh "a campaign gives its offers' month or its arrivals' month, not both"
expect 2 "--set:2: campaigns.overseas_2025.arrive: give the offers' month or the arrivals' month, not both" validate "$EX" --set 'campaigns.overseas_2025.lead_months=6' --set 'campaigns.overseas_2025.arrive="2025-09"'

fresh "a campaign with neither month nor arrive"
expect 2 "--set:1: campaigns.overseas_2025.month: give month (the offers) or arrive (the starts)" validate "$EX" --set 'campaigns.overseas_2025.month=""'

fresh "a campaign's arrivals whose offers would fall before month 0"
expect 2 "--set:2: campaigns.overseas_2025.arrive: the offers, lead_months before, must fall within the horizon, after month 0 (got 2024-08)" validate "$EX" --set 'campaigns.overseas_2025.month=""' --set 'campaigns.overseas_2025.arrive="2025-02"'

fresh "a campaign dated by its arrivals runs as the same campaign dated by its offers"
expect 0 "" run "$EX" -n 20 -q -o by_arrival --set 'campaigns.overseas_2025.month=""' --set 'campaigns.overseas_2025.arrive="2025-09"'
"$W" run "$EX" -n 20 -q -o by_offer || fail "the run by offers failed"
cmp -s by_arrival/timeseries.csv by_offer/timeseries.csv || fail "timeseries.csv differ"
grep -q '^    month = "2025-03";$' by_arrival/scenario.cfg || fail "the resolved scenario does not give the offers' month"

# Levers that will not do what they say: a warning, and the run completes.
fresh "a campaign larger than the open vacancies warns, and the run completes with the warning in its manifest"
expect 0 "wfsim: warning: campaigns.overseas_2025.hires: 40 hires into sw, which has 22 open vacancies at month 0: a campaign makes at most as many offers as there are open vacancies in 2025-03" run "$EX" -n 5 -o r --set campaigns.overseas_2025.hires=40
grep -q '^warning: campaigns.overseas_2025.hires: 40 hires into sw' r/manifest.txt || fail "no warning in the manifest"
grep -q '^wfsim: warning: campaigns.overseas_2025: made [0-9.]* offers on average of the 40 asked, fewer in 100% of runs: sw had fewer open vacancies in 2025-03 (campaign_hires.overseas_2025)$' .stderr ||
    fail "no warning of what the campaign made: $(sed -n 2p .stderr)"
grep -q '^example_la,6,2025-03,campaign_hires.overseas_2025,' r/timeseries.csv || fail "no campaign_hires row"
[ -s r/timeseries.csv ] || fail "no timeseries.csv"

fresh "a clawback without a tie-in warns"
expect 0 "wfsim: warning: retention_schemes.x.clawback: a clawback with tie_in_months = 0 never applies: nobody who leaves owes anything" validate "$TINY" --set 'retention_schemes.x={kind="lump_sum";start="2025-04";amount_gbp=1000.0;clawback="full";}'

fresh "an intake larger than its grade's posts warns"
expect 0 "wfsim: warning: entry_routes.nqsw.hires: an intake of 40 into nqsw, which has 16.0 FTE of posts: an intake fills vacant posts only" validate "$EX" --set entry_routes.nqsw.hires=40

fresh "an option that lowers the baseline's intake warns"
printf 'name = "low_intake";\nentry_routes = { nqsw = { hires = 6; }; };\n' >o.cfg
expect 0 "wfsim: warning: low_intake: entry_routes.nqsw.hires: low_intake lowers the intake from the baseline's 12 to 6" compare "$EX" o.cfg -n 5 -o c
grep -q "^warning: low_intake: entry_routes.nqsw.hires" c/manifest.txt || fail "no warning in the manifest"

fresh "-q silences warnings"
expect 0 "" run "$EX" -n 5 -o r -q --set campaigns.overseas_2025.hires=40

fresh "a share above 1 is refused as a unit slip"
expect 2 "--set:1: retention_schemes.x.salary_share: must be in [0, 1]: a share is a fraction, 0.1 for 10% (got 5, 500%)" validate "$TINY" --set 'retention_schemes.x={kind="supplement";start="2025-04";salary_share=5.0;}'

fresh "an overlay that lowers its scenario's intake warns on run"
printf 'name = "low_intake";\nentry_routes = { nqsw = { hires = 6; }; };\n' >o.cfg
expect 0 "wfsim: warning: entry_routes.nqsw.hires: low_intake lowers the intake from the baseline's 12 to 6" run "$EX" o.cfg -n 5 -o r
grep -q "^warning: entry_routes.nqsw.hires: low_intake lowers the intake" r/manifest.txt || fail "no warning in the manifest"

fresh "a comparison in which hires cost nothing warns"
printf 'name = "same";\n' >o.cfg
expect 0 "wfsim: warning: tiny: finance.advert_cost_gbp and finance.hire_cost_gbp are 0: an option that avoids a hire saves nothing on recruitment in this comparison" compare "$TINY" o.cfg -n 5 -o c
