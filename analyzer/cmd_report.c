/*
 * cmd_report.c -- "faultline report": load and analyse the inventory,
 * apply the rules, gather the report model once and render it as HTML or
 * Markdown (by the -o extension), written atomically.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "config.h"
#include "findings.h"
#include "out_html.h"
#include "out_markdown.h"
#include "report_model.h"
#include "session.h"

struct report_render {
	const struct report	*report;
	enum report_format	 format;
};

static int
report_render(FILE *fp, void *arg)
{
	const struct report_render	*rr = arg;

	if (rr->format == REPORT_MARKDOWN)
		return out_markdown_report(fp, rr->report);
	return out_html_report(fp, rr->report);
}

int
cmd_report(const struct command_options *opts)
{
	struct session		 s;
	struct findings		 fl;
	struct report_options	 ro;
	struct report_render	 rr;
	struct report		*r = NULL;
	size_t			 i;
	int			 format, status = EXIT_INVALID;

	if (opts->output == NULL || strcmp(opts->output, "-") == 0) {
		diag_message(stderr, "report needs -o FILE.html or -o FILE.md");
		return EXIT_INVALID;
	}
	if ((format = report_model_format_of(opts->output)) < 0) {
		diag_message(stderr, "-o %s: unknown report format (use "
		    ".html, .htm or .md)", opts->output);
		return EXIT_INVALID;
	}
	memset(&fl, 0, sizeof fl);
	memset(&ro, 0, sizeof ro);
	if (session_today(&ro.today) != 0)
		return EXIT_INVALID;
	ro.version = PACKAGE_VERSION;
	ro.diagram = 1;
	session_open(&s, opts->paths, opts->npaths);
	if (s.ok && findings_compute(s.analysis, ro.today, &fl,
	    &s.diags) != 0) {
		s.ok = 0;
		diag_list_sort(&s.diags);
	}
	if (s.ok && (r = report_model_create(s.analysis, &fl, &ro,
	    &s.diags)) == NULL)
		s.ok = 0;
	if (!s.ok) {
		diag_list_print(&s.diags, stderr, 0);
		goto out;
	}
	for (i = 0; i < r->nnotes; i++)
		diag_message(stderr, "note: %s", r->notes[i]);
	rr.report = r;
	rr.format = (enum report_format)format;
	if (session_check_output(opts->output, s.inv, NULL) == 0 &&
	    session_write(opts->output, report_render, &rr) == 0)
		status = 0;
out:
	report_model_free(r);
	findings_free(&fl);
	session_close(&s);
	return status;
}
