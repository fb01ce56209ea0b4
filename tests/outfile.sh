#!/bin/sh
# outfile.sh -- what -o and standard output do with the file system, end
# to end: a regular file is replaced atomically (mode kept, names of 255
# bytes work, no temporary file left by a write error), a symlink is
# written through and kept, a FIFO is written through, an input file is
# never overwritten, and every write error -- on -o, on a Graphviz
# rendering, on standard output for every command -- is reported with exit
# status 2.  Everything happens in a fresh temporary directory; /dev/full
# is only written through (a symlink to it, or a redirection), never
# replaced.  Run by `make check` (FAULTLINE and FAULTLINE_SRCDIR set).
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
LC_ALL=C
export LC_ALL
# Under AddressSanitizer, LeakSanitizer lists the suppressions it used on
# stderr after a Graphviz layout; the messages are compared exactly.
LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0
export LSAN_OPTIONS
inv=$srcdir/inventories/example
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0

ok() {
	echo "PASS: $1"
	pass=$((pass + 1))
}

bad() {
	echo "FAIL: $1: $2"
	fail=$((fail + 1))
}

# expect NAME STATUS STDERR: the last run's status and exact stderr.
expect() {
	if [ "$rc" != "$2" ]; then
		bad "$1" "exit status $rc, expected $2 (stderr: $(cat "$tmp/err"))"
	elif [ "$(cat "$tmp/err")" != "$3" ]; then
		bad "$1" "stderr '$(cat "$tmp/err")', expected '$3'"
	else
		ok "$1"
	fi
}

# The directory holds exactly these names (hidden ones included).
only() {
	got=$(cd "$tmp/d" && ls -A | tr '\n' ' ')
	if [ "$got" != "${2:+$2 }" ]; then
		bad "$1" "directory holds '$got', expected '$2'"
	else
		ok "$1"
	fi
}

fresh() {
	rm -rf "$tmp/d"
	mkdir "$tmp/d"
}

# --- a symlink to /dev/full: written through, error reported, link kept
fresh
ln -s /dev/full "$tmp/d/full"
for cmd in "check $inv" "check $inv --format json" \
    "whatif $inv --fail site:east" "diff $inv $inv"; do
	$FAULTLINE $cmd -o "$tmp/d/full" >/dev/null 2>"$tmp/err"
	rc=$?
	expect "-o symlink to /dev/full: ${cmd%% *}" 2 \
	    "faultline: cannot write $tmp/d/full: No space left on device"
done
ln -s /dev/full "$tmp/d/full.svg"
$FAULTLINE graph "$inv" -o "$tmp/d/full.svg" 2>"$tmp/err"
rc=$?
expect "graph -o symlink to /dev/full" 2 \
    "faultline: error: cannot write $tmp/d/full.svg: No space left on device"
# A Markdown report writes its sidecar diagram (full.svg, the same
# symlink) first: that write fails, and nothing else is written.
ln -s /dev/full "$tmp/d/full.md"
$FAULTLINE report "$inv" -o "$tmp/d/full.md" 2>"$tmp/err"
rc=$?
expect "report -o symlink to /dev/full" 2 \
    "faultline: cannot write $tmp/d/full.svg: No space left on device"
if [ -L "$tmp/d/full" ] && [ "$(readlink "$tmp/d/full")" = /dev/full ] &&
    [ -L "$tmp/d/full.svg" ] && [ -c /dev/full ]; then
	ok "the symlinks to /dev/full are still symlinks"
else
	bad "symlinks kept" "$(ls -l "$tmp/d")"
fi
only "no temporary file next to the symlinks" "full full.md full.svg"

# --- a symlink to a regular file: the file gets the output, link kept
fresh
echo old >"$tmp/d/real.json"
ln -s real.json "$tmp/d/link.json"
$FAULTLINE check "$inv" --format json -o "$tmp/d/link.json" 2>"$tmp/err"
rc=$?
expect "-o symlink to a file: status" 1 ""
if [ -L "$tmp/d/link.json" ] && head -c 1 "$tmp/d/real.json" | grep -q '{'
then
	ok "-o symlink to a file: written through, link kept"
else
	bad "-o symlink to a file" "$(ls -l "$tmp/d")"
fi

# --- a FIFO: written through, still a FIFO
fresh
mkfifo "$tmp/d/pipe"
cat "$tmp/d/pipe" >"$tmp/fifo.out" &
reader=$!
$FAULTLINE check "$inv" --format json -o "$tmp/d/pipe" 2>"$tmp/err"
rc=$?
# Never hang: release a reader still waiting (an open for reading and
# writing does not block), or stop it when the FIFO was replaced.
if [ -p "$tmp/d/pipe" ]; then
	: 3<>"$tmp/d/pipe"
else
	kill $reader 2>/dev/null
