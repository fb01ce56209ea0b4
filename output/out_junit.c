/*
 * out_junit.c -- `check --format junit`.  For each rule (in enum order)
 * the test cases are the things the rule judges -- services for the
 * service rules (tools only for single-site-tool), waivers for
 * waiver-expired, inventory files for schema -- plus anything a finding
 * names that is not among them.  Cases are sorted by name (byte order);
 * a case fails when it has a finding that is neither waived nor
 * baselined and at or above --fail-on, and is skipped when it has
 * findings but none of those (so a run that exits 0 has no failure).  Suites without
 * cases are left out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out_junit.h"
#include "out_sarif.h"
#include "out_utf8.h"
#include "xalloc.h"

#define NO_FINDING	SIZE_MAX

/* A test case name, bare (no finding) or of one finding. */
struct entry {
	const char	*name;
	size_t		 finding;
};

struct entries {
	struct entry	*v;
	size_t		 n;
	size_t		 cap;
	char		**owned;	/* names built here */
	size_t		 nowned;
	size_t		 owned_cap;
};

/* What to write for code point cp instead of itself, or NULL. */
static const char *
xml_escape_of(uint32_t cp, int attr)
{
	if (!(cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    cp >= 0x10000))
		return "\xef\xbf\xbd";
	switch (cp) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&apos;";
	case '\r':
		return "&#13;";
	case '\t':
		return attr ? "&#9;" : NULL;
	case '\n':
		return attr ? "&#10;" : NULL;
	default:
		return NULL;
	}
}

void
out_junit_escape(FILE *fp, const char *s, int attr)
{
	size_t		 len = strlen(s), i, n, run = 0;
	uint32_t	 cp;
	const char	*esc;

	for (i = 0; i < len; i += n) {
		if ((n = out_utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			esc = "\xef\xbf\xbd";
		} else if ((esc = xml_escape_of(cp, attr)) == NULL)
			continue;
		/* Bytes run .. i are plain: write them in one go. */
		fwrite(s + run, 1, i - run, fp);
		fputs(esc, fp);
		run = i + n;
	}
	fwrite(s + run, 1, len - run, fp);
}

static void
entry_add(struct entries *es, const char *name, size_t finding)
{
	XGROW(es->v, es->cap, es->n + 1);
	es->v[es->n].name = name;
	es->v[es->n].finding = finding;
	es->n++;
}

static void
entry_add_owned(struct entries *es, char *name)
{
	XGROW(es->owned, es->owned_cap, es->nowned + 1);
	es->owned[es->nowned++] = name;
	entry_add(es, name, NO_FINDING);
}

static int
entry_cmp(const void *va, const void *vb)
{
	const struct entry	*x = va, *y = vb;
	int			 r;

	if ((r = strcmp(x->name, y->name)) != 0)
		return r;
	if (x->finding != y->finding)
		return x->finding < y->finding ? -1 : 1;
	return 0;
}

/* The test case a finding belongs to: its subject without "kind:". */
static const char *
finding_case(const struct finding *f)
{
	const char	*colon;

	if (f->subject == NULL)
		return "";
	colon = strchr(f->subject, ':');
	return colon != NULL ? colon + 1 : f->subject;
}

/* Whether a finding fails its case: unwaived, new, at or above fail_on. */
static int
counts(const struct finding *f, enum severity fail_on)
{
	return !f->waived && !f->baselined && fail_on != SEVERITY_NONE &&
	    f->severity <= fail_on;
}

/* The bare cases rule judges. */
static void
base_cases(struct entries *es, enum rule rule, const struct inventory *inv,
    const struct analysis *a)
{
	const struct waiver	*w;
	size_t			 i;

	if (inv == NULL)
		return;
	switch (rule) {
	case RULE_SCHEMA:
		for (i = 0; i < inv->nfiles; i++)
			entry_add(es, inv->files[i], NO_FINDING);
		break;
	case RULE_WAIVER_EXPIRED:
		if (a == NULL)
			break;
		for (i = 0; i < inv->nwaivers; i++) {
			w = &inv->waivers[i];
			entry_add_owned(es, xasprintf("%s:%s",
			    inventory_str(inv, w->policy),
			    w->service_regex != NULL ? w->service_regex : ""));
		}
		break;
	default:
		if (a == NULL)
			break;
		for (i = 0; i < inv->nservices; i++) {
			if (rule == RULE_SINGLE_SITE_TOOL &&
			    inv->services[i].kind != SERVICE_TOOL)
				continue;
			entry_add(es, inventory_str(inv,
			    inv->services[i].e.id), NO_FINDING);
		}
		break;
	}
}

/* A finding, GCC-style; rel holds the files' paths (NULL: none). */
static void
finding_line(FILE *fp, const struct inventory *inv, char **rel,
    const struct findings *fl, const struct finding *f,
    struct finding_text *t)
{
	const char	*text;

	if (rel != NULL && f->has_mark && f->mark.file < inv->nfiles) {
		out_junit_escape(fp, rel[f->mark.file], 0);
		fprintf(fp, ":%u:%u: ", (unsigned)f->mark.line,
		    (unsigned)f->mark.column);
	}
	fprintf(fp, "%s: [%s] ", inventory_severity_name(f->severity),
	    findings_rule_id(f->rule));
	text = finding_message(fl, f, t);
	out_junit_escape(fp, text != NULL ? text : "", 0);
	if (f->waived) {
		fputs(" (waived: ", fp);
		out_junit_escape(fp, f->waiver_reason != NULL ?
		    f->waiver_reason : "", 0);
		fputc(')', fp);
	} else if (f->baselined)
		fputs(" (baselined)", fp);
	fputc('\n', fp);
	if ((text = finding_path(fl, f, t)) != NULL) {
		fputs("  ", fp);
		out_junit_escape(fp, text, 0);
		fputc('\n', fp);
	}
}

/*
 * One test case: entries v[0..n) share a name (findings in order, then
 * the bare entry, if any); nfail of the findings count.
 */
static void
write_case(FILE *fp, const struct inventory *inv, char **rel,
    const struct findings *fl, enum rule rule, const struct entry *v,
    size_t n, size_t nfail, enum severity fail_on)
{
	const struct finding	*f;
	const char		*element = nfail > 0 ? "failure" : "skipped";
	const char		*text;
	struct finding_text	 t;
	enum severity		 worst = SEVERITY_NONE;
	size_t			 i;
	int			 sep = 0;

	memset(&t, 0, sizeof t);
	fprintf(fp, "    <testcase classname=\"%s\" name=\"",
	    findings_rule_id(rule));
	out_junit_escape(fp, v[0].name, 1);
	if (v[0].finding == NO_FINDING) {
		fputs("\"/>\n", fp);
		return;
	}
	fprintf(fp, "\">\n      <%s message=\"", element);
	for (i = 0; i < n && v[i].finding != NO_FINDING; i++) {
		f = &fl->v[v[i].finding];
		if (nfail > 0 && !counts(f, fail_on))
			continue;
		if (f->severity < worst)
			worst = f->severity;
		if (sep)
			fputs("&#10;", fp);
		text = finding_message(fl, f, &t);
		out_junit_escape(fp, text != NULL ? text : "", 1);
		sep = 1;
	}
	if (nfail > 0)
		fprintf(fp, "\" type=\"%s", inventory_severity_name(worst));
	fputs("\">", fp);
	for (i = 0; i < n && v[i].finding != NO_FINDING; i++)
		finding_line(fp, inv, rel, fl, &fl->v[v[i].finding], &t);
	finding_text_free(&t);
	fprintf(fp, "</%s>\n    </testcase>\n", element);
}

/* Cases, failures and skips of sorted entries. */
static void
tally(const struct findings *fl, const struct entries *es, size_t *cases,
    size_t *failed, size_t *skipped, enum severity fail_on)
{
	size_t	i, j, nf, nfind;

	*cases = *failed = *skipped = 0;
	for (i = 0; i < es->n; i = j) {
		nf = nfind = 0;
		for (j = i; j < es->n && strcmp(es->v[j].name,
		    es->v[i].name) == 0; j++) {
			if (es->v[j].finding == NO_FINDING)
				continue;
			nfind++;
			nf += counts(&fl->v[es->v[j].finding], fail_on);
		}
		(*cases)++;
		if (nf > 0)
			(*failed)++;
		else if (nfind > 0)
			(*skipped)++;
	}
}

int
out_junit_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl,
    enum severity fail_on)
{
	struct entries	 es[RULE_COUNT];
	size_t		 cases[RULE_COUNT], failed[RULE_COUNT];
	size_t		 skipped[RULE_COUNT], tc = 0, tf = 0, ts = 0;
	size_t		 i, j, k, nf;
	char		**rel;
	int		 r;

