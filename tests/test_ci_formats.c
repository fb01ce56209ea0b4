/*
 * test_ci_formats.c -- the CI outputs (SARIF, JUnit, GitHub workflow
 * commands), baselines and `faultline diff`: goldens of a small inventory
 * (tests/data/ci/), hostile strings that must stay well-formed, and an
 * edited inventory (lines moved, a single-site tier-1 service added) whose
 * new findings are asserted exactly.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "baseline.h"
#include "commands.h"
#include "config.h"
#include "findings.h"
#include "out_diff.h"
#include "out_github.h"
#include "out_json.h"
#include "out_junit.h"
#include "out_sarif.h"
#include "session.h"
#include "suites.h"
#include "xalloc.h"

#define TODAY		20454	/* 2026-01-01 */
#define VERSION_MARK	"@PACKAGE_VERSION@"

typedef int (*render_fn)(FILE *, const struct inventory *,
    const struct analysis *, const struct findings *);

/* Run from the source tree, so inventory paths are relative to it. */
static void
enter_srcdir(void)
{
	ck_assert_int_eq(chdir(test_srcdir()), 0);
}

static void
open_inventory(const char *path, struct session *s, struct findings *fl)
{
	const char	*paths[1] = { path };

	memset(fl, 0, sizeof *fl);
	session_open(s, paths, 1);
	ck_assert_msg(s->ok, "%s does not load", path);
	ck_assert_int_eq(findings_compute(s->analysis, TODAY, fl, &s->diags),
	    0);
}

/* --format junit at --fail-on error, as a render_fn. */
static int
junit_error(FILE *fp, const struct inventory *inv, const struct analysis *a,
    const struct findings *fl)
{
	return out_junit_check(fp, inv, a, fl, SEVERITY_ERROR);
}

/* --format github without root-cause groups, as a render_fn. */
static int
github_plain(FILE *fp, const struct inventory *inv, const struct analysis *a,
    const struct findings *fl)
{
	size_t	dropped;

	return out_github_check(fp, inv, a, fl, NULL, &dropped);
}

static char *
render(render_fn fn, const struct inventory *inv, const struct analysis *a,
    const struct findings *fl)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fn(fp, inv, a, fl), 0);
	fclose(fp);
	return buf;
}

static char *
read_file(const char *path)
{
	char	*buf;
	long	 len;
	FILE	*fp;

	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot read %s", path);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)len + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, fp), (size_t)len);
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

/* A copy of s with each "from" replaced by "to". */
static char *
replace(const char *s, const char *from, const char *to)
{
	const char	*p;
	char		*out;
	size_t		 n = 0, lf = strlen(from), lt = strlen(to), len = 0;

	for (p = s; (p = strstr(p, from)) != NULL; p += lf)
		n++;
	out = xmalloc(strlen(s) + n * lt + 1);
	while ((p = strstr(s, from)) != NULL) {
		memcpy(out + len, s, (size_t)(p - s));
		len += (size_t)(p - s);
		memcpy(out + len, to, lt);
		len += lt;
		s = p + lf;
	}
	strcpy(out + len, s);
	return out;
}

/* Like ck_assert_str_eq, but reports only the first differing line. */
static void
assert_same_text(const char *got, const char *want, const char *name)
{
	size_t	i, line = 1, bol = 0;

	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++) {
		if (got[i] == '\n') {
			line++;
			bol = i + 1;
		}
	}
	ck_assert_msg(got[i] == want[i], "%s: line %zu differs:\n got: %.200s"
	    "\nwant: %.200s", name, line, got + bol, want + bol);
}

/*
 * Compare output with the golden file tests/data/ci/name, in which the
 * version is written VERSION_MARK; GOLDEN_UPDATE=1 rewrites the file.
 */
