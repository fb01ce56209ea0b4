#!/bin/sh
# compare.sh -- two faultline builds on the same inventory, interleaved.
#
# Usage: compare.sh [-r RUNS] [-f FORMAT] OLD NEW PATH...
#
# Runs `OLD check --format FORMAT PATH...` and `NEW check --format FORMAT
# PATH...` (FORMAT json unless -f says otherwise) once each to warm the page
# cache, checks that both exit 0 or 1, then RUNS times each (default 5),
# alternating old, new, old, new, ... so that other load on a shared
# machine falls on both alike.  Output goes to /dev/null.  Prints each
# run's user, system and user+system CPU seconds, wall seconds and peak RSS
# (from /usr/bin/time), then per build the median and best CPU time, the
# median wall time and the largest peak RSS, and the ratios new/old of the
# median CPU time, the best CPU time and the peak RSS.  CPU time is the
# figure to trust on a busy machine; wall time is shown for completeness.
#
# For the generated inventories of `make bench`, run it first (it caches
# them under tests/bench/inv-*), e.g.
#   tests/bench/compare.sh /old/faultline ./faultline \
#       tests/bench/inv-20-5000-1000000-50000
#
# Exit status 0, or 1 when a program is missing or fails (status > 1).
set -u
LC_ALL=C
export LC_ALL

runs=5
format=json
while getopts r:f: opt; do
	case $opt in
	r) runs=$OPTARG ;;
	f) format=$OPTARG ;;
	*)
		echo "usage: compare.sh [-r RUNS] [-f FORMAT] OLD NEW PATH..." >&2
		exit 1
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 3 ]; then
	echo "usage: compare.sh [-r RUNS] [-f FORMAT] OLD NEW PATH..." >&2
	exit 1
fi
case $runs in
'' | *[!0-9]* | 0)
	echo "compare: -r: expected a positive number, not \"$runs\"" >&2
	exit 1
	;;
esac
old=$1
new=$2
shift 2
for prog in "$old" "$new" /usr/bin/time; do
	if [ ! -x "$prog" ]; then
		echo "compare: $prog: not found or not executable" >&2
		exit 1
	fi
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# one WHICH RUN PROG PATH...: one run of PROG check on PATH...; appends
# "WHICH RUN USER SYS CPU WALL KIB" to $tmp/runs (RUN 0 is the warm-up and
# is not kept).
one() {
	which=$1
	i=$2
	prog=$3
	shift 3
	/usr/bin/time -f '%U %S %e %M' -o "$tmp/time" "$prog" check \
	    --format "$format" "$@" >/dev/null 2>"$tmp/err"
	status=$?
	if [ "$status" -gt 1 ]; then
		echo "compare: $prog exited with status $status:" >&2
		cat "$tmp/err" >&2
		exit 1
	fi
	if [ "$i" -gt 0 ]; then
		tail -n 1 "$tmp/time" | awk -v w="$which" -v r="$i" '{
			printf "%s %d %.2f %.2f %.2f %.2f %d\n", w, r, $1, $2,
			    $1 + $2, $3, $4
		}' >>"$tmp/runs"
	fi
}

: >"$tmp/runs"
i=0
while [ "$i" -le "$runs" ]; do
	one old "$i" "$old" "$@"
	one new "$i" "$new" "$@"
	i=$((i + 1))
done

echo "compare: check --format $format $*"
echo "compare: old = $old"
echo "compare: new = $new"
printf '%-4s %3s %8s %8s %8s %8s %10s\n' build run user sys cpu wall \
    peak_MiB
awk '{ printf "%-4s %3d %8.2f %8.2f %8.2f %8.2f %10.1f\n", $1, $2, $3,
    $4, $5, $6, $7 / 1024 }' "$tmp/runs"
for w in old new; do
	awk -v w="$w" '$1 == w { print $5 }' "$tmp/runs" | sort -n \
	    >"$tmp/$w.cpu"
	awk -v w="$w" '$1 == w { print $6 }' "$tmp/runs" | sort -n \
	    >"$tmp/$w.wall"
	awk -v w="$w" '$1 == w && $7 > m { m = $7 } END { print m }' \
	    "$tmp/runs" >"$tmp/$w.kib"
done
mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

# median FILE: the median of a sorted column of numbers.
median() {
	awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
	}' "$1"
}
for w in old new; do
	eval "${w}_med=\$(median \"\$tmp/\$w.cpu\")"
	eval "${w}_best=\$(head -n 1 \"\$tmp/\$w.cpu\")"
	eval "${w}_wall=\$(median \"\$tmp/\$w.wall\")"
	eval "${w}_kib=\$(cat \"\$tmp/\$w.kib\")"
done
printf 'compare: old: cpu median %s s, best %s s; wall median %s s;' \
    "$old_med" "$old_best" "$old_wall"
printf ' peak %s MiB\n' "$(mib "$old_kib")"
printf 'compare: new: cpu median %s s, best %s s; wall median %s s;' \
    "$new_med" "$new_best" "$new_wall"
printf ' peak %s MiB\n' "$(mib "$new_kib")"
awk -v om="$old_med" -v nm="$new_med" -v ob="$old_best" -v nb="$new_best" \
    -v ok="$old_kib" -v nk="$new_kib" 'BEGIN {
	printf "compare: new/old: cpu median %.2f, cpu best %.2f, peak RSS %.2f\n",
	    nm / om, nb / ob, nk / ok
}'
exit 0
