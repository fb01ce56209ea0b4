/*
 * test_report.c -- the audit report: the model (content digests from any
 * spelling, verdicts, matrix limits and states, findings order, top
 * components, recovery readiness, fan-in, waiver matches, meta), SVG
 * sanitising, golden HTML and Markdown of the bundled inventories,
 * byte-identical reruns, escaping of hostile inventory text, mapping files
 * and their assessment, the git commit, and the command (sidecar SVG).
 *
 * The golden files under tests/data/report/ are rendered without the
 * diagram (its SVG depends on the Graphviz version); the diagram is
 * checked apart.  Set REPORT_GOLDEN_UPDATE=1 to rewrite the golden files
 * from the current output (then review the diff).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#include "digest.h"
#include "findings.h"
#include "findings_fixture.h"
#include "impact.h"
#include "mapping.h"
#include "out_html.h"
#include "out_markdown.h"
#include "report_model.h"
#include "session.h"
#include "suites.h"
#include "vcs.h"
#include "xalloc.h"

#define TODAY	19675	/* 2023-11-14 */

struct loaded {
	char			 cwd[PATH_MAX];
	struct session		 s;
	struct findings		 fl;
	struct report		*r;
};

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

/* The options of the tests: a fixed time, no git lookup. */
static void
test_options(struct report_options *o, const char *const *roots,
    int diagram)
{
	memset(o, 0, sizeof *o);
	o->version = "9.9-test";
	o->today = TODAY;
	o->now = (long long)TODAY * 86400 + 80000;	/* 22:13:20 */
	o->now_from_sde = 1;
	o->roots = roots;
	o->nroots = 1;
	o->commit_status = REPORT_COMMIT_DISABLED;
	o->diagram = diagram;
}

/* Load an inventory (a path relative to the source tree, which becomes
 * the working directory so that reports name relative paths) without the
 * report. */
static void
load_only(struct loaded *l, const char *path)
{
	const char	*paths[1] = { path };

	memset(l, 0, sizeof *l);
	ck_assert_ptr_nonnull(getcwd(l->cwd, sizeof l->cwd));
	ck_assert_int_eq(chdir(test_srcdir()), 0);
	session_open(&l->s, paths, 1);
	ck_assert_msg(l->s.ok, "%s does not load", path);
	ck_assert_int_eq(findings_compute(l->s.analysis, TODAY, &l->fl,
	    &l->s.diags), 0);
}

static void
load_maps(struct loaded *l, const char *path, int diagram,
    const struct mapping *const *maps, size_t nmaps)
{
	struct report_options	 o;
	const char		*roots[1] = { path };

	load_only(l, path);
	test_options(&o, roots, diagram);
	o.maps = maps;
	o.nmaps = nmaps;
	l->r = report_model_create(l->s.analysis, &l->fl, &o, &l->s.diags);
	ck_assert_ptr_nonnull(l->r);
}

static void
load(struct loaded *l, const char *path, int diagram)
{
	load_maps(l, path, diagram, NULL, 0);
}

static void
unload(struct loaded *l)
{
	report_model_free(l->r);
	findings_free(&l->fl);
	session_close(&l->s);
	ck_assert_int_eq(chdir(l->cwd), 0);
}

static char *
render(const struct report *r, enum report_format f)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	if (f == REPORT_HTML)
		ck_assert_int_eq(out_html_report(fp, r), 0);
	else
		ck_assert_int_eq(out_markdown_report(fp, r), 0);
	fclose(fp);
	return buf;
}

static void
golden(const char *inventory, enum report_format f, const char *name)
{
	struct loaded	 l;
	char		 path[PATH_MAX];
	char		*got, *want;
	size_t		 len;
	FILE		*fp;

	load(&l, inventory, 0);
	got = render(l.r, f);
	snprintf(path, sizeof path, "tests/data/report/%s", name);
	if (getenv("REPORT_GOLDEN_UPDATE") != NULL) {
		fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs(got, fp);
		fclose(fp);
	}
	want = slurp(path, &len);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	ck_assert_msg(strcmp(got, want) == 0, "%s differs from the output; "
	    "rerun with REPORT_GOLDEN_UPDATE=1 and review the diff", path);
	free(got);
	free(want);
	unload(&l);
}

START_TEST(test_format_of)
{
	ck_assert_int_eq(report_model_format_of("a.html"), REPORT_HTML);
	ck_assert_int_eq(report_model_format_of("dir/A.HTM"), REPORT_HTML);
	ck_assert_int_eq(report_model_format_of("report.md"), REPORT_MARKDOWN);
	ck_assert_int_eq(report_model_format_of("report.MD"), REPORT_MARKDOWN);
	ck_assert_int_eq(report_model_format_of("report.txt"), -1);
	ck_assert_int_eq(report_model_format_of("report"), -1);
	ck_assert_int_eq(report_model_format_of("x.md/report"), -1);
	ck_assert_int_eq(report_model_format_of(NULL), -1);
}
END_TEST

START_TEST(test_svg_clean)
{
	static const char in[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
	    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
	    " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
	    "<!-- Generated by graphviz version 2.42.2 -->\n"
	    "<svg width=\"8pt\" height=\"4pt\" viewBox=\"0 0 8 4\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	    "onload=\"alert(1)\">\n"
	    "<g id=\"node1\" class=\"node\"><title>a&#45;&gt;b</title>\n"
	    "<!-- a --><script>alert(2)</script><script/>"
	    "<a xlink:href=\"javascript:alert(3)\"><text x=\"1\">in link</text>"
	    "</a>"
	    "<foreignObject><div>html</div></foreignObject>"
	    "<polygon fill=\"url(http://evil/x)\" stroke=\"url(#g1)\" "
	    "points='1,2 3,4'/>\n"
	    "<text style=\"x:y\\0041\" font-size=10>A &amp; B & C < D</text>"
	    "<![CDATA[<script>alert(4)</script>]]>"
	    "<TEXT>upper</TEXT>"
	    "</g>\n</svg>\n<script>after</script>";
	static const char want[] =
	    "<svg width=\"8pt\" height=\"4pt\" viewBox=\"0 0 8 4\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">\n"
	    "<g id=\"node1\" class=\"node\"><title>a&#45;&gt;b</title>\n"
	    "<polygon stroke=\"url(#g1)\" points=\"1,2 3,4\"/>\n"
	    "<text font-size=\"10\">A &amp; B &amp; C &lt; D</text>"
	    "</g>\n</svg>";
	char	*out;

	out = report_model_svg_clean(in, sizeof in - 1);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, want);
	free(out);

	/* Unclosed elements are closed; no <svg at all is NULL. */
	out = report_model_svg_clean("<svg><g><text>x", 15);
	ck_assert_str_eq(out, "<svg><g><text>x</text></g></svg>");
	free(out);
	ck_assert_ptr_null(report_model_svg_clean("<svgx/>", 7));
	ck_assert_ptr_null(report_model_svg_clean("<html></html>", 13));
}
END_TEST