static void
assert_golden(const char *output, const char *name)
{
	char	*path, *expected, *actual, *marked;
	FILE	*fp;

	path = xasprintf("tests/data/ci/%s", name);
	actual = replace(output, "\"version\": \"" PACKAGE_VERSION "\",",
	    "\"version\": \"" VERSION_MARK "\",");
	if (getenv("GOLDEN_UPDATE") != NULL &&
	    strcmp(getenv("GOLDEN_UPDATE"), "1") == 0) {
		fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs(actual, fp);
		fclose(fp);
	}
	free(actual);
	marked = read_file(path);
	expected = replace(marked, VERSION_MARK, PACKAGE_VERSION);
	assert_same_text(output, expected, path);
	free(marked);
	free(expected);
	free(path);
}

static void
golden(render_fn fn, const char *name)
{
	struct session	 s;
	struct findings	 fl;
	char		*out;

	enter_srcdir();
	open_inventory("tests/data/ci/old", &s, &fl);
	out = render(fn, s.inv, s.analysis, &fl);
	assert_golden(out, name);
	free(out);
	findings_free(&fl);
	session_close(&s);
}

START_TEST(test_sarif_golden)
{
	golden(out_sarif_check, "old.sarif");
}
END_TEST

START_TEST(test_junit_golden)
{
	golden(junit_error, "old.junit.xml");
}
END_TEST

START_TEST(test_github_golden)
{
	golden(github_plain, "old.github.txt");
}
END_TEST

static const struct finding *
find(const struct findings *fl, const char *rule, const char *subject,
    const char *cause)
{
	size_t	i;

	for (i = 0; i < fl->n; i++) {
		if (strcmp(findings_rule_id(fl->v[i].rule), rule) == 0 &&
		    strcmp(fl->v[i].subject, subject) == 0 &&
		    fl->v[i].cause != NULL && strcmp(fl->v[i].cause, cause) == 0)
			return &fl->v[i];
	}
	ck_abort_msg("no finding %s %s %s", rule, subject, cause);
	return NULL;
}

/* Fingerprints hash rule, subject and cause: moving lines keeps them. */
START_TEST(test_sarif_fingerprint_stable)
{
	struct session		 so, sn;
	struct findings		 fo, fn;
	const struct finding	*a, *b;
	char			 ha[65], hb[65];

	enter_srcdir();
	open_inventory("tests/data/ci/old", &so, &fo);
	open_inventory("tests/data/ci/new", &sn, &fn);
	a = find(&fo, "spof", "service:web", "site:alpha");
	b = find(&fn, "spof", "service:web", "site:alpha");
	ck_assert_uint_eq(a->mark.line, 13);
	ck_assert_uint_eq(b->mark.line, 40);
	out_sarif_fingerprint(a, ha);
	out_sarif_fingerprint(b, hb);
	ck_assert_str_eq(ha, hb);
	ck_assert_str_eq(ha, "0eabc2a8c0cdd2d2322862d9bec07f0a9351da2a9fc07ccf"
	    "17d6353f4383b02f");
	a = find(&fo, "spof", "service:db", "site:alpha");
	out_sarif_fingerprint(a, ha);
	ck_assert_str_ne(ha, hb);
	findings_free(&fo);
	findings_free(&fn);
	session_close(&so);
	session_close(&sn);
}
END_TEST

START_TEST(test_relpath)
{
	char	*cwd, *abs, *rel;

	cwd = getcwd(NULL, 0);
	abs = xasprintf("%s/inv/a.yaml", cwd);
	rel = out_sarif_relpath(abs);
	ck_assert_str_eq(rel, "inv/a.yaml");
	free(rel);
	rel = out_sarif_relpath("./././inv/b.yaml");
	ck_assert_str_eq(rel, "inv/b.yaml");
	free(rel);
	rel = out_sarif_relpath("/nonexistent-root/c.yaml");
	ck_assert_str_eq(rel, "/nonexistent-root/c.yaml");
	free(rel);
	rel = out_sarif_relpath("../d.yaml");
	ck_assert_str_eq(rel, "../d.yaml");
	free(rel);
	free(abs);
	free(cwd);
}
END_TEST

/* Hostile strings everywhere a renderer writes text. */
#define HOSTILE_FILE	"dir \"q\"/<script>]]>&'%,:\x01.yaml"
#define HOSTILE_ID	"<script>alert('x')</script>"

