/*
 * test_import.c -- the importers' building blocks: ids from names
 * (sanitised, never given out twice), the inventory writer (every string,
 * however hostile, reads back through the loader exactly as given; output
 * sorted), NetBox's JSON (REST pages, dumpdata, cables; errors name the
 * JSON path), the mapping of a small NetBox estate (PDUs, qualified names,
 * statuses, a loop of PDUs), and the catalog reader and Backstage mapping
 * (references resolved as Backstage does, errors at file:line:column).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog_yaml.h"
#include "import_backstage.h"
#include "import_ids.h"
#include "import_netbox.h"
#include "import_report.h"
#include "inventory.h"
#include "invwriter.h"
#include "loader.h"
#include "netbox.h"
#include "netbox_json.h"
#include "suites.h"
#include "xalloc.h"

/* What a writer writes, as a new string. */
static char *
written(struct invwriter *w)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(invwriter_write(w, fp), 0);
	fclose(fp);
	return buf;
}

/* The body of a generated file: what follows the header comment. */
static const char *
body(const char *text)
{
	const char	*p = strstr(text, "faultline: 1\n");

	ck_assert_ptr_nonnull(p);
	return p;
}

START_TEST(test_ids_sanitize)
{
	static const char *cases[][2] = {
		{ "Comms closet", "Comms-closet" },
		{ "PP:MDF", "PP-MDF" },
		{ "  --lead", "lead" },
		{ "trail  ", "trail" },
		{ "a..b__c--d", "a..b__c--d" },
		{ "\"><script>alert(1)</script>", "script-alert-1-script" },
		{ "日本 データセンター", "" },
		{ "x日本y", "x-y" },
		{ "", "" },
	};
	size_t	i;
	char	*s, *long_name;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = import_ids_sanitize(cases[i][0]);
		ck_assert_str_eq(s, cases[i][1]);
		ck_assert(s[0] == '\0' || import_ids_valid(s));
		free(s);
	}
	long_name = xmalloc(301);
	memset(long_name, 'a', 300);
	long_name[300] = '\0';
	s = import_ids_sanitize(long_name);
	ck_assert_uint_eq(strlen(s), IMPORT_ID_MAX);
	ck_assert(import_ids_valid(s));
	free(s);
	free(long_name);
}
END_TEST

START_TEST(test_ids_claim)
{
	struct import_ids	*ids = import_ids_create();
	char			*a, *b, *c, *d, *e, *longid;
	int			 changed;

	a = import_ids_claim(ids, "web", &changed);
	ck_assert_str_eq(a, "web");
	ck_assert_int_eq(changed, 0);
	b = import_ids_claim(ids, "web", &changed);
	ck_assert_str_eq(b, "web-2");
	ck_assert_int_eq(changed, 1);
	c = import_ids_claim(ids, "web-2", &changed);
	ck_assert_str_eq(c, "web-2-2");
	d = import_ids_claim(ids, "web", &changed);
	ck_assert_str_eq(d, "web-3");
	longid = xmalloc(IMPORT_ID_MAX + 1);
	memset(longid, 'x', IMPORT_ID_MAX);
	longid[IMPORT_ID_MAX] = '\0';
	free(import_ids_claim(ids, longid, &changed));
	e = import_ids_claim(ids, longid, &changed);
	ck_assert_uint_eq(strlen(e), IMPORT_ID_MAX);
	ck_assert_str_eq(e + IMPORT_ID_MAX - 2, "-2");
	ck_assert(import_ids_valid(e));
	ck_assert(import_ids_taken(ids, "web-3"));
	ck_assert(!import_ids_taken(ids, "web-4"));
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
	free(longid);
	import_ids_free(ids);
}
END_TEST

/* Names no YAML writer may pass through unquoted. */
static const char *hostile[] = {
	"<script>alert(\"x\")</script>",
	"O'Brien \\ \"Quoted\" #1: {a, b} [c] & *d !e %f @g `h | > ? -",
	"line\nbreak\ttab\rcr",
	"nel\xc2\x85 ls\xe2\x80\xa8 ps\xe2\x80\xa9 bom\xef\xbb\xbf bell\x07 "
	    "del\x7f esc\x1b",
	"null", "true", "No", "~", "0x1F", "1e3", "-", "- item", "key: value",
	" leading and trailing ", "日本 データセンター", "",
};

