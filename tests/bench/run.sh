#!/bin/sh
# run.sh -- the benchmark behind `make bench`.
#
# Two profiles of generated inventory (tests/bench/geninv.c), each with the
# same sites, power, racks and hosts (20 sites, 5,000 racks, 1,000,000
# hosts) and 50,000 services of the same kinds, tiers and ids:
#
#   healthy    the inventory `make bench` has always timed, byte for byte:
#              most services over 2 or 3 sites (15% in one), about 2.0 hard
#              and 0.35 soft dependencies each (5 small deliberate cycles),
#              60% of the services other than tools name 1-2 tools as
#              recovery.
#   unhealthy  a neglected estate: a quarter of the services sit in one
#              site on 1-3 hosts (the others span 2 or 3 sites on the
#              remaining hosts); each service has 0-4 dependencies on other
#              services (uniform; 85% hard; always towards lower layers or
#              later services of its own, so acyclic); `kind: tool`
#              services are the `recovery:` of half of the services (1-2
#              tools each, tools included).  About 160,000 findings.
#
# For each profile: generates the inventory once (cached under $BENCH_DIR,
# keyed by profile and sizes; generated again when geninv.c changes), then
# times libyaml's bare event parse of its files (bare_parse, the floor for
# any libyaml-based tool) and `faultline check --format json` on them, and
# on the unhealthy profile also `faultline check --format sarif`: one
# warm-up run each, whose output is checked (file and event counts, the
# JSON summary's host and service counts, one SARIF result per JSON
# finding), then $BENCH_RUNS timed runs with output to /dev/null.  Keeps the
# best wall-clock time, the best user+system CPU time and the largest peak
# RSS (from /usr/bin/time), and prints each, with the ratios to the bare
# parse (wall and CPU).  At the end it prints a PASS or FAIL line for each
# target:
#
#   time    check --format json   <= 2.0 x the bare parse (both profiles)
#           check --format sarif  <= 3.0 x the bare parse (unhealthy)
#   memory  every faultline run's peak RSS < 512 MiB
#
# The time verdicts use the wall-clock ratio (the design counts on the
# parse overlapping with loading on a second core); the CPU ratio is printed
# next to it, and is the steadier figure on a shared machine.  When the
# bare parse's wall time is well above its CPU time, the machine was busy:
# a warning says so, and the time verdicts are marked unreliable.
#
# A benchmark, not a test: a missed target does not change the exit status;
# only a crash, a failure to run, or a warm-up output that fails its check
# does (exit 1).
#
# Environment (all optional; `make bench` sets the program paths):
#   BENCH_PROFILE          healthy, unhealthy or both (default both)
#   BENCH_SITES BENCH_RACKS BENCH_HOSTS BENCH_SERVICES   inventory size,
#                          for every profile (defaults 20, 5000, 1000000,
#                          50000); e.g. BENCH_HOSTS=20000 BENCH_RACKS=200
#                          BENCH_SERVICES=1000 for a quick run
#   BENCH_RUNS             timed runs per program (default 3)
#   BENCH_DIR              where generated inventories are cached
#   FAULTLINE GENINV BARE_PARSE   the programs
set -u
LC_ALL=C
export LC_ALL

profiles=${BENCH_PROFILE:-both}
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
max_json_ratio=2.0
max_sarif_ratio=3.0
max_mib=512

case $profiles in
healthy | unhealthy) ;;
both) profiles="healthy unhealthy" ;;
*)
	echo "bench: BENCH_PROFILE: expected healthy, unhealthy or both," \
	    "not \"$profiles\"" >&2
	exit 1
	;;
esac
case $runs in
'' | *[!0-9]* | 0)
	echo "bench: BENCH_RUNS: expected a positive number, not \"$runs\"" >&2
	exit 1
	;;
esac
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
	echo "bench: /usr/bin/time not found: CPU time and peak memory not" \
	    "measured" >&2
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
: >"$tmp/verdicts"

# now: nanoseconds since the epoch (GNU date).
now() {
	date +%s%N
}

# measure NAME CMD...: runs CMD once to warm the page cache, then $runs
# times; sets best_s (wall-clock seconds, best run), cpu_s (user + system
# seconds, best run; less disturbed by other load on the machine than wall
# time; empty without /usr/bin/time) and peak_kib (largest peak RSS).
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