static struct finding *
add_finding(struct findings *fl, enum rule rule, enum severity severity,
    const char *subject, const char *cause, const char *message)
{
	struct finding	*f;

	f = findings_add(fl);
	f->rule = rule;
	f->severity = severity;
	f->subject = xstrdup(subject);
	f->cause = cause != NULL ? xstrdup(cause) : NULL;
	f->text = xstrdup(message);
	return f;
}

static struct inventory *
hostile(struct findings *fl)
{
	struct inventory	*inv = inventory_create();
	struct finding		*f;

	inventory_add_file(inv, HOSTILE_FILE);
	memset(fl, 0, sizeof *fl);
	f = add_finding(fl, RULE_SPOF, SEVERITY_ERROR, "service:" HOSTILE_ID,
	    "site:a,b:c%", "100% down, \"q\" <b>&amp;</b> ]]> one\ntwo\r\x01"
	    "\x1b end \xff\xc3\xa9");
	f->path_text = xstrdup("p\x02 -> q");
	f->has_mark = 1;
	f->mark.line = 3;
	f->mark.column = 5;
	f = add_finding(fl, RULE_SPOF, SEVERITY_WARNING, "service:" HOSTILE_ID,
	    "host:h", "second");
	f->has_mark = 1;
	f->mark.line = 3;
	f->mark.column = 5;
	f->waived = 1;
	f->waiver_reason = xstrdup("OPS-1 \"tmp\" <until> & ']]>' \x7f");
	add_finding(fl, RULE_SCHEMA, SEVERITY_ERROR, "file:" HOSTILE_FILE,
	    NULL, "cannot read: 'x'");
	return inv;
}

START_TEST(test_hostile_junit)
{
	struct inventory	*inv;
	struct findings		 fl;
	char			*out;

	enter_srcdir();
	inv = hostile(&fl);
	out = render(junit_error, inv, NULL, &fl);
	ck_assert_str_eq(out,
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<testsuites name=\"faultline\" tests=\"2\" failures=\"2\" errors=\"0\" skipped=\"0\">\n"
"  <testsuite name=\"spof\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
"    <testcase classname=\"spof\" name=\"&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;\">\n"
"      <failure message=\"100% down, &quot;q&quot; &lt;b&gt;&amp;amp;&lt;/b&gt; ]]&gt; one&#10;two&#13;\xef\xbf\xbd\xef\xbf\xbd end \xef\xbf\xbd\xc3\xa9\" type=\"error\">"
"dir &quot;q&quot;/&lt;script&gt;]]&gt;&amp;&apos;%,:\xef\xbf\xbd.yaml:3:5: error: [spof] 100% down, &quot;q&quot; &lt;b&gt;&amp;amp;&lt;/b&gt; ]]&gt; one\ntwo&#13;\xef\xbf\xbd\xef\xbf\xbd end \xef\xbf\xbd\xc3\xa9\n"
"  p\xef\xbf\xbd -&gt; q\n"
"dir &quot;q&quot;/&lt;script&gt;]]&gt;&amp;&apos;%,:\xef\xbf\xbd.yaml:3:5: warning: [spof] second (waived: OPS-1 &quot;tmp&quot; &lt;until&gt; &amp; &apos;]]&gt;&apos; \x7f)\n"
"</failure>\n"
"    </testcase>\n"
"  </testsuite>\n"
"  <testsuite name=\"schema\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
"    <testcase classname=\"schema\" name=\"dir &quot;q&quot;/&lt;script&gt;]]&gt;&amp;&apos;%,:\xef\xbf\xbd.yaml\">\n"
"      <failure message=\"cannot read: &apos;x&apos;\" type=\"error\">error: [schema] cannot read: &apos;x&apos;\n"
"</failure>\n"
"    </testcase>\n"
"  </testsuite>\n"
"</testsuites>\n");
	/* The same bytes, for tests/sarif_validate.py to parse back. */
	assert_golden(out, "hostile.junit.xml");
	free(out);
	findings_free(&fl);
	inventory_free(inv);
}
END_TEST

