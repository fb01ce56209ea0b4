#!/bin/sh
# readme_examples.sh -- the README's example runs are real output.
#
# Every fenced block of README.md whose first line is "$ faultline ARGS"
# with ARGS naming a bundled inventory (a word starting "inventories/") is
# run from the source tree, and its output must equal the rest of the
# block.  Blocks about files a reader would have (the diff example) are
# not checked.
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
cd "$srcdir" || exit 99
LC_ALL=C
export LC_ALL
NO_COLOR=1
export NO_COLOR
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# Split the examples into $tmp/N.cmd (the arguments) and $tmp/N.out.
awk -v dir="$tmp" '
/^```/ {
	if (inblock) { if (n) close(out); inblock = 0; keep = 0; next }
	inblock = 1; first = 1; next
}
inblock && first {
	first = 0
	if ($0 ~ /^\$ faultline / && $0 ~ / inventories\//) {
		n++; keep = 1
		out = dir "/" n ".out"
		printf "" > out
		cmd = substr($0, 13)
		print cmd > (dir "/" n ".cmd"); close(dir "/" n ".cmd")
	}
	next
}
inblock && keep { print > out }
END { print n + 0 > (dir "/count") }
' README.md
count=$(cat "$tmp/count")
if [ "$count" = 0 ]; then
	echo "FAIL: no example runs found in README.md"
	exit 1
fi
fail=0
i=1
while [ $i -le "$count" ]; do
	cmd=$(cat "$tmp/$i.cmd")
	# shellcheck disable=SC2086
	"$FAULTLINE" $cmd >"$tmp/$i.got" 2>"$tmp/$i.err"
	if cmp -s "$tmp/$i.out" "$tmp/$i.got"; then
		echo "PASS: faultline $cmd"
	else
		echo "FAIL: README.md shows other output for: faultline $cmd"
		diff -u "$tmp/$i.out" "$tmp/$i.got" | head -40
		fail=1
	fi
	i=$((i + 1))
done
exit $fail
