#!/bin/sh
# hostile.sh -- import on broken input writes nothing (an existing -o file
# is left as it was, no temporary file stays behind), a file over the size
# bound is refused before it is parsed, and what the hostile fixtures
# import loads again with the names exactly as given.
. "$(dirname "$0")/lib.sh"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
d=tests/data/import

printf 'keep\n' >"$tmp/keep.yaml"
"$FAULTLINE" import netbox $d/netbox/truncated.json -o "$tmp/keep.yaml" \
    2>"$tmp/err"
expect "truncated JSON: exit 2" [ $? = 2 ]
expect "truncated JSON: -o file untouched" same "$tmp/keep.yaml" keep
expect "truncated JSON: no temporary file left" \
    [ "$(ls "$tmp" | grep -c '^keep\.yaml\.tmp')" = 0 ]
"$FAULTLINE" import backstage $d/backstage/bad-annotations.yaml \
    -o "$tmp/new.yaml" 2>/dev/null
expect "bad annotations: exit 2" [ $? = 2 ]
expect "bad annotations: no -o file" [ ! -e "$tmp/new.yaml" ]

# A sparse file one byte over 64 MiB: refused by its size, at once.
: >"$tmp/devices.json"
truncate -s 67108865 "$tmp/devices.json" 2>/dev/null ||
    dd if=/dev/zero of="$tmp/devices.json" bs=1 count=0 seek=67108865 \
    2>/dev/null
"$FAULTLINE" import netbox "$tmp/devices.json" -o "$tmp/big.yaml" \
    2>"$tmp/err"
expect "huge file: exit 2" [ $? = 2 ]
expect "huge file: message" same "$tmp/err" \
    "$tmp/devices.json: error: too large: 67108865 bytes, the limit is 64 MiB"
expect "huge file: no -o file" [ ! -e "$tmp/big.yaml" ]
cp "$tmp/devices.json" "$tmp/catalog.yaml"
"$FAULTLINE" import backstage "$tmp/catalog.yaml" 2>"$tmp/err" >/dev/null
expect "huge catalog: exit 2" [ $? = 2 ]
expect "huge catalog: message" same "$tmp/err" \
    "$tmp/catalog.yaml: error: too large: 67108865 bytes, the limit is 64 MiB"

# A token that would inject a header line is refused before any request.
NETBOX_TOKEN="$(printf 'abc\r\nX-Injected: 1')" "$FAULTLINE" import netbox \
    --url http://127.0.0.1:9/ -o "$tmp/t.yaml" 2>"$tmp/err"
expect "token with a line break: exit 2" [ $? = 2 ]
expect "token with a line break: message" same "$tmp/err" \
    "faultline: error: NETBOX_TOKEN holds a control character (a line break?): refused"

# What the hostile fixtures import loads cleanly.
"$FAULTLINE" import netbox $d/netbox/hostile -o "$tmp/h.yaml" 2>/dev/null
expect "hostile NetBox names: imported" [ $? = 0 ]
"$FAULTLINE" check "$tmp/h.yaml" >"$tmp/out"
expect "hostile NetBox names: loads without findings" [ $? = 0 ]
expect "hostile NetBox names: summary" same "$tmp/out" \
    "faultline: 0 errors, 0 warnings, 0 notes in 6 sites, 0 power domains, 0 domains, 1 rack, 3 hosts, 0 services"
"$FAULTLINE" import backstage $d/backstage/hostile.yaml -o "$tmp/b.yaml" \
    2>/dev/null
expect "hostile catalog: imported" [ $? = 0 ]
"$FAULTLINE" check "$tmp/h.yaml" "$tmp/b.yaml" >"$tmp/out" 2>&1
expect "hostile catalog: loads; its one error is the host it names" \
    [ "$(grep -c '\[schema\]' "$tmp/out")" = 1 ]
expect "hostile catalog: the host it names" \
    grep -q "error: \[schema\] unknown host 'web-01' (referenced from service 'web-front-script-alert-1-script')" \
    "$tmp/out"
finish
