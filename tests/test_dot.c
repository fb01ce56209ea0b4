/*
 * test_dot.c -- Graphviz diagrams: the label escaping rule and its round
 * trip through cgraph's writer and parser, golden DOT text of both views,
 * scenarios and focus, automatic collapsing, and SVG/PNG/PDF smoke tests.
 *
 * Set DOT_GOLDEN_UPDATE=1 to rewrite the golden files from the current
 * output (then review the diff).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "gen_inventory.h"
#include "loader.h"
#include "out_dot.h"
#include "suites.h"
#include "xalloc.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

/* Draw into memory; returns the bytes (NUL-terminated), asserting success. */
static char *
draw(const struct analysis *a, const struct dot_options *o,
    enum dot_format f, struct diag_list *dl, size_t *len)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 n = 0;

	fp = open_memstream(&buf, &n);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(out_dot_write(a, o, f, fp, dl), 0);
	fclose(fp);
	if (len != NULL)
		*len = n;
	return buf;
}

struct fixture {
	struct inventory	*inv;
	struct analysis		*a;
	struct diag_list	 dl;
};

static void
fixture_load(struct fixture *fx)
{
	char		 path[4096];
	const char	*paths[1] = { path };

	snprintf(path, sizeof path, "%s/tests/data/dot/quorum-and-power.yaml",
	    test_srcdir());
	diag_list_init(&fx->dl);
	fx->inv = inventory_create();
	ck_assert_int_eq(loader_load_paths(fx->inv, paths, 1, &fx->dl), 0);
	ck_assert_int_eq(inventory_resolve(fx->inv, &fx->dl), 0);
	fx->a = analysis_create(fx->inv, &fx->dl);
	ck_assert_ptr_nonnull(fx->a);
	ck_assert_uint_eq(fx->dl.n, 0);
}

static void
fixture_free(struct fixture *fx)
{
	analysis_free(fx->a);
	inventory_free(fx->inv);
	diag_list_free(&fx->dl);
}

static void
golden(const char *name, const char *got)
{
	char	 path[4096];
	char	*want;
	size_t	 len, i, line;
	FILE	*fp;

	snprintf(path, sizeof path, "%s/tests/data/dot/%s", test_srcdir(),
	    name);
	if (getenv("DOT_GOLDEN_UPDATE") != NULL &&
	    (fp = fopen(path, "w")) != NULL) {
		fputs(got, fp);
		fclose(fp);
	}
	want = slurp(path, &len);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	for (i = 0, line = 1; got[i] != '\0' && got[i] == want[i]; i++)
		line += got[i] == '\n';
	ck_assert_msg(got[i] == want[i], "%s differs at line %zu (offset "
	    "%zu): got \"%.40s\"", name, line, i, got + i);
	free(want);
}

static uint32_t
component(const struct analysis *a, enum entity_kind k, const char *id)
{
	uint32_t	i = inventory_find(a->inv, k, id);

	ck_assert_uint_ne(i, INDEX_NONE);
	return a->base[k] + i;
}

/* Drawn nodes in DOT text: all but the legend's samples. */
static size_t
count_nodes(const char *dot)
{
	char	*t = out_dot_parse_table(dot, NULL, 0), *p;
	size_t	 n = 0;

	ck_assert_ptr_nonnull(t);
	for (p = t; *p != '\0'; p = strchr(p, '\n') + 1)
		if (strncmp(p, "N ", 2) == 0 && strncmp(p, "N legend:", 9) != 0)
			n++;
	free(t);
	return n;
}

/* ---- the escaping rule ---- */

START_TEST(test_escape_rule)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "plain-id_1.2", "plain-id_1.2" },
		{ "a\\b", "a\\\\b" },
		{ "ends\\", "ends\\\\" },
		{ "\\N \\G \\L \\l \\n", "\\\\N \\\\G \\\\L \\\\l \\\\n" },
		{ "two\nlines", "two\\nlines" },
		{ "say \"hi\" <b>{x}</b>", "say \"hi\" <b>{x}</b>" },
		{ "a&b &amp;", "a&amp;b &amp;amp;" },
		{ "tab\there\r", "tab\xef\xbf\xbdhere\xef\xbf\xbd" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
		{ "", "" }
	};
	size_t	 i;
	char	*e, *u;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = out_dot_escape(cases[i].in);
		ck_assert_str_eq(e, cases[i].out);
		u = out_dot_unescape(e);
		if (strpbrk(cases[i].in, "\t\r") == NULL)
			ck_assert_str_eq(u, cases[i].in);
		free(u);
		free(e);
	}
}
END_TEST

START_TEST(test_format_of)
{
	ck_assert_int_eq(out_dot_format_of("a.dot"), DOT_FORMAT_DOT);
	ck_assert_int_eq(out_dot_format_of("dir.x/a.GV"), DOT_FORMAT_DOT);
	ck_assert_int_eq(out_dot_format_of("a.svg"), DOT_FORMAT_SVG);
	ck_assert_int_eq(out_dot_format_of("a.Png"), DOT_FORMAT_PNG);
	ck_assert_int_eq(out_dot_format_of("a.pdf"), DOT_FORMAT_PDF);
	ck_assert_int_eq(out_dot_format_of("a.txt"), -1);
	ck_assert_int_eq(out_dot_format_of("dir.svg/a"), -1);
	ck_assert_int_eq(out_dot_format_of("noext"), -1);
}
END_TEST