START_TEST(test_hostile_github)
{
	struct inventory	*inv;
	struct findings		 fl;
	char			*out;

	inv = hostile(&fl);
	out = render(github_plain, inv, NULL, &fl);
	ck_assert_str_eq(out,
"::error file=dir \"q\"/<script>]]>&'%25%2C%3A?.yaml,line=3,col=5,"
"title=[spof] service%3A<script>alert('x')</script>::100%25 down, \"q\" "
"<b>&amp;</b> ]]> one%0Atwo%0D?? end ?\xc3\xa9%0Ap? -> q\n"
"::error file=dir \"q\"/<script>]]>&'%25%2C%3A?.yaml,title=[schema] "
"file%3Adir \"q\"/<script>]]>&'%25%2C%3A?.yaml::cannot read: 'x'\n"
"::notice file=dir \"q\"/<script>]]>&'%25%2C%3A?.yaml,line=3,col=5,"
"title=[spof] service%3A<script>alert('x')</script> (waived)::second "
"(waived: OPS-1 \"tmp\" <until> & ']]>' ?)\n");
	free(out);
	findings_free(&fl);
	inventory_free(inv);
}
END_TEST

START_TEST(test_hostile_sarif)
{
	struct inventory	*inv;
	struct findings		 fl;
	json_t			*root, *r;
	json_error_t		 err;
	char			*out;

	enter_srcdir();
	inv = hostile(&fl);
	out = render(out_sarif_check, inv, NULL, &fl);
	assert_golden(out, "hostile.sarif");
	root = json_loads(out, 0, &err);
	ck_assert_ptr_nonnull(root);
	r = json_array_get(json_object_get(json_array_get(json_object_get(root,
	    "runs"), 0), "results"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r,
	    "message"), "text")), "100% down, \"q\" <b>&amp;</b> ]]> one\ntwo"
	    "\r\x01\x1b end \xef\xbf\xbd\xc3\xa9\nPath: p\x02 -> q");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    json_object_get(json_array_get(json_object_get(r, "locations"), 0),
	    "physicalLocation"), "artifactLocation"), "uri")),
	    "dir%20%22q%22/%3Cscript%3E%5D%5D%3E%26%27%25%2C%3A%01.yaml");
	/* No cause entity in this inventory: no related location. */
	ck_assert_ptr_null(json_object_get(r, "relatedLocations"));
	r = json_array_get(json_object_get(json_array_get(json_object_get(root,
	    "runs"), 0), "results"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(r, "suppressions"), 0), "justification")),
	    "OPS-1 \"tmp\" <until> & ']]>' \x7f");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(r, "suppressions"), 0), "kind")), "external");
	json_decref(root);
	free(out);
	findings_free(&fl);
	inventory_free(inv);
}
END_TEST

/* No findings: an empty results list, still a whole log. */
START_TEST(test_sarif_empty)
{
	struct findings	 fl;
	json_t		*root, *results;
	json_error_t	 err;
	char		*out;
	const char	*tail = "\"results\": []\n    }\n  ]\n}\n";

	memset(&fl, 0, sizeof fl);
	out = render(out_sarif_check, NULL, NULL, &fl);
	ck_assert_str_eq(out + strlen(out) - strlen(tail), tail);
	root = json_loads(out, 0, &err);
	ck_assert_ptr_nonnull(root);
	results = json_object_get(json_array_get(json_object_get(root,
	    "runs"), 0), "results");
	ck_assert(json_is_array(results));
	ck_assert_uint_eq(json_array_size(results), 0);
	json_decref(root);
	free(out);
}
END_TEST

