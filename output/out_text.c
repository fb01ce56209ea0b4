/*
 * out_text.c -- the human outputs.  `check`: one GCC-style line per
 * finding ("file:line:col: error: [rule] message"), its explanation path
 * and implied causes indented below, led by the root causes and closed by
 * a one-line summary.  `whatif`: the failed components and the down,
 * degraded, recovery-blocked and exposed services, one per line.
 */
#include <stdlib.h>
#include <string.h>

#include "out_rootcause.h"
#include "out_text.h"
#include "out_utf8.h"
#include "xalloc.h"

#define C_BOLD		"\033[1m"
#define C_RED		"\033[1;31m"
#define C_MAGENTA	"\033[1;35m"
#define C_CYAN		"\033[1;36m"
#define C_RESET		"\033[0m"

static const char *
severity_colour(enum severity severity)
{
	switch (severity) {
	case SEVERITY_ERROR:
		return C_RED;
	case SEVERITY_WARNING:
		return C_MAGENTA;
	default:
		return C_CYAN;
	}
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Inventory text (file names, waiver reasons) without control bytes, so a
 * reason cannot break lines or send escape sequences to a terminal. */
static void
put_clean(FILE *fp, const char *s)
{
	out_utf8_put_clean(fp, s);
}

/* "power:pangyo-ups" as "power pangyo-ups". */
static void
put_ref(FILE *fp, const char *ref)
{
	const char	*colon = strchr(ref, ':');
	char		 kind[32];

	if (colon != NULL && (size_t)(colon - ref) < sizeof kind) {
		memcpy(kind, ref, (size_t)(colon - ref));
		kind[colon - ref] = '\0';
		put_clean(fp, kind);
		fputc(' ', fp);
		put_clean(fp, colon + 1);
	} else
		put_clean(fp, ref);
}

static void
finding_print(FILE *fp, const struct inventory *inv,
    const struct findings *fl, const struct finding *f,
    struct finding_text *t, int colour)
{
	const char	*file, *path;
	size_t		 i;

	file = f->has_mark && inv != NULL ?
	    inventory_file(inv, f->mark.file) : NULL;
	if (colour)
		fputs(C_BOLD, fp);
	if (file != NULL) {
		put_clean(fp, file);
		if (f->mark.line != 0)
			fprintf(fp, ":%u:%u", f->mark.line, f->mark.column);
		fputc(':', fp);
	} else
		fputs("faultline:", fp);
	if (colour)
		fprintf(fp, C_RESET " %s%s:" C_RESET, severity_colour(
		    f->severity), inventory_severity_name(f->severity));
	else
		fprintf(fp, " %s:", inventory_severity_name(f->severity));
	/* fputs, not fprintf: this runs for every one of ~100,000 findings. */
	fputs(" [", fp);
	fputs(findings_rule_id(f->rule), fp);
	fputs("] ", fp);
	put_clean(fp, finding_message(fl, f, t));
	if (f->waived) {
		fputs(" [waived: ", fp);
		put_clean(fp, f->waiver_reason != NULL ? f->waiver_reason : "");
		fputc(']', fp);
	}
	if (f->baselined)
		fputs(" [baselined]", fp);
	fputc('\n', fp);
	if ((path = finding_path(fl, f, t)) != NULL) {
		fputs("    ", fp);
		put_clean(fp, path);
		fputc('\n', fp);
	}
	for (i = 0; i < f->nimplied; i++) {
		fputs(i == 0 ? "    also: " : ", ", fp);
		put_ref(fp, f->implied[i]);
		if (i + 1 == f->nimplied)
			fputc('\n', fp);
	}
}

int
out_text_root_causes(FILE *fp, const struct root_causes *rcs, size_t limit,
    int colour)
{
	const struct root_cause	*rc;
	char			 name[300], effects[300];
	size_t			 i, n = rcs->n < limit ? rcs->n : limit;

	if (rcs->n == 0)
		return 0;
	fprintf(fp, "root causes (%zu):\n", rcs->n);
	for (i = 0; i < n; i++) {
		rc = &rcs->v[i];
		fputs("  ", fp);
		if (colour)
			fputs(severity_colour(rc->severity), fp);
		fputs(inventory_severity_name(rc->severity), fp);
		if (colour)
			fputs(C_RESET, fp);
		fputs(": ", fp);
		put_clean(fp, out_rootcause_name(rc, name, sizeof name));
		fputs(": ", fp);
		put_clean(fp, out_rootcause_effects(rc, effects,
		    sizeof effects));
		fprintf(fp, " (%zu %s)\n", rc->findings, plural(rc->findings,
		    "finding", "findings"));
	}
	if (n < rcs->n)
		fprintf(fp, "  ... and %zu more\n", rcs->n - n);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}

int
out_text_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *shown,
    const struct findings *fl, int colour)
{
	struct findings_count	fc;
	struct finding_text	t;
	size_t			i, n;
	int			k;

	(void)a;
	memset(&t, 0, sizeof t);
	for (i = 0; shown != NULL && i < shown->n; i++)
		finding_print(fp, inv, shown, &shown->v[i], &t, colour);
	finding_text_free(&t);
	findings_count(fl, &fc);
	fprintf(fp, "faultline: %zu %s, %zu %s, %zu %s", fc.errors,
	    plural(fc.errors, "error", "errors"), fc.warnings,
	    plural(fc.warnings, "warning", "warnings"), fc.notes,
	    plural(fc.notes, "note", "notes"));
	if (fc.waived != 0 && fc.baselined != 0)
		fprintf(fp, " (%zu waived, %zu baselined)", fc.waived,
		    fc.baselined);
	else if (fc.waived != 0)
		fprintf(fp, " (%zu waived)", fc.waived);
	else if (fc.baselined != 0)
		fprintf(fp, " (%zu baselined)", fc.baselined);
	for (k = 0; k < KIND_COUNT; k++) {
		n = inv != NULL ? inventory_count(inv, (enum entity_kind)k) : 0;
		fprintf(fp, "%s%zu %s", k == 0 ? " in " : ", ", n,
		    inventory_kind_noun((enum entity_kind)k, n));
	}
	fputc('\n', fp);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}

