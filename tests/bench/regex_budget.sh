#!/bin/sh
# regex_budget.sh -- how long `faultline check` takes on inventories under
# 1 MB whose policies and waivers hold pathological regular expressions
# (catastrophic backtracking such as ^(a+)+$), against the same inventory
# with plain ones.  The regex budget (README, "Robustness") promises under
# 2 s for any inventory under 1 MB; this measures it (a script, not a
# timed unit test: timings depend on the machine).
#
#   FAULTLINE=./faultline sh tests/bench/regex_budget.sh [WORKDIR]
#
# Prints, per inventory: its size, the exit status of check, and the user
# and elapsed seconds.
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
work=${1:-$(mktemp -d)}
mkdir -p "$work" || exit 2

# gen NAME NSERVICES NREGEX WHERE KIND [RUN]
#   WHERE: policies or waivers; KIND: evil (^(a+)+$ and the like, which
#   backtrack about 2^RUN steps on an id of RUN a's and a b: under the
#   limit when RUN is small), boom (an id of 40 a's: the limit is
#   reached), plain (^aaaaab-N).  RUN defaults to 5.
gen() {
	awk -v ns="$2" -v nr="$3" -v where="$4" -v kind="$5" \
	    -v run="${6:-5}" 'BEGIN {
		a = ""
		for (i = 0; i < run; i++)
			a = a "a"
		print "faultline: 1"
		print "sites:\n  - id: s1\n  - id: s2"
		print "hosts:\n  - id: h1\n    site: s1\n  - id: h2\n    site: s2"
		print "services:"
		for (i = 0; i < ns; i++) {
			if (kind == "boom" && i == ns - 1)
				id = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"
			else
				id = sprintf("%sb-%05d", a, i)
			printf "  - {id: %s, tier: %d, runs_on: [h1]}\n", id, \
			    i % 3 + 1
		}
		if (where == "policies") {
			print "policies:"
			for (r = 0; r < nr; r++) {
				if (kind == "plain")
					re = sprintf("^aaaaab-%05d", r)
				else
					re = sprintf("^(a+)+$|z%d", r)
				printf "  - {id: p%d, select: {id: \"%s\"}, " \
				    "survive: [host], severity: error}\n", r, re
			}
		} else {
			print "waivers:"
			for (r = 0; r < nr; r++) {
				if (kind == "plain")
					re = sprintf("^aaaaab-%05d$", r)
				else
					re = sprintf("^(a|aa)+$|z%d", r)
				printf "  - {policy: spof, service: \"%s\", " \
				    "reason: r, expires: 2099-01-01}\n", re
			}
		}
	}' >"$work/$1.yaml"
}

run() {
	size=$(wc -c <"$work/$1.yaml")
	start=$(date +%s.%N)
	/usr/bin/time -f "%U" -o "$work/$1.time" \
	    "$FAULTLINE" check "$work/$1.yaml" >/dev/null 2>"$work/$1.err"
	rc=$?
	end=$(date +%s.%N)
	printf '%-28s %8d bytes  exit %d  user %5ss  elapsed %5.2fs\n' "$1" \
	    "$size" "$rc" "$(tail -n 1 "$work/$1.time")" \
	    "$(echo "$end - $start" | bc)"
}

# At the pair cap: 50 distinct regexes x 20,000 services = 1,000,000.
gen policies-evil 20000 50 policies evil
gen policies-plain 20000 50 policies plain
gen waivers-evil 20000 50 waivers evil
gen waivers-plain 20000 50 waivers plain
# A regex that reaches its match limit: an error, found at once.
gen policies-boom 20000 50 policies boom
gen waivers-boom 20000 50 waivers boom
# Past the cap: 60 x 20,000 -- refused before any matching.
gen policies-over 20000 60 policies evil
# Each match just under its limit: the per-match limit is the budget over
# the pairs (100,000,000 / 1,000 = 100,000 steps; ~2^15 used).
gen policies-deep 1000 1 policies evil 15
gen waivers-deep 1000 1 waivers evil 15
# The issue's shape: ~164 KB, 500 services, many regexes.
gen small-policies-evil 500 1500 policies evil
gen small-waivers-evil 500 1500 waivers evil

for name in policies-plain policies-evil waivers-plain waivers-evil \
    policies-boom waivers-boom policies-over policies-deep waivers-deep \
    small-policies-evil small-waivers-evil; do
	run $name
done