/* ---- hostile names through the writer, Graphviz's parser and SVG ---- */

static const char *const hostile[] = {
	"say \"hi\"",
	"back\\slash",
	"trailing\\",
	"two trailing\\\\",
	"quote at end\\\"",
	"multi\nline",
	"<script>alert(1)</script>",
	"{braces} [brackets]; a -> b",
	"\\N \\G \\L \\l \\n \\E \\T \\H",
	"&amp; &lt; & &#92;",
	"\"",
	"\\"
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static struct inventory *
hostile_inventory(void)
{
	struct inventory	*inv = gen_new();
	struct diag_list	 dl;
	char			 id[32];
	size_t			 i;

	gen_site(inv, "site1");
	gen_host(inv, "h1", "site1", NULL, NULL);
	for (i = 0; i < NHOSTILE; i++) {
		snprintf(id, sizeof id, "svc%zu", i);
		gen_service(inv, id, SERVICE_APP, 0, "h1", NULL, NULL);
		inv->services[i].e.name = inventory_intern(inv, hostile[i],
		    strlen(hostile[i]));
		inv->services[i].owner = inv->services[i].e.name;
	}
	/* Two more services of the first owner, so that owners are fewer
	 * than services. */
	for (i = 0; i < 2; i++) {
		snprintf(id, sizeof id, "extra%zu", i);
		gen_service(inv, id, SERVICE_APP, 0, "h1", NULL, NULL);
		inv->services[NHOSTILE + i].owner = inv->services[0].owner;
	}
	inv->sites[0].e.name = inventory_intern(inv, hostile[4],
	    strlen(hostile[4]));
	diag_list_init(&dl);
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	diag_list_free(&dl);
	return inv;
}

/* What Graphviz's SVG writer makes of displayed text. */
static char *
svg_text(const char *s)
{
	char	*out = xmalloc(strlen(s) * 6 + 1), *q = out;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			q += sprintf(q, "&amp;");
			break;
		case '<':
			q += sprintf(q, "&lt;");
			break;
		case '>':
			q += sprintf(q, "&gt;");
			break;
		case '"':
			q += sprintf(q, "&quot;");
			break;
		case '\'':
			q += sprintf(q, "&#39;");
			break;
		case '-':
			q += sprintf(q, "&#45;");
			break;
		default:
			*q++ = *s;
		}
	}
	*q = '\0';
	return out;
}

/* Every line of text appears as a whole SVG text element. */
static void
assert_svg_shows(const char *svg, const char *text)
{
	char	*copy = xstrdup(text), *line, *next, *want, *x;

	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		x = svg_text(line);
		want = xasprintf(">%s</text>", x);
		ck_assert_msg(strstr(svg, want) != NULL, "SVG lacks %s", want);
		free(want);
		free(x);
	}
	free(copy);
}

START_TEST(test_hostile_round_trip)
{
	struct inventory	*inv = hostile_inventory();
	struct analysis		*a;
	struct dot_options	 o;
	struct diag_list	 dl;
	char			*dot, *svg, *label, *shown, *want, *esc;
	char			 node[48];
	size_t			 i;

	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	memset(&o, 0, sizeof o);
	dot = draw(a, &o, DOT_FORMAT_DOT, &dl, NULL);
	svg = draw(a, &o, DOT_FORMAT_SVG, &dl, NULL);
	ck_assert_uint_eq(dl.n, 0);
	for (i = 0; i < NHOSTILE; i++) {
		snprintf(node, sizeof node, "service:svc%zu", i);
		want = xasprintf("svc%zu\n%s", i, hostile[i]);
		label = out_dot_parse_label(dot, node);
		ck_assert_msg(label != NULL, "%s does not parse back", node);
		esc = out_dot_escape(want);
		ck_assert_str_eq(label, esc);
		shown = out_dot_unescape(label);
		ck_assert_str_eq(shown, want);
		assert_svg_shows(svg, want);
		free(esc);
		free(shown);
		free(label);
		free(want);
	}
	free(svg);
	free(dot);

	/* Owner groups and the site cluster carry inventory text too. */
	o.view = DOT_VIEW_PLACEMENT;
	o.collapse = DOT_COLLAPSE_OWNER;
	svg = draw(a, &o, DOT_FORMAT_SVG, &dl, NULL);
	assert_svg_shows(svg, hostile[4]);
	for (i = 0; i < NHOSTILE; i++)
		assert_svg_shows(svg, hostile[i]);
	free(svg);
	dot = draw(a, &o, DOT_FORMAT_DOT, &dl, NULL);
	esc = out_dot_escape(hostile[0]);
	want = xasprintf("owner:%s", esc);
	label = out_dot_parse_label(dot, want);
	free(want);
	free(esc);
	ck_assert_ptr_nonnull(label);
	shown = out_dot_unescape(label);
	want = xasprintf("%s\n3 services", hostile[0]);
	ck_assert_str_eq(shown, want);
	free(want);
	free(shown);
	free(label);
	free(dot);
	analysis_free(a);
	inventory_free(inv);
	diag_list_free(&dl);
}
END_TEST