START_TEST(test_writer_round_trip)
{
	struct invwriter	*w = invwriter_create();
	struct invwriter_entry	*e;
	struct inventory	*inv = inventory_create();
	struct diag_list	 dl;
	char			*text, id[16];
	size_t			 i, n = sizeof hostile / sizeof hostile[0];

	invwriter_header(w, "a header with a line\nbreak and \xe2\x80\xa8 "
	    "that must stay a comment: hosts: [x]");
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "s%02zu", i);
		e = invwriter_add(w, INVWRITER_SITES, id);
		invwriter_str(e, "name", hostile[i]);
		invwriter_str(e, "region", hostile[i]);
		invwriter_comment(e, hostile[i]);
	}
	text = written(w);
	diag_list_init(&dl);
	ck_assert_int_eq(loader_load_buffer(inv, "rt.yaml",
	    (const unsigned char *)text, strlen(text), &dl), 0);
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	ck_assert_uint_eq(inv->nsites, n);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "s%02zu", i);
		ck_assert_str_eq(inventory_str(inv, inv->sites[i].e.id), id);
		ck_assert_str_eq(inventory_str(inv, inv->sites[i].e.name),
		    hostile[i]);
		ck_assert_str_eq(inventory_str(inv, inv->sites[i].region),
		    hostile[i]);
	}
	diag_list_free(&dl);
	inventory_free(inv);
	free(text);
	invwriter_free(w);
}
END_TEST

START_TEST(test_writer_sorted)
{
	struct invwriter	*w = invwriter_create();
	struct invwriter_entry	*e;
	char			*text;

	e = invwriter_add(w, INVWRITER_HOSTS, "web-2");
	invwriter_str(e, "site", "b");
	invwriter_list(e, "power");
	invwriter_item(e, "in", "z", 0);
	invwriter_item(e, "in", "a", 0);
	invwriter_item(e, "in", "z", 0);
	e = invwriter_add(w, INVWRITER_HOSTS, "web-10");
	invwriter_str(e, "site", "a");
	invwriter_comment(e, "status failed in NetBox");
	e = invwriter_add(w, INVWRITER_SERVICES, "app");
	invwriter_int(e, "tier", 1);
	invwriter_item(e, "depends_on", "db", 1);
	invwriter_item(e, "depends_on", "auth", 1);
	invwriter_item(e, "depends_on", "db", 0);
	ck_assert(invwriter_has_items(e, "depends_on"));
	ck_assert_uint_eq(invwriter_count(w, INVWRITER_HOSTS), 2);
	invwriter_add(w, INVWRITER_SITES, "true");
	text = written(w);
	ck_assert_str_eq(body(text),
	    "faultline: 1\n"
	    "\n"
	    "sites:\n"
	    "  - { id: \"true\" }\n"
	    "\n"
	    "hosts:\n"
	    "  - { id: web-10, site: a }  # status failed in NetBox\n"
	    "  - { id: web-2, site: b, in: [a, z] }\n"
	    "\n"
	    "services:\n"
	    "  - { id: app, tier: 1, depends_on: [{ service: auth, soft: true "
	    "}, db] }\n");
	free(text);
	invwriter_free(w);
}
END_TEST

/* Read one JSON text into nb; the diagnostics as "msg|msg|...". */
static char *
read_json(struct netbox *nb, const char *text, const char *file,
    int expect_status)
{
	struct netbox_page	 page;
	struct diag_list	 dl;
	char			*all = xstrdup("");
	size_t			 i;

	diag_list_init(&dl);
	ck_assert_int_eq(netbox_json_read(nb, text, strlen(text), "in.json",
	    file, &page, &dl), expect_status);
	for (i = 0; i < dl.n; i++) {
		char *s = xasprintf("%s%s%u:%u: %s", all, i > 0 ? "|" : "",
		    dl.v[i].line, dl.v[i].column, dl.v[i].message);
		free(all);
		all = s;
	}
	free(page.next);
	diag_list_free(&dl);
	return all;
}