fi
wait $reader
expect "-o FIFO: status" 1 ""
$FAULTLINE check "$inv" --format json >"$tmp/direct.out" 2>/dev/null
if [ -p "$tmp/d/pipe" ] && cmp -s "$tmp/fifo.out" "$tmp/direct.out"; then
	ok "-o FIFO: the reader got the output, the FIFO is kept"
else
	bad "-o FIFO" "$(ls -l "$tmp/d")"
fi

# --- a regular file: mode kept, replaced whole
fresh
echo old >"$tmp/d/out.txt"
chmod 600 "$tmp/d/out.txt"
$FAULTLINE check "$inv" -o "$tmp/d/out.txt" 2>"$tmp/err"
rc=$?
expect "-o regular file: status" 1 ""
mode=$(stat -c %a "$tmp/d/out.txt")
if [ "$mode" = 600 ] && grep -q '^faultline: ' "$tmp/d/out.txt"; then
	ok "-o regular file: written, mode 600 kept"
else
	bad "-o regular file" "mode $mode"
fi
only "-o regular file: no temporary file" "out.txt"

# --- a name of 255 bytes
fresh
long=$(printf '%0255d' 0 | tr 0 n)
$FAULTLINE check "$inv" -o "$tmp/d/$long" 2>"$tmp/err"
rc=$?
expect "-o a name of 255 bytes" 1 ""
only "-o a name of 255 bytes: written" "$long"

# --- an input file is never the output
fresh
cp "$inv"/*.yaml "$tmp/d/"
cp "$tmp/d/sites.yaml" "$tmp/sites.orig"
ln -s sites.yaml "$tmp/d/alias.dot"
$FAULTLINE check "$tmp/d" -o "$tmp/d/sites.yaml" 2>"$tmp/err"
rc=$?
expect "-o an input file" 2 "faultline: -o $tmp/d/sites.yaml is the input \
file $tmp/d/sites.yaml; refusing to overwrite it"
$FAULTLINE graph "$tmp/d" -o "$tmp/d/alias.dot" 2>"$tmp/err"
rc=$?
expect "-o a symlink to an input file" 2 "faultline: -o $tmp/d/alias.dot is \
the input file $tmp/d/sites.yaml; refusing to overwrite it"
echo '{"faultline": 1, "findings": []}' >"$tmp/base.json"
$FAULTLINE check "$inv" --baseline "$tmp/base.json" -o "$tmp/base.json" \
    2>"$tmp/err"
rc=$?
expect "-o the --baseline file" 2 "faultline: -o $tmp/base.json is the \
input file $tmp/base.json; refusing to overwrite it"
if cmp -s "$tmp/d/sites.yaml" "$tmp/sites.orig"; then
	ok "the input file is intact"
else
	bad "input intact" "sites.yaml changed"
fi

# --- a full disk while writing a regular file (a file size limit): the
# Graphviz rendering and the text are reported, no temporary file is left
fresh
for out in g.svg g.png g.dot; do
	sh -c 'ulimit -f 4; trap "" XFSZ; exec "$@"' sh $FAULTLINE graph "$inv" \
	    -o "$tmp/d/$out" 2>"$tmp/err"
	rc=$?
	expect "graph -o $out past the file size limit" 2 \
	    "faultline: error: cannot write $tmp/d/$out: File too large"
done
sh -c 'ulimit -f 4; trap "" XFSZ; exec "$@"' sh $FAULTLINE report "$inv" \
    -o "$tmp/d/r.html" 2>"$tmp/err"
rc=$?
expect "report -o past the file size limit" 2 \
    "faultline: cannot write $tmp/d/r.html: File too large"
only "no temporary file after the write errors" ""

# --- standard output on a full device, for every command
for cmd in "--help" "--version" "check --help" "check $inv" \
    "check $inv --format sarif" "check $inv -o -" \
    "whatif $inv --fail site:east" "diff $inv $inv" "graph $inv" \
    "graph $inv -o -"; do
	$FAULTLINE $cmd >/dev/full 2>"$tmp/err"
	rc=$?
	case $cmd in
	graph*) msg="faultline: error: cannot write standard output: No space left on device" ;;
	*) msg="faultline: cannot write standard output: No space left on device" ;;
	esac
	expect "standard output full: $cmd" 2 "$msg"
done

# --- "-o -" is standard output
$FAULTLINE check "$inv" -o - >"$tmp/dash.out" 2>"$tmp/err"
rc=$?
$FAULTLINE check "$inv" >"$tmp/plain.out" 2>/dev/null
if [ $rc = 1 ] && cmp -s "$tmp/dash.out" "$tmp/plain.out" && [ ! -e ./- ]
then
	ok "-o - writes standard output"
else
	bad "-o -" "status $rc"
fi

echo "outfile: $pass passed, $fail failed"
[ $fail = 0 ]