START_TEST(test_parse_label_rejects)
{
	ck_assert_ptr_null(out_dot_parse_label("digraph { a [label=\"x\\\"]",
	    "a"));
	ck_assert_ptr_null(out_dot_parse_label("digraph { a }", "b"));
}
END_TEST

/* ---- golden DOT ---- */

START_TEST(test_golden_services)
{
	struct fixture		fx;
	struct dot_options	o;
	char			*dot;

	fixture_load(&fx);
	memset(&o, 0, sizeof o);
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 0);
	golden("quorum-services.dot", dot);
	free(dot);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_golden_placement)
{
	struct fixture		fx;
	struct dot_options	o;
	char			*dot;

	fixture_load(&fx);
	memset(&o, 0, sizeof o);
	o.view = DOT_VIEW_PLACEMENT;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 0);
	golden("quorum-placement.dot", dot);
	free(dot);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_golden_fail_north)
{
	struct fixture		 fx;
	struct dot_options	 o;
	struct scenario		*sc;
	uint32_t		 failed;
	char			*dot;

	fixture_load(&fx);
	failed = component(fx.a, KIND_SITE, "north");
	sc = scenario_create(fx.a);
	scenario_run(sc, &failed, 1);
	memset(&o, 0, sizeof o);
	o.scenario = sc;
	o.failed = &failed;
	o.nfailed = 1;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	golden("quorum-fail-north.dot", dot);
	free(dot);
	o.view = DOT_VIEW_PLACEMENT;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	golden("quorum-fail-north-placement.dot", dot);
	free(dot);
	ck_assert_uint_eq(fx.dl.n, 0);
	scenario_free(sc);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_golden_focus)
{
	struct fixture		fx;
	struct dot_options	o;
	uint32_t		focus;
	char			*dot;

	fixture_load(&fx);
	memset(&o, 0, sizeof o);
	/* search: needed by web (soft) and deploy (hard), needs nothing;
	 * web's recovery needs deploy. */
	focus = component(fx.a, KIND_SERVICE, "search");
	o.focus = &focus;
	o.nfocus = 1;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	golden("quorum-focus-search.dot", dot);
	free(dot);
	/* The east site in placement: its hosts and power, the services on
	 * them and what needs those, and the infrastructure they run on. */
	focus = component(fx.a, KIND_SITE, "east");
	o.view = DOT_VIEW_PLACEMENT;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	golden("quorum-focus-east-placement.dot", dot);
	free(dot);
	ck_assert_uint_eq(fx.dl.n, 0);
	fixture_free(&fx);
}
END_TEST

/* ---- collapsing ---- */

