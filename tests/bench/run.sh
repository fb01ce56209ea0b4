#!/bin/sh
# run.sh -- the benchmark behind `make bench`.
#
# Generates a large inventory once (cached under $BENCH_DIR, keyed by its
# sizes), then times libyaml's bare event parse of its files (bare_parse, the
# floor for any libyaml-based tool) and `faultline check --format json` on
# them: one warm-up run each, then the best wall-clock time of $BENCH_RUNS
# runs, with peak resident memory from /usr/bin/time.  Prints both times,
# the ratio check/bare and faultline's peak memory, and a PASS or FAIL line
# for each target (ratio <= 2.0, peak memory < 1 GiB).
#
# A benchmark, not a test: a missed target does not change the exit status;
# only a crash or a failure to run does (exit 1).
#
# Environment (all optional; `make bench` sets the program paths):
#   BENCH_SITES BENCH_RACKS BENCH_HOSTS BENCH_SERVICES   inventory size
#                          (defaults 20, 5000, 1000000, 50000)
#   BENCH_RUNS             timed runs per program (default 3)
#   BENCH_DIR              where generated inventories are cached
#   FAULTLINE GENINV BARE_PARSE   the programs
set -u
LC_ALL=C
export LC_ALL

sites=${BENCH_SITES:-20}
racks=${BENCH_RACKS:-5000}
hosts=${BENCH_HOSTS:-1000000}
services=${BENCH_SERVICES:-50000}
runs=${BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-.}
faultline=${FAULTLINE:-./faultline}
geninv=${GENINV:-$here/geninv}
bare_parse=${BARE_PARSE:-$here/bare_parse}
max_ratio=2.0
max_mib=1024

for prog in "$faultline" "$geninv" "$bare_parse"; do
	if [ ! -x "$prog" ]; then
		echo "bench: $prog: not built (run make bench)" >&2
		exit 1
	fi
done
if [ -x /usr/bin/time ]; then
	gnutime=/usr/bin/time
else
	gnutime=
	echo "bench: /usr/bin/time not found: peak memory not measured" >&2
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# now: nanoseconds since the epoch (GNU date).
now() {
	date +%s%N
}

