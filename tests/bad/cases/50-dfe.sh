# DfE data files: every refusal names data file:LINE: column: what is wrong.
# Rows are taken from the shipped file and changed one thing at a time.

HEAD=$(head -n 1 "$DATA")
ENG=$(sed -n 2p "$DATA")                                   # England, 2024
SOTON=$(grep -m 1 '^2024,.*,Southampton,' "$DATA")         # a council, 2024
# field N (1-based) of a row replaced by VALUE
with_field() { awk -F, -v OFS=, -v n="$2" -v v="$3" '{ $n = v; print }' <<<"$1"; }

fresh "the shipped file lists"
expect 0 "" dfe list --data "$DATA"

fresh "a line longer than 4,095 bytes is one row, not several"
pad=$(printf '%05000d' 0)
{ echo "$HEAD,notes"; echo "$ENG,$pad"; echo "$SOTON,short"; } >d.csv
expect 0 "" dfe list --data d.csv
[ "$(wc -l <.stdout)" = 3 ] || fail "listed $(wc -l <.stdout) lines, not 3"

fresh "a row that stops after its identifying columns"
{ echo "$HEAD"; echo "$ENG"; cut -d, -f1-10 <<<"$SOTON"; } >d.csv
expect 2 "d.csv:3: inpost_fte: row has 10 fields, the header 32" dfe list --data d.csv

fresh "a row with a field too many"
{ echo "$HEAD"; echo "$ENG,extra"; } >d.csv
expect 2 "d.csv:2: (row): row has 33 fields, the header 32" dfe list --data d.csv

fresh "a year too large for an int"
{ echo "$HEAD"; with_field "$ENG" 1 99999999999; } >d.csv
expect 2 'd.csv:2: time_period: must be a year in [1990, 2100] (got "99999999999")' dfe list --data d.csv

fresh "a year out of range"
{ echo "$HEAD"; with_field "$ENG" 1 1215; } >d.csv
expect 2 'd.csv:2: time_period: must be a year in [1990, 2100] (got "1215")' dfe list --data d.csv

fresh "a negative year"
{ echo "$HEAD"; with_field "$ENG" 1 -2024; } >d.csv
expect 2 'd.csv:2: time_period: must be a year in [1990, 2100] (got "-2024")' dfe list --data d.csv

fresh "a duplicate area-year row"
{ echo "$HEAD"; echo "$ENG"; echo "$SOTON"; echo "$SOTON"; } >d.csv
expect 2 "d.csv:4: time_period: a second row for E06000045 (Southampton) in 2024 (the first is line 3)" dfe list --data d.csv

fresh "a hexadecimal number"
{ echo "$HEAD"; with_field "$ENG" 11 0x10; } >d.csv
expect 2 'd.csv:2: inpost_fte: not a decimal number or a DfE marker (got "0x10")' dfe list --data d.csv

fresh "infinity"
{ echo "$HEAD"; with_field "$ENG" 11 inf; } >d.csv
expect 2 'd.csv:2: inpost_fte: not a decimal number or a DfE marker (got "inf")' dfe list --data d.csv

fresh "a number with a space"
{ echo "$HEAD"; with_field "$ENG" 11 " 12"; } >d.csv
expect 2 'd.csv:2: inpost_fte: not a decimal number or a DfE marker (got " 12")' dfe list --data d.csv

fresh "a percentage sign"
{ echo "$HEAD"; with_field "$ENG" 26 17.3%; } >d.csv
expect 2 'd.csv:2: vacancy_rate_fte: not a decimal number or a DfE marker (got "17.3%")' dfe list --data d.csv

fresh "a council with a million cases"
{ echo "$HEAD"; with_field "$SOTON" 29 1000000; } >d.csv
expect 2 "d.csv:2: cases: must be in [0, 200000] for a council (got 1000000)" dfe list --data d.csv

fresh "negative FTE"
{ echo "$HEAD"; with_field "$SOTON" 11 -5; } >d.csv
expect 2 "d.csv:2: inpost_fte: must be in [0, 20000] for a council (got -5)" dfe list --data d.csv

fresh "a rate above 100%"
{ echo "$HEAD"; with_field "$ENG" 26 173; } >d.csv
expect 2 "d.csv:2: vacancy_rate_fte: must be in [0, 100] for a region or England (got 173)" dfe list --data d.csv

fresh "absurd values are refused at the data line by dfe build too"
{ echo "$HEAD"; echo "$ENG"; with_field "$SOTON" 29 1000000; } >d.csv
expect 2 "d.csv:3: cases: must be in [0, 200000] for a council (got 1000000)" dfe build --area Southampton --year 2024 --data d.csv -o s.cfg
[ ! -e s.cfg ] || fail "s.cfg was written"

fresh "a UTF-8 byte-order mark is accepted"
{ printf '\xef\xbb\xbf'; echo "$HEAD"; echo "$ENG"; } >d.csv
expect 0 "" dfe list --data d.csv

fresh "more than 64 columns are accepted"
extra=$(seq -s, 1 40 | sed 's/[0-9]*/c&/g')
vals=$(seq -s, 1 40)
{ echo "$HEAD,$extra"; echo "$ENG,$vals"; } >d.csv
expect 0 "" dfe list --data d.csv

