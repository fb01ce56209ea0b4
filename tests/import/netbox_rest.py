#!/usr/bin/env python3
"""netbox_rest.py -- test helper: turn a NetBox `dumpdata` JSON into the
shape of NetBox's REST API, and either save it as pages or serve it.

  netbox_rest.py save DUMP DIR [PAGE_SIZE]
      write DIR/ENDPOINT-N.json pages ({count, next, previous, results})
  netbox_rest.py serve DUMP PORTFILE TOKEN [PAGE_SIZE]
      serve /api/APP/ENDPOINT/?limit=&offset= on 127.0.0.1 (a free port,
      written to PORTFILE, which may be a FIFO); requests without
      "Authorization: Token TOKEN" get 403, as NetBox answers them.
      Runs until killed.

Objects carry `url`, nested references ({id, url, name, slug}), statuses
as {value, label}, and power ports, outlets and feeds carry link_peers
and link_peers_type built from the dumpdata's cable terminations.
Pages hold at most PAGE_SIZE objects (default 20, like a small
MAX_PAGE_SIZE), whatever limit the client asks for, so pagination is
always exercised.
"""
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

BASE = "http://netbox.invalid"
ENDPOINTS = [
    ("dcim.site", "dcim/sites"),
    ("dcim.location", "dcim/locations"),
    ("dcim.rack", "dcim/racks"),
    ("dcim.powerpanel", "dcim/power-panels"),
    ("dcim.powerfeed", "dcim/power-feeds"),
    ("dcim.powerport", "dcim/power-ports"),
    ("dcim.poweroutlet", "dcim/power-outlets"),
    ("dcim.device", "dcim/devices"),
    ("virtualization.cluster", "virtualization/clusters"),
    ("virtualization.virtualmachine", "virtualization/virtual-machines"),
]
ENDPOINT_OF = dict(ENDPOINTS)
ENDPOINT_OF.update({"dcim.region": "dcim/regions",
                    "dcim.devicerole": "dcim/device-roles",
                    "dcim.devicetype": "dcim/device-types",
                    "virtualization.clustertype": "virtualization/cluster-types"})


def convert(rows):
    by = {}
    for row in rows:
        by.setdefault(row["model"], {})[row["pk"]] = row["fields"]

    def nested(model, pk):
        if pk is None:
            return None
        f = by.get(model, {}).get(pk, {})
        out = {"id": pk, "url": "%s/api/%s/%d/" % (BASE, ENDPOINT_OF[model], pk)}
        for k in ("name", "slug", "model"):
            if k in f:
                out[k] = f[k]
        return out

    def status(v):
        return None if v is None else {"value": v, "label": v.title()}

    # cable terminations -> peers
    ends = {}
    for t in by.get("dcim.cabletermination", {}).values():
        ends.setdefault(t["cable"], {}).setdefault(t["cable_end"], []).append(
            ("dcim." + t["termination_type"][1], t["termination_id"]))
    peers = {}
    for cable, e in ends.items():
        for a in e.get("A", []):
            for b in e.get("B", []):
                peers.setdefault(a, []).append(b)
                peers.setdefault(b, []).append(a)

    def link(model, pk, obj):
        p = sorted(peers.get((model, pk), []))
        obj["link_peers"] = [nested(m, i) for m, i in p]
        obj["link_peers_type"] = p[0][0] if p else None

    out = {}
    for model, ep in ENDPOINTS:
        objs = []
        for pk in sorted(by.get(model, {})):
            f = by[model][pk]
            o = {"id": pk, "url": "%s/api/%s/%d/" % (BASE, ep, pk),
                 "display": f.get("name") or "", "name": f.get("name")}
            if "status" in f:
                o["status"] = status(f["status"])
            if model in ("dcim.site", "dcim.location"):
                o["slug"] = f["slug"]
            if model == "dcim.site":
                o["region"] = nested("dcim.region", f["region"])
            if model == "dcim.location":
                o["site"] = nested("dcim.site", f["site"])
                o["parent"] = nested("dcim.location", f["parent"])
            if model in ("dcim.rack", "dcim.powerpanel"):
                o["site"] = nested("dcim.site", f["site"])
                o["location"] = nested("dcim.location", f["location"])
            if model == "dcim.powerfeed":
                o["power_panel"] = nested("dcim.powerpanel", f["power_panel"])
                o["rack"] = nested("dcim.rack", f["rack"])
                link(model, pk, o)
            if model in ("dcim.powerport", "dcim.poweroutlet"):
                o["device"] = nested("dcim.device", f["device"])
                link(model, pk, o)
            if model == "dcim.device":
                o["site"] = nested("dcim.site", f["site"])
                o["rack"] = nested("dcim.rack", f["rack"])
                o["location"] = nested("dcim.location", f["location"])
                o["role"] = nested("dcim.devicerole", f.get("role", f.get("device_role")))
                o["device_type"] = nested("dcim.devicetype", f["device_type"])
            if model == "virtualization.cluster":
                o["site"] = nested("dcim.site", f.get("site"))
                o["type"] = nested("virtualization.clustertype", f["type"])
            if model == "virtualization.virtualmachine":
                o["site"] = nested("dcim.site", f["site"])
                o["cluster"] = nested("virtualization.cluster", f["cluster"])
                o["device"] = nested("dcim.device", f["device"])
            objs.append(o)
        out[ep] = objs
    return out


def page(objs, base, ep, offset, size):
    results = objs[offset:offset + size]
    nxt = prev = None
    if offset + size < len(objs):
        nxt = "%s/api/%s/?limit=%d&offset=%d" % (base, ep, size, offset + size)
    if offset > 0:
        prev = "%s/api/%s/?limit=%d&offset=%d" % (base, ep, size, max(0, offset - size))
    return {"count": len(objs), "next": nxt, "previous": prev, "results": results}


def save(dump, outdir, size):
    data = convert(json.load(open(dump)))
    for ep, objs in data.items():
        name = ep.split("/")[1]
        for n, offset in enumerate(range(0, max(len(objs), 1), size)):
            with open("%s/%s-%d.json" % (outdir, name, n + 1), "w") as fp:
                json.dump(page(objs, BASE, ep, offset, size), fp)


def serve(dump, portfile, token, size):
    data = convert(json.load(open(dump)))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            q = urllib.parse.parse_qs(u.query)
            ep = u.path.strip("/")[len("api/"):]
            if self.headers.get("Authorization") != "Token " + token:
                return self.reply(403, {"detail": "Invalid token"})
            if not u.path.startswith("/api/") or ep not in data:
                return self.reply(404, {"detail": "Not found."})
            offset = int(q.get("offset", ["0"])[0])
            # the next links name another host, as NetBox behind a proxy does
            self.reply(200, page(data[ep], BASE, ep, offset, size))

        def reply(self, code, body):
            raw = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    with open(portfile, "w") as fp:
        fp.write("%d\n" % httpd.server_address[1])
    httpd.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "save":
        save(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 20)
    elif len(sys.argv) >= 5 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4],
              int(sys.argv[5]) if len(sys.argv) > 5 else 20)
    else:
        sys.exit(__doc__)