	memset(es, 0, sizeof es);
	for (r = 0; r < RULE_COUNT; r++)
		base_cases(&es[r], (enum rule)r, inv, a);
	for (i = 0; i < fl->n; i++) {
		if ((unsigned)fl->v[i].rule < RULE_COUNT)
			entry_add(&es[fl->v[i].rule], finding_case(&fl->v[i]),
			    i);
	}
	for (r = 0; r < RULE_COUNT; r++) {
		if (es[r].n > 0)
			qsort(es[r].v, es[r].n, sizeof *es[r].v, entry_cmp);
		tally(fl, &es[r], &cases[r], &failed[r], &skipped[r], fail_on);
		tc += cases[r];
		tf += failed[r];
		ts += skipped[r];
	}

	rel = out_sarif_relpaths(inv);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fprintf(fp, "<testsuites name=\"faultline\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", tc, tf, ts);
	for (r = 0; r < RULE_COUNT; r++) {
		if (cases[r] == 0)
			continue;
		fprintf(fp, "  <testsuite name=\"%s\" tests=\"%zu\" "
		    "failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
		    findings_rule_id((enum rule)r), cases[r], failed[r],
		    skipped[r]);
		for (i = 0; i < es[r].n; i = j) {
			nf = 0;
			for (j = i; j < es[r].n && strcmp(es[r].v[j].name,
			    es[r].v[i].name) == 0; j++) {
				if (es[r].v[j].finding != NO_FINDING)
					nf += counts(&fl->v[es[r].v[j].finding],
					    fail_on);
			}
			write_case(fp, inv, rel, fl, (enum rule)r,
			    es[r].v + i, j - i, nf, fail_on);
		}
		fputs("  </testsuite>\n", fp);
	}
	fputs("</testsuites>\n", fp);
	out_sarif_relpaths_free(inv, rel);

	for (r = 0; r < RULE_COUNT; r++) {
		for (k = 0; k < es[r].nowned; k++)
			free(es[r].owned[k]);
		free(es[r].owned);
		free(es[r].v);
	}
	return ferror(fp) ? -1 : 0;
}