START_TEST(test_collapse_notes)
{
	struct fixture		 fx;
	struct dot_options	 o;
	struct scenario		*sc;
	uint32_t		 failed;
	char			*dot;

	fixture_load(&fx);
	memset(&o, 0, sizeof o);
	o.view = DOT_VIEW_PLACEMENT;
	/* The slide's budget holds all 26 nodes: nothing collapsed. */
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 0);
	ck_assert_uint_eq(count_nodes(dot), 26);
	free(dot);
	o.max_nodes = 24;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_int_eq(fx.dl.v[0].severity, DIAG_NOTE);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 8 hosts collapsed to a "
	    "count per rack to keep the drawing under 24 nodes");
	ck_assert_uint_le(count_nodes(dot), 24);
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	/* Asked for: services by kind (no service has an owner). */
	o.max_nodes = 0;
	o.view = DOT_VIEW_SERVICES;
	o.collapse = DOT_COLLAPSE_OWNER;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 9 services collapsed "
	    "into 5 groups by kind as --collapse owner asks");
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	/* No service has an owner: one group per kind, not one in all. */
	o.collapse = DOT_COLLAPSE_AUTO;
	o.max_nodes = 10;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 9 services collapsed "
	    "into 5 groups by kind to keep the drawing under 10 nodes");
	ck_assert_uint_le(count_nodes(dot), 10);
	ck_assert_ptr_nonnull(strstr(dot,
	    "label=\"data, no owner\\n2 services\""));
	ck_assert_ptr_nonnull(strstr(dot,
	    "label=\"external, no owner\\n1 service\""));
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	/* Owners where there are, kinds for the rest. */
	fx.inv->services[0].owner = fx.inv->services[0].e.id;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 9 services collapsed "
	    "into 6 groups by owner (by kind when they have none) to keep "
	    "the drawing under 10 nodes");
	ck_assert_ptr_nonnull(strstr(dot, "label=\"quorum\\n1 service\""));
	ck_assert_ptr_nonnull(strstr(dot,
	    "label=\"data, no owner\\n1 service\""));
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	/* A group of services with no owner counts them in a scenario. */
	failed = component(fx.a, KIND_SITE, "north");
	sc = scenario_create(fx.a);
	scenario_run(sc, &failed, 1);
	o.scenario = sc;
	o.failed = &failed;
	o.nfailed = 1;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_ptr_nonnull(strstr(dot,
	    "label=\"data, no owner\\n1 service\\n1 down, 0 degraded\""));
	free(dot);
	/* --collapse none draws every service whatever the budget. */
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	o.collapse = DOT_COLLAPSE_NONE;
	o.max_nodes = 2;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 0);
	ck_assert_uint_eq(count_nodes(dot), 10);	/* and "failed" */
	free(dot);
	scenario_free(sc);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_collapse_large)
{
	/* 300 services on 2,400 hosts: collapsed into the slide's budget,
	 * with notes saying how. */
	struct gen_limits	 lim = { 8, 40, 200, 2400, 300 };
	struct inventory	*inv = gen_inventory(7, &lim);
	struct analysis		*a;
	struct dot_options	 o;
	struct diag_list	 dl;
	char			*dot;
	size_t			 i;

	ck_assert_ptr_nonnull(inv);
	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	memset(&o, 0, sizeof o);
	for (i = 0; i < 2; i++) {
		o.view = i == 0 ? DOT_VIEW_SERVICES : DOT_VIEW_PLACEMENT;
		dot = draw(a, &o, DOT_FORMAT_DOT, &dl, NULL);
		ck_assert_uint_le(count_nodes(dot),
		    out_dot_budget(DOT_SIZE_SLIDE));
		free(dot);
		ck_assert_uint_ge(dl.n, 1);
		ck_assert_int_eq(dl.v[0].severity, DIAG_NOTE);
		ck_assert_ptr_nonnull(strstr(dl.v[0].message, "collapsed"));
		diag_list_free(&dl);
		diag_list_init(&dl);
	}
	o.size = DOT_SIZE_POSTER;
	dot = draw(a, &o, DOT_FORMAT_DOT, &dl, NULL);
	ck_assert_uint_le(count_nodes(dot), out_dot_budget(DOT_SIZE_POSTER));
	free(dot);
	for (i = 0; i < dl.n; i++)
		ck_assert_int_eq(dl.v[i].severity, DIAG_NOTE);
	analysis_free(a);
	inventory_free(inv);
	diag_list_free(&dl);
}
END_TEST

/* ---- focus, title, failed node, edges, legend ---- */

struct loaded {
	struct inventory	*inv;
	struct analysis		*a;
	struct diag_list	 dl;
};

static void
load_dir(struct loaded *l, const char *dir)
{
	char		 path[4096];
	const char	*paths[1] = { path };

	snprintf(path, sizeof path, "%s/%s", test_srcdir(), dir);
	diag_list_init(&l->dl);
	l->inv = inventory_create();
	ck_assert_int_eq(loader_load_paths(l->inv, paths, 1, &l->dl), 0);
	ck_assert_int_eq(inventory_resolve(l->inv, &l->dl), 0);
	l->a = analysis_create(l->inv, &l->dl);
	ck_assert_ptr_nonnull(l->a);
	diag_list_free(&l->dl);
	diag_list_init(&l->dl);
}

static void
loaded_free(struct loaded *l)
{
	analysis_free(l->a);
	inventory_free(l->inv);
	diag_list_free(&l->dl);
}

/* The drawn nodes of DOT text, one "name\n" each, sorted. */
static char *
node_list(const char *dot)
{
	char	*t = out_dot_parse_table(dot, NULL, 0), *p, *out, *q, *nl;

	ck_assert_ptr_nonnull(t);
	out = q = xmalloc(strlen(t) + 1);
	for (p = t; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (strncmp(p, "N ", 2) != 0 || strncmp(p, "N legend:", 9) == 0)
			continue;
		memcpy(q, p + 2, (size_t)(nl - p - 2));
		q += nl - p - 2;
		*q++ = '\n';
	}
	*q = '\0';
	free(t);
	return out;
}

