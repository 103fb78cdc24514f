#!/usr/bin/env bash
# report checks, run by `make test` as `bash tests/report/run.sh build/wfsim`:
# the example's report, a comparison report (-n 200) and a sweep's report
# (-n 100) are made, then
#   1 every number in report.html traces to its CSV row (data-src) and shows
#     that cell's value
#   2 financial-year costs reconcile with monthly and DfE-year costs
#   3 report.xlsx read back (unzip): sheets, typed numbers, dates, charts
#   4 headless Chromium renders the three reports: no console errors, SVG charts
#     present with non-zero size, the screenshot not blank (skipped, saying
#     so, when Chromium is absent)
set -u
W=${1:?usage: bash tests/report/run.sh PATH/TO/wfsim}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok - report $1"; }
bad() { echo "not ok - report $1: $2"; fail=1; }

"$W" run scenarios/example_la.cfg -n 200 -o "$T/run" -q --report \
    --target 'vacancy_rate<=0.12@2026-03' --target 'caseload.sw>=14@2027' ||
    bad 0 "run --report failed"
"$W" compare scenarios/example_la.cfg scenarios/options/supplement_10.cfg \
    scenarios/options/lump_sum_3000.cfg -n 200 -o "$T/cmp" -q --report \
    --target 'vacancy_rate<=0.12@2026-03' ||
    bad 0 "compare --report failed"
"$W" sweep scenarios/example_la.cfg --vary campaigns.overseas_2025.hires=0:20:3 \
    --vary grades.sw.monthly_fill_probability=0.03:0.07:3 -n 100 -o "$T/swp" -q --report ||
    bad 0 "sweep --report failed"

# 0: the run's report says which kind of band it shows (the example: chance only)
grep -q 'The bands show <b>chance only</b>' "$T/run/report.html" ||
    bad 0 "the run report does not say its bands show chance only"

# 0: each retention option's net cost by staff response (elasticity_curve.csv) is charted
for o in supplement_10 lump_sum_3000; do
    grep -q "charts/${o}_npv_by_response" "$T/cmp/report.html" ||
        bad 0 "the comparison report has no response curve for $o"
    [ -s "$T/cmp/charts/${o}_npv_by_response.png" ] || bad 0 "no charts/${o}_npv_by_response.png"
done

# 1: data-src="FILE:LINE:COL" data-value="V">TEXT< for every quoted number.
trace() { # DIR
    grep -o 'data-src="[^"]*" data-value="[^"]*">[^<]*<' "$1/report.html" |
        sed -E 's/data-src="([^:]*):([0-9]+):([^"]*)" data-value="([^"]*)">([^<]*)</\1 \2 \3 \4 \5/' |
        while read -r file line col value text; do
            row=$(sed -n "${line}p" "$1/$file")
            c=$(head -n 1 "$1/$file" | tr ',' '\n' | grep -nx "$col" | cut -d: -f1)
            cell=$(echo "$row" | cut -d, -f"${c:-0}" 2>/dev/null)
            [ -n "$c" ] && [ "$cell" = "$value" ] || { echo "$file:$line:$col is '$cell', page says '$value'"; continue; }
            # the shown text is the value rounded: %, £ with k/m, or plain
            echo "$value $text" | awk '{
                t = $2; gsub(/[£,]/, "", t); s = 1; w = 0
                if (t ~ /%$/) { s = 0.01; sub(/%$/, "", t) }
                else if (t ~ /m$/) { s = 1e6; sub(/m$/, "", t) }
                else if (t ~ /k$/) { s = 1e3; sub(/k$/, "", t) }
                if (t == "NA") exit ($1 == "NA" ? 0 : 1)
                d = t; sub(/^-?[0-9]*\.?/, "", d); w = 0.5 * 10 ^ -length(d) * s
                diff = $1 - t * s; if (diff < 0) diff = -diff
                exit (diff <= w * 1.0001 + 1e-9 ? 0 : 1) }' ||
                echo "$file:$line:$col value $value shown as '$text'"
        done
}
for d in run cmp swp; do
    n=$(grep -o 'data-src=' "$T/$d/report.html" 2>/dev/null | wc -l)
    out=$(trace "$T/$d")
    if [ "$n" -lt 10 ]; then bad 1 "$d: only $n traced numbers in report.html"
    elif [ -n "$out" ]; then bad 1 "$d: $(echo "$out" | head -n 3 | tr '\n' ';')"
    else ok "1 $d: $n numbers in report.html trace to their CSV cells"; fi
done

