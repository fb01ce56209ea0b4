#!/bin/sh
# report_screenshot.sh -- render the HTML report of inventories/kakao-2022/
# with headless Chromium (Debian's chromium package), take a screenshot,
# and check that it is not blank: a PNG of the requested size with many
# distinct colours, including the red of a failing verdict.
# Exits 77 (skipped) when chromium is not installed.
set -u
: "${FAULTLINE:?FAULTLINE must name the binary}"
srcdir=${FAULTLINE_SRCDIR:-$(dirname "$0")/..}
chromium=$(command -v chromium || command -v chromium-browser) || {
	echo "SKIP: chromium is not installed"
	exit 77
}
command -v python3 >/dev/null || {
	echo "SKIP: python3 is not installed"
	exit 77
}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
(cd "$srcdir" && "$FAULTLINE" report inventories/kakao-2022 \
    -o "$tmp/report.html") 2>"$tmp/report.err"
status=$?
if [ $status != 0 ]; then
	cat "$tmp/report.err"
	if grep -q "unknown command 'report'" "$tmp/report.err"; then
		echo "SKIP: this faultline has no report command"
		exit 77
	fi
	echo "FAIL: faultline report exited $status"
	exit 1
fi
mkdir "$tmp/profile"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --screenshot="$tmp/report.png" \
    --window-size=1200,2000 "file://$tmp/report.html" \
    >"$tmp/chromium.log" 2>&1
if [ ! -s "$tmp/report.png" ]; then
	echo "FAIL: chromium wrote no screenshot:"
	tail -20 "$tmp/chromium.log"
	exit 1
fi
python3 - "$tmp/report.png" <<'PY'
# A small PNG decoder (8-bit RGB or RGBA, not interlaced) with zlib; it
# decodes the top rows only, which hold the summary and the verdicts.
import struct, sys, zlib

data = open(sys.argv[1], 'rb').read()
if data[:8] != b'\x89PNG\r\n\x1a\n':
    sys.exit('FAIL: not a PNG')
pos, idat = 8, []
while pos < len(data):
    n, = struct.unpack('>I', data[pos:pos + 4])
    kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b'IHDR':
        w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat.append(body)
if (w, h) != (1200, 2000):
    sys.exit('FAIL: screenshot is %dx%d, not 1200x2000' % (w, h))
if depth != 8 or ctype not in (2, 6) or interlace != 0:
    sys.exit('FAIL: unexpected PNG format (depth %d, colour type %d)'
             % (depth, ctype))
bpp = 3 if ctype == 2 else 4
stride = w * bpp
raw = zlib.decompress(b''.join(idat))
prev = bytearray(stride)
colours, ink, red = set(), 0, 0
for y in range(400):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:
                                                   (y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[x] = (line[x] + pr) & 255
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        colours.add(px)
        if px != b'\xff\xff\xff':
            ink += 1
        if px[0] > 140 and px[1] < 60 and px[2] < 80:
            red += 1
    prev = line
total = 400 * w
print('screenshot: %d colours, %.1f%% ink, %d red pixels in the top 400 rows'
      % (len(colours), 100.0 * ink / total, red))
if len(colours) < 16 or ink < total // 50:
    sys.exit('FAIL: the screenshot looks blank')
if red == 0:
    sys.exit('FAIL: no failing verdict drawn in red (is the CSS applied?)')
PY