START_TEST(test_golden_example_html)
{
	golden("inventories/example", REPORT_HTML, "example.html");
}
END_TEST

START_TEST(test_golden_example_md)
{
	golden("inventories/example", REPORT_MARKDOWN, "example.md");
}
END_TEST

START_TEST(test_golden_kakao_html)
{
	golden("inventories/kakao-2022", REPORT_HTML, "kakao-2022.html");
}
END_TEST

START_TEST(test_golden_kakao_md)
{
	golden("inventories/kakao-2022", REPORT_MARKDOWN, "kakao-2022.md");
}
END_TEST

/* With the diagram: two runs give the same bytes; the SVG is inline,
 * without prolog or comments, and names every service. */
START_TEST(test_deterministic_with_diagram)
{
	struct loaded	 l1, l2;
	const char	*id;
	char		*h1, *h2, *m1, *m2, needle[256];
	size_t		 i, n;

	load(&l1, "inventories/kakao-2022", 1);
	h1 = render(l1.r, REPORT_HTML);
	m1 = render(l1.r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(l1.r->svg);
	ck_assert_int_eq(strncmp(l1.r->svg, "<svg ", 5), 0);
	ck_assert_ptr_null(strstr(l1.r->svg, "<?xml"));
	ck_assert_ptr_null(strstr(l1.r->svg, "<!DOCTYPE"));
	ck_assert_ptr_null(strstr(l1.r->svg, "<!--"));
	ck_assert_ptr_null(strstr(l1.r->svg, "xlink"));
	for (i = 0; i < l1.r->inv->nservices; i++) {
		/* Graphviz writes '-' as &#45;. */
		id = inventory_str(l1.r->inv, l1.r->inv->services[i].e.id);
		n = 0;
		needle[n++] = '>';
		for (; *id != '\0' && n < sizeof needle - 16; id++) {
			if (*id == '-') {
				memcpy(needle + n, "&#45;", 5);
				n += 5;
			} else
				needle[n++] = *id;
		}
		memcpy(needle + n, "</text>", 8);
		ck_assert_msg(strstr(l1.r->svg, needle) != NULL,
		    "the diagram does not name %s", needle);
	}
	ck_assert_ptr_nonnull(strstr(h1, l1.r->svg));
	/* Markdown links no diagram without a sidecar file to link. */
	ck_assert_ptr_null(strstr(m1, "data:"));
	ck_assert_ptr_nonnull(strstr(m1, "\nThe diagram is not included: run "
	    "`faultline report` with `-o FILE.md` to write it to FILE.svg "
	    "beside the report.\n"));
	unload(&l1);

	load(&l2, "inventories/kakao-2022", 1);
	h2 = render(l2.r, REPORT_HTML);
	m2 = render(l2.r, REPORT_MARKDOWN);
	unload(&l2);
	ck_assert_msg(strcmp(h1, h2) == 0, "HTML differs between runs");
	ck_assert_msg(strcmp(m1, m2) == 0, "Markdown differs between runs");
	free(h1);
	free(h2);
	free(m1);
	free(m2);
}
END_TEST

static int
str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The inventory digest of one spelling of a path, from the current
 * working directory. */
static void
digest_of(const char *path, char out[DIGEST_HEX_SIZE])
{
	struct session		 s;
	struct findings		 fl;
	struct report_options	 o;
	struct report		*r;
	const char		*paths[1] = { path };

	session_open(&s, paths, 1);
	ck_assert_msg(s.ok, "%s does not load", path);
	ck_assert_int_eq(findings_compute(s.analysis, TODAY, &fl, &s.diags),
	    0);
	test_options(&o, paths, 0);
	r = report_model_create(s.analysis, &fl, &o, &s.diags);
	ck_assert_ptr_nonnull(r);
	memcpy(out, r->digest, DIGEST_HEX_SIZE);
	report_model_free(r);
	findings_free(&fl);
	session_close(&s);
}

static void
copy_file(const char *from, const char *to)
{
	char	*buf;
	size_t	 len;
	FILE	*fp;

	buf = slurp(from, &len);
	ck_assert_ptr_nonnull(buf);
	ck_assert_ptr_nonnull(fp = fopen(to, "wb"));
	ck_assert_uint_eq(fwrite(buf, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	free(buf);
}

/*
 * The content digest: each file's SHA-256, and the inventory digest over
 * the sorted "sha256  name" lines with names relative to the inventory
 * root -- the same from five spellings of the same files.
 */
START_TEST(test_digests)
{
	static const char *const names[] = { "policies.yaml", "power.yaml",
	    "racks-hosts.yaml", "services.yaml", "sites.yaml" };
	/* sha256sum of the lines, recomputed by hand below too. */
	struct loaded	 l;
	struct digest	 d;
	char		*buf, hex[DIGEST_HEX_SIZE], want[DIGEST_HEX_SIZE];
	char		*lines[5], abs[1200], cwd[1024], from[1400];
	char		 to[PATH_MAX], tmp[] = "/tmp/faultline-digest-XXXXXX";
	size_t		 len, i;

	load(&l, "inventories/example", 0);
	ck_assert_uint_eq(l.r->nfiles, 5);
	ck_assert_int_eq(l.r->single_file, 0);
	for (i = 0; i < l.r->nfiles; i++) {
		buf = slurp(l.r->files[i].path, &len);
		ck_assert_ptr_nonnull(buf);
		digest_sha256_hex(buf, len, hex);
		ck_assert_str_eq(l.r->files[i].sha256, hex);
		ck_assert_str_eq(l.r->files[i].name, names[i]);
		free(buf);
	}
	for (i = 0; i < l.r->nfiles; i++)
		lines[i] = xasprintf("%s  %s\n", l.r->files[i].sha256,
		    names[i]);
	qsort(lines, l.r->nfiles, sizeof lines[0], str_cmp);
	digest_init(&d);
	for (i = 0; i < l.r->nfiles; i++) {
		digest_update(&d, lines[i], strlen(lines[i]));
		free(lines[i]);
	}
	digest_final_hex(&d, want);
	ck_assert_str_eq(l.r->digest, want);
	ck_assert_str_eq(l.r->date, "2023-11-14");
	ck_assert_str_eq(l.r->time, "2023-11-14 22:13:20 UTC");
	ck_assert_str_eq(l.r->version, "9.9-test");

	/* Five spellings: relative, ./ and trailing slashes, absolute, a
	 * byte-identical copy elsewhere, another working directory. */
	digest_of("inventories/example", hex);
	ck_assert_str_eq(hex, want);
	digest_of("./inventories//example/", hex);
	ck_assert_str_eq(hex, want);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	snprintf(abs, sizeof abs, "%s/inventories/example", cwd);
	digest_of(abs, hex);
	ck_assert_str_eq(hex, want);
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	for (i = 0; i < 5; i++) {
		snprintf(from, sizeof from, "%s/%s", abs, names[i]);
		snprintf(to, sizeof to, "%s/%s", tmp, names[i]);
		copy_file(from, to);
	}
	digest_of(tmp, hex);
	ck_assert_str_eq(hex, want);
	ck_assert_int_eq(chdir("tests"), 0);
	digest_of("../inventories/example", hex);
	ck_assert_str_eq(hex, want);
	ck_assert_int_eq(chdir(tmp), 0);
	digest_of(".", hex);
	ck_assert_str_eq(hex, want);
	ck_assert_int_eq(chdir(cwd), 0);

	/* A renamed file changes it; one file alone is its contents. */
	snprintf(from, sizeof from, "%s/sites.yaml", tmp);
	snprintf(to, sizeof to, "%s/sites2.yaml", tmp);
	ck_assert_int_eq(rename(from, to), 0);
	digest_of(tmp, hex);
	ck_assert_str_ne(hex, want);
	digest_of(to, hex);
	ck_assert_str_eq(hex, l.r->files[4].sha256);
	for (i = 0; i < 5; i++) {
		snprintf(to, sizeof to, "%s/%s", tmp, i == 4 ? "sites2.yaml" :
		    names[i]);
		ck_assert_int_eq(unlink(to), 0);
	}
	ck_assert_int_eq(rmdir(tmp), 0);
	unload(&l);
}
END_TEST

/* Names in the digest: below the root; a file root by its base name; a
 * file outside every root relative to the first. */
START_TEST(test_digest_names)
{
	struct diag_list	 dl;
	const char		*roots[2];
	char			*n;

	diag_list_init(&dl);
	ck_assert_int_eq(chdir(test_srcdir()), 0);
	roots[0] = "./inventories/example/";
	n = digest_file_name(roots, 1,
	    "./inventories/example//sites.yaml", &dl);
	ck_assert_str_eq(n, "sites.yaml");
	free(n);
	roots[0] = "inventories/kakao-2022/sites.yaml";
	roots[1] = "inventories/example";
	n = digest_file_name(roots, 2, "inventories/kakao-2022/sites.yaml",
	    &dl);
	ck_assert_str_eq(n, "sites.yaml");
	free(n);
	n = digest_file_name(roots, 2, "inventories/example/power.yaml", &dl);
	ck_assert_str_eq(n, "power.yaml");
	free(n);
	roots[0] = "inventories/example";
	n = digest_file_name(roots, 1, "tests/data/report/hostile/"
	    "inventory.yaml", &dl);
	ck_assert_str_eq(n, "../../tests/data/report/hostile/inventory.yaml");
	free(n);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_ptr_null(digest_file_name(roots, 1, "no/such/dir/x.yaml",
	    &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].message, "cannot resolve path: No such file "
	    "or directory");
	diag_list_free(&dl);
}
END_TEST

START_TEST(test_verdicts)
{
	static const struct {
		const char	*name;
		int		 is_rule;
		const char	*verdict;
	} want[] = {
		{ "critical-survives-site-loss", 0, "fail" },
		{ "standard-survives-host-loss", 0, "fail" },
		{ "tools-in-two-sites", 0, "pass" },
		{ "payments-owned-survive-power-loss", 0, "pass" },
		{ "single-site-tool", 1, "fail" },
		{ "recovery-blocked", 1, "fail" },
		{ "cycle", 1, "pass" },
		{ "tier-inversion", 1, "fail" },
		{ "waiver-expired", 1, "pass" },
	};
	struct loaded	 l;
	size_t		 i;

	load(&l, "inventories/example", 0);
	ck_assert_uint_eq(l.r->nchecks, sizeof want / sizeof want[0]);
	for (i = 0; i < l.r->nchecks; i++) {
		ck_assert_str_eq(l.r->checks[i].name, want[i].name);
		ck_assert_int_eq(l.r->checks[i].is_rule, want[i].is_rule);
		ck_assert_str_eq(report_model_verdict_name(
		    l.r->checks[i].verdict), want[i].verdict);
	}
	/* partner-api's finding is waived, the policy has others. */
	ck_assert_uint_eq(l.r->checks[0].waived, 1);
	ck_assert_str_eq(l.r->checks[3].scope, "services owned by payments; "
	    "id matching ^pay survive the loss of any one power domain");
	ck_assert_str_eq(l.r->checks[2].scope, "services of kind tool "
	    "survive the loss of any one site");
	ck_assert_str_eq(l.r->checks[0].scope, "services of tier 1, 2 "
	    "survive the loss of any one site, power domain, rack or host");
	ck_assert_int_eq(l.r->overall, REPORT_FAIL);
	unload(&l);
}
END_TEST

/* Recovery readiness of the 2022 reconstruction: which faults take which
 * tools; and a ready service of the example. */
static const struct report_recovery *
find_recovery(const struct report *r, const char *id)
{
	size_t	i;

	for (i = 0; i < r->nrecovery; i++)
		if (strcmp(inventory_str(r->inv, r->inv->services[
		    r->recovery[i].service].e.id), id) == 0)
			return &r->recovery[i];
	return NULL;
}

START_TEST(test_recovery)
{
	const struct report_recovery	*rc;
	struct loaded			 l;

	load(&l, "inventories/kakao-2022", 0);
	rc = find_recovery(l.r, "account-db");
	ck_assert_ptr_nonnull(rc);
	ck_assert_uint_eq(rc->ntools, 2);
	/* The minimal fault only: the site that holds the room is implied. */
	ck_assert_uint_eq(rc->nblockers, 1);
	ck_assert_str_eq(rc->blockers[0].fault,
	    "domain:pangyo-b3-battery-room");
	ck_assert_str_eq(rc->blockers[0].tools, "admin-console, monitoring");
	ck_assert_str_eq(report_model_recovery_status(rc), "blocked");
	unload(&l);

	load(&l, "inventories/example", 0);
	rc = find_recovery(l.r, "catalog-db");
	ck_assert_ptr_nonnull(rc);
	ck_assert_uint_eq(rc->ntools, 2);
	ck_assert_uint_eq(rc->nblockers, 0);
	ck_assert_str_eq(report_model_recovery_status(rc), "ready");
	unload(&l);
}
END_TEST

/* Fan-in is the engine's (test_analysis.c checks it against brute force):
 * the model holds its top REPORT_FANIN_TOP entries as they are. */
START_TEST(test_fanin_from_engine)
{
	struct loaded		 l;
	struct impact_fanin	*fi;
	size_t			 n, k;

	load(&l, "inventories/kakao-2022", 0);
	/* Eight of its services take another down: fewer than the top. */
	ck_assert_uint_lt(8, REPORT_FANIN_TOP);
	ck_assert_uint_eq(l.r->nfanin, 8);
	ck_assert_str_eq(inventory_str(l.r->inv,
	    l.r->inv->services[l.r->fanin[0].service].e.id), "account-db");
	ck_assert_uint_eq(l.r->fanin[0].down, 4);
	fi = impact_fanin(l.s.analysis, REPORT_FANIN_TOP, &n);
	ck_assert_uint_eq(n, l.r->nfanin);
	for (k = 0; k < n; k++) {
		ck_assert_uint_eq(l.r->fanin[k].service, fi[k].service);
		ck_assert_uint_eq(l.r->fanin[k].down, fi[k].down);
		ck_assert_uint_eq(l.r->fanin[k].degraded, fi[k].degraded);
	}
	free(fi);
	unload(&l);
}
END_TEST

/* Over REPORT_MATRIX_ALL_ROWS services: only affected rows, capped; over
 * REPORT_MATRIX_MAX_COLS scenarios: only those that affect something. */
START_TEST(test_matrix_limits)
{
	struct inventory	*inv;
	struct analysis		*a;
	struct findings		 fl;
	struct report_options	 o;
	struct report		*r;
	struct diag_list	 dl;
	char			 id[32], *md;
	int			 i;

	inv = fx_create();
	fx_site(inv, "a", 1);
	fx_site(inv, "b", 2);
	fx_site(inv, "c", 3);
	for (i = 0; i < 45; i++) {
		snprintf(id, sizeof id, "p%02d", i);
		fx_power(inv, id, "c", NULL, 4);
	}
	fx_host(inv, "ha", "a", NULL, NULL, 5);
	fx_host(inv, "hb", "b", NULL, NULL, 6);
	for (i = 0; i < 30; i++) {
		snprintf(id, sizeof id, "on-a-%02d", i);
		fx_service(inv, id, SERVICE_APP, 3, "ha", 0, NULL, NULL, 7);
	}
	for (i = 0; i < 310; i++) {
		snprintf(id, sizeof id, "on-b-%03d", i);
		fx_service(inv, id, SERVICE_APP, 3, "hb", 0, NULL, NULL, 8);
	}
	for (i = 0; i < 10; i++) {
		snprintf(id, sizeof id, "ext-%d", i);
		fx_service(inv, id, SERVICE_EXTERNAL, 3, NULL, 0, NULL, NULL,
		    9);
	}
	a = fx_analyse(inv);
	impact_fill_matrix(a);
	diag_list_init(&dl);
	ck_assert_int_eq(findings_compute(a, TODAY, &fl, &dl), 0);
	memset(&o, 0, sizeof o);
	o.version = "t";
	o.today = TODAY;
	/* Fixture files do not exist on disk: digesting them fails. */
	ck_assert_ptr_null(report_model_create(a, &fl, &o, &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "inventory.yaml");
	ck_assert_int_eq(strncmp(dl.v[0].message, "cannot read file: ", 18),
	    0);
	inv->nfiles = 0;	/* no files: nothing to digest */
	r = report_model_create(a, &fl, &o, &dl);
	inv->nfiles = 1;
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->nmcols, 2);
	ck_assert_uint_eq(r->mcols_omitted, 46);
	ck_assert_uint_eq(r->nmrows, REPORT_MATRIX_MAX_ROWS);
	ck_assert_uint_eq(r->mrows_all_up, 10);
	ck_assert_uint_eq(r->mrows_over, 40);
	md = render(r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(md, "\n| Service | site:a | site:b |\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n| `on-a-00` | down | up |\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n10 services omitted: up in every "
	    "scenario shown.\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n40 more affected services omitted "
	    "(at most 300 rows are shown).\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n46 scenarios omitted: no service "
	    "affected, or over the limit of 40 columns.\n"));
	free(md);
	report_model_free(r);
	report_model_free(NULL);
	findings_free(&fl);
	diag_list_free(&dl);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* Case-insensitive search. */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

START_TEST(test_hostile_html)
{
	static const char *const want[] = {
		"<code>db</code><span class=\"name\">&lt;script&gt;alert(1)"
		    "&lt;/script&gt;</span>",
		"<span class=\"name\">line one line two &lt;/td&gt;&lt;/tr&gt;"
		    "&lt;img src=x onerror=alert(4)&gt;</span>",
		"<td>reason with &lt;b&gt;bold&lt;/b&gt; | pipe `tick` and "
		    "newline &amp; ]]&gt;</td>",
		"<code>^deploy$|&lt;script&gt;|`x`|]]&gt;</code>",
		"services of tier 1; owner o|w`n survive",
		"id matching ^(de|&lt;script&gt;) survive",
		"&lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;]]&gt;&lt;!"
		    "&#45;&#45;</text>",
		"<meta http-equiv=\"Content-Security-Policy\" content=\""
		    "default-src 'none'; style-src 'unsafe-inline'; img-src "
		    "data:; script-src 'none';",
	};
	struct loaded	 l;
	char		*h, *p;
	size_t		 i, n;

	load(&l, "tests/data/report/hostile", 1);
	h = render(l.r, REPORT_HTML);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(h, want[i]) != NULL, "missing: %s",
		    want[i]);
	ck_assert(!contains_ci(h, "<script"));
	ck_assert(!contains_ci(h, "<img"));
	ck_assert(!contains_ci(h, "<!--"));
	ck_assert(!contains_ci(h, "javascript:"));
	ck_assert(!contains_ci(h, "<b>ops"));
	ck_assert(!contains_ci(h, "<b>bold"));
	ck_assert(strstr(h, "\nline two") == NULL);
	/* One <svg> element, closed once, inside the figure. */
	for (n = 0, p = h; (p = strstr(p, "<svg")) != NULL; p++)
		n++;
	ck_assert_uint_eq(n, 1);
	for (n = 0, p = h; (p = strstr(p, "</svg>")) != NULL; p++)
		n++;
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(h, "</svg>\n</figure>"));
	free(h);
	unload(&l);
}
END_TEST

START_TEST(test_hostile_markdown)
{
	static const char *const want[] = {
		"\n| `db` (&lt;script&gt;alert(1)&lt;/script&gt;) | down | up "
		    "|\n",
		"\n| `web` (line one line two &lt;/td&gt;&lt;/tr&gt;&lt;img "
		    "src=x onerror=alert(4)&gt;) | down \xc2\xb7 blocked | degraded |\n",
		"\n| `deploy` (&lt;/svg&gt;&lt;script&gt;alert(2)"
		    "&lt;/script&gt;\\]\\]&gt;&lt;!--) | down | up |\n",
		"\n| `tools` | <code>^deploy\\$\\|&lt;script&gt;\\|"
		    "\\`x\\`\\|\\]\\]&gt;</code> | **matches nothing** (no "
		    "finding of this policy or rule on a service it matches) | "
		    "reason with &lt;b&gt;bold&lt;/b&gt; \\| pipe \\`tick\\` "
		    "and newline &amp; \\]\\]&gt; | approver not stated | "
		    "2099-01-01 | **live** | "
		    "`tests/data/report/hostile/inventory.yaml:46:5` |\n",
		"\n| `crit` | `^db$` | `db` (1 finding) | expired &lt;img "
		    "src=x onerror=alert(3)&gt; | approver not stated | "
		    "2020-01-01 | **expired** | "
		    "`tests/data/report/hostile/inventory.yaml:50:5` |\n",
		"| `crit` | policy | services of tier 1; owner o\\|w\\`n "
		    "survive the loss of any one site | error | 1 | 0 | "
		    "**fail** |\n",
		"<br>`db -> host e1 -> site east`",
		"| `waiver-expired` | warning | `waiver:crit:^db$` |  |  | ",
	};
	struct loaded	 l;
	char		*m, *line, *end;
	size_t		 i, pipes;

	load(&l, "tests/data/report/hostile", 1);
	m = render(l.r, REPORT_MARKDOWN);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(m, want[i]) != NULL, "missing: %s",
		    want[i]);
	ck_assert(!contains_ci(m, "<script"));
	ck_assert(!contains_ci(m, "<img"));
	ck_assert(!contains_ci(m, "<b>"));
	ck_assert(!contains_ci(m, "<!--"));
	ck_assert(!contains_ci(m, "<svg"));
	/* Every row of the waivers table has exactly its 9 unescaped pipes. */
	line = strstr(m, "\n## 9. Waivers\n");
	ck_assert_ptr_nonnull(line);
	line = strstr(line, "\n| ");
	for (i = 0; i < 4; i++) {
		end = strchr(line + 1, '\n');
		for (pipes = 0; ++line < end; )
			if (*line == '|' && line[-1] != '\\')
				pipes++;
		ck_assert_uint_eq(pipes, 9);
	}
	free(m);
	unload(&l);
}
END_TEST

static void
same_bytes_twice(const struct command_options *o, const char *path,
    char **keep)
{
	char	*a, *b;
	size_t	 la, lb;

	ck_assert_int_eq(cmd_report(o), 0);
	a = slurp(path, &la);
	ck_assert_int_eq(cmd_report(o), 0);
	b = slurp(path, &lb);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(a, b, la), 0);
	free(b);
	*keep = a;
}