static char *
temp_path(void)
{
	char	*path;
	int	 fd;

	path = xasprintf("%s/faultline-ci-XXXXXX", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	close(fd);
	return path;
}

static void
write_text(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
assert_load_error(const char *text, const char *expected)
{
	struct diag_list	 dl;
	struct baseline		*b = (struct baseline *)&dl;
	char			*path, *msg;

	path = temp_path();
	if (text != NULL)
		write_text(path, text);
	else
		unlink(path);
	diag_list_init(&dl);
	ck_assert_int_eq(baseline_load(path, &b, &dl), -1);
	ck_assert_ptr_null(b);
	ck_assert_uint_eq(dl.n, 1);
	msg = xasprintf("%s:%u:%u: %s", dl.v[0].file, dl.v[0].line,
	    dl.v[0].column, dl.v[0].message);
	free(path);
	path = xasprintf("%s:", dl.v[0].file);
	ck_assert_str_eq(msg + strlen(path), expected);
	free(msg);
	free(path);
	diag_list_free(&dl);
}

START_TEST(test_baseline_load_errors)
{
	assert_load_error(NULL, "0:0: cannot read baseline: No such file or "
	    "directory");
	assert_load_error("{\"faultline\": 1,\n \"findings\": [}\n",
	    "2:15: baseline is not JSON: unexpected token near '}'");
	assert_load_error("[]", "0:0: baseline is not the output of "
	    "'faultline check --format json': the top level is not an object");
	assert_load_error("{\"faultline\": 2, \"findings\": []}", "0:0: "
	    "baseline is not the output of 'faultline check --format json': "
	    "\"faultline\" is not 1");
	assert_load_error("{\"faultline\": 1}", "0:0: baseline is not the "
	    "output of 'faultline check --format json': no \"findings\" list");
	assert_load_error("{\"faultline\": 1, \"findings\": [{\"rule\": "
	    "\"spof\", \"subject\": \"service:a\", \"cause\": null}, "
	    "{\"rule\": \"spof\"}]}", "0:0: baseline is not the output of "
	    "'faultline check --format json': finding 2 lacks a \"rule\" or "
	    "\"subject\" string");
	/* Read one value at a time, yet jansson's reason and the position
	 * in the whole file. */
	assert_load_error("{\"faultline\": 1,\n \"findings\": [\n  {\"rule\": "
	    "\"spof\", \"subject\": \"service:a\"},\n  {\"rule\": \"spof\", "
	    "\"subject\": \"service:\xff\"}\n ]}\n", "4:39: baseline is not "
	    "JSON: unable to decode byte 0xff near '\"service:'");
	assert_load_error("{\"faultline\": 1,\n \"services\": [{\"id\": 01}],\n"
	    " \"findings\": []}\n", "2:22: baseline is not JSON: invalid token "
	    "near '0'");
	assert_load_error("{\"faultline\": 1, \"findings\": []} x", "1:34: "
	    "baseline is not JSON: end of file expected near 'x'");
	assert_load_error("{\"faultline\": 1, \"findings\": [\n  {\"rule\": "
	    "\"spof\",\n   \"subject\": tru}]}", "3:17: baseline is not JSON: "
	    "invalid token near 'tru'");
	assert_load_error("{\"faultline\": 1, \"findings\": [", "1:30: baseline "
	    "is not JSON: unexpected end of file");
	assert_load_error("{\"faultline\": 1, \"findings\": {}}", "0:0: baseline "
	    "is not the output of 'faultline check --format json': no "
	    "\"findings\" list");
}
END_TEST

#if !defined(__SANITIZE_ADDRESS__)
/*
 * Memory in proportion to the kept keys, not to the file: a baseline of
 * 40,000 findings padded to about 24 MB loads within 48 MB of data (a
 * whole-document decode takes about ten times the file).  Not under
 * AddressSanitizer, whose shadow memory counts against the limit.
 */
START_TEST(test_baseline_memory)
{
	struct rlimit	 rl;
	struct diag_list dl;
	struct baseline	*b;
	char		*path, pad[513];
	FILE		*fp;
	pid_t		 pid;
	size_t		 i;
	int		 status;

	memset(pad, 'x', sizeof pad - 1);
	pad[sizeof pad - 1] = '\0';
	path = temp_path();
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("{\"faultline\": 1, \"findings\": [\n", fp);
	for (i = 0; i < 40000; i++)
		fprintf(fp, "%s{\"rule\": \"spof\", \"subject\": \"service:s%zu\", "
		    "\"cause\": \"host:h%zu\", \"message\": \"%s\"}\n",
		    i == 0 ? "" : ",", i, i % 7, pad);
	fputs("]}\n", fp);
	ck_assert_int_eq(fclose(fp), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		rl.rlim_cur = rl.rlim_max = 48u << 20;
		if (setrlimit(RLIMIT_DATA, &rl) != 0)
			_exit(3);
		diag_list_init(&dl);
		if (baseline_load(path, &b, &dl) != 0)
			_exit(4);
		_exit(baseline_count(b) == 40000 ? 0 : 5);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	unlink(path);
	free(path);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST
#endif

/* Keys are rule, subject and cause; a missing cause is not "". */
START_TEST(test_baseline_keys)
{
	struct findings	 old, cur;
	struct baseline	*b;

	memset(&old, 0, sizeof old);
	memset(&cur, 0, sizeof cur);
	add_finding(&old, RULE_SPOF, SEVERITY_ERROR, "service:a", "site:x",
	    "m");
	add_finding(&old, RULE_CYCLE, SEVERITY_WARNING, "service:a", NULL,
	    "m");
	add_finding(&old, RULE_SPOF, SEVERITY_ERROR, "service:a", "site:x",
	    "duplicate");
	b = baseline_from_findings(&old);
	ck_assert_uint_eq(baseline_count(b), 2);
	add_finding(&cur, RULE_SPOF, SEVERITY_ERROR, "service:a", "site:x",
	    "another message")->mark.line = 99;
	add_finding(&cur, RULE_SPOF, SEVERITY_ERROR, "service:a", "site:y",
	    "m");
	add_finding(&cur, RULE_CYCLE, SEVERITY_WARNING, "service:a", "", "m");
	add_finding(&cur, RULE_CYCLE, SEVERITY_WARNING, "service:a", NULL,
	    "m");
	add_finding(&cur, RULE_TIER_INVERSION, SEVERITY_WARNING, "service:a",
	    "site:x", "m");
	baseline_apply(b, &cur);
	ck_assert_int_eq(cur.v[0].baselined, 1);
	ck_assert_int_eq(cur.v[1].baselined, 0);
	ck_assert_int_eq(cur.v[2].baselined, 0);
	ck_assert_int_eq(cur.v[3].baselined, 1);
	ck_assert_int_eq(cur.v[4].baselined, 0);
	ck_assert_int_eq(baseline_contains(b, &cur.v[3]), 1);
	ck_assert_int_eq(baseline_contains(b, &cur.v[4]), 0);
	baseline_free(b);
	baseline_free(NULL);
	findings_free(&old);
	findings_free(&cur);
}
END_TEST

/* Many keys: the table grows and keeps every one. */
START_TEST(test_baseline_many)
{
	struct findings	 fl;
	struct baseline	*b;
	char		 subject[32];
	size_t		 i;

	memset(&fl, 0, sizeof fl);
	for (i = 0; i < 5000; i++) {
		snprintf(subject, sizeof subject, "service:s%zu", i);
		add_finding(&fl, RULE_SPOF, SEVERITY_ERROR, subject,
		    i % 2 ? "site:a" : NULL, "m");
	}
	b = baseline_from_findings(&fl);
	ck_assert_uint_eq(baseline_count(b), 5000);
	free(fl.v[4999].subject);
	fl.v[4999].subject = xstrdup("service:other");
	baseline_apply(b, &fl);
	for (i = 0; i < 4999; i++)
		ck_assert_int_eq(fl.v[i].baselined, 1);
	ck_assert_int_eq(fl.v[4999].baselined, 0);
	baseline_free(b);
	findings_free(&fl);
}
END_TEST

/* Findings of NEW that are not baselined, as "rule subject cause" lines. */
static char *
unbaselined(const struct findings *fl)
{
	char	*buf = NULL;
	size_t	 len = 0, i;
	FILE	*fp = open_memstream(&buf, &len);

	for (i = 0; i < fl->n; i++)
		if (!fl->v[i].baselined)
			fprintf(fp, "%s %s %s\n", findings_rule_id(fl->v[i].rule),
			    fl->v[i].subject, fl->v[i].cause != NULL ?
			    fl->v[i].cause : "-");
	fclose(fp);
	return buf;
}

/*
 * A baseline written by `check --format json` on OLD, applied to NEW
 * (every line moved, one single-site tier-1 service added): exactly the
 * new service's findings are new.
 */
START_TEST(test_baseline_moved_and_added)
{
	struct session	 so, sn;
	struct findings	 fo, fn;
	struct diag_list dl;
	struct baseline	*b;
	char		*path, *out, *news;
	FILE		*fp;

	enter_srcdir();
	open_inventory("tests/data/ci/old", &so, &fo);
	open_inventory("tests/data/ci/new", &sn, &fn);
	path = temp_path();
	fp = fopen(path, "w");
	ck_assert_int_eq(out_json_check(fp, so.inv, so.analysis, &fo, NULL), 0);
	fclose(fp);
	diag_list_init(&dl);
	ck_assert_int_eq(baseline_load(path, &b, &dl), 0);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_uint_eq(baseline_count(b), fo.n);
	ck_assert_uint_eq(fo.n, 6);
	baseline_apply(b, &fn);
	news = unbaselined(&fn);
	ck_assert_str_eq(news, "spof service:payments host:b-2\n");
	ck_assert_uint_eq(fn.n, 7);

	/* Baselined findings are still listed, marked as such; the others
	 * are new. */
	out = render(out_sarif_check, sn.inv, sn.analysis, &fn);
	ck_assert_ptr_nonnull(strstr(out, "\"baselineState\": \"unchanged\""));
	ck_assert_ptr_nonnull(strstr(out, "\"baselineState\": \"new\""));
	free(out);

	free(news);
	baseline_free(b);
	unlink(path);
	free(path);
	diag_list_free(&dl);
	findings_free(&fo);
	findings_free(&fn);
	session_close(&so);
	session_close(&sn);
}
END_TEST

static int
run_diff(const char *old, const char *new, enum output_format format,
    enum severity fail_on, char **out)
{
	struct command_options	 opts;
	const char		*paths[2] = { old, new };
	char			*path;
	int			 status;

	memset(&opts, 0, sizeof opts);
	opts.paths = paths;
	opts.npaths = 2;
	opts.format = format;
	opts.fail_on = fail_on;
	path = temp_path();
	opts.output = path;
	status = cmd_diff(&opts);
	*out = read_file(path);
	unlink(path);
	free(path);
	return status;
}

START_TEST(test_diff_text)
{
	char	*out;

	enter_srcdir();
	ck_assert_int_eq(run_diff("tests/data/ci/old", "tests/data/ci/new",
	    FORMAT_TEXT, SEVERITY_ERROR, &out), EXIT_FINDINGS);
	ck_assert_str_eq(out,
	    "new: 1\n"
	    "tests/data/ci/new/inventory.yaml:35:9: error: [spof] service "
	    "'payments' goes down when host 'b-2' fails; host 'b-2' takes down "
	    "1 service\n"
	    "    payments -> host b-2\n"
	    "resolved: 0\n"
	    "unchanged: 6\n");
	free(out);

	ck_assert_int_eq(run_diff("tests/data/ci/new", "tests/data/ci/old",
	    FORMAT_TEXT, SEVERITY_ERROR, &out), 0);
	ck_assert_str_eq(out,
	    "new: 0\n"
	    "resolved: 1\n"
	    "tests/data/ci/new/inventory.yaml:35:9: error: [spof] service "
	    "'payments' goes down when host 'b-2' fails; host 'b-2' takes down "
	    "1 service\n"
	    "    payments -> host b-2\n"
	    "unchanged: 6\n");
	free(out);

	ck_assert_int_eq(run_diff("tests/data/ci/old", "tests/data/ci/old",
	    FORMAT_TEXT, SEVERITY_ERROR, &out), 0);
	ck_assert_str_eq(out, "new: 0\nresolved: 0\nunchanged: 6\n");
	free(out);

	/* --fail-on never: listed, but the exit status is 0. */
	ck_assert_int_eq(run_diff("tests/data/ci/old", "tests/data/ci/new",
	    FORMAT_TEXT, SEVERITY_NONE, &out), 0);
	ck_assert_str_eq(out,
	    "new: 1\n"
	    "tests/data/ci/new/inventory.yaml:35:9: error: [spof] service "
	    "'payments' goes down when host 'b-2' fails; host 'b-2' takes down "
	    "1 service\n"
	    "    payments -> host b-2\n"
	    "resolved: 0\n"
	    "unchanged: 6\n");
	free(out);
}
END_TEST

START_TEST(test_diff_json)
{
	json_t		*root, *f;
	json_error_t	 err;
	char		*out;

	enter_srcdir();
	ck_assert_int_eq(run_diff("tests/data/ci/old", "tests/data/ci/new",
	    FORMAT_JSON, SEVERITY_ERROR, &out), EXIT_FINDINGS);
	root = json_loads(out, 0, &err);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(json_integer_value(json_object_get(root,
	    "faultline")), 1);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "new")), 1);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "resolved")),
	    0);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "unchanged")),
	    6);
	f = json_array_get(json_object_get(root, "new"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "rule")), "spof");
	ck_assert_str_eq(json_string_value(json_object_get(f, "severity")),
	    "error");
	ck_assert_str_eq(json_string_value(json_object_get(f, "subject")),
	    "service:payments");
	ck_assert_str_eq(json_string_value(json_object_get(f, "cause")),
	    "host:b-2");
	ck_assert_str_eq(json_string_value(json_object_get(f, "file")),
	    "tests/data/ci/new/inventory.yaml");
	ck_assert_int_eq(json_integer_value(json_object_get(f, "line")), 35);
	ck_assert_int_eq(json_integer_value(json_object_get(f, "column")), 9);
	ck_assert_ptr_null(json_object_get(f, "baselined"));
	/* The waived legacy findings are unchanged, and say so. */
	f = json_array_get(json_object_get(root, "unchanged"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "subject")),
	    "service:legacy-batch");
	ck_assert(json_is_true(json_object_get(f, "waived")));
	ck_assert_str_eq(json_string_value(json_object_get(f,
	    "waiver_reason")), "migration tracked in OPS-123");
	json_decref(root);
	free(out);
}
END_TEST