START_TEST(test_focus_both_ways)
{
	struct loaded		l;
	struct dot_options	o;
	uint32_t		focus[2];
	char			*dot, *nodes;

	load_dir(&l, "inventories/kakao-2022");
	memset(&o, 0, sizeof o);
	o.collapse = DOT_COLLAPSE_NONE;
	focus[0] = component(l.a, KIND_SERVICE, "kakaotalk");
	o.focus = focus;
	o.nfocus = 1;
	dot = draw(l.a, &o, DOT_FORMAT_DOT, &l.dl, NULL);
	nodes = node_list(dot);
	/* What kakaotalk needs (dependencies, their stores, the recovery
	 * tools and what they need) and what needs it. */
	ck_assert_str_eq(nodes,
	    "service:account-db\n"
	    "service:admin-console\n"
	    "service:deploy\n"
	    "service:internal-login\n"
	    "service:kakao-account\n"
	    "service:kakaotalk\n"
	    "service:kakaotalk-media\n"
	    "service:monitoring\n"
	    "service:push\n"
	    "service:session-store\n"
	    "service:talk-message-db\n"
	    "service:traffic-control\n");
	free(nodes);
	free(dot);
	/* Placement: the same services with their hosts, racks, power,
	 * domains and sites; with a second focus, around both. */
	o.view = DOT_VIEW_PLACEMENT;
	dot = draw(l.a, &o, DOT_FORMAT_DOT, &l.dl, NULL);
	nodes = node_list(dot);
	ck_assert_ptr_null(strstr(nodes, "service:card-networks\n"));
	free(nodes);
	free(dot);
	focus[1] = component(l.a, KIND_SERVICE, "kakao-pay");
	o.nfocus = 2;
	dot = draw(l.a, &o, DOT_FORMAT_DOT, &l.dl, NULL);
	nodes = node_list(dot);
	ck_assert_ptr_nonnull(strstr(nodes, "service:kakao-pay\n"));
	ck_assert_ptr_nonnull(strstr(nodes, "service:card-networks\n"));
	ck_assert_ptr_nonnull(strstr(nodes, "service:session-store\n"));
	ck_assert_ptr_nonnull(strstr(nodes, "power:pangyo-ups-a\n"));
	ck_assert_ptr_nonnull(strstr(nodes, "power:pangyo-utility\n"));
	ck_assert_ptr_nonnull(strstr(nodes,
	    "domain:pangyo-b3-battery-room\n"));
	ck_assert_ptr_nonnull(strstr(dot, "subgraph cluster_site0 {"));
	free(nodes);
	free(dot);
	loaded_free(&l);
}
END_TEST

START_TEST(test_title_caption)
{
	struct fixture		 fx;
	struct dot_options	 o;
	struct scenario		*sc;
	uint32_t		 failed;
	char			*dot;

	fixture_load(&fx);
	failed = component(fx.a, KIND_SITE, "north");
	sc = scenario_create(fx.a);
	scenario_run(sc, &failed, 1);
	memset(&o, 0, sizeof o);
	o.title = "Quorum & <power>";
	o.date = 19280;
	o.scenario = sc;
	o.failed = &failed;
	o.nfailed = 1;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_ptr_nonnull(strstr(dot, "label=<<FONT POINT-SIZE=\"18\">"
	    "<B>Quorum &amp; &lt;power&gt;</B></FONT><BR/><FONT "
	    "POINT-SIZE=\"11\" COLOR=\"#424242\">services view \xc2\xb7 "
	    "failed: site north \xc2\xb7 2022-10-15</FONT>>"));
	free(dot);
	o.title = NULL;
	o.date = 0;
	o.view = DOT_VIEW_PLACEMENT;
	o.focus = &failed;
	o.nfocus = 1;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_ptr_nonnull(strstr(dot, "<B>faultline</B></FONT><BR/><FONT "
	    "POINT-SIZE=\"11\" COLOR=\"#424242\">placement view \xc2\xb7 focus: "
	    "site:north \xc2\xb7 failed: site north</FONT>>"));
	free(dot);
	scenario_free(sc);
	fixture_free(&fx);
}
END_TEST

/* Lines of a table that contain a string, concatenated. */
static char *
grep_table(const char *dot, const char *const *attrs, size_t nattrs,
    const char *what)
{
	char	*t = out_dot_parse_table(dot, attrs, nattrs), *p, *nl, *out;
	size_t	 len = 0;

	ck_assert_ptr_nonnull(t);
	out = xstrdup("");
	for (p = t; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		if (strstr(p, what) != NULL) {
			out = xreallocarray(out, len + strlen(p) + 2, 1);
			len += (size_t)sprintf(out + len, "%s\n", p);
		}
	}
	free(t);
	return out;
}

START_TEST(test_failed_node_and_edges)
{
	static const char *const attrs[] = { "label", "color" };
	struct fixture		 fx;
	struct dot_options	 o;
	struct scenario		*sc;
	uint32_t		 failed;
	char			*dot, *got;

	fixture_load(&fx);
	failed = component(fx.a, KIND_SITE, "north");
	sc = scenario_create(fx.a);
	scenario_run(sc, &failed, 1);
	memset(&o, 0, sizeof o);
	o.scenario = sc;
	o.failed = &failed;
	o.nfailed = 1;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	/* The services with a host in north point at the failed site;
	 * those down through dependencies only do not. */
	got = grep_table(dot, attrs, 2, " failed");
	ck_assert_str_eq(got,
	    "E service:a -> failed\t\t#c62828\n"
	    "E service:deploy -> failed\t\t#c62828\n"
	    "E service:pair -> failed\t\t#c62828\n"
	    "E service:quorum -> failed\t\t#c62828\n"
	    "E service:quorum-tight -> failed\t\t#c62828\n"
	    "E service:web -> failed\t\t#c62828\n"
	    "N failed\tfailed: site north\t#7f0000\n");
	free(got);
	free(dot);
	/* web's recovery tool deploy: drawn with all, and with blocked
	 * only when the scenario takes it down (it does not). */
	got = NULL;
	o.edges = DOT_EDGES_ALL;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	got = grep_table(dot, attrs, 2, "service:web -> service:deploy");
	ck_assert_str_eq(got, "E service:web -> service:deploy\t\t#ab47bc\n");
	free(got);
	free(dot);
	o.edges = DOT_EDGES_BLOCKED;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	got = grep_table(dot, attrs, 2, "service:web -> service:deploy");
	ck_assert_str_eq(got, "");
	free(got);
	free(dot);
	/* Without a scenario, one fault (site south) takes deploy down
	 * (through search) and degrades web: blocked. */
	o.scenario = NULL;
	o.nfailed = 0;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	got = grep_table(dot, attrs, 2, "service:web -> service:deploy");
	ck_assert_str_eq(got, "E service:web -> service:deploy\t\t#6a1b9a\n");
	free(got);
	free(dot);
	o.edges = DOT_EDGES_NONE;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	got = grep_table(dot, attrs, 2, "service:web -> service:deploy");
	ck_assert_str_eq(got, "");
	free(got);
	free(dot);
	ck_assert_uint_eq(fx.dl.n, 0);
	scenario_free(sc);
	fixture_free(&fx);
}
END_TEST