# ratio A B: A / B with two decimals ("?" when either is missing).
ratio() {
	if [ -z "$1" ] || [ -z "$2" ]; then
		echo "?"
		return
	fi
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

# verdict WORDS...: keeps a PASS/FAIL line for the end.
verdict() {
	echo "$*" >>"$tmp/verdicts"
}

# inventory PROFILE: generates the profile's inventory once per size into
# a fresh directory that is renamed into place only when complete; again
# when geninv.c changes (its checksum is kept next to the directory: geninv
# relinks whenever libfaultline.a changes, so its mtime says nothing).
# The healthy inventory keeps the name it always had.  Sets inv.
inventory() {
	if [ "$1" = healthy ]; then
		inv=$dir/inv-$sites-$racks-$hosts-$services
	else
		inv=$dir/inv-$1-$sites-$racks-$hosts-$services
	fi
	stamp=$(cksum <"$here/geninv.c")
	if [ -d "$inv" ] &&
	    [ "$(cat "$inv.stamp" 2>/dev/null)" = "$stamp" ]; then
		echo "bench: using cached inventory $inv"
		return
	fi
	rm -rf "$inv" "$inv.tmp" "$inv.stamp"
	t0=$(now)
	"$geninv" --profile "$1" --sites "$sites" --racks "$racks" \
	    --hosts "$hosts" --services "$services" "$inv.tmp" || exit 1
	t1=$(now)
	mv "$inv.tmp" "$inv" || exit 1
	echo "$stamp" >"$inv.stamp" || exit 1
	echo "bench: generated in $(awk -v ns=$((t1 - t0)) \
	    'BEGIN { printf "%.2f", ns / 1e9 }') s"
}

# report WHAT: prints the figures of the last measure against the
# bare parse's.
report() {
	echo "bench: $1: $best_s s wall, ${cpu_s:-?} s cpu," \
	    "peak $(mib "$peak_kib") MiB; ratio to the bare parse" \
	    "$(ratio "$best_s" "$bare_s") wall, $(ratio "$cpu_s" "$bare_cpu") cpu"
}

# judge PROFILE WHAT MAX: the time and memory verdicts of the last measure.
judge() {
	r=$(ratio "$best_s" "$bare_s")
	c=$(ratio "$cpu_s" "$bare_cpu")
	if awk -v r="$r" -v m="$3" 'BEGIN { exit !(r <= m) }'; then
		v=PASS
	else
		v=FAIL
	fi
	verdict "$v: $1: time: $2 is $r x the bare parse (target <= $3;" \
	    "cpu $c x)$busy"
	if [ -z "$gnutime" ]; then
		verdict "FAIL: $1: memory: $2: not measured (no /usr/bin/time)"
	elif [ "$peak_kib" -lt $((max_mib * 1024)) ]; then
		verdict "PASS: $1: memory: $2 peak $(mib "$peak_kib") MiB" \
		    "(target < $max_mib MiB)"
	else
		verdict "FAIL: $1: memory: $2 peak $(mib "$peak_kib") MiB" \
		    "(target < $max_mib MiB)"
	fi
}

# profile NAME: generates, measures and judges one profile.
profile() {
	echo "bench: == profile $1 =="
	inventory "$1"
	nfiles=$(find "$inv" -name '*.yaml' | wc -l)
	bytes=$(cat "$inv"/*.yaml | wc -c)
	echo "bench: inventory: $sites sites, $racks racks, $hosts hosts," \
	    "$services services; $nfiles files, $bytes bytes" \
	    "($(mib $((bytes / 1024))) MiB)"

	# The floor: libyaml's bare event parse.
	measure "$1-bare" "$bare_parse" "$inv"
	bare_s=$best_s
	bare_cpu=$cpu_s
	echo "bench: $(cat "$tmp/$1-bare.out")"
	case $(cat "$tmp/$1-bare.out") in
	"bare_parse: $nfiles files, $bytes bytes, "*) ;;
	*)
		echo "bench: FAIL: bare_parse did not read $nfiles files" \
		    "and $bytes bytes" >&2
		exit 1
		;;
	esac
	echo "bench: bare parse: $bare_s s wall, ${bare_cpu:-?} s cpu," \
	    "peak $(mib "$peak_kib") MiB"
	# bare_parse is single-threaded: on an idle machine its wall time is
	# within a few percent of its CPU time, so a larger gap means other
	# load disturbed the wall-clock numbers.
	if [ -n "$bare_cpu" ] && awk -v w="$bare_s" -v c="$bare_cpu" \
	    'BEGIN { exit !(w > 1.25 * c) }'; then
		echo "bench: warning: bare parse wall time is well above its" \
		    "CPU time: the machine is busy and the wall-clock ratios" \
		    "are unreliable"
		busy=" (unreliable: the machine was busy)"
	else
		busy=
	fi

	# faultline check --format json, its summary checked.
	measure "$1-json" "$faultline" check --format json "$inv"
	if [ ! -s "$tmp/$1-json.out" ]; then
		echo "bench: FAIL: faultline check --format json printed" \
		    "nothing" >&2
		exit 1
	fi
	summary=$(tr -d ' \n' <"$tmp/$1-json.out" |
	    grep -o '"summary":{[^}]*}')
	echo "bench: check $summary"
	case $summary in
	*\"hosts\":"${hosts}"[,\}]*\"services\":"${services}"[,\}]*) ;;
	*)
		echo "bench: FAIL: check did not report $hosts hosts and" \
		    "$services services" >&2
		exit 1
		;;
	esac
	findings=$(echo "$summary" | awk '{
		n = 0
		for (k = split($0, f, /[{},]/); k > 0; k--)
			if (f[k] ~ /^"(errors|warnings|notes)":[0-9]+$/) {
				sub(/.*:/, "", f[k])
				n += f[k]
			}
		print n
	}')
	echo "bench: check --format json: $findings findings," \
	    "$(wc -c <"$tmp/$1-json.out") bytes of output"
	rm -f "$tmp/$1-json.out"
	report "check --format json"
	judge "$1" "check --format json" "$max_json_ratio"

	# faultline check --format sarif on the unhealthy profile, one result
	# per finding.
	if [ "$1" = unhealthy ]; then
		measure "$1-sarif" "$faultline" check --format sarif "$inv"
		results=$(grep -o '"ruleId"' "$tmp/$1-sarif.out" | wc -l)
		if ! grep -q '"version": *"2\.1\.0"' "$tmp/$1-sarif.out" ||
		    [ "$results" -ne "$findings" ]; then
			echo "bench: FAIL: check --format sarif wrote" \
			    "$results results, not SARIF 2.1.0 with" \
			    "$findings" >&2
			exit 1
		fi
		echo "bench: check --format sarif: $results results," \
		    "$(wc -c <"$tmp/$1-sarif.out") bytes of output"
		rm -f "$tmp/$1-sarif.out"
		report "check --format sarif"
		judge "$1" "check --format sarif" "$max_sarif_ratio"
	fi
}

for p in $profiles; do
	profile "$p"
done
echo "bench: == results =="
cat "$tmp/verdicts"
exit 0
