#!/bin/sh
# golden.sh -- golden CLI tests.
#
# Each directory tests/golden/CASE/ holds:
#   args      the command line after "faultline", one argument per line;
#             run from the source tree, so paths are relative to it
#   stdout    the exact expected standard output
#   stderr    the exact expected standard error (optional: checked if present)
#   status    the expected exit status
#   env       optional: extra VAR=value lines exported for the run
# The absolute source directory in the output is written as @SRCDIR@, so
# the expectations do not depend on where the tree is.
# Set GOLDEN_UPDATE=1 to rewrite stdout/stderr/status from the current binary.
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
cd "$srcdir" || exit 99
abs_srcdir=$(pwd)
# The binary names the source directory as the build gave it, which keeps
# any "sub/../.." of a VPATH build (make distcheck): replace that first.
case $srcdir in
/*)	given_srcdir=$srcdir ;;
*)	given_srcdir=$abs_srcdir ;;
esac
LC_ALL=C
export LC_ALL
unset NO_COLOR
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for dir in tests/golden/*/; do
	case=$(basename "$dir")
	[ -f "$dir/args" ] || continue
	set --
	while IFS= read -r line || [ -n "$line" ]; do
		set -- "$@" "$line"
	done <"$dir/args"
	(
		if [ -f "$dir/env" ]; then
			while IFS= read -r kv || [ -n "$kv" ]; do
				[ -n "$kv" ] && export "${kv?}"
			done <"$dir/env"
		fi
		exec ${FAULTLINE_WRAPPER:-} "$FAULTLINE" "$@"
	) >"$tmp/stdout" 2>"$tmp/stderr"
	echo $? >"$tmp/status"
	for f in stdout stderr; do
		sed -e "s|$given_srcdir|@SRCDIR@|g" \
		    -e "s|$abs_srcdir|@SRCDIR@|g" "$tmp/$f" >"$tmp/$f.sed" &&
		    mv "$tmp/$f.sed" "$tmp/$f"
	done
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$tmp/stdout" "$tmp/status" "$dir/"
		cp "$tmp/stderr" "$dir/stderr"
	fi
	ok=1
	for f in stdout stderr status; do
		[ -f "$dir/$f" ] || continue
		if ! cmp -s "$dir/$f" "$tmp/$f"; then
			echo "FAIL: $case: $f differs:"
			diff -u "$dir/$f" "$tmp/$f" | head -40
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		echo "PASS: $case"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
