# wfsim sensitivity: the keys file's errors name FILE:LINE: KEY:, the
# command's own name the option; exit 2 and no results directory.

FORMS="KEY uniform LO HI, KEY normal MEAN SD or KEY triangular LO MODE HI"

fresh "sensitivity without --keys"
expect 2 "sensitivity: needs at least one scenario file and --keys FILE" sensitivity "$TINY"

fresh "a keys file that does not exist"
expect 2 "nokeys.txt: cannot read (No such file or directory)" sensitivity "$TINY" --keys nokeys.txt

fresh "a keys file with no keys"
printf '# only a comment\n\n' >k.txt
expect 2 "k.txt: no keys (a line is $FORMS)" sensitivity "$TINY" --keys k.txt

fresh "an unknown key"
printf '# fills\ngrades.sw.monthly_fill_probabilty uniform 0.05 0.15\n' >k.txt
expect 2 "k.txt:2: grades.sw.monthly_fill_probabilty: unknown key (wfsim keys lists them)" sensitivity "$TINY" --keys k.txt

fresh "a key that is not a number"
printf 'grades.sw.label uniform 0 1\n' >k.txt
expect 2 "k.txt:1: grades.sw.label: only a numeric key can be varied" sensitivity "$TINY" --keys k.txt

fresh "an unknown distribution"
printf 'finance.discount_rate lognormal 0.035 0.01\n' >k.txt
expect 2 "k.txt:1: finance.discount_rate: unknown distribution \"lognormal\" (a line is $FORMS)" sensitivity "$TINY" --keys k.txt

fresh "a distribution with too few numbers"
printf 'finance.discount_rate triangular 0.01 0.05\n' >k.txt
expect 2 "k.txt:1: finance.discount_rate: expected triangular LO MODE HI with numbers (got \"triangular 0.01 0.05\")" sensitivity "$TINY" --keys k.txt

fresh "a bound outside the key's range"
printf 'grades.sw.monthly_fill_probability uniform 0.05 1.5\n' >k.txt
expect 2 "k.txt:1: grades.sw.monthly_fill_probability: HI 1.5 is outside the key's range [0, 1]" sensitivity "$TINY" --keys k.txt

fresh "a normal distribution the key's range would cut too much"
printf 'grades.sw.monthly_fill_probability normal 0.02 0.05\n' >k.txt
expect 2 "k.txt:1: grades.sw.monthly_fill_probability: the key's range [0, 1] would cut 34.5% of normal 0.02 0.05, more than 5% (a smaller SD, or uniform or triangular)" sensitivity "$TINY" --keys k.txt

fresh "a key given twice"
printf 'finance.discount_rate uniform 0 0.1\n\nfinance.discount_rate normal 0.035 0.01\n' >k.txt
expect 2 "k.txt:3: finance.discount_rate: given twice (first at line 1)" sensitivity "$TINY" --keys k.txt

fresh "more than 20 keys"
for i in $(seq 0 20); do echo "campaigns.c$i.hires uniform 1 5"; done >k.txt
expect 2 "k.txt:21: campaigns.c20.hires: at most 20 keys (the Sobol' sequence has 2 x 20 dimensions)" sensitivity "$TINY" --keys k.txt

fresh "a key of the simulation"
printf 'simulation.months uniform 12 24\n' >k.txt
expect 2 "k.txt:1: simulation.months: the simulation's keys (seed, replicates, months) cannot vary" sensitivity "$TINY" --keys k.txt

fresh "a key of an entry the scenario does not have"
printf 'grades.sp.annual_leaving_rate uniform 0.1 0.2\n' >k.txt
expect 2 "k.txt:1: grades.sp.annual_leaving_rate: scenario tiny has no such entry" sensitivity "$TINY" --keys k.txt

fresh "values the scenario refuses together"
printf 'leaving.share_to_agency uniform 0.1 0.5\n' >k.txt
expect 2 "k.txt: with every key at its least sampled value: *" sensitivity "$EX" --keys k.txt

fresh "an unknown metric"
printf 'finance.discount_rate uniform 0 0.1\n' >k.txt
expect 2 "--metric: vacancy: not a metric of scenario tiny (wfsim metrics lists them; grades add .<grade>)" sensitivity "$TINY" --keys k.txt --metric vacancy

fresh "samples 0"
printf 'finance.discount_rate uniform 0 0.1\n' >k.txt
expect 2 "--samples: must be a whole number in [1, 65536] (got 0)" sensitivity "$TINY" --keys k.txt --samples 0