START_TEST(test_cmd_report)
{
	struct command_options	 o;
	const char		*paths[1], *maps[2];
	char			 dir[] = "/tmp/faultline-report-XXXXXX";
	char			 out[PATH_MAX], svg[PATH_MAX], cwd[PATH_MAX];
	char			*a, *b;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(test_srcdir()), 0);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	setenv(VCS_DISABLE_ENV, "1", 1);
	memset(&o, 0, sizeof o);
	paths[0] = "tests/data/report/hostile";
	o.paths = paths;
	o.npaths = 1;

	/* -o is required and names the format. */
	ck_assert_int_eq(cmd_report(&o), EXIT_INVALID);
	o.output = "-";
	ck_assert_int_eq(cmd_report(&o), EXIT_INVALID);
	snprintf(out, sizeof out, "%s/report.txt", dir);
	o.output = out;
	ck_assert_int_eq(cmd_report(&o), EXIT_INVALID);
	ck_assert_int_ne(access(out, F_OK), 0);

	/* Written atomically; the same bytes twice, report and sidecar. */
	snprintf(out, sizeof out, "%s/report.md", dir);
	snprintf(svg, sizeof svg, "%s/report.svg", dir);
	same_bytes_twice(&o, svg, &b);
	same_bytes_twice(&o, out, &a);
	ck_assert_ptr_nonnull(strstr(a, "| Time of analysis | 2023-11-14 "
	    "22:13:20 UTC (from `SOURCE_DATE_EPOCH`) |\n"));
	ck_assert_ptr_nonnull(strstr(a, "| Generated by | faultline "
	    PACKAGE_VERSION));
	ck_assert_ptr_nonnull(strstr(a, "\n![Services diagram](report.svg)"
	    "\n"));
	ck_assert_int_eq(strncmp(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "\n<svg ", 44), 0);
	free(a);
	free(b);
	ck_assert_int_eq(unlink(out), 0);
	ck_assert_int_eq(unlink(svg), 0);
	snprintf(out, sizeof out, "%s/report.html", dir);
	maps[0] = "dora";
	maps[1] = "mappings/iso27001.json";
	o.maps = maps;
	o.nmaps = 2;
	same_bytes_twice(&o, out, &a);
	ck_assert_int_eq(strncmp(a, "<!DOCTYPE html>\n", 16), 0);
	ck_assert_ptr_nonnull(strstr(a, "<h2>11. Regulatory mapping</h2>"));
	ck_assert_int_ne(access(svg, F_OK), 0);
	free(a);
	ck_assert_int_eq(unlink(out), 0);

	/* An unknown mapping or an invalid inventory writes nothing. */
	maps[1] = "no-such-mapping";
	ck_assert_int_eq(cmd_report(&o), EXIT_INVALID);
	ck_assert_int_ne(access(out, F_OK), 0);
	o.nmaps = 0;
	paths[0] = "tests/data/report/no-such-inventory";
	ck_assert_int_eq(cmd_report(&o), EXIT_INVALID);
	ck_assert_int_ne(access(out, F_OK), 0);
	unsetenv("SOURCE_DATE_EPOCH");
	unsetenv(VCS_DISABLE_ENV);
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