fresh "a missing column"
{ cut -d, -f1-31 <<<"$HEAD"; cut -d, -f1-31 <<<"$ENG"; } >d.csv
expect 2 "d.csv:1: absence_rate_fte: missing column (not a DfE workforce indicators file?)" dfe list --data d.csv

fresh "an unterminated quote"
{ echo "$HEAD"; with_field "$ENG" 5 '"England'; } >d.csv
expect 2 "d.csv:2: (row): unterminated quote" dfe list --data d.csv

fresh "an unknown geographic level"
{ echo "$HEAD"; with_field "$ENG" 3 Planet; } >d.csv
expect 2 'd.csv:2: geographic_level: unknown level (got "Planet")' dfe list --data d.csv

fresh "a missing area code"
{ echo "$HEAD"; with_field "$SOTON" 9 ""; } >d.csv
expect 2 "d.csv:2: new_la_code: missing area code" dfe list --data d.csv

fresh "an empty data file"
: >d.csv
expect 2 "d.csv:1: (header): empty file" dfe list --data d.csv

fresh "a missing data file"
expect 2 "absent.csv:0: (file): cannot read data file: No such file or directory" dfe list --data absent.csv

fresh "a directory as the data file"
mkdir dir.csv
expect 2 "dir.csv:0: (file): is a directory, not a data file" dfe list --data dir.csv

fresh "an unknown area"
expect 2 '--area: unknown area (got "Nowhereshire"; did you mean "Oxfordshire"?)' dfe build --area Nowhereshire --year 2024 --data "$DATA" -o s.cfg

fresh "dfe build -o a directory fails at once, before the fit"
mkdir out.cfg
expect 2 "out.cfg: is a directory; -o takes the file to write" dfe build --area Southampton --year 2024 --data "$DATA" -o out.cfg

fresh "dfe build -o over a file wfsim did not write: refused, the file kept"
echo "my own notes" >notes.cfg
snapshot notes.cfg
expect 2 'notes.cfg: exists and wfsim did not write it (its first line is not "# program: wfsim ..."); not replacing it (--force replaces it)' \
    dfe build --area Southampton --year 2024 --data "$DATA" -o notes.cfg

fresh "dfe build -o into a directory that does not exist"
expect 2 "nodir/s.cfg: cannot write there: nodir is not a directory" dfe build --area Southampton --year 2024 --data "$DATA" -o nodir/s.cfg

fresh "dfe build -o \"\""
expect 2 '-o: must name a file (got "")' dfe build --area Southampton --year 2024 --data "$DATA" -o ""

fresh "dfe build -o at a symbolic link: refused"
echo "x" >real.cfg && ln -s real.cfg link.cfg
snapshot real.cfg link.cfg
expect 2 "link.cfg: is a symbolic link; not replacing it" dfe build --area Southampton --year 2024 --data "$DATA" -o link.cfg

fresh "dfe build replaces its own file, and --force a foreign one"
"$W" dfe build --area E12000001 --year 2024 --data "$DATA" -o ne.cfg -j 2 &&
    "$W" dfe build --area E12000001 --year 2024 --data "$DATA" -o ne.cfg -j 2 &&
    echo "foreign" >f.cfg && "$W" dfe build --area E12000001 --year 2024 --data "$DATA" -o f.cfg --force -j 2 &&
    head -n 1 f.cfg | grep -q '^# program: wfsim ' && [ -z "$(compgen -G '*.tmp-*')" ] && pass ||
    fail "could not rebuild"

fresh "dfe build into a full device"
OUT=/dev/full expect 1 "wfsim: standard output: No space left on device" dfe build --area E12000001 --year 2024 --data "$DATA"

fresh "without --data, a program with no shipped data beside it says where it looked"
mkdir -p alone/bin && cp "$W" alone/bin/wfsim
W_SAVED=$W W=$D/alone/bin/wfsim
expect 2 "--data: the shipped DfE data (csww_indicators_2017_to_2024.csv) are not in scenarios/data here, nor in scenarios/data or share/wfsim/scenarios/data up to four directories above $D/alone/bin; give --data FILE" dfe list
W=$W_SAVED

fresh "without --data, the program finds the shipped data beside it from any directory"
expect 0 "" dfe list
grep -q '^E06000010,' .stdout || fail "dfe list from $D does not list Hull"

fresh "dfe build from another directory finds its data and says what it wrote and which levers it set"
expect 0 "wfsim: wrote h.cfg: Kingston upon Hull, City of at 30 September 2024 (DfE CSWW), held steady with no change" dfe build --area Hull --year 2024 -o h.cfg
grep -q '^wfsim: levers set: Entry route nqsw: [0-9]* trainees each September.*; no campaigns; no retention schemes$' .stderr ||
    fail "no levers line: $(sed -n 2p .stderr)"
grep -q '^wfsim: national values (the file cites each): salaries £33k-£52k, agency £77k-£93k an FTE-year, £1,000 an advert and £2,000 a hire' .stderr ||
    fail "no national values line: $(sed -n 3p .stderr)"
grep -q '^  advert_cost_gbp = 1000.0;  # national default (estimate)' h.cfg || fail "h.cfg has no sourced advert cost"
grep -q "^# data: $R/scenarios/data/csww_indicators_2017_to_2024.csv$" h.cfg || fail "h.cfg does not name the data found"
