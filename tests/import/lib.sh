# lib.sh -- shared by the import test scripts: run from the source tree,
# a scratch directory removed on exit, and an expectation helper.
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/../..}
cd "$srcdir" || exit 99
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d) || exit 99
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
failures=0

# expect DESCRIPTION COMMAND...: PASS when the command succeeds.
expect() {
	desc=$1
	shift
	if "$@"; then
		echo "PASS: $desc"
	else
		echo "FAIL: $desc"
		failures=$((failures + 1))
	fi
}

# same FILE EXPECTED-TEXT: the file holds exactly the text.
same() {
	printf '%s\n' "$2" >"$tmp/expected"
	if cmp -s "$tmp/expected" "$1"; then
		return 0
	fi
	diff -u "$tmp/expected" "$1" | head -30
	return 1
}

# has FILE LINE: the file has that exact line.
has() {
	grep -qxF -- "$2" "$1" || { echo "missing line: $2"; return 1; }
}

# entries FILE SECTION: how many entries the section of a generated file has.
entries() {
	awk -v s="$2:" '/^[a-z_]+:/ { in_s = ($1 == s); next }
	    in_s && /^  - / { n++ } END { print n + 0 }' "$1"
}

finish() {
	echo "$failures failed"
	[ "$failures" = 0 ]
}