# measure NAME CMD...: runs CMD once to warm the page cache, then $runs
# times; sets best_s (wall-clock seconds, best run), cpu_s (user + system
# seconds, best run; less disturbed by other load on the machine than wall
# time) and peak_kib (largest peak RSS).
# The warm-up's output goes to $tmp/NAME.out, the timed runs' to /dev/null;
# exit status 0 or 1 is accepted (faultline exits 1 when it has findings),
# anything else stops the benchmark.
measure() {
	name=$1
	shift
	best_ns=
	cpu_s=
	peak_kib=0
	i=0
	while [ "$i" -le "$runs" ]; do
		out=/dev/null
		if [ "$i" -eq 0 ]; then
			out=$tmp/$name.out
		fi
		t0=$(now)
		if [ -n "$gnutime" ]; then
			"$gnutime" -f '%U %S %M' -o "$tmp/$name.time" "$@" \
			    >"$out" 2>"$tmp/$name.err"
			status=$?
		else
			"$@" >"$out" 2>"$tmp/$name.err"
			status=$?
		fi
		t1=$(now)
		if [ "$status" -gt 1 ]; then
			echo "bench: FAIL: $name exited with status $status:" >&2
			cat "$tmp/$name.err" >&2
			if [ -n "$gnutime" ]; then
				grep -v '^[0-9. ]*$' "$tmp/$name.time" >&2
			fi
			exit 1
		fi
		if [ -n "$gnutime" ]; then
			# The last line is "USER SYS KIB".
			last=$(tail -n 1 "$tmp/$name.time")
			kib=${last##* }
			cpu=$(echo "$last" | awk '{ printf "%.2f", $1 + $2 }')
			if [ "$kib" -gt "$peak_kib" ]; then
				peak_kib=$kib
			fi
			if [ "$i" -gt 0 ] && { [ -z "$cpu_s" ] ||
			    awk -v a="$cpu" -v b="$cpu_s" \
			    'BEGIN { exit !(a < b) }'; }; then
				cpu_s=$cpu
			fi
		fi
		# Run 0 is the warm-up.
		if [ "$i" -gt 0 ]; then
			ns=$((t1 - t0))
			if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then
				best_ns=$ns
			fi
		fi
		i=$((i + 1))
	done
	best_s=$(awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }')
}

mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

# 1. The inventory, generated once per size into a fresh directory that is
#    renamed into place only when complete; generated again when geninv.c
#    changes (its checksum is kept next to the directory: geninv relinks
#    whenever libfaultline.a changes, so its mtime says nothing).
inv=$dir/inv-$sites-$racks-$hosts-$services
stamp=$(cksum <"$here/geninv.c")
if [ ! -d "$inv" ] || [ "$(cat "$inv.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$inv" "$inv.tmp" "$inv.stamp"
	t0=$(now)
	"$geninv" --sites "$sites" --racks "$racks" --hosts "$hosts" \
	    --services "$services" "$inv.tmp" || exit 1
	t1=$(now)
	mv "$inv.tmp" "$inv" || exit 1
	echo "$stamp" >"$inv.stamp" || exit 1
	echo "bench: generated in $(awk -v ns=$((t1 - t0)) \
	    'BEGIN { printf "%.2f", ns / 1e9 }') s"
else
	echo "bench: using cached inventory $inv"
fi
nfiles=$(find "$inv" -name '*.yaml' | wc -l)
bytes=$(cat "$inv"/*.yaml | wc -c)
echo "bench: inventory: $sites sites, $racks racks, $hosts hosts," \
    "$services services; $nfiles files, $(mib $((bytes / 1024))) MiB"

# 2. The floor: libyaml's bare event parse.
measure bare_parse "$bare_parse" "$inv"
bare_s=$best_s
bare_kib=$peak_kib
echo "bench: $(cat "$tmp/bare_parse.out")"
bare_cpu=$cpu_s
echo "bench: bare parse:     $bare_s s wall, ${bare_cpu:-?} s cpu," \
    "peak $(mib "$bare_kib") MiB"

# 3. faultline check --format json.
measure check "$faultline" check --format json "$inv"
check_s=$best_s
check_kib=$peak_kib
if [ ! -s "$tmp/check.out" ]; then
	echo "bench: FAIL: faultline check --format json printed nothing" >&2
	exit 1
fi
summary=$(tr -d ' \n' <"$tmp/check.out" | grep -o '"summary":{[^}]*}')
echo "bench: check $summary"
case $summary in
*\"hosts\":"${hosts}"[,\}]*\"services\":"${services}"[,\}]*) ;;
*)
	echo "bench: FAIL: check did not report $hosts hosts and" \
	    "$services services" >&2
	exit 1
	;;
esac
check_cpu=$cpu_s
echo "bench: faultline check: $check_s s wall, ${check_cpu:-?} s cpu," \
    "peak $(mib "$check_kib") MiB"

# 4. Verdicts.  bare_parse is single-threaded: on an idle machine its wall
#    time is within a few percent of its CPU time, so a larger gap means
#    other load disturbed the wall-clock numbers.
if [ -n "$bare_cpu" ] && awk -v w="$bare_s" -v c="$bare_cpu" \
    'BEGIN { exit !(w > 1.25 * c) }'; then
	echo "bench: warning: bare parse wall time is well above its CPU" \
	    "time: the machine is busy and the wall-clock ratio is unreliable"
fi
ratio=$(awk -v c="$check_s" -v b="$bare_s" \
    'BEGIN { printf "%.2f", (b > 0 ? c / b : 0) }')
if [ -n "$gnutime" ]; then
	cpu_ratio=$(awk -v c="$check_cpu" -v b="$bare_cpu" \
	    'BEGIN { printf "%.2f", (b > 0 ? c / b : 0) }')
	echo "bench: ratio check/bare: $ratio wall, $cpu_ratio cpu"
else
	echo "bench: ratio check/bare: $ratio wall"
fi
if awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { exit !(r <= m) }'; then
	echo "PASS: time: check is $ratio x the bare parse (target <= $max_ratio)"
else
	echo "FAIL: time: check is $ratio x the bare parse (target <= $max_ratio)"
fi
if [ -z "$gnutime" ]; then
	echo "FAIL: memory: not measured (no /usr/bin/time)"
elif [ "$check_kib" -lt $((max_mib * 1024)) ]; then
	echo "PASS: memory: peak $(mib "$check_kib") MiB (target < $max_mib MiB)"
else
	echo "FAIL: memory: peak $(mib "$check_kib") MiB (target < $max_mib MiB)"
fi
exit 0