/* Add s to a set of strings (a "\n"-separated list) unless there. */
static void
set_add(char **set, const char *s)
{
	char	*want = xasprintf("\n%s\n", s), *t;

	if (strstr(*set, want) == NULL) {
		t = xasprintf("%s%s\n", *set, s);
		free(*set);
		*set = t;
	}
	free(want);
}

/* Whether two sets hold the same strings. */
static int
set_equal(const char *a, const char *b)
{
	const char	*p, *nl;
	char		*want;
	int		 ok = 1;

	for (p = a + 1; ok && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		want = xasprintf("\n%.*s\n", (int)(nl - p + 0), p);
		ok = strstr(b, want) != NULL;
		free(want);
	}
	return ok && strlen(a) == strlen(b);
}

/*
 * The legend lists exactly the shapes, fills, marks and edge styles the
 * drawing uses: every legend sample is used, every use has a sample.
 */
static void
assert_legend_exact(const char *dot, const char *what)
{
	static const char *const attrs[] = { "shape", "style", "fillcolor",
	    "color", "penwidth" };
	char	*t = out_dot_parse_table(dot, attrs, 5), *p, *nl, *f[6];
	char	*used[4], *legend[4], *key;
	int	 i, k, leg, edge;

	ck_assert_ptr_nonnull(t);
	for (k = 0; k < 4; k++) {
		used[k] = xstrdup("\n");
		legend[k] = xstrdup("\n");
	}
	for (p = t; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		f[0] = p;
		for (i = 1; i < 6; i++) {
			f[i] = strchr(f[i - 1], '\t');
			ck_assert_ptr_nonnull(f[i]);
			*f[i]++ = '\0';
		}
		edge = f[0][0] == 'E';
		leg = strncmp(f[0] + 2, "legend:", 7) == 0;
		if (edge) {
			if (strcmp(f[2], "invis") == 0)
				continue;
			key = xasprintf("%s %s", f[2], f[4]);
			set_add(leg ? &legend[3] : &used[3], key);
			free(key);
			continue;
		}
		if (strcmp(f[1], "point") == 0)
			continue;
		if (!leg || strncmp(f[0] + 2, "legend:shape:", 13) == 0) {
			key = xasprintf("%s %s", f[1], f[2]);
			set_add(leg ? &legend[0] : &used[0], key);
			free(key);
		}
		if (!leg || strcmp(f[3], "#f5f5f5") != 0)
			set_add(leg ? &legend[1] : &used[1], f[3]);
		if (strcmp(f[5], "3") == 0)
			set_add(leg ? &legend[2] : &used[2],
			    strcmp(f[4], "#6a1b9a") == 0 ? "blocked" :
			    "cause");
	}
	for (k = 0; k < 4; k++) {
		ck_assert_msg(set_equal(used[k], legend[k]), "%s: legend %s "
		    "differs: used {%s} legend {%s}", what, k == 0 ? "shapes" :
		    k == 1 ? "fills" : k == 2 ? "marks" : "edges", used[k],
		    legend[k]);
		free(used[k]);
		free(legend[k]);
	}
	free(t);
}

