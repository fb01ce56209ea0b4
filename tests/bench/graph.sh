#!/bin/sh
# graph.sh -- the diagram benchmark behind `make bench-graph`.
#
# Generates an inventory of 300 services on 2,400 hosts (8 sites, 200
# racks) with geninv, then draws both views as SVG for a slide and checks
# two targets: each drawing is made within 10 s (wall clock), and it fits
# the slide's budget of nodes (counted in the same drawing as DOT), with a
# note on stderr saying what was collapsed.  Prints a PASS or FAIL line per
# target.  A benchmark, not a test: only a crash or a failure to run
# changes the exit status (1).
#
# Environment: FAULTLINE GENINV (the programs), BENCH_DIR (scratch).
set -u
LC_ALL=C
export LC_ALL
faultline=${FAULTLINE:-./faultline}
geninv=${GENINV:-$(dirname "$0")/geninv}
dir=${BENCH_DIR:-.}/graph-300x2400
budget=80
max_s=10

if [ ! -d "$dir" ]; then
	"$geninv" --sites 8 --racks 200 --hosts 2400 --services 300 "$dir" ||
	    exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
for view in services placement; do
	start=$(date +%s%N)
	"$faultline" graph "$dir" --view "$view" -o "$tmp/$view.svg" \
	    2>"$tmp/$view.err" || { cat "$tmp/$view.err"; exit 1; }
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	"$faultline" graph "$dir" --view "$view" >"$tmp/$view.dot" \
	    2>/dev/null || exit 1
	# Drawn nodes: node statements in the DOT that are not the legend's.
	nodes=$(grep -cE '^[[:space:]]+"[^"]+"[[:space:]]+\[' "$tmp/$view.dot")
	legend=$(grep -cE '^[[:space:]]+"legend:[^"]+"[[:space:]]+\[' \
	    "$tmp/$view.dot")
	nodes=$((nodes - legend))
	sed 's/^/  /' "$tmp/$view.err"
	if [ "$ms" -le $((max_s * 1000)) ]; then r=PASS; else r=FAIL; fi
	echo "$r: $view view drawn in $ms ms (target <= ${max_s} s)"
	if [ "$nodes" -le "$budget" ] && grep -q collapsed "$tmp/$view.err"
	then r=PASS; else r=FAIL; fi
	echo "$r: $view view has $nodes nodes (budget $budget, collapsed with a note)"
done
