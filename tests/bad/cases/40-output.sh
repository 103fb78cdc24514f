# Output places: wfsim writes only where it may, and deletes or replaces only
# files it wrote itself (listed, with their hashes, in its own manifest).

fresh "-o at a directory holding a user's file is refused, the file kept"
mkdir -p foreign && echo "my notes" >foreign/notes.txt
snapshot foreign
expect 2 "foreign: exists and is not a wfsim results directory (no manifest.txt); not replacing it" run "$TINY" -o foreign

fresh "-o at a plain file is refused, the file kept"
echo "keep me" >afile
snapshot afile
expect 2 "afile: exists and is not a wfsim results directory; not replacing it" run "$TINY" -o afile

fresh "-o under a directory that cannot exist"
expect 1 "/proc/nope: cannot create directory: No such file or directory" run "$TINY" -o /proc/nope/x

fresh "-o at a symbolic link to a directory: refused, the directory and link kept"
mkdir real && echo "precious" >real/data.txt && ln -s real link
snapshot real link
expect 2 "link: is a symbolic link; not replacing it (give the directory it points to, or another -o)" run "$TINY" -o link

fresh "-o at a symbolic link to earlier results: still refused"
"$W" run "$TINY" -o real -q && ln -s real link
snapshot real link
expect 2 "link: is a symbolic link; not replacing it (give the directory it points to, or another -o)" run "$TINY" -o link

fresh "earlier results with a file the user added: refused naming it, everything kept"
"$W" run "$TINY" -o res -q && echo "my notes" >res/notes.txt
snapshot res
expect 2 "res: notes.txt is not a file wfsim wrote (its manifest does not list it); not replacing it (move it, or choose another -o)" run "$TINY" -o res

fresh "earlier results with a file the user changed: refused naming it"
"$W" run "$TINY" -o res -q && echo "edited,1" >>res/timeseries.csv
snapshot res
expect 2 "res: timeseries.csv was changed after wfsim wrote it; not replacing it (move it, or choose another -o)" run "$TINY" -o res

fresh "earlier results holding a symbolic link: refused, the link's target kept"
mkdir elsewhere && echo "precious" >elsewhere/x.txt
"$W" run "$TINY" -o res -q && ln -s ../elsewhere res/shortcut
snapshot res elsewhere
expect 2 "res: shortcut is a symbolic link, which wfsim did not write; not replacing it (move it, or choose another -o)" run "$TINY" -o res

fresh "earlier results holding a subdirectory the user made: refused"
"$W" run "$TINY" -o res -q && mkdir res/mine && echo x >res/mine/a.txt
snapshot res
expect 2 "res: mine is a directory wfsim did not write; not replacing it (move it, or choose another -o)" run "$TINY" -o res

fresh "a user's directory holding only a manifest.txt of their own: refused"
mkdir notes && echo "my manifest of things" >notes/manifest.txt && echo "data" >notes/data.csv
snapshot notes
expect 2 "notes: its manifest.txt lists no files (not written by this wfsim); not replacing it" run "$TINY" -o notes

fresh "earlier results are replaced when untouched"
"$W" run "$TINY" -o res -q && "$W" run "$TINY" -s 99 -o res -q
grep -qx 'seed: 99' res/manifest.txt && pass || fail "res does not hold the second run"
no_temporaries .

fresh "-o given as an empty string"
expect 2 '-o: must name a directory (got "")' run "$TINY" -o ""

fresh "-o with a path too long: refused before anything is created"
long=$(printf 'd%.0s' $(seq 1 250))
deep="$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long"
expect 2 "$(printf '%.60s' "$deep")...: path too long (at most 4063 characters)" run "$TINY" -o "$deep"
[ ! -e "$long" ] || fail "created $long"

fresh "-o with one name too long: refused before anything is created"
nm=$(printf 'n%.0s' $(seq 1 240))
expect 2 "$(printf '%.60s' "$nm")...: a name in the path is too long (at most 223 characters)" run "$TINY" -o "a/b/$nm/c"
[ ! -e a ] || fail "created a/"