START_TEST(test_json_errors)
{
	static const char *cases[][2] = {
		{ "{\"results\": [", "1:13: invalid JSON: ']' expected near "
		    "end of file" },
		{ "{\"results\": {}}", "0:0: $.results: expected an array, "
		    "found an object" },
		{ "{\"results\": [], \"next\": 5}", "0:0: $.next: expected a "
		    "string or null, found an integer" },
		{ "{\"results\": [], \"count\": \"3\"}", "0:0: $.count: "
		    "expected an integer, found a string" },
		{ "{\"results\": [{\"id\": 1, \"url\": \"/api/dcim/sites/1/\", "
		    "\"slug\": \"a\"}]}", "0:0: $.results[0].name: missing; "
		    "expected a string" },
		{ "{\"results\": [{\"id\": 1, \"url\": \"/api/dcim/sites/1/\", "
		    "\"name\": \"a\\u0000b\", \"slug\": \"a\"}]}", "0:0: "
		    "$.results[0].name: a string with a NUL character" },
		{ "{\"results\": [{\"id\": 1, \"url\": \"/api/dcim/racks/1/\", "
		    "\"name\": \"r\", \"site\": {\"name\": \"x\"}}]}", "0:0: "
		    "$.results[0].site.id: missing; expected an integer id" },
		{ "{\"results\": [{\"id\": 1, \"url\": \"/api/dcim/sites/1/\", "
		    "\"name\": \"a\", \"slug\": \"a\", \"status\": {\"value\": "
		    "1}}]}", "0:0: $.results[0].status.value: expected a "
		    "string, found an integer" },
		{ "{\"results\": [{\"id\": 1, \"url\": 7}]}", "0:0: "
		    "$.results[0].url: expected a string, found an integer" },
		{ "{\"results\": [{\"id\": 1, \"url\": \"/api/dcim/power-ports/"
		    "1/\", \"device\": {\"id\": 2}, \"link_peers\": [3], "
		    "\"link_peers_type\": \"dcim.poweroutlet\"}]}", "0:0: "
		    "$.results[0].link_peers[0]: expected an object, found an "
		    "integer" },
		{ "{\"results\": [1]}", "0:0: $.results[0]: expected an object, "
		    "found an integer" },
		{ "[{\"model\": \"dcim.site\", \"pk\": 1}]", "0:0: $[0].fields: "
		    "expected an object, found nothing" },
		{ "[{\"model\": \"dcim.cabletermination\", \"pk\": 1, "
		    "\"fields\": {\"cable\": 1, \"cable_end\": \"A\", "
		    "\"termination_type\": 12, \"termination_id\": 1}}]",
		    "0:0: $[0].fields.termination_type: expected [app, model] "
		    "(dumpdata --natural-foreign), found an integer" },
		{ "{\"results\": [{\"id\": 1, \"url\": \"/api/dcim/sites/1/\", "
		    "\"id\": 2}]}", "1:56: invalid JSON: duplicate object key "
		    "near '\"id\"'" },
	};
	struct netbox	*nb;
	char		*got;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		nb = netbox_create();
		got = read_json(nb, cases[i][0], NULL, -1);
		ck_assert_msg(strcmp(got, cases[i][1]) == 0, "case %zu: %s",
		    i, got);
		free(got);
		netbox_free(nb);
	}
}
END_TEST

START_TEST(test_json_endpoints)
{
	struct netbox	*nb = netbox_create();
	char		*got;

	/* No url: the file name names the endpoint, pages numbered. */
	got = read_json(nb, "[{\"id\": 4, \"name\": \"R\", \"site\": 1}]",
	    "dir/dcim_racks-12.json", 0);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_uint_eq(nb->t[NETBOX_RACK].n, 1);
	ck_assert_int_eq(nb->t[NETBOX_RACK].v[0].site, 1);
	/* An endpoint faultline does not read is counted, not an error. */
	got = read_json(nb, "{\"results\": [{\"id\": 1, \"url\": "
	    "\"https://nb/api/dcim/interfaces/1/\"}]}", NULL, 0);
	free(got);
	ck_assert_uint_eq(nb->ignored, 1);
	got = read_json(nb, "{\"results\": [{\"id\": 1}]}", "x/stuff.json",
	    -1);
	ck_assert_str_eq(got, "0:0: $.results[0]: cannot tell which NetBox "
	    "endpoint this object comes from: no url naming one, and the file "
	    "name names none (e.g. devices.json)");
	free(got);
	netbox_free(nb);
}
END_TEST

/* A small estate as REST objects: a site with a rack on two feeds of two
 * panels, a PDU on feed A, a server with one PSU on the PDU and one on
 * feed B, a VM on the server, and what statuses leave out. */