/* Six states, each with its own text and class, never colour alone. */
START_TEST(test_cell_states)
{
	static const struct {
		uint8_t		 cell;
		const char	*text;
		const char	*class;
	} want[] = {
		{ STATE_DOWN | MATRIX_BLOCKED, "down \xc2\xb7 blocked",
		    "down-blocked" },
		{ STATE_DEGRADED | MATRIX_BLOCKED, "degraded \xc2\xb7 blocked",
		    "degraded-blocked" },
		{ STATE_UP | MATRIX_EXPOSED, "exposed", "exposed" },
		{ STATE_DOWN, "down", "down" },
		{ STATE_DEGRADED, "degraded", "degraded" },
		{ STATE_UP, "up", "up" },
	};
	const char	*class;
	size_t		 i, j;

	for (i = 0; i < 6; i++) {
		ck_assert_str_eq(report_model_cell_name(want[i].cell, &class),
		    want[i].text);
		ck_assert_str_eq(class, want[i].class);
		ck_assert_str_eq(report_model_states[i].text, want[i].text);
		ck_assert_str_eq(report_model_states[i].class, want[i].class);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(report_model_states[j].text,
			    want[i].text);
	}
}
END_TEST

/* Findings by severity, then tier, then subject; the top components by
 * blast radius with the findings naming them. */