START_TEST(test_diff_invalid)
{
	struct command_options	 opts;
	const char		*paths[2] = { "tests/data/ci/old",
				    "tests/data/ci/no-such-inventory" };

	enter_srcdir();
	memset(&opts, 0, sizeof opts);
	opts.paths = paths;
	opts.npaths = 2;
	ck_assert_int_eq(cmd_diff(&opts), EXIT_INVALID);
	opts.npaths = 1;
	ck_assert_int_eq(cmd_diff(&opts), EXIT_INVALID);
}
END_TEST

Suite *
suite_ci_formats(void)
{
	Suite	*s = suite_create("ci_formats");
	TCase	*tc;

	tc = tcase_create("formats");
	tcase_add_test(tc, test_sarif_golden);
	tcase_add_test(tc, test_junit_golden);
	tcase_add_test(tc, test_github_golden);
	tcase_add_test(tc, test_sarif_fingerprint_stable);
	tcase_add_test(tc, test_relpath);
	tcase_add_test(tc, test_hostile_junit);
	tcase_add_test(tc, test_hostile_github);
	tcase_add_test(tc, test_hostile_sarif);
	tcase_add_test(tc, test_sarif_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("baseline");
	tcase_add_test(tc, test_baseline_load_errors);
#if !defined(__SANITIZE_ADDRESS__)
	tcase_add_test(tc, test_baseline_memory);
#endif
	tcase_add_test(tc, test_baseline_keys);
	tcase_add_test(tc, test_baseline_many);
	tcase_add_test(tc, test_baseline_moved_and_added);
	suite_add_tcase(s, tc);

	tc = tcase_create("diff");
	tcase_add_test(tc, test_diff_text);
	tcase_add_test(tc, test_diff_json);
	tcase_add_test(tc, test_diff_invalid);
	suite_add_tcase(s, tc);
	return s;
}
