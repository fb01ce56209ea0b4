/*
 * cmd_check.c -- "faultline check": validate the inventory, apply the rules
 * and policies, render the findings, and gate on --fail-on.
 *
 * Problems with the inventory itself (unreadable files, YAML errors, broken
 * references) become findings of rule "schema", rendered like any other
 * finding, and make the exit status 2.
 */
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
#include "session.h"
#include "xalloc.h"

struct check_render {
	const struct command_options	*opts;
	const struct session		*session;
	const struct findings		*findings;
};

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
		XGROW(fs->v, fs->cap, fs->n + 1);
		f = &fs->v[fs->n++];
		memset(f, 0, sizeof *f);
		f->rule = RULE_SCHEMA;
		f->severity = d->severity == DIAG_ERROR ? SEVERITY_ERROR :
		    d->severity == DIAG_WARNING ? SEVERITY_WARNING :
		    SEVERITY_NOTE;
		f->subject = xasprintf("file:%s", d->file != NULL ? d->file :
		    "-");
		if (d->line != 0 && file_index(inv, d->file, &f->mark.file)) {
			f->has_mark = 1;
			f->mark.line = d->line;
			f->mark.column = d->column;
			f->message = xstrdup(d->message);
		} else if (d->file != NULL)
			f->message = xasprintf("%s: %s", d->file, d->message);
		else
			f->message = xstrdup(d->message);
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

	switch (r->opts->format) {
	case FORMAT_JSON:
		return out_json_check(fp, r->session->inv,
		    r->session->analysis, r->findings);
	case FORMAT_SARIF:
		return out_sarif_check(fp, r->session->inv,
		    r->session->analysis, r->findings);
	case FORMAT_JUNIT:
		return out_junit_check(fp, r->session->inv,
		    r->session->analysis, r->findings);
	case FORMAT_GITHUB:
		return out_github_check(fp, r->session->inv,
		    r->session->analysis, r->findings);
	default:
		return out_text_check(fp, r->session->inv,
		    r->session->analysis, r->findings,
		    session_colour(r->opts->output));
	}
}

int
cmd_check(const struct command_options *opts)
{
	struct session		 s;
	struct findings		 fs;
	struct check_render	 r;
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
	r.opts = opts;
	r.session = &s;
	r.findings = &fs;
	if (session_check_output(opts->output, s.inv, opts->baseline) != 0 ||
	    session_write(opts->output, check_render, &r) != 0 || !s.ok)
		status = EXIT_INVALID;
	else
		status = check_fails(&fs, opts->fail_on) ? EXIT_FINDINGS : 0;
	findings_free(&fs);
	session_close(&s);
	return status;
}
