/*
 * cmd_report.c -- "faultline report": load and analyse the inventory,
 * apply the rules, read the --map files, look up the inventory's git
 * commit, gather the report model once and render it as HTML or Markdown
 * (by the -o extension), written atomically; Markdown also writes the
 * services diagram beside it as FILE.svg, atomically too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "config.h"
#include "findings.h"
#include "mapping.h"
#include "out_html.h"
#include "out_markdown.h"
#include "report_model.h"
#include "session.h"
#include "vcs.h"
#include "xalloc.h"

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

/* The sidecar SVG: a standalone file with an XML declaration. */
static int
svg_render(FILE *fp, void *arg)
{
	const struct report	*r = arg;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fputs(r->svg, fp);
	fputc('\n', fp);
	return ferror(fp) ? -1 : 0;
}

/* FILE.md -> FILE.svg (a fresh string). */
static char *
sidecar_path(const char *output)
{
	const char	*dot = strrchr(output, '.');

	return xasprintf("%.*s.svg", (int)(dot - output), output);
}

/* Read every --map file; 0, or -1 with errors in dl. */
static int
load_maps(const struct command_options *opts, struct mapping **maps,
    struct diag_list *dl)
{
	char	*path;
	size_t	 i;
	int	 error = 0;

	for (i = 0; i < opts->nmaps; i++) {
		if ((path = mapping_find(opts->maps[i], dl)) == NULL) {
			error = -1;
			continue;
		}
		if ((maps[i] = mapping_load(opts->maps[i], path, dl)) == NULL)
			error = -1;
		free(path);
	}
	return error;
}

int
cmd_report(const struct command_options *opts)
{
	struct session		 s;
	struct findings		 fl;
	struct report_options	 ro;
	struct report_render	 rr;
	struct report		*r = NULL;
	struct mapping		**maps;
	const char		*def[1];
	char			*commit = NULL, *svg = NULL, *base;
	size_t			 i;
	int			 format, status = EXIT_INVALID, dirty;
	enum vcs_status		 vs;

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
	maps = xcalloc(opts->nmaps + 1, sizeof *maps);
	ro.version = PACKAGE_VERSION;
	ro.now = session_now(&ro.now_from_sde);
	ro.diagram = 1;
	session_open(&s, opts->paths, opts->npaths);
	ro.roots = opts->paths;
	ro.nroots = opts->npaths;
	if (opts->npaths == 0) {
		def[0] = session_default_inventory();
		ro.roots = def;
		ro.nroots = 1;
	}
	if (load_maps(opts, maps, &s.diags) != 0) {
		s.ok = 0;
		diag_list_sort(&s.diags);
	}
	ro.maps = (const struct mapping *const *)maps;
	ro.nmaps = opts->nmaps;
	vs = vcs_commit(ro.roots[0], &commit, &dirty);
	ro.commit_status = vs == VCS_FOUND ? REPORT_COMMIT_FOUND :
	    vs == VCS_DISABLED ? REPORT_COMMIT_DISABLED : REPORT_COMMIT_NONE;
	ro.commit = commit;
	ro.commit_dirty = dirty;
	if (format == REPORT_MARKDOWN) {
		svg = sidecar_path(opts->output);
		base = strrchr(svg, '/');
		ro.diagram_href = base != NULL ? base + 1 : svg;
	}
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
	if (svg != NULL && r->svg != NULL &&
	    session_write(svg, svg_render, r) != 0)
		goto out;
	rr.report = r;
	rr.format = (enum report_format)format;
	if (session_check_output(opts->output, s.inv, NULL) == 0 &&
	    session_write(opts->output, report_render, &rr) == 0)
		status = 0;
out:
	report_model_free(r);
	findings_free(&fl);
	session_close(&s);
	for (i = 0; i < opts->nmaps; i++)
		mapping_free(maps[i]);
	free(maps);
	free(commit);
	free(svg);
	return status;
}