static const char estate[] =
"[\n"
"{\"url\": \"/api/dcim/sites/1/\", \"id\": 1, \"name\": \"East DC\", "
"\"slug\": \"east\", \"status\": {\"value\": \"active\"}, \"region\": "
"{\"id\": 9, \"slug\": \"us-east\"}},\n"
"{\"url\": \"/api/dcim/sites/2/\", \"id\": 2, \"name\": \"West\", "
"\"slug\": \"west\", \"status\": {\"value\": \"retired\"}},\n"
"{\"url\": \"/api/dcim/locations/1/\", \"id\": 1, \"name\": \"Hall 1\", "
"\"slug\": \"hall-1\", \"site\": {\"id\": 1}, \"parent\": null},\n"
"{\"url\": \"/api/dcim/locations/2/\", \"id\": 2, \"name\": \"Row A\", "
"\"slug\": \"row-a\", \"site\": {\"id\": 1}, \"parent\": {\"id\": 1}},\n"
"{\"url\": \"/api/dcim/racks/1/\", \"id\": 1, \"name\": \"R1\", "
"\"site\": {\"id\": 1}, \"location\": {\"id\": 2}},\n"
"{\"url\": \"/api/dcim/racks/2/\", \"id\": 2, \"name\": \"R1\", "
"\"site\": {\"id\": 2}},\n"
"{\"url\": \"/api/dcim/power-panels/1/\", \"id\": 1, \"name\": \"PP A\", "
"\"site\": {\"id\": 1}},\n"
"{\"url\": \"/api/dcim/power-panels/2/\", \"id\": 2, \"name\": \"PP B\", "
"\"site\": {\"id\": 1}, \"location\": {\"id\": 1}},\n"
"{\"url\": \"/api/dcim/power-feeds/1/\", \"id\": 1, \"name\": \"A\", "
"\"power_panel\": {\"id\": 1}, \"rack\": {\"id\": 1}, \"status\": "
"{\"value\": \"active\"}, \"link_peers\": [{\"id\": 10}], "
"\"link_peers_type\": \"dcim.powerport\"},\n"
"{\"url\": \"/api/dcim/power-feeds/2/\", \"id\": 2, \"name\": \"B\", "
"\"power_panel\": {\"id\": 2}, \"rack\": {\"id\": 1}, \"status\": "
"{\"value\": \"failed\"}},\n"
"{\"url\": \"/api/dcim/power-feeds/3/\", \"id\": 3, \"name\": \"C\", "
"\"power_panel\": {\"id\": 2}, \"rack\": {\"id\": 1}, \"status\": "
"{\"value\": \"planned\"}},\n"
"{\"url\": \"/api/dcim/devices/1/\", \"id\": 1, \"name\": \"pdu-1\", "
"\"site\": {\"id\": 1}, \"rack\": {\"id\": 1}, \"status\": {\"value\": "
"\"active\"}, \"role\": {\"slug\": \"pdu\"}},\n"
"{\"url\": \"/api/dcim/devices/2/\", \"id\": 2, \"name\": \"srv\", "
"\"site\": {\"id\": 1}, \"rack\": {\"id\": 1}, \"status\": {\"value\": "
"\"active\"}, \"role\": {\"slug\": \"server\"}},\n"
"{\"url\": \"/api/dcim/devices/3/\", \"id\": 3, \"name\": \"srv\", "
"\"site\": {\"id\": 1}, \"status\": {\"value\": \"staged\"}, "
"\"location\": {\"id\": 1}},\n"
"{\"url\": \"/api/dcim/devices/4/\", \"id\": 4, \"name\": null, "
"\"site\": {\"id\": 1}, \"rack\": {\"id\": 1}, \"status\": {\"value\": "
"\"decommissioning\"}, \"role\": {\"slug\": \"server\"}},\n"
"{\"url\": \"/api/dcim/power-ports/10/\", \"id\": 10, \"device\": "
"{\"id\": 1}},\n"
"{\"url\": \"/api/dcim/power-ports/11/\", \"id\": 11, \"device\": "
"{\"id\": 2}, \"link_peers\": [{\"id\": 20}], \"link_peers_type\": "
"\"dcim.poweroutlet\"},\n"
"{\"url\": \"/api/dcim/power-ports/12/\", \"id\": 12, \"device\": "
"{\"id\": 2}, \"connected_endpoints\": [{\"id\": 2}], "
"\"connected_endpoints_type\": \"dcim.powerfeed\"},\n"
"{\"url\": \"/api/dcim/power-outlets/20/\", \"id\": 20, \"device\": "
"{\"id\": 1}},\n"
"{\"url\": \"/api/virtualization/clusters/1/\", \"id\": 1, \"name\": "
"\"vmware\", \"scope_type\": \"dcim.site\", \"scope_id\": 1},\n"
"{\"url\": \"/api/virtualization/virtual-machines/1/\", \"id\": 1, "
"\"name\": \"vm 1\", \"device\": {\"id\": 2}, \"cluster\": {\"id\": 1}},\n"
"{\"url\": \"/api/virtualization/virtual-machines/2/\", \"id\": 2, "
"\"name\": \"vm2\", \"cluster\": {\"id\": 1}},\n"
"{\"url\": \"/api/virtualization/virtual-machines/3/\", \"id\": 3, "
"\"name\": \"vm3\"}\n"
"]\n";

