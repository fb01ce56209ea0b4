#!/bin/sh
# valgrind.sh -- every golden CLI test (tests/golden.sh) again under
# valgrind memcheck, then real Graphviz layouts (the SVG of each bundled
# inventory, services and placement views): any memory error or definite
# leak fails the run.
#
# Run by `make check` and `make check-valgrind` (FAULTLINE and
# FAULTLINE_SRCDIR set by the Makefile).  Suppressions (tests/valgrind.supp) cover only known
# leaks inside libraries, each explained there.  valgrind's own reports go
# to per-process log files, so golden.sh still compares stderr exactly;
# the logs that are not empty are printed at the end.  Exit status 77
# (skipped) when valgrind is not installed or the binary is built with
# AddressSanitizer (--enable-sanitizers, --enable-fuzzing).
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind not found, skipped"
	exit 77
fi
if grep -q __asan_init "$FAULTLINE" 2>/dev/null; then
	# AddressSanitizer and memcheck cannot run in one process; the
	# sanitizer build runs the same tests under ASan instead.
	echo "valgrind.sh: $FAULTLINE is built with AddressSanitizer, skipped"
	exit 77
fi
logdir=$(mktemp -d) || exit 99
trap 'rm -rf "$logdir"' EXIT
FAULTLINE_WRAPPER="valgrind -q --tool=memcheck --error-exitcode=97 \
--leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --num-callers=30 \
--suppressions=$srcdir/tests/valgrind.supp \
--log-file=$logdir/vg.%p.log"
export FAULTLINE_WRAPPER
sh "$srcdir/tests/golden.sh"
rc=$?
# The golden tests write DOT only; lay out and render for real too.
for inv in example kakao-2022; do
	for view in services placement; do
		$FAULTLINE_WRAPPER "$FAULTLINE" graph \
		    "$srcdir/inventories/$inv" --view $view \
		    -o "$logdir/$inv-$view.svg" 2>"$logdir/$inv-$view.err"
		st=$?
		if [ $st -ne 0 ] || ! grep -q '</svg>' "$logdir/$inv-$view.svg"
		then
			echo "FAIL: graph $inv --view $view -o .svg: exit $st"
			cat "$logdir/$inv-$view.err"
			rc=1
		else
			echo "PASS: graph $inv --view $view -o .svg"
		fi
	done
done
for log in "$logdir"/vg.*.log; do
	[ -s "$log" ] || continue
	echo "===== valgrind: $(basename "$log")"
	cat "$log"
	rc=1
done
[ $rc -eq 0 ] && echo "valgrind.sh: no memory errors, no definite leaks"
exit $rc
