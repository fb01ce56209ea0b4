/*
 * cmd_check.c -- "faultline check": validate the inventory, apply the rules
 * and policies, render the findings, and gate on --fail-on.
 *
 * Problems with the inventory itself (unreadable files, YAML errors, broken
 * references) become findings of rule "schema", rendered like any other
 * finding, and make the exit status 2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "commands.h"
#include "findings.h"
#include "out_github.h"
#include "out_json.h"
#include "out_junit.h"
#include "out_sarif.h"
#include "out_text.h"
#include "rootcause.h"
#include "session.h"
#include "xalloc.h"

struct check_render {
	const struct command_options	*opts;
	const struct session		*session;
	const struct findings		*findings;
	const struct root_causes	*root_causes;
};

/* How many root causes the text output lists. */
#define CHECK_ROOT_CAUSES	10

static int
file_index(const struct inventory *inv, const char *path, uint32_t *file)
{
	size_t	i;

	for (i = 0; path != NULL && i < inv->nfiles; i++) {
		if (strcmp(inv->files[i], path) == 0) {
			*file = (uint32_t)i;
			return 1;
		}
	}
	return 0;
}

/* Turn loader and validation problems into findings of rule schema. */
static void
schema_findings(const struct inventory *inv, const struct diag_list *dl,
    struct findings *fs)
{
	const struct diag	*d;
	struct finding		*f;
	size_t			 i;

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		f = findings_add(fs);
		f->rule = RULE_SCHEMA;
		f->severity = d->severity == DIAG_ERROR ? SEVERITY_ERROR :
		    d->severity == DIAG_WARNING ? SEVERITY_WARNING :
		    SEVERITY_NOTE;
		f->subject = xasprintf("file:%s", d->file != NULL ? d->file :
		    "-");
		f->service = f->cause_comp = INDEX_NONE;
		if (d->line != 0 && file_index(inv, d->file, &f->mark.file)) {
			f->has_mark = 1;
			f->mark.line = d->line;
			f->mark.column = d->column;
			f->text = xstrdup(d->message);
		} else if (d->file != NULL)
			f->text = xasprintf("%s: %s", d->file, d->message);
		else
			f->text = xstrdup(d->message);
	}
}

/* Whether a finding that counts is at or above the threshold. */
static int
check_fails(const struct findings *fs, enum severity fail_on)
{
	size_t	i;

	if (fail_on == SEVERITY_NONE)
		return 0;
	for (i = 0; i < fs->n; i++) {
		if (fs->v[i].waived || fs->v[i].baselined)
			continue;
		if (fs->v[i].severity <= fail_on)
			return 1;
	}
	return 0;
}

static int
check_render(FILE *fp, void *arg)
{
	const struct check_render	*r = arg;
	size_t				 dropped;
	int				 colour;

	switch (r->opts->format) {
	case FORMAT_JSON:
		return out_json_check(fp, r->session->inv,
		    r->session->analysis, r->findings, r->root_causes);
	case FORMAT_SARIF:
		return out_sarif_check(fp, r->session->inv,
		    r->session->analysis, r->findings);
	case FORMAT_JUNIT:
		return out_junit_check(fp, r->session->inv,
		    r->session->analysis, r->findings, r->opts->fail_on);
	case FORMAT_GITHUB:
		if (out_github_check(fp, r->session->inv,
		    r->session->analysis, r->findings, r->root_causes,
		    &dropped) != 0)
			return -1;
		if (dropped > 0)
			diag_message(stderr, "%zu more findings are not "
			    "annotated (GitHub shows %d error and %d other "
			    "annotations per step); the step summary lists "
			    "them all", dropped, OUT_GITHUB_MAX_ERRORS,
			    OUT_GITHUB_MAX_OTHERS);
		return 0;
	default:
		colour = session_colour(r->opts->output);
		if (out_text_root_causes(fp, r->root_causes,
		    CHECK_ROOT_CAUSES, colour) != 0)
			return -1;
		return out_text_check(fp, r->session->inv,
		    r->session->analysis, r->opts->summary ? NULL :
		    r->findings, r->findings, colour);
	}
}

/*
 * With --format github and $GITHUB_STEP_SUMMARY set, append the full
 * table there (GitHub's own file; appended, as GitHub expects).  Returns
 * 0, or -1 after saying why.
 */
static int
write_step_summary(const struct session *s, const struct findings *fs,
    const struct root_causes *rcs)
{
	const char	*path = getenv("GITHUB_STEP_SUMMARY");
	FILE		*fp;
	int		 rc, saved;

	if (path == NULL || *path == '\0')
		return 0;
	if ((fp = fopen(path, "a")) == NULL) {
		diag_message(stderr, "GITHUB_STEP_SUMMARY: %s: %s", path,
		    strerror(errno));
		return -1;
	}
	errno = 0;
	rc = out_github_summary(fp, s->inv, fs, rcs);
	if (fflush(fp) != 0 || ferror(fp))
		rc = -1;
	saved = errno;
	if (fclose(fp) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0)
		diag_message(stderr, "GITHUB_STEP_SUMMARY: %s: write error%s%s",
		    path, saved != 0 ? ": " : "", saved != 0 ?
		    strerror(saved) : "");
	return rc;
}

int
cmd_check(const struct command_options *opts)
{
	struct session		 s;
	struct findings		 fs;
	struct check_render	 r;
	struct root_causes	 rcs;
	struct baseline		*bl = NULL;
	struct diag_list	 bd;
	int32_t			 today;
	int			 status;

	if (session_today(&today) != 0)
		return EXIT_INVALID;
	if (opts->baseline != NULL) {
		diag_list_init(&bd);
		status = baseline_load(opts->baseline, &bl, &bd);
		diag_list_print(&bd, stderr, 0);
		diag_list_free(&bd);
		if (status != 0)
			return EXIT_INVALID;
	}
	memset(&fs, 0, sizeof fs);
	session_open(&s, opts->paths, opts->npaths);
	if (s.ok && findings_compute(s.analysis, today, &fs,
	    &s.diags) != 0) {
		s.ok = 0;
		diag_list_sort(&s.diags);
	}
	if (s.ok && bl != NULL)
		baseline_apply(bl, &fs);
	baseline_free(bl);
	if (!s.ok) {
		findings_free(&fs);
		memset(&fs, 0, sizeof fs);
		schema_findings(s.inv, &s.diags, &fs);
		analysis_free(s.analysis);
		s.analysis = NULL;
	}
	/* SARIF and JUnit have no place for root causes. */
	memset(&rcs, 0, sizeof rcs);
	if (s.ok && opts->format != FORMAT_SARIF &&
	    opts->format != FORMAT_JUNIT)
		rootcause_compute(s.analysis, &fs, &rcs);
	r.opts = opts;
	r.session = &s;
	r.findings = &fs;
	r.root_causes = &rcs;
	if (session_check_output(opts->output, s.inv, opts->baseline) != 0 ||
	    session_write(opts->output, check_render, &r) != 0 || !s.ok)
		status = EXIT_INVALID;
	else if (opts->format == FORMAT_GITHUB &&
	    write_step_summary(&s, &fs, &rcs) != 0)
		status = EXIT_INVALID;
	else
		status = check_fails(&fs, opts->fail_on) ? EXIT_FINDINGS : 0;
	rootcause_free(&rcs);
	findings_free(&fs);
	session_close(&s);
	return status;
}
