#!/bin/sh
# report_print.sh -- print the HTML report of inventories/kakao-2022/ to PDF
# with headless Chromium, as an auditor would file it, and check it with
# poppler's pdfinfo and pdftotext: A4 pages, at most REPORT_PRINT_MAX_PAGES
# of them, and nothing wider than the page (Chromium would shrink the whole
# document to fit, so the title's height shows the scale).  The same with
# every bundled regulatory mapping, which has long unbreakable text.
# Exits 77 (skipped) when chromium or poppler-utils is not installed.
set -u

# The page budget, in this one place: 15 since findings report minimal
# causes (it was 25 before; the report printed on 67 pages at first).
REPORT_PRINT_MAX_PAGES=15

: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
chromium=$(command -v chromium || command -v chromium-browser) || {
	echo "SKIP: chromium is not installed"
	exit 77
}
for tool in pdfinfo pdftotext; do
	command -v $tool >/dev/null || {
		echo "SKIP: $tool is not installed (poppler-utils)"
		exit 77
	}
done
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1700000000
FAULTLINE_NO_GIT=1
export SOURCE_DATE_EPOCH FAULTLINE_NO_GIT

# print NAME ARGS...: report.html with ARGS, printed to NAME.pdf; prints
# the page count.
print() {
	name=$1
	shift
	(cd "$srcdir" && "$FAULTLINE" report inventories/kakao-2022 \
	    -o "$tmp/$name.html" "$@") 2>"$tmp/$name.err" || {
		cat "$tmp/$name.err"
		echo "FAIL: faultline report $* exited $?"
		exit 1
	}
	rm -rf "$tmp/profile"
	mkdir "$tmp/profile"
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$tmp/profile" --no-pdf-header-footer \
	    --print-to-pdf="$tmp/$name.pdf" "file://$tmp/$name.html" \
	    >"$tmp/chromium.log" 2>&1
	if [ ! -s "$tmp/$name.pdf" ]; then
		echo "FAIL: chromium wrote no PDF:"
		tail -20 "$tmp/chromium.log"
		exit 1
	fi
	size=$(pdfinfo "$tmp/$name.pdf" | sed -n 's/^Page size: *//p')
	case $size in
	*"(A4)"*) ;;
	*)	echo "FAIL: $name.pdf pages are $size, not A4"; exit 1 ;;
	esac
	# The h1 is 16pt: its first word is about 18.6pt high at scale 1.
	height=$(pdftotext -f 1 -l 1 -bbox "$tmp/$name.pdf" - |
	    sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)">faultline<.*/\1 \2/p' |
	    head -1 | awk '{ printf "%d", ($2 - $1) * 10 }')
	if [ -z "$height" ] || [ "$height" -lt 170 ]; then
		echo "FAIL: $name.pdf is scaled down (title $height/10 pt high):" \
		    "something is wider than the page"
		exit 1
	fi
	pdfinfo "$tmp/$name.pdf" | sed -n 's/^Pages: *//p'
}

pages=$(print plain) || { echo "$pages"; exit 1; }
echo "kakao-2022 report: $pages A4 pages (budget $REPORT_PRINT_MAX_PAGES)"
if [ "$pages" -gt "$REPORT_PRINT_MAX_PAGES" ]; then
	echo "FAIL: over the budget of $REPORT_PRINT_MAX_PAGES pages"
	exit 1
fi
mapped=$(print mapped --map dora --map iso27001 --map kr-digital) || {
	echo "$mapped"
	exit 1
}
echo "kakao-2022 report with three mappings: $mapped A4 pages"
if [ "$mapped" -le "$pages" ]; then
	echo "FAIL: the mappings add no page"
	exit 1
fi
echo "PASS"
