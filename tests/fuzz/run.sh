#!/bin/sh
# run.sh -- run every libFuzzer target for a bounded time on its corpus.
#
#   tests/fuzz/run.sh [BUILD_DIR]
#
# BUILD_DIR (default: build-fuzz at the top of the source tree) is a build
# tree configured with --enable-fuzzing; it is configured here when it has
# no Makefile yet, and the targets are (re)built with make.  Each target
# then runs for FUZZ_SECONDS (default 60) seconds, one process, with the
# limits the targets promise: -rss_limit_mb=512 -timeout=1.  The seed
# corpus in tests/fuzz/corpus/TARGET is only read; new inputs go to
# BUILD_DIR/fuzz-work/TARGET/corpus, and a crash, leak, timeout or
# out-of-memory input to BUILD_DIR/fuzz-work/TARGET/ (its path and
# base64 are printed).  Extra libFuzzer flags: FUZZ_FLAGS.  Exit status
# 0 when every target ran clean, 1 otherwise, 2 when the build failed.
set -u
srcdir=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
build=${1:-$srcdir/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
targets="fuzz_loader fuzz_analysis fuzz_escape fuzz_cli"

mkdir -p "$build" || exit 2
build=$(cd "$build" && pwd) || exit 2
if [ ! -f "$build/Makefile" ]; then
	(cd "$build" && "$srcdir/configure" --enable-fuzzing) || exit 2
fi
(cd "$build" && make -j2) || exit 2

status=0
for t in $targets; do
	work=$build/fuzz-work/$t
	rm -rf "$work"
	mkdir -p "$work/corpus" || exit 2
	echo "===== $t: $seconds s"
	# fuzz_cli runs the commands, whose stdout and stderr are not the
	# log, and lays out with Graphviz, whose own leaks (make check knows
	# them too) are suppressed.
	case $t in
	fuzz_cli)
		extra=-close_fd_mask=3
		LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$srcdir/tests/data/dot/lsan-graphviz.supp}
		;;
	*)
		extra=
		LSAN_OPTIONS=${LSAN_OPTIONS:-}
		;;
	esac
	export LSAN_OPTIONS
	ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64} \
	"$build/tests/fuzz/$t" -max_total_time="$seconds" \
	    -rss_limit_mb=512 -timeout=1 -print_final_stats=1 \
	    -artifact_prefix="$work/" $extra ${FUZZ_FLAGS:-} \
	    "$work/corpus" "$srcdir/tests/fuzz/corpus/$t" >"$work/log" 2>&1
	rc=$?
	grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::' "$work/log"
	if [ $rc -ne 0 ]; then
		status=1
		echo "$t: FAILED (exit $rc); the end of its log:"
		tail -n 60 "$work/log"
		for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
		    "$work"/oom-* "$work"/slow-unit-*; do
			[ -f "$a" ] || continue
			echo "$t: input saved as $a"
			echo "$t: base64: $(base64 -w0 "$a")"
		done
	else
		echo "$t: ok"
	fi
done
[ $status -eq 0 ] && echo "fuzz: all targets ran clean"
exit $status
