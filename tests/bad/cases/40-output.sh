# Output places: wfsim writes only where it may, and never deletes what it
# did not write.

fresh "-o at a directory holding a user's file is refused, the file kept"
mkdir -p foreign && echo "my notes" >foreign/notes.txt
snapshot foreign
expect 2 "foreign: exists and is not a wfsim results directory (manifest.txt and plain files only); not replacing it" run "$TINY" -o foreign

fresh "-o at a plain file is refused, the file kept"
echo "keep me" >afile
snapshot afile
expect 2 "afile: exists and is not a wfsim results directory (manifest.txt and plain files only); not replacing it" run "$TINY" -o afile

fresh "-o under a directory that cannot exist"
expect 1 "/proc/nope: cannot create directory: No such file or directory" run "$TINY" -o /proc/nope/x