START_TEST(test_order_and_causes)
{
	const struct finding	*a, *b;
	struct loaded		 l;
	char			 ref[256];
	size_t			 i;

	load(&l, "inventories/kakao-2022", 0);
	for (i = 1; i < l.r->fl->n; i++) {
		a = l.r->order[i - 1];
		b = l.r->order[i];
		ck_assert_int_le(a->severity, b->severity);
		if (a->severity != b->severity)
			continue;
		ck_assert_uint_le(report_model_finding_tier(l.r, a),
		    report_model_finding_tier(l.r, b));
		if (report_model_finding_tier(l.r, a) ==
		    report_model_finding_tier(l.r, b))
			ck_assert_int_le(strcmp(a->subject, b->subject), 0);
	}
	ck_assert_int_eq(l.r->order[0]->severity, SEVERITY_ERROR);
	ck_assert_uint_eq(report_model_finding_tier(l.r, l.r->order[0]), 1);
	ck_assert_uint_eq(l.r->ncauses, REPORT_CAUSES_TOP);
	analysis_component_ref(l.s.analysis, l.r->causes[0].component, ref,
	    sizeof ref);
	ck_assert_str_eq(ref, "power:pangyo-switchgear");
	ck_assert_uint_eq(l.r->causes[0].services, 20);
	ck_assert_uint_gt(l.r->causes[0].findings, 0);
	for (i = 1; i < l.r->ncauses; i++)
		ck_assert_uint_ge(l.r->causes[i - 1].services,
		    l.r->causes[i].services);
	unload(&l);
}
END_TEST

