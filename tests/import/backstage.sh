#!/bin/sh
# backstage.sh -- faultline import backstage on Backstage's example catalog
# and a real organisation's catalog files (../shared/real/backstage-examples,
# outside the project; skipped when absent): the import loads cleanly, and
# joined with an imported NetBox inventory through faultline.io/runs-on
# (tests/data/import/backstage/placed) services get their real single
# points from NetBox's racks, PDUs and rows.
. "$(dirname "$0")/lib.sh"
examples=../shared/real/backstage-examples
data=../shared/real/netbox-demo-data/netbox-demo-v3.6.power-placement-subset.json
if [ ! -d "$examples" ] || [ ! -f "$data" ]; then
	echo "SKIP: $examples or $data is absent (real data is not part of the project)"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: python3 is needed to read check's JSON"
	exit 77
fi
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

"$FAULTLINE" import backstage "$examples" -o "$tmp/bs.yaml" 2>"$tmp/err"
expect "examples: exit 0" [ $? = 0 ]
expect "examples: summary" same "$tmp/err" "faultline: import backstage: note: 8 Components: no faultline.io/runs-on annotation; imported as kind external (no placement) (artist-lookup, developer-portal-backend, developer-portal-frontend, ...)
faultline: import backstage: note: 3 Components: lifecycle experimental; imported and marked on its line (artist-lookup, developer-portal-backend, developer-portal-frontend)
faultline: import backstage: note: 1 reference: dependsOn names nothing in the catalog; left out (developer-portal-backend -> component:default/developer-guide)
faultline: import backstage: left out 1 Domain: not a service (faultline imports Components and Resources) (artists)
faultline: import backstage: left out 2 Locations: not followed: name the files or directories it lists (developer-portal, example-all)
faultline: import backstage: note: 1 Resource: no faultline.io/runs-on annotation; imported as kind external (no placement) (artists-db)
faultline: import backstage: left out 2 Systems: not a service (faultline imports Components and Resources) (artist-engagement-portal, developer-portal)
faultline: import backstage: wrote 9 services; left out 5, not mapped 0, renamed 0"
expect "examples: 9 services" [ "$(entries "$tmp/bs.yaml" services)" = 9 ]
expect "examples: dependsOn is a hard dependency" has "$tmp/bs.yaml" \
    '  - { id: artist-lookup, kind: external, owner: team-a, depends_on: [artists-db] }  # lifecycle experimental in Backstage'
expect "examples: consumesApis is a soft dependency on the provider" \
    has "$tmp/bs.yaml" \
    '  - { id: wayback-search, kind: external, owner: team-a, depends_on: [{ service: wayback-archive, soft: true }] }'
"$FAULTLINE" check "$tmp/bs.yaml" >"$tmp/out" 2>&1
expect "examples: load cleanly" same "$tmp/out" \
    "faultline: 0 errors, 0 warnings, 0 notes in 0 sites, 0 power domains, 0 domains, 0 racks, 0 hosts, 9 services"

# Joined with NetBox: the placed catalog names demo hosts.
"$FAULTLINE" import netbox "$data" -o "$tmp/nb.yaml" 2>/dev/null
"$FAULTLINE" import backstage "$examples" tests/data/import/backstage/placed \
    -o "$tmp/services.yaml" 2>"$tmp/err"
expect "joined: exit 0" [ $? = 0 ]
expect "joined: summary" has "$tmp/err" \
    "faultline: import backstage: wrote 13 services; left out 5, not mapped 0, renamed 0"
"$FAULTLINE" check "$tmp/nb.yaml" "$tmp/services.yaml" --format json \
    >"$tmp/check.json" 2>"$tmp/err"
expect "joined: loads (exit 0 or 1)" [ $? -le 1 ]
points() {
	python3 -c 'import json, sys
found = [s for s in json.load(sys.stdin)["services"] if s["id"] == sys.argv[1]]
print(" ".join(found[0]["single_points"]) if found else "(no such service)")' \
	    "$1" <"$tmp/check.json" 2>/dev/null || echo "(no JSON)"
}
expect "joined: a branch service through its PDU and closet" \
    [ "$(points akron-pos)" = "host:dmi01-akron-rtr01 power:dmi01-akron-pdu01 rack:dm-akron.Comms-closet site:dm-akron" ]
expect "joined: a server in a rack with A and B feeds: no power single point" \
    [ "$(points campus-dns)" = "domain:ncsu-065.row-2 host:application-server-106 rack:ncsu-065.R201 site:ncsu-065" ]
expect "joined: two branch sites: no single point" \
    [ "$(points branch-monitor)" = "" ]
expect "joined: a tool on two racks of one site" \
    [ "$(points deploy-tool)" = "domain:ncsu-065.row-1 site:ncsu-065" ]
finish
