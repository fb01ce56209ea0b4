/*
 * out_github.c -- `check --format github`: GitHub Actions workflow
 * commands (annotations) within GitHub's per-step budget, and the full
 * table for $GITHUB_STEP_SUMMARY.  Findings sharing a root cause (and
 * newness and severity) make one annotation, "+N more for CAUSE"; new
 * findings come first, then errors, then by root-cause rank.  An
 * annotation sits on the culprit's runs_on line, where a pull request
 * changes it, when there is one.  File paths are made relative to the
 * working directory, which is the repository root in a workflow.
 */
#define _GNU_SOURCE		/* qsort_r() */
#include <stdlib.h>
#include <string.h>

#include "out_github.h"
#include "out_sarif.h"
#include "out_utf8.h"
#include "xalloc.h"

void
out_github_escape(FILE *fp, const char *s, int property)
{
	size_t		 len = strlen(s), i, n, run = 0;
	uint32_t	 cp;
	const char	*esc;

	for (i = 0; i < len; i += n) {
		n = 1;
		esc = NULL;
		switch (s[i]) {
		case '%':
			esc = "%25";
			break;
		case '\r':
			esc = "%0D";
			break;
		case '\n':
			esc = "%0A";
			break;
		case ':':
			esc = property ? "%3A" : NULL;
			break;
		case ',':
			esc = property ? "%2C" : NULL;
			break;
		default:
			/* ESC and every other control would reach the log. */
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				esc = "?";
			else if ((unsigned char)s[i] >= 0x80 &&
			    ((n = out_utf8_decode(s + i, len - i, &cp)) == 0 ||
			    cp <= 0x9f)) {
				esc = "?";
				n = n == 0 ? 1 : n;
			}
			break;
		}
		if (esc == NULL)
			continue;
		fwrite(s + run, 1, i - run, fp);
		fputs(esc, fp);
		run = i + n;
	}
	fwrite(s + run, 1, len - run, fp);
}

