# wfsim report DIR: only on a results directory wfsim wrote, replaced whole
# with the report's files listed in its manifest, so it can be run again and
# a later run still accepts the directory.

fresh "report on a directory that is not wfsim's: refused, its files kept"
mkdir -p foreign && echo "my notes" >foreign/notes.txt
snapshot foreign
expect 2 "foreign: exists and is not a wfsim results directory (no manifest.txt); not replacing it" report foreign

fresh "report on earlier results with a file the user added: refused naming it"
"$W" run "$TINY" -o res -q && echo "my notes" >res/notes.txt
snapshot res
expect 2 "res: notes.txt is not a file wfsim wrote (its manifest does not list it); not replacing it (move it, or choose another -o)" report res

fresh "report on a missing directory: refused, nothing made"
expect 2 "nowhere: no such results directory" report nowhere
[ ! -e nowhere ] || fail "nowhere/ was created"

fresh "report on an empty directory: refused"
mkdir empty
snapshot empty
expect 2 "empty: not a results directory (no manifest.txt)" report empty

fresh "report with no directory"
expect 2 "report: needs a results directory" report

fresh "report twice in a row, then a run over it: each accepted, the manifest lists every file"
"$W" run "$TINY" -o res -q
"$W" report res -q || fail "the first report failed"
first=$(grep -c '^file: charts/' res/manifest.txt)
expect 0 "" report res -q
[ "$(grep -c '^file: charts/' res/manifest.txt)" = "$first" ] && [ "$first" -gt 0 ] ||
    fail "the second report lists $(grep -c '^file: charts/' res/manifest.txt) charts, the first $first"
listed=$(sed -n 's/^file: \([^ ]*\) .*/\1/p' res/manifest.txt | LC_ALL=C sort)
present=$(cd res && find . -type f ! -name manifest.txt | sed 's|^\./||' | LC_ALL=C sort)
[ "$listed" = "$present" ] || fail "the manifest does not list exactly the files present"
no_temporaries "$D"
"$W" run "$TINY" -o res -q || fail "a later run refused the reported directory"
[ ! -e res/charts ] && [ ! -e res/report.html ] || fail "the later run left the old report"