START_TEST(test_netbox_map)
{
	const struct netbox_object	*a, *b;
	struct netbox			*nb = netbox_create();
	struct invwriter		*w = invwriter_create();
	struct import_report		 rep;
	struct diag_list		 dl;
	char				*got, *text;

	got = read_json(nb, estate, NULL, 0);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_int_eq(netbox_index(nb, &a, &b), 0);
	import_report_init(&rep);
	diag_list_init(&dl);
	ck_assert_int_eq(import_netbox_map(nb, w, &rep, &dl), 0);
	ck_assert_uint_eq(dl.n, 0);
	text = written(w);
	ck_assert_str_eq(body(text),
	    "faultline: 1\n"
	    "\n"
	    "sites:\n"
	    "  - { id: east, name: \"East DC\", region: us-east }\n"
	    "\n"
	    "domains:\n"
	    "  - { id: east.hall-1, name: \"Hall 1\", type: location, site: "
	    "east }\n"
	    "  - { id: east.row-a, name: \"Row A\", type: location, site: "
	    "east, in: [east.hall-1] }\n"
	    "  - { id: east.vmware, type: cluster, site: east }\n"
	    "\n"
	    "power:\n"
	    "  - { id: east.PP-A, name: \"PP A\", site: east }\n"
	    "  - { id: east.PP-A.A, site: east, fed_by: [east.PP-A] }\n"
	    "  - { id: east.PP-B, name: \"PP B\", site: east, in: "
	    "[east.hall-1] }\n"
	    "  - { id: east.PP-B.B, site: east, fed_by: [east.PP-B] }  # "
	    "status failed in NetBox\n"
	    "  - { id: pdu-1, site: east, fed_by: [east.PP-A.A] }\n"
	    "\n"
	    "racks:\n"
	    "  - { id: east.R1, site: east, power: [east.PP-A.A, east.PP-B.B], "
	    "in: [east.row-a] }\n"
	    "\n"
	    "hosts:\n"
	    "  - { id: east.srv, site: east, rack: east.R1, power: "
	    "[east.PP-B.B, pdu-1] }\n"
	    "  - { id: east.srv-2, name: srv, site: east, in: [east.hall-1] }\n"
	    "  - { id: vm-1, name: \"vm 1\", on: east.srv, in: [east.vmware] }\n"
	    "  - { id: vm2, site: east, in: [east.vmware] }\n");
	ck_assert_ptr_nonnull(strstr(text, "# 1 imported entry has status "
	    "failed in NetBox"));
	ck_assert_str_eq(rep.counts, "1 site, 3 domains (2 locations, 1 "
	    "cluster), 5 power domains (2 panels, 2 feeds, 1 PDU), 1 rack, 4 "
	    "hosts (2 devices, 2 virtual machines)");
	ck_assert_uint_eq(rep.left_out, 4);	/* site, rack, feed, device */
	ck_assert_uint_eq(rep.not_mapped, 1);	/* vm3 */
	ck_assert_uint_eq(rep.n, 5);
	ck_assert_str_eq(rep.v[0].what, "site");
	ck_assert_str_eq(rep.v[0].text, "status retired");
	ck_assert_str_eq(rep.v[1].what, "power feed");
	ck_assert_str_eq(rep.v[1].text, "status planned");
	ck_assert_str_eq(rep.v[2].what, "rack");
	ck_assert_str_eq(rep.v[2].text, "site left out");
	ck_assert_str_eq(rep.v[3].what, "device");
	ck_assert_str_eq(rep.v[3].text, "status decommissioning");
	ck_assert_str_eq(rep.v[3].examples[0], "device 4");
	ck_assert_str_eq(rep.v[4].text, "no device, site or cluster site to "
	    "place it in");
	free(text);
	diag_list_free(&dl);
	import_report_free(&rep);
	invwriter_free(w);
	netbox_free(nb);
}
END_TEST