/* What each waiver matched, and one that matches nothing. */
START_TEST(test_waiver_matches)
{
	struct report_options	 o;
	struct loaded		 l;
	const char		*roots[1] = { "tests/data/report/hostile" };
	char			*m;

	load(&l, "tests/data/report/hostile", 0);
	ck_assert_uint_eq(l.r->nwaivers, 2);
	/* deploy's site fault is a single-site-tool finding, not one of
	 * policy tools: the waiver matches nothing. */
	ck_assert_uint_eq(l.r->waivers[0].nservices, 0);
	ck_assert_uint_eq(l.r->waivers[0].findings, 0);
	ck_assert_int_eq(l.r->waivers[0].expired, 0);
	ck_assert_uint_eq(l.r->waivers[1].nservices, 1);
	ck_assert_int_eq(l.r->waivers[1].expired, 1);
	unload(&l);

	load(&l, "inventories/example", 0);
	m = render(l.r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(m, "| `critical-survives-site-loss` | "
	    "`^partner-api$` | `partner-api` (1 finding) | "));
	free(m);
	unload(&l);

	/* A waiver whose pattern matches no service with such a finding. */
	load_only(&l, "tests/data/report/hostile");
	free(l.s.inv->waivers[0].service_regex);
	l.s.inv->waivers[0].service_regex = xstrdup("^nothing$");
	test_options(&o, roots, 0);
	l.r = report_model_create(l.s.analysis, &l.fl, &o, &l.s.diags);
	ck_assert_ptr_nonnull(l.r);
	ck_assert_uint_eq(l.r->waivers[0].nservices, 0);
	ck_assert_uint_eq(l.r->waivers[0].findings, 0);
	m = render(l.r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(m, "| `tools` | `^nothing$` | **matches "
	    "nothing** (no finding of this policy or rule on a service it "
	    "matches) | "));
	free(m);
	m = render(l.r, REPORT_HTML);
	ck_assert_ptr_nonnull(strstr(m, "<td><span class=\"v fail\">matches "
	    "nothing</span> (no finding of this policy or rule on a service "
	    "it matches)</td>"));
	free(m);
	unload(&l);
}
END_TEST