# 2: a financial year's mean cost = the sum of its months' mean cost, and a
# DfE year's (annual.csv) = the sum of October..September; so the two tables
# differ exactly by the months one covers and the other does not.
out=$(awk -F, -v OFS=, '
    FILENAME ~ /timeseries/ && $4 == "cost_total" { month[$3] = $5; order[++n] = $3 }
    FILENAME ~ /annual/ && $3 == "cost_total" { dfe[$2] = $4 }
    FILENAME ~ /financial_years/ && $5 == "cost_total" { fy[$2] = $6; first[$2] = $3; last[$2] = $4 }
    function close_to(a, b) { d = a - b; if (d < 0) d = -d; return d <= 1e-5 * (b < 0 ? -b : b) + 1 }
    END {
        for (y in fy) { s = 0; on = 0
            for (i = 1; i <= n; i++) { if (order[i] == first[y]) on = 1; if (on) s += month[order[i]]; if (order[i] == last[y]) on = 0 }
            if (!close_to(s, fy[y])) print "FY " y ": " fy[y] " vs months " s; checked++ }
        for (y in dfe) { s = 0
            for (i = 1; i <= n; i++) { split(order[i], p, "-"); if ((p[1] == y && p[2] <= 9) || (p[1] == y - 1 && p[2] >= 10)) s += month[order[i]] }
            if (!close_to(s, dfe[y])) print "DfE " y ": " dfe[y] " vs months " s; checked++ }
        if (checked < 8) print "only " checked " years checked" }' \
    "$T/run/timeseries.csv" "$T/run/annual.csv" "$T/run/financial_years.csv")
[ -z "$out" ] && ok "2 financial-year and DfE-year costs reconcile with the monthly costs" ||
    bad 2 "$(echo "$out" | head -n 3 | tr '\n' ';')"

# 3: the workbook read back.
x=$T/run/report.xlsx
if ! command -v unzip >/dev/null; then bad 3 "unzip missing (make deps)"
else
    wb=$(unzip -p "$x" xl/workbook.xml)
    sheets=$(echo "$wb" | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"//' | tr '\n' ' ')
    charts=$(unzip -l "$x" | grep -c 'xl/charts/chart[0-9]*\.xml')
    fans=$(ls "$T/run/charts/"*.svg | wc -l)
    # annual is sheet 3: its mean column (D) holds numbers, not strings
    s3=$(unzip -p "$x" xl/worksheets/sheet3.xml)
    typed=$(echo "$s3" | grep -o '<c r="D[0-9]*"[^>]*>' | grep -vc 't="s"')
    strings=$(echo "$s3" | grep -o '<c r="D[0-9]*"[^>]*t="s"' | wc -l)
    # timeseries (sheet 2) column C: dates are numbers with a date style
    dates=$(unzip -p "$x" xl/worksheets/sheet2.xml | grep -o '<c r="C[0-9]*" s="[0-9]*"><v>[0-9]*</v>' | wc -l)
    money=$(unzip -p "$x" xl/styles.xml | grep -c '£#,##0')
    why=""
    [ "$sheets" = "charts timeseries annual financial_years chart_data " ] || why="$why sheets are '$sheets';"
    [ "$charts" -eq "$fans" ] || why="$why $charts native charts for $fans charts;"
    [ "$typed" -gt 100 ] && [ "$strings" -eq 1 ] || why="$why annual mean column: $typed numbers, $strings strings;"
    [ "$dates" -gt 100 ] || why="$why $dates dates in timeseries;"
    [ "$money" -ge 1 ] || why="$why no pounds format;"
    [ -z "$why" ] && ok "3 report.xlsx: sheets, $charts native charts, typed numbers, dates, pounds" || bad 3 "$why"
fi

# 4: a real browser.
CHROMIUM=${CHROMIUM:-chromium}
if ! command -v "$CHROMIUM" >/dev/null; then
    echo "ok - report 4 # SKIP headless Chromium not installed (make browser-deps as root)"
else
    for d in run cmp swp; do
        p=$T/$d
        # a copy of the page with a probe that writes the SVGs' sizes into the DOM
        sed 's#</body>#<script>var s=document.querySelectorAll("svg"),z=0;for(var i=0;i<s.length;i++){var r=s[i].getBoundingClientRect();if(r.width>0\&\&r.height>0)z++;}document.body.setAttribute("data-svg",s.length+"/"+z);</script></body>#' \
            "$p/report.html" >"$p/probe.html"
        flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
        timeout 120 "$CHROMIUM" $flags --user-data-dir="$T/profile-$d" --enable-logging=stderr --v=0 \
            --window-size=1280,900 --screenshot="$p/shot.png" "file://$p/report.html" >/dev/null 2>"$p/console.txt"
        timeout 120 "$CHROMIUM" $flags --user-data-dir="$T/profile2-$d" --dump-dom \
            "file://$p/probe.html" >"$p/dom.html" 2>/dev/null
        svg=$(grep -o 'data-svg="[0-9]*/[0-9]*"' "$p/dom.html" | grep -o '[0-9]*/[0-9]*')
        want=$(grep -c '<figure>' "$p/report.html")
        size=$(stat -c %s "$p/shot.png" 2>/dev/null || echo 0)
        errors=$(grep -E 'CONSOLE|Uncaught' "$p/console.txt" | head -n 2)
        why=""
        [ "$size" -gt 20000 ] || why="$why screenshot $size bytes (blank?);"
        [ "$svg" = "$want/$want" ] && [ "$want" -gt 0 ] || why="$why SVGs (all/non-zero) '$svg', want $want/$want;"
        [ -z "$errors" ] || why="$why console: $errors;"
        [ -z "$why" ] && ok "4 $d: Chromium renders report.html ($want charts, screenshot $size bytes)" ||
            bad 4 "$d:$why"
        [ "$d" = run ] && [ -n "${REPORT_SHOT:-}" ] && cp "$p/shot.png" "$REPORT_SHOT"
    done
fi
exit $fail