START_TEST(test_netbox_pdu_loop)
{
	static const char loop[] =
	    "[{\"url\": \"/api/dcim/sites/1/\", \"id\": 1, \"name\": \"S\", "
	    "\"slug\": \"s\"},\n"
	    "{\"url\": \"/api/dcim/devices/1/\", \"id\": 1, \"name\": \"p1\", "
	    "\"site\": {\"id\": 1}},\n"
	    "{\"url\": \"/api/dcim/devices/2/\", \"id\": 2, \"name\": \"p2\", "
	    "\"site\": {\"id\": 1}},\n"
	    "{\"url\": \"/api/dcim/power-outlets/1/\", \"id\": 1, \"device\": "
	    "{\"id\": 1}},\n"
	    "{\"url\": \"/api/dcim/power-outlets/2/\", \"id\": 2, \"device\": "
	    "{\"id\": 2}},\n"
	    "{\"url\": \"/api/dcim/power-ports/1/\", \"id\": 1, \"device\": "
	    "{\"id\": 1}, \"link_peer\": {\"id\": 2}, \"link_peer_type\": "
	    "\"dcim.poweroutlet\"},\n"
	    "{\"url\": \"/api/dcim/power-ports/2/\", \"id\": 2, \"device\": "
	    "{\"id\": 2}, \"link_peers\": [{\"id\": 1}], \"link_peers_type\": "
	    "\"dcim.poweroutlet\"}]";
	const struct netbox_object	*a, *b;
	struct netbox			*nb = netbox_create();
	struct invwriter		*w = invwriter_create();
	struct import_report		 rep;
	struct diag_list		 dl;
	char				*got;

	got = read_json(nb, loop, NULL, 0);
	free(got);
	ck_assert_int_eq(netbox_index(nb, &a, &b), 0);
	import_report_init(&rep);
	diag_list_init(&dl);
	ck_assert_int_eq(import_netbox_map(nb, w, &rep, &dl), -1);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].message, "NetBox's power cables form a "
	    "loop: 2 PDUs feed each other (p1, p2)");
	diag_list_free(&dl);
	import_report_free(&rep);
	invwriter_free(w);
	netbox_free(nb);
}
END_TEST

START_TEST(test_netbox_duplicate)
{
	const struct netbox_object	*a, *b;
	struct netbox			*nb = netbox_create();
	char				*got;

	got = read_json(nb, "{\"results\": [{\"url\": \"/api/dcim/sites/7/\", "
	    "\"id\": 7, \"name\": \"a\", \"slug\": \"a\"}, {\"url\": "
	    "\"/api/dcim/sites/7/\", \"id\": 7, \"name\": \"b\", \"slug\": "
	    "\"b\"}]}", NULL, 0);
	free(got);
	ck_assert_int_eq(netbox_index(nb, &a, &b), -1);
	ck_assert_str_eq(a->source, "in.json: $.results[0]");
	ck_assert_str_eq(b->source, "in.json: $.results[1]");
	netbox_free(nb);
}
END_TEST