/* meta, policy description and reference, waiver approval: shown. */
START_TEST(test_meta_and_approvals)
{
	struct report_options	 o;
	struct loaded		 l;
	const char		*roots[1] = { "tests/data/report/hostile" };
	char			*h, *m;

	load_only(&l, roots[0]);
	l.s.inv->meta.present = 1;
	l.s.inv->meta.name = xstrdup("Hostile <b>system</b>");
	l.s.inv->meta.owner = xstrdup("sre@example.com");
	l.s.inv->meta.description = xstrdup("Two sites, one tool.");
	l.s.inv->meta.assumptions = xcalloc(2, sizeof (char *));
	l.s.inv->meta.assumptions[0] = xstrdup("power feeds are as drawn");
	l.s.inv->meta.nassumptions = 1;
	l.s.inv->policies[0].description = xstrdup("Tier 1 must survive a "
	    "site.");
	l.s.inv->policies[0].reference = xstrdup("DORA Art. 12(4)");
	l.s.inv->waivers[0].approved_by = xstrdup("CISO");
	l.s.inv->waivers[0].granted = 19600;
	l.s.inv->waivers[0].ticket = xstrdup("RISK-42");
	test_options(&o, roots, 0);
	l.r = report_model_create(l.s.analysis, &l.fl, &o, &l.s.diags);
	ck_assert_ptr_nonnull(l.r);
	h = render(l.r, REPORT_HTML);
	m = render(l.r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(h, "<tr><th>System</th><td>Hostile "
	    "&lt;b&gt;system&lt;/b&gt;</td></tr>\n<tr><th>Owner</th><td>"
	    "sre@example.com</td></tr>\n"));
	ck_assert_ptr_nonnull(strstr(h, "<ul>\n<li>power feeds are as drawn"
	    "</li>\n</ul>\n"));
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"name\">Tier 1 must "
	    "survive a site.</span><span class=\"name\">Reference: DORA Art. "
	    "12(4)</span>"));
	ck_assert_ptr_nonnull(strstr(h, "<td>CISO<span class=\"name\">granted "
	    "2023-08-31</span><span class=\"name\">ticket RISK-42</span>"
	    "</td>"));
	ck_assert_ptr_nonnull(strstr(m, "| System | Hostile &lt;b&gt;system"
	    "&lt;/b&gt; |\n| Owner | sre@example.com |\n"));
	ck_assert_ptr_nonnull(strstr(m, "\n### Assumptions\n\n- power feeds "
	    "are as drawn\n"));
	ck_assert_ptr_nonnull(strstr(m, "<br>Tier 1 must survive a site."
	    "<br>Reference: DORA Art. 12(4) |"));
	ck_assert_ptr_nonnull(strstr(m, " | CISO<br>granted 2023-08-31<br>"
	    "ticket RISK-42 | 2099-01-01 | **live** | "));
	ck_assert_ptr_nonnull(strstr(m, "| Time of analysis | 2023-11-14 "
	    "22:13:20 UTC (from `SOURCE_DATE_EPOCH`) |\n| Git commit | not "
	    "looked up (`FAULTLINE_NO_GIT` is set) |\n"));
	free(h);
	free(m);
	unload(&l);
}
END_TEST

static char *
mapping_dir_path(const char *name)
{
	return xasprintf("%s/mappings/%s.json", test_srcdir(), name);
}

/* The shipped mappings load; bad ones are refused with exact messages. */
START_TEST(test_mapping_files)
{
	static const struct {
		const char	*text;
		const char	*want;
	} bad[] = {
		{ "{\"faultline_mapping\": 1,", "t.json:1:24: error: invalid "
		    "JSON: string or '}' expected near end of file\n" },
		{ "[]", "t.json: error: $: must be an object\n" },
		{ "{\"faultline_mapping\": 2, \"id\": \"x\", \"title\": \"t\", "
		    "\"version\": \"1\", \"requirements\": []}",
		    "t.json: error: $.faultline_mapping: must be 1 (the format "
		    "version)\n"
		    "t.json: error: $.requirements: must be a non-empty array "
		    "of requirements\n" },
		{ "{\"faultline_mapping\": 1, \"id\": \"x\", \"title\": \"t\", "
		    "\"version\": \"1\", \"extra\": 1, \"requirements\": [{\"id\": "
		    "\"a\", \"framework\": \"f\", \"article\": \"1\", "
		    "\"requirement\": \"r\", \"source\": \"s\", \"source_date\": "
		    "\"2024-13\", \"verified\": \"X\", \"checks\": [\"spof\", "
		    "\"compliant\"], \"needs\": [\"service.rpo\"]}]}",
		    "t.json: error: $.extra: unknown key\n"
		    "t.json: error: $.requirements[0].verified: must be P, S or "
		    "U\n"
		    "t.json: error: $.requirements[0].checks[1]: unknown check "
		    "'compliant'\n"
		    "t.json: error: $.requirements[0].needs[0]: unknown "
		    "inventory data 'service.rpo' (expected service.rto, "
		    "service.owner, meta.name, meta.owner, meta.description, "
		    "meta.assumptions or domain:TYPE)\n" },
	};
	static const char *const shipped[] = { "dora", "iso27001",
	    "kr-digital" };
	struct diag_list	 dl;
	struct mapping		*m;
	char			*path, *out = NULL, dir[] =
	    "/tmp/faultline-map-XXXXXX", cwd[PATH_MAX];
	size_t			 i, len = 0;
	FILE			*fp;

	diag_list_init(&dl);
	for (i = 0; i < 3; i++) {
		path = mapping_dir_path(shipped[i]);
		m = mapping_load(shipped[i], path, &dl);
		ck_assert_msg(m != NULL, "%s does not load", path);
		ck_assert_str_eq(m->id, shipped[i]);
		ck_assert_uint_gt(m->n, 3);
		mapping_free(m);
		free(path);
	}
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chdir(dir), 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_ptr_nonnull(fp = fopen("t.json", "w"));
		fputs(bad[i].text, fp);
		fclose(fp);
		diag_list_init(&dl);
		ck_assert_ptr_null(mapping_load("t.json", "t.json", &dl));
		ck_assert_ptr_nonnull(fp = open_memstream(&out, &len));
		diag_list_print(&dl, fp, 0);
		fclose(fp);
		ck_assert_str_eq(out, bad[i].want);
		free(out);
		diag_list_free(&dl);
	}
	ck_assert_int_eq(unlink("t.json"), 0);
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_int_eq(rmdir(dir), 0);

	/* A path is taken as is; a name must be installed. */
	path = mapping_find("./my.json", &dl);
	ck_assert_str_eq(path, "./my.json");
	free(path);
	ck_assert_ptr_null(mapping_find("gdpr", &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].message, "--map gdpr: no such mapping "
	    "(available: dora, iso27001, kr-digital; or give the path of a "
	    "mapping file)");
	diag_list_free(&dl);
}
END_TEST

static const struct report_requirement *
requirement(const struct report *r, size_t map, const char *id)
{
	size_t	i;

	for (i = 0; i < r->maps[map].n; i++)
		if (strcmp(r->maps[map].v[i].q->id, id) == 0)
			return &r->maps[map].v[i];
	ck_abort_msg("no requirement %s", id);
	return NULL;
}

/* kakao-2022 against DORA and the Korean rules: contradicts, supports,
 * not assessable with the missing field, unverified rows. */