static const char *
command(const struct finding *f)
{
	if (f->waived || f->baselined)
		return "notice";
	switch (f->severity) {
	case SEVERITY_ERROR:
		return "error";
	case SEVERITY_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

/* The file of a finding: its mark's, else the file it is about; or -1. */
static long
finding_file(const struct inventory *inv, const struct finding *f)
{
	size_t	i;

	if (inv == NULL)
		return -1;
	if (f->has_mark)
		return f->mark.file < inv->nfiles ? (long)f->mark.file : -1;
	if (f->subject == NULL || strncmp(f->subject, "file:", 5) != 0)
		return -1;
	for (i = 0; i < inv->nfiles; i++)
		if (strcmp(inv->files[i], f->subject + 5) == 0)
			return (long)i;
	return -1;
}

/* One annotation: finding f, anchored where its fix goes, with a note of
 * how many more findings share its root cause. */
static void
annotate(FILE *fp, const struct inventory *inv, char **rel,
    const struct findings *fl, const struct finding *f, size_t more,
    struct finding_text *t)
{
	const char	*text;
	char		*title;
	long		 file;
	int	 anchored = f->has_anchor && inv != NULL &&
		    f->anchor.file < inv->nfiles;

	fprintf(fp, "::%s ", command(f));
	if (anchored) {
		fputs("file=", fp);
		out_github_escape(fp, rel[f->anchor.file], 1);
		fprintf(fp, ",line=%u,col=%u,", (unsigned)f->anchor.line,
		    (unsigned)f->anchor.column);
	} else if ((file = finding_file(inv, f)) != -1) {
		fputs("file=", fp);
		out_github_escape(fp, rel[file], 1);
		if (f->has_mark)
			fprintf(fp, ",line=%u,col=%u", (unsigned)f->mark.line,
			    (unsigned)f->mark.column);
		fputc(',', fp);
	}
	title = xasprintf("[%s] %s%s", findings_rule_id(f->rule),
	    f->subject != NULL ? f->subject : "", f->waived ? " (waived)" :
	    f->baselined ? " (baselined)" : fl->has_baseline ? " (new)" :
	    "");
	fputs("title=", fp);
	out_github_escape(fp, title, 1);
	free(title);
	fputs("::", fp);
	text = finding_message(fl, f, t);
	out_github_escape(fp, text != NULL ? text : "", 0);
	if (f->waived) {
		fputs(" (waived: ", fp);
		out_github_escape(fp, f->waiver_reason != NULL ?
		    f->waiver_reason : "", 0);
		fputc(')', fp);
	}
	if (more > 0 && f->cause != NULL) {
		fprintf(fp, " (+%zu more for ", more);
		out_github_escape(fp, f->cause, 0);
		fputc(')', fp);
	}
	if ((text = finding_path(fl, f, t)) != NULL) {
		fputs("%0A", fp);
		out_github_escape(fp, text, 0);
	}
	fputc('\n', fp);
}

/* A candidate annotation: the first finding of a group. */
struct pick {
	size_t	finding;
	size_t	group_rank;	/* root-cause rank, or SIZE_MAX */
	size_t	more;		/* other findings of the group */
	int	old;		/* baselined or waived */
};

/* Candidates (of the findings fl): new before old, then by severity,
 * root-cause rank and place in fl. */
static int
pick_cmp(const void *va, const void *vb, void *fl)
{
	const struct pick	*x = va, *y = vb;
	const struct finding	*v = ((const struct findings *)fl)->v;
	const struct finding	*fx = &v[x->finding];
	const struct finding	*fy = &v[y->finding];

	if (x->old != y->old)
		return x->old ? 1 : -1;
	if (fx->severity != fy->severity)
		return fx->severity < fy->severity ? -1 : 1;
	if (x->group_rank != y->group_rank)
		return x->group_rank < y->group_rank ? -1 : 1;
	return x->finding < y->finding ? -1 : x->finding > y->finding;
}

/* The rank of a finding's root cause, or SIZE_MAX. */
static size_t
rank_of(const struct root_causes *rcs, const struct finding *f)
{
	size_t	i;

	if (rcs == NULL || !rootcause_counts(f))
		return SIZE_MAX;
	for (i = 0; i < rcs->n; i++)
		if (strcmp(rcs->v[i].cause, f->cause) == 0)
			return i;
	return SIZE_MAX;
}

/*
 * One candidate per (root cause, new or old, severity), the others of the
 * group counted in it; findings of no root cause stand alone.
 */
static struct pick *
pick_groups(const struct findings *fl, const struct root_causes *rcs,
    size_t *np)
{
	struct pick	*v;
	size_t		 i, j, n = 0, r;
	int		 old;

	v = xmalloc((fl->n + 1) * sizeof *v);
	for (i = 0; i < fl->n; i++) {
		r = rank_of(rcs, &fl->v[i]);
		old = fl->v[i].baselined || fl->v[i].waived;
		for (j = 0; r != SIZE_MAX && j < n; j++)
			if (v[j].group_rank == r && v[j].old == old &&
			    fl->v[v[j].finding].severity ==
			    fl->v[i].severity)
				break;
		if (r != SIZE_MAX && j < n) {
			v[j].more++;
			continue;
		}
		v[n].finding = i;
		v[n].group_rank = r;
		v[n].more = 0;
		v[n].old = old;
		n++;
	}
	if (n > 1)
		qsort_r(v, n, sizeof *v, pick_cmp, (void *)fl);
	*np = n;
	return v;
}

int
out_github_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl,
    const struct root_causes *rcs, size_t *dropped)
{
	struct pick	*v;
	char		**rel;
	struct finding_text t;
	size_t		 i, n, nerr = 0, nother = 0;
	int		 error;

	(void)a;
	memset(&t, 0, sizeof t);
	*dropped = 0;
	rel = out_sarif_relpaths(inv);
	v = pick_groups(fl, rcs, &n);
	for (i = 0; i < n; i++) {
		error = strcmp(command(&fl->v[v[i].finding]), "error") == 0;
		if (error ? nerr >= OUT_GITHUB_MAX_ERRORS :
		    nother >= OUT_GITHUB_MAX_OTHERS) {
			*dropped += 1 + v[i].more;
			continue;
		}
		if (error)
			nerr++;
		else
			nother++;
		annotate(fp, inv, rel, fl, &fl->v[v[i].finding], v[i].more,
		    &t);
	}
	finding_text_free(&t);
	free(v);
	out_sarif_relpaths_free(inv, rel);
	return ferror(fp) ? -1 : 0;
}

/* Markdown table text: no pipes or line breaks. */
static void
md_cell(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else
			fputc(*s, fp);
	}
}

int
out_github_summary(FILE *fp, const struct inventory *inv,
    const struct findings *fl, const struct root_causes *rcs)
{
	const struct finding	*f;
	struct finding_text	 t;
	size_t			 i;

	memset(&t, 0, sizeof t);
	fputs("## faultline\n\n", fp);
	if (rcs != NULL && rcs->n > 0) {
		fputs("| Root cause | Severity | Findings | Services |\n"
		    "|---|---|---|---|\n", fp);
		for (i = 0; i < rcs->n; i++) {
			fputs("| ", fp);
			md_cell(fp, rcs->v[i].cause);
			fprintf(fp, " | %s | %zu | %zu |\n",
			    inventory_severity_name(rcs->v[i].severity),
			    rcs->v[i].findings, rcs->v[i].services);
		}
		fputc('\n', fp);
	}
	fputs("| Severity | Rule | Subject | Cause | Where | Message |\n"
	    "|---|---|---|---|---|---|\n", fp);
	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		fprintf(fp, "| %s%s | %s | ", inventory_severity_name(
		    f->severity), f->waived ? " (waived)" : f->baselined ?
		    " (baselined)" : "", findings_rule_id(f->rule));
		md_cell(fp, f->subject);
		fputs(" | ", fp);
		md_cell(fp, f->cause);
		fputs(" | ", fp);
		if (f->has_mark && inv != NULL) {
			md_cell(fp, inventory_file(inv, f->mark.file));
			fprintf(fp, ":%u", (unsigned)f->mark.line);
		}
		fputs(" | ", fp);
		md_cell(fp, finding_message(fl, f, &t));
		fputs(" |\n", fp);
	}
	finding_text_free(&t);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