START_TEST(test_legend_exact)
{
	struct fixture		 fx;
	struct loaded		 l;
	struct dot_options	 o;
	struct scenario		*sc;
	uint32_t		 failed;
	char			*dot;
	int			 v, sn;

	fixture_load(&fx);
	load_dir(&l, "inventories/kakao-2022");
	for (sn = 0; sn < 2; sn++)
		for (v = 0; v < 2; v++) {
			memset(&o, 0, sizeof o);
			o.view = v ? DOT_VIEW_PLACEMENT : DOT_VIEW_SERVICES;
			sc = NULL;
			if (sn) {
				failed = component(fx.a, KIND_SITE, "north");
				sc = scenario_create(fx.a);
				scenario_run(sc, &failed, 1);
				o.scenario = sc;
				o.failed = &failed;
				o.nfailed = 1;
			}
			dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
			assert_legend_exact(dot, "quorum");
			free(dot);
			scenario_free(sc);
			sc = NULL;
			if (sn) {
				failed = component(l.a, KIND_SITE, "pangyo");
				sc = scenario_create(l.a);
				scenario_run(sc, &failed, 1);
				o.scenario = sc;
			}
			o.edges = DOT_EDGES_ALL;
			dot = draw(l.a, &o, DOT_FORMAT_DOT, &l.dl, NULL);
			assert_legend_exact(dot, "kakao-2022");
			free(dot);
			scenario_free(sc);
		}
	/* A drawing without power has no power in its legend. */
	memset(&o, 0, sizeof o);
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_ptr_null(strstr(dot, "label=\"power domain\""));
	ck_assert_ptr_nonnull(strstr(dot, "label=\"hard dependency\""));
	free(dot);
	loaded_free(&l);
	fixture_free(&fx);
}
END_TEST

/* Undo Graphviz's XML escaping of a title. */
static char *
xml_unescape(const char *s, size_t n)
{
	char	*out = xmalloc(n + 1), *q = out;
	size_t	 i = 0;
	int	 c, len;

	while (i < n) {
		if (s[i] == '&' && sscanf(s + i, "&#%d;%n", &c, &len) == 1) {
			*q++ = (char)c;
			i += (size_t)len;
		} else if (strncmp(s + i, "&amp;", 5) == 0) {
			*q++ = '&';
			i += 5;
		} else
			*q++ = s[i++];
	}
	*q = '\0';
	return out;
}

START_TEST(test_svg_titles_are_ids)
{
	struct fixture		 fx;
	struct dot_options	 o;
	char			*svg, *p, *end, *title, *colon;
	size_t			 n = 0;
	int			 k;

	fixture_load(&fx);
	memset(&o, 0, sizeof o);
	o.view = DOT_VIEW_PLACEMENT;
	o.tooltips = 1;
	svg = draw(fx.a, &o, DOT_FORMAT_SVG, &fx.dl, NULL);
	for (p = svg; (p = strstr(p, "class=\"node\">")) != NULL; p = end) {
		p = strstr(p, "<title>");
		ck_assert_ptr_nonnull(p);
		p += 7;
		end = strstr(p, "</title>");
		ck_assert_ptr_nonnull(end);
		title = xml_unescape(p, (size_t)(end - p));
		if (strncmp(title, "legend:", 7) != 0) {
			colon = strchr(title, ':');
			ck_assert_msg(colon != NULL, "title %s", title);
			*colon = '\0';
			k = inventory_kind_parse(title);
			ck_assert_msg(k >= 0, "title %s", title);
			ck_assert_msg(inventory_find(fx.inv, (enum entity_kind)k,
			    colon + 1) != INDEX_NONE, "no %s:%s", title,
			    colon + 1);
			n++;
		}
		free(title);
	}
	ck_assert_uint_eq(n, 26);
	ck_assert_ptr_nonnull(strstr(svg, "<g id=\"service:quorum&#45;tight\" "
	    "class=\"node\">"));
	ck_assert_ptr_nonnull(strstr(svg, "xlink:title=\"service:web&#10;"
	    "tier 1 app&#10;single points: site:north, site:south, site:east, "
	    "power:grid, power:north&#45;ups, power:south&#45;util and 6 "
	    "more\""));
	free(svg);
	fixture_free(&fx);
}
END_TEST

/* Width and height of a PNG from its IHDR chunk. */
static void
png_size(const unsigned char *b, size_t len, uint32_t *w, uint32_t *h)
{
	ck_assert_uint_ge(len, 24);
	ck_assert_int_eq(memcmp(b, "\x89PNG\r\n\x1a\n", 8), 0);
	ck_assert_int_eq(memcmp(b + 12, "IHDR", 4), 0);
	*w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 |
	    (uint32_t)b[18] << 8 | b[19];
	*h = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 |
	    (uint32_t)b[22] << 8 | b[23];
}

START_TEST(test_png_fits_a_slide)
{
	static const struct {
		const char	*dir, *site;
	} invs[] = {
		{ "inventories/example", "east" },
		{ "inventories/kakao-2022", "pangyo" }
	};
	struct loaded		 l;
	struct dot_options	 o;
	struct scenario		*sc;
	uint32_t		 failed, w, h;
	unsigned char		*png;
	size_t			 i, len;
	int			 v, sn;

	for (i = 0; i < sizeof invs / sizeof invs[0]; i++) {
		load_dir(&l, invs[i].dir);
		for (v = 0; v < 2; v++)
			for (sn = 0; sn < 2; sn++) {
				memset(&o, 0, sizeof o);
				o.view = v ? DOT_VIEW_PLACEMENT :
				    DOT_VIEW_SERVICES;
				sc = NULL;
				if (sn) {
					failed = component(l.a, KIND_SITE,
					    invs[i].site);
					sc = scenario_create(l.a);
					scenario_run(sc, &failed, 1);
					o.scenario = sc;
					o.failed = &failed;
					o.nfailed = 1;
				}
				png = (unsigned char *)draw(l.a, &o,
				    DOT_FORMAT_PNG, &l.dl, &len);
				png_size(png, len, &w, &h);
				ck_assert_msg(w <= 2400 && h <= w &&
				    w <= 2 * h, "%s view %d fail %d: %u x %u px",
				    invs[i].dir, v, sn, w, h);
				free(png);
				scenario_free(sc);
			}
		loaded_free(&l);
	}
}
END_TEST