START_TEST(test_mapping_kakao)
{
	const struct report_requirement	*q;
	struct diag_list		 dl;
	const struct mapping		*maps[2];
	struct mapping			*m0, *m1;
	struct loaded			 l;
	char				*p0, *p1, *md, *h;

	diag_list_init(&dl);
	p0 = mapping_dir_path("dora");
	p1 = mapping_dir_path("kr-digital");
	ck_assert_ptr_nonnull(m0 = mapping_load("dora", p0, &dl));
	ck_assert_ptr_nonnull(m1 = mapping_load("kr-digital", p1, &dl));
	maps[0] = m0;
	maps[1] = m1;
	load_maps(&l, "inventories/kakao-2022", 0, maps, 2);

	q = requirement(l.r, 0, "DORA-12-4");
	ck_assert_int_eq(q->status, REPORT_CONTRADICTS);
	ck_assert_str_eq(q->evidence, "losing site:pangyo alone takes down 19 "
	    "tier-1 or tier-2 services (Site and power loss); losing "
	    "power:pangyo-switchgear alone takes down 19 tier-1 or tier-2 "
	    "services (Site and power loss); 2 of 3 policies fail, e.g. "
	    "tier1-survives-site-loss (Verdicts)");
	ck_assert_ptr_null(q->missing);
	q = requirement(l.r, 0, "DORA-10-1");
	ck_assert_int_eq(q->status, REPORT_SUPPORTS);
	ck_assert_str_eq(q->evidence, "23 spof findings, each naming the "
	    "single point and its blast radius (Findings)");
	q = requirement(l.r, 0, "DORA-12-6");
	ck_assert_int_eq(q->status, REPORT_NOT_ASSESSABLE);
	ck_assert_str_eq(q->missing, "service.rto (given for 0 of 17 tier-1 "
	    "services); recovery point objectives (not held in an "
	    "inventory)");
	q = requirement(l.r, 1, "KR-PLAN-TOOLS");
	ck_assert_int_eq(q->status, REPORT_CONTRADICTS);
	q = requirement(l.r, 1, "KR-NOTICE-POWER");
	ck_assert_str_eq(q->missing, "domains of type battery-room");
	ck_assert_str_eq(l.r->maps[0].m->sha256, m0->sha256);

	md = render(l.r, REPORT_MARKDOWN);
	h = render(l.r, REPORT_HTML);
	ck_assert_ptr_nonnull(strstr(md, "\n## 11. Regulatory mapping\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Mapping `dora` | `sha256:"));
	ck_assert_ptr_nonnull(strstr(md, "| `site-loss`, `power-loss`, "
	    "`policies` | **contradicts** | losing site:pangyo"));
	ck_assert_ptr_nonnull(strstr(md, "| `spof-identified` | **supports** "
	    "| 23 spof findings"));
	ck_assert_ptr_nonnull(strstr(md, "| \xe2\x80\x94 | **not assessable** "
	    "|  | service.rto (given for 0 of 17 tier-1 services); recovery "
	    "point objectives (not held in an inventory) |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| unverified \xe2\x80\x94 check the "
	    "official text (the inventory: contradicts) |"));
	ck_assert_ptr_nonnull(strstr(md, "[U] \xed\x95\xb5\xec\x8b\xac"));
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"v na\">unverified "
	    "&#8212; check the official text (the inventory: not assessable)"
	    "</td>"));
	ck_assert(!contains_ci(md, "compliant"));
	ck_assert(!contains_ci(h, "compliant"));
	free(md);
	free(h);
	unload(&l);
	mapping_free(m0);
	mapping_free(m1);
	free(p0);
	free(p1);
	diag_list_free(&dl);
}
END_TEST

/* The git commit of an inventory in a fresh repository, when git runs. */
START_TEST(test_vcs_commit)
{
	char	 dir[] = "/tmp/faultline-git-XXXXXX", *cmd, *commit, *path;
	int	 dirty;
	FILE	*fp;

	unsetenv(VCS_DISABLE_ENV);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(vcs_commit(dir, &commit, &dirty), VCS_NONE);
	ck_assert_ptr_null(commit);
	cmd = xasprintf("cd %s && git init -q . && echo 'faultline: 1' "
	    ">a.yaml && git add a.yaml && git -c user.name=t -c "
	    "user.email=t@t -c commit.gpgsign=false commit -q -m t "
	    ">/dev/null 2>&1", dir);
	if (system(cmd) != 0) {
		/* git is not installed: the lookup says none. */
		ck_assert_int_eq(vcs_commit(dir, &commit, &dirty), VCS_NONE);
	} else {
		ck_assert_int_eq(vcs_commit(dir, &commit, &dirty), VCS_FOUND);
		ck_assert_uint_eq(strlen(commit), 40);
		ck_assert_int_eq(dirty, 0);
		free(commit);
		path = xasprintf("%s/a.yaml", dir);
		ck_assert_ptr_nonnull(fp = fopen(path, "a"));
		fputs("# changed\n", fp);
		fclose(fp);
		ck_assert_int_eq(vcs_commit(path, &commit, &dirty), VCS_FOUND);
		ck_assert_int_eq(dirty, 1);
		free(commit);
		free(path);
		setenv(VCS_DISABLE_ENV, "1", 1);
		ck_assert_int_eq(vcs_commit(dir, &commit, &dirty),
		    VCS_DISABLED);
		ck_assert_ptr_null(commit);
		unsetenv(VCS_DISABLE_ENV);
	}
	free(cmd);
	cmd = xasprintf("rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}
END_TEST

Suite *
suite_report(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc;

	tc = tcase_create("model");
	tcase_add_test(tc, test_format_of);
	tcase_add_test(tc, test_svg_clean);
	tcase_add_test(tc, test_digests);
	tcase_add_test(tc, test_digest_names);
	tcase_add_test(tc, test_cell_states);
	tcase_add_test(tc, test_order_and_causes);
	tcase_add_test(tc, test_waiver_matches);
	tcase_add_test(tc, test_mapping_files);
	tcase_add_test(tc, test_vcs_commit);
	tcase_add_test(tc, test_verdicts);
	tcase_add_test(tc, test_recovery);
	tcase_add_test(tc, test_fanin_from_engine);
	tcase_add_test(tc, test_matrix_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("render");
	tcase_add_test(tc, test_golden_example_html);
	tcase_add_test(tc, test_golden_example_md);
	tcase_add_test(tc, test_golden_kakao_html);
	tcase_add_test(tc, test_golden_kakao_md);
	tcase_add_test(tc, test_deterministic_with_diagram);
	tcase_add_test(tc, test_hostile_html);
	tcase_add_test(tc, test_hostile_markdown);
	tcase_add_test(tc, test_meta_and_approvals);
	tcase_add_test(tc, test_mapping_kakao);
	tcase_add_test(tc, test_cmd_report);
	suite_add_tcase(s, tc);
	return s;
}