START_TEST(test_catalog_yaml)
{
	static const char *cases[][2] = {
		{ "a: 1\na: 2\n", "2:1: duplicate key 'a' (first at line 1)" },
		{ "a: *nope\n", "1:4: unknown alias '*nope'" },
		{ "? [x]\n: 1\n", "1:3: a mapping key must be a scalar" },
		{ "a: [b\n", "2:1: did not find expected ',' or ']' while "
		    "parsing a flow sequence" },
		{ "\xff\xfe" "a\0:\0", "1:1: not UTF-8 (a UTF-16 byte order "
		    "mark)" },
	};
	struct diag_list	 dl;
	struct catalog		*c;
	char			 deep[200], got[256];
	const char		*laughs;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		diag_list_init(&dl);
		c = catalog_yaml_parse("c.yaml", cases[i][0],
		    i == 4 ? 6 : strlen(cases[i][0]), &dl);
		ck_assert_ptr_null(c);
		ck_assert_uint_eq(dl.n, 1);
		snprintf(got, sizeof got, "%u:%u: %s", dl.v[0].line,
		    dl.v[0].column, dl.v[0].message);
		ck_assert_str_eq(got, cases[i][1]);
		diag_list_free(&dl);
	}
	memset(deep, '[', 100);
	deep[100] = '\0';
	diag_list_init(&dl);
	ck_assert_ptr_null(catalog_yaml_parse("c.yaml", deep, 100, &dl));
	ck_assert_str_eq(dl.v[0].message, "nested deeper than 64 levels");
	diag_list_free(&dl);
	/* Aliases share nodes: a billion laughs costs nothing. */
	diag_list_init(&dl);
	laughs = "a: &a [x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: [*c, *c, *c, *c, *c, *c, *c, *c]\n---\n---\nx: y\n";
	c = catalog_yaml_parse("c.yaml", laughs, strlen(laughs), &dl);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->ndocs, 3);
	ck_assert_int_eq(c->docs[1]->type, CATALOG_SCALAR);
	ck_assert_str_eq(c->docs[1]->str, "");
	ck_assert_uint_lt(c->nall, 40);
	ck_assert_str_eq(catalog_yaml_get(c->docs[2], "x")->str, "y");
	catalog_yaml_free(c);
	diag_list_free(&dl);
}
END_TEST

/* Import a catalog given as text; the services section as written. */
static char *
import_catalog(const char *text, struct import_report *rep, int status)
{
	struct import_files	 files;
	struct invwriter	*w = invwriter_create();
	struct diag_list	 dl;
	char			 path[] = "/tmp/faultline-test-XXXXXX";
	char			*out, *result;
	FILE			*fp;
	int			 fd;

	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(fp = fdopen(fd, "w"));
	fputs(text, fp);
	fclose(fp);
	memset(&files, 0, sizeof files);
	files.v = xcalloc(1, sizeof *files.v);
	files.v[0] = xstrdup(path);
	files.n = 1;
	diag_list_init(&dl);
	ck_assert_int_eq(import_backstage_run(&files, w, rep, &dl), status);
	if (status == 0) {
		out = written(w);
		result = xstrdup(body(out));
		free(out);
	} else {
		result = xasprintf("%u:%u: %s", dl.v[0].line, dl.v[0].column,
		    dl.v[0].message);
	}
	unlink(path);
	import_files_free(&files);
	diag_list_free(&dl);
	invwriter_free(w);
	return result;
}

