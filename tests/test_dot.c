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

/* Nodes in DOT text: statement lines with a label that are not edges. */
static size_t
count_nodes(const char *dot)
{
	char	*copy = xstrdup(dot), *line, *save = NULL;
	size_t	 n = 0;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strstr(line, "[label=") != NULL &&
		    strstr(line, " -> ") == NULL)
			n++;
	free(copy);
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
	char			 node[32];
	size_t			 i;

	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	memset(&o, 0, sizeof o);
	dot = draw(a, &o, DOT_FORMAT_DOT, &dl, NULL);
	svg = draw(a, &o, DOT_FORMAT_SVG, &dl, NULL);
	ck_assert_uint_eq(dl.n, 0);
	for (i = 0; i < NHOSTILE; i++) {
		snprintf(node, sizeof node, "s%zu", i);
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
	o.max_nodes = 30;	/* 14 services, 12 owners, 1 host, 1 site */
	svg = draw(a, &o, DOT_FORMAT_SVG, &dl, NULL);
	assert_svg_shows(svg, hostile[4]);
	for (i = 0; i < NHOSTILE; i++)
		assert_svg_shows(svg, hostile[i]);
	free(svg);
	dot = draw(a, &o, DOT_FORMAT_DOT, &dl, NULL);
	label = out_dot_parse_label(dot, "o0");
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
	o.max_nodes = 40;	/* 24 after the legend's share */
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_int_eq(fx.dl.v[0].severity, DIAG_NOTE);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 8 hosts collapsed to a "
	    "count per rack to keep the drawing under 40 nodes");
	ck_assert_uint_le(count_nodes(dot), 40);
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	o.max_nodes = 34;	/* services first: infra alone cannot fit */
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 2);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 9 services collapsed "
	    "into 5 groups by kind to keep the drawing under 34 nodes");
	ck_assert_str_eq(fx.dl.v[1].message, "graph: 8 hosts collapsed to a "
	    "count per rack to keep the drawing under 34 nodes");
	ck_assert_uint_le(count_nodes(dot), 34);
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	/* No service has an owner: one group per kind, not one in all. */
	o.view = DOT_VIEW_SERVICES;
	o.max_nodes = 24;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 9 services collapsed "
	    "into 5 groups by kind to keep the drawing under 24 nodes");
	ck_assert_uint_le(count_nodes(dot), 24);
	ck_assert_ptr_nonnull(strstr(dot,
	    "label=\"data, no owner\\n2 services\""));
	ck_assert_ptr_nonnull(strstr(dot,
	    "label=\"external, no owner\\n1 service\""));
	free(dot);
	diag_list_free(&fx.dl);
	diag_list_init(&fx.dl);
	/* Owners where there are, kinds for the rest. */
	fx.inv->services[0].owner = fx.inv->services[0].e.id;
	o.max_nodes = 25;
	dot = draw(fx.a, &o, DOT_FORMAT_DOT, &fx.dl, NULL);
	ck_assert_uint_eq(fx.dl.n, 1);
	ck_assert_str_eq(fx.dl.v[0].message, "graph: 9 services collapsed "
	    "into 6 groups by owner (by kind when they have none) to keep "
	    "the drawing under 25 nodes");
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
	scenario_free(sc);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_collapse_large)
{
	struct gen_limits	 lim = { 8, 40, 200, 6000, 2500 };
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
		ck_assert_uint_le(count_nodes(dot), OUT_DOT_MAX_NODES);
		free(dot);
	}
	for (i = 0; i < dl.n; i++)
		ck_assert_int_eq(dl.v[i].severity, DIAG_NOTE);
	analysis_free(a);
	inventory_free(inv);
	diag_list_free(&dl);
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
	tc = tcase_create("collapse");
	tcase_add_test(tc, test_collapse_notes);
	tcase_add_test(tc, test_collapse_large);
	suite_add_tcase(s, tc);
	tc = tcase_create("render");
	tcase_add_test(tc, test_render_formats);
	suite_add_tcase(s, tc);
	return s;
}
