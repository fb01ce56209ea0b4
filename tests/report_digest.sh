#!/bin/sh
# report_digest.sh -- the inventory digest a report prints is the one the
# README says anyone can recompute with coreutils, and is the same for five
# spellings of the same files: relative, ./ with a trailing slash,
# absolute, a byte-identical copy elsewhere, and from another working
# directory.
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
cd "$srcdir" || exit 99
abs=$(pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1700000000
FAULTLINE_NO_GIT=1
export SOURCE_DATE_EPOCH FAULTLINE_NO_GIT

# The README's recipe, run in the inventory directory.
want=$(cd inventories/kakao-2022 &&
    find . -type f \( -name '*.yaml' -o -name '*.yml' \) ! -path '*/.*' |
    sed 's|^\./||' | xargs sha256sum | LC_ALL=C sort | sha256sum |
    cut -d' ' -f1)

# digest DIR PATH: the digest of a report on PATH made from DIR.
digest() {
	(cd "$1" && "$FAULTLINE" report "$2" -o "$tmp/r.md") || exit 1
	sed -n 's/^Inventory digest: `sha256:\([0-9a-f]*\)`$/\1/p' "$tmp/r.md"
}

mkdir "$tmp/copy"
cp inventories/kakao-2022/*.yaml "$tmp/copy/"
fail=0
for spelling in "$abs inventories/kakao-2022" \
    "$abs ./inventories/kakao-2022/" \
    "/ $abs/inventories/kakao-2022" \
    "$tmp $tmp/copy" \
    "$abs/tests ../inventories/kakao-2022"; do
	# shellcheck disable=SC2086
	got=$(digest $spelling)
	if [ "$got" != "$want" ]; then
		echo "FAIL: from $spelling: digest $got, want $want"
		fail=1
	else
		echo "PASS: from $spelling: $got"
	fi
done
exit $fail