START_TEST(test_backstage_refs)
{
	struct import_report	 rep;
	char			*got;

	import_report_init(&rep);
	got = import_catalog(
	    "apiVersion: backstage.io/v1alpha1\n"
	    "kind: Component\n"
	    "metadata:\n"
	    "  name: Web\n"
	    "  namespace: shop\n"
	    "  annotations: { faultline.io/runs-on: \"web-{01..04}\","
	    " faultline.io/min-up: \"2\", faultline.io/recovery: \"deploy,"
	    " default/deploy\" }\n"
	    "spec:\n"
	    "  owner: team-web\n"
	    "  dependsOn: [RESOURCE:db, resource:shop/DB, component:web]\n"
	    "  consumesApis: [pay, default/pay]\n"
	    "---\n"
	    "apiVersion: backstage.io/v1alpha1\n"
	    "kind: Resource\n"
	    "metadata: { name: db, namespace: shop }\n"
	    "spec: { type: Database, dependencyOf: [component:cart] }\n"
	    "---\n"
	    "apiVersion: backstage.io/v1alpha1\n"
	    "kind: Component\n"
	    "metadata: { name: deploy, annotations: { faultline.io/kind: tool,"
	    " faultline.io/runs-on: ops-1 } }\n"
	    "---\n"
	    "apiVersion: backstage.io/v1alpha1\n"
	    "kind: Component\n"
	    "metadata: { name: pay, annotations: { faultline.io/runs-on: "
	    "pay-1 } }\n"
	    "spec: { providesApis: [default/pay], lifecycle: deprecated }\n"
	    "---\n"
	    "apiVersion: backstage.io/v1alpha1\n"
	    "kind: Component\n"
	    "metadata: { name: pay2, namespace: shop, annotations: { "
	    "faultline.io/runs-on: pay-2 } }\n"
	    "spec: { providesApis: [pay] }\n"
	    "---\n"
	    "apiVersion: backstage.io/v1alpha1\n"
	    "kind: Component\n"
	    "metadata: { name: cart, namespace: shop, annotations: { "
	    "faultline.io/runs-on: cart-1 } }\n",
	    &rep, 0);
	ck_assert_str_eq(got,
	    "faultline: 1\n"
	    "\n"
	    "services:\n"
	    "  - { id: deploy, kind: tool, runs_on: [ops-1] }\n"
	    "  - { id: pay, kind: app, runs_on: [pay-1] }  # lifecycle "
	    "deprecated in Backstage\n"
	    "  - { id: shop.Web, name: Web, kind: app, owner: team-web, "
	    "runs_on: [\"web-{01..04}\"], min_up: 2, recovery: [deploy], "
	    "depends_on: [{ service: pay, soft: true }, shop.db, { service: "
	    "shop.pay2, soft: true }] }\n"
	    "  - { id: shop.cart, name: cart, kind: app, runs_on: [cart-1], "
	    "depends_on: [shop.db] }\n"
	    "  - { id: shop.db, name: db, kind: external }\n"
	    "  - { id: shop.pay2, name: pay2, kind: app, runs_on: [pay-2] }\n");
	/* component:web is Web itself (names compare case-insensitively) */
	ck_assert_uint_eq(rep.n, 3);
	ck_assert_str_eq(rep.v[0].text, "lifecycle deprecated; imported and "
	    "marked on its line");
	ck_assert_str_eq(rep.v[1].what, "reference");
	ck_assert_str_eq(rep.v[1].text, "faultline.io/recovery names nothing "
	    "in the catalog; left out");
	ck_assert_str_eq(rep.v[1].examples[0], "Web -> component:shop/deploy");
	ck_assert_str_eq(rep.v[2].what, "Resource");
	free(got);
	import_report_free(&rep);
}
END_TEST

START_TEST(test_backstage_errors)
{
	static const char *cases[][2] = {
		{ "kind: Component\nmetadata: { name: x }\n", "1:1: $.apiVersion: "
		    "missing; expected a string" },
		{ "apiVersion: v1\nkind: Component\nmetadata: {}\n", "3:11: "
		    "metadata.name: missing; expected a string" },
		{ "apiVersion: v1\nkind: [Component]\nmetadata: { name: x }\n",
		    "2:7: $.kind: expected a string, found a list" },
		{ "apiVersion: v1\nkind: Component\nmetadata: { name: x }\n"
		    "spec: { consumesApis: [[a]] }\n", "4:24: "
		    "spec.consumesApis[0]: expected a string, found a list" },
		{ "apiVersion: v1\nkind: Component\nmetadata: { name: x, "
		    "annotations: { faultline.io/runs-on: \"a b/c\" } }\n",
		    "3:59: faultline.io/runs-on: 'b/c' is not a host id or "
		    "brace pattern" },
	};
	struct import_report	 rep;
	char			*got;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		import_report_init(&rep);
		got = import_catalog(cases[i][0], &rep, -1);
		ck_assert_msg(strcmp(got, cases[i][1]) == 0, "case %zu: %s", i,
		    got);
		free(got);
		import_report_free(&rep);
	}
}
END_TEST

Suite *
suite_import(void)
{
	Suite	*s = suite_create("import");
	TCase	*tc = tcase_create("import");

	tcase_add_test(tc, test_ids_sanitize);
	tcase_add_test(tc, test_ids_claim);
	tcase_add_test(tc, test_writer_round_trip);
	tcase_add_test(tc, test_writer_sorted);
	tcase_add_test(tc, test_json_errors);
	tcase_add_test(tc, test_json_endpoints);
	tcase_add_test(tc, test_netbox_map);
	tcase_add_test(tc, test_netbox_pdu_loop);
	tcase_add_test(tc, test_netbox_duplicate);
	tcase_add_test(tc, test_catalog_yaml);
	tcase_add_test(tc, test_backstage_refs);
	tcase_add_test(tc, test_backstage_errors);
	suite_add_tcase(s, tc);
	return s;
}