/* ---- rendered formats ---- */

static void
assert_magic(const char *path, const char *magic, size_t n)
{
	char	*buf;
	size_t	 len;

	buf = slurp(path, &len);
	ck_assert_msg(buf != NULL, "%s missing", path);
	ck_assert_uint_ge(len, n);
	ck_assert_msg(memcmp(buf, magic, n) == 0, "%s: bad magic: %.30s", path, buf);
	free(buf);
}

START_TEST(test_render_formats)
{
	struct fixture		 fx;
	struct dot_options	 o;
	char			 dir[] = "/tmp/faultline-dot-XXXXXX", path[512];
	char			*svg;
	size_t			 len, i, files = 0;
	DIR			*dp;
	struct dirent		*de;

	fixture_load(&fx);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&o, 0, sizeof o);
	snprintf(path, sizeof path, "%s/g.svg", dir);
	ck_assert_int_eq(out_dot_graph(fx.a, &o, path, NULL, &fx.dl), 0);
	svg = slurp(path, &len);
	ck_assert_ptr_nonnull(svg);
	ck_assert_ptr_nonnull(strstr(svg, "<svg"));
	ck_assert_ptr_nonnull(strstr(svg, "</svg>"));
	for (i = 0; i < fx.inv->nservices; i++)
		assert_svg_shows(svg, inventory_str(fx.inv,
		    fx.inv->services[i].e.id));
	assert_svg_shows(svg, "legend");
	free(svg);
	assert_magic(path, "<?xml", 5);
	snprintf(path, sizeof path, "%s/g.PNG", dir);
	ck_assert_int_eq(out_dot_graph(fx.a, &o, path, NULL, &fx.dl), 0);
	assert_magic(path, "\x89PNG\r\n\x1a\n", 8);
	o.view = DOT_VIEW_PLACEMENT;
	snprintf(path, sizeof path, "%s/g.pdf", dir);
	ck_assert_int_eq(out_dot_graph(fx.a, &o, path, NULL, &fx.dl), 0);
	assert_magic(path, "%PDF-", 5);
	snprintf(path, sizeof path, "%s/g.gv", dir);
	ck_assert_int_eq(out_dot_graph(fx.a, &o, path, NULL, &fx.dl), 0);
	assert_magic(path, "digraph faultline {", 19);
	ck_assert_uint_eq(fx.dl.n, 0);

	snprintf(path, sizeof path, "%s/g.txt", dir);
	ck_assert_int_eq(out_dot_graph(fx.a, &o, path, NULL, &fx.dl), -1);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_str_eq(strstr(fx.dl.v[0].message, "/g.txt"), "/g.txt: "
	    "unknown diagram format (use .dot, .gv, .svg, .png or .pdf)");

	/* Written atomically: nothing but the four results is left. */
	dp = opendir(dir);
	ck_assert_ptr_nonnull(dp);
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		files++;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(dp);
	rmdir(dir);
	ck_assert_uint_eq(files, 4);
	fixture_free(&fx);
}
END_TEST

Suite *
suite_dot(void)
{
	Suite	*s = suite_create("dot");
	TCase	*tc;

	tc = tcase_create("escape");
	tcase_add_test(tc, test_escape_rule);
	tcase_add_test(tc, test_format_of);
	tcase_add_test(tc, test_hostile_round_trip);
	tcase_add_test(tc, test_parse_label_rejects);
	suite_add_tcase(s, tc);
	tc = tcase_create("golden");
	tcase_add_test(tc, test_golden_services);
	tcase_add_test(tc, test_golden_placement);
	tcase_add_test(tc, test_golden_fail_north);
	tcase_add_test(tc, test_golden_focus);
	suite_add_tcase(s, tc);
	tc = tcase_create("slide");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_focus_both_ways);
	tcase_add_test(tc, test_title_caption);
	tcase_add_test(tc, test_failed_node_and_edges);
	tcase_add_test(tc, test_legend_exact);
	tcase_add_test(tc, test_svg_titles_are_ids);
	tcase_add_test(tc, test_png_fits_a_slide);
	suite_add_tcase(s, tc);
	tc = tcase_create("collapse");
	tcase_add_test(tc, test_collapse_notes);
	tcase_add_test(tc, test_collapse_large);
	suite_add_tcase(s, tc);
	tc = tcase_create("render");
	tcase_add_test(tc, test_render_formats);
	suite_add_tcase(s, tc);
	return s;
}