static int
cmp_str(const void *va, const void *vb)
{
	const char *const	*x = va, *const *y = vb;

	return strcmp(*x, *y);
}

static void
list_print(FILE *fp, const char *title, const char *const *v, size_t n)
{
	size_t	i;

	fprintf(fp, "%s (%zu):\n", title, n);
	for (i = 0; i < n; i++)
		fprintf(fp, "  %s\n", v[i]);
}

/* A titled list of the ids of services v[0..n). */
static void
services_print(FILE *fp, const char *title, const struct inventory *inv,
    const uint32_t *v, size_t n)
{
	size_t	i;

	fprintf(fp, "%s (%zu):\n", title, n);
	for (i = 0; i < n; i++)
		fprintf(fp, "  %s\n", inventory_str(inv,
		    inv->services[v[i]].e.id));
}

int
out_text_whatif(FILE *fp, const struct analysis *a,
    const struct scenario *sc, const uint32_t *failed, size_t n)
{
	const struct inventory	*inv = a->inv;
	struct scenario_result	 res;
	char			**refs, buf[300];
	size_t			 i;

	refs = xmalloc((n + 1) * sizeof *refs);
	for (i = 0; i < n; i++)
		refs[i] = xstrdup(analysis_component_ref(a, failed[i], buf,
		    sizeof buf));
	qsort(refs, n, sizeof *refs, cmp_str);
	list_print(fp, "failed", (const char *const *)refs, n);
	for (i = 0; i < n; i++)
		free(refs[i]);
	free(refs);

	scenario_result(sc, &res);
	services_print(fp, "down", inv, res.down, res.ndown);
	services_print(fp, "degraded", inv, res.degraded, res.ndegraded);
	services_print(fp, "recovery-blocked", inv, res.blocked, res.nblocked);
	services_print(fp, "exposed", inv, res.exposed, res.nexposed);
	fprintf(fp, "faultline: %zu down, %zu degraded, %zu recovery-blocked, "
	    "%zu exposed of %zu %s\n", res.ndown, res.ndegraded, res.nblocked,
	    res.nexposed, inv->nservices, plural(inv->nservices, "service",
	    "services"));
	scenario_result_free(&res);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
