/*
 * cmd_graph.c -- "faultline graph": the services (default) or placement
 * view, optionally around --focus and coloured by a --fail scenario, for a
 * page size, titled with the inventory's meta name (else its paths) and
 * dated SOURCE_DATE_EPOCH (else today).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "out_dot.h"
#include "refs.h"
#include "session.h"
#include "xalloc.h"

int
cmd_graph(const struct command_options *opts)
{
	struct session		 s;
	struct dot_options	 d;
	struct diag_list	 diags;
	struct scenario		*sc = NULL;
	uint32_t		*focus = NULL, *failed = NULL;
	size_t			 nfocus = 0, fcap = 0, nfailed = 0, cap = 0, i;
	char			 err[512], *title = NULL, *t;
	int			 status = EXIT_INVALID;

	diag_list_init(&diags);
	if (opts->output != NULL && strcmp(opts->output, "-") != 0 &&
	    out_dot_format_of(opts->output) < 0) {
		diag_message(stderr, "-o %s: unknown diagram format "
		    "(use .dot, .gv, .svg, .png or .pdf)", opts->output);
		return EXIT_INVALID;
	}
	session_open(&s, opts->paths, opts->npaths);
	if (!s.ok) {
		diag_list_print(&s.diags, stderr, 0);
		goto out;
	}
	for (i = 0; i < opts->nfocus; i++) {
		if (refs_resolve(s.analysis, opts->focus[i], &focus, &nfocus,
		    &fcap, err, sizeof err) != 0) {
			diag_message(stderr, "--focus %s: %s", opts->focus[i],
			    err);
			goto out;
		}
	}
	nfocus = refs_sort_unique(focus, nfocus);
	for (i = 0; i < opts->nfail; i++) {
		if (refs_resolve(s.analysis, opts->fail[i], &failed, &nfailed,
		    &cap, err, sizeof err) != 0) {
			diag_message(stderr, "--fail %s: %s", opts->fail[i],
			    err);
			goto out;
		}
	}
	nfailed = refs_sort_unique(failed, nfailed);
	if (opts->nfail > 0) {
		sc = scenario_create(s.analysis);
		scenario_run(sc, failed, nfailed);
	}
	memset(&d, 0, sizeof d);
	d.view = opts->view == VIEW_PLACEMENT ? DOT_VIEW_PLACEMENT :
	    DOT_VIEW_SERVICES;
	d.focus = focus;
	d.nfocus = nfocus;
	d.scenario = sc;
	d.failed = failed;
	d.nfailed = nfailed;
	d.size = (enum dot_size)opts->size;
	d.collapse = (enum dot_collapse)opts->collapse;
	d.edges = (enum dot_edges)opts->edges;
	if (session_today(&d.date) != 0)
		goto out;
	d.tooltips = 1;
	if (!s.inv->meta.present || s.inv->meta.name == NULL) {
		title = xstrdup(opts->npaths == 0 ?
		    session_default_inventory() : opts->paths[0]);
		for (i = 1; i < opts->npaths; i++) {
			t = xasprintf("%s, %s", title, opts->paths[i]);
			free(title);
			title = t;
		}
		d.title = title;
	}
	if (session_check_output(opts->output, s.inv, NULL) == 0 &&
	    out_dot_graph(s.analysis, &d, opts->output, stdout, &diags) == 0)
		status = 0;
	diag_list_print(&diags, stderr, 0);
out:
	diag_list_free(&diags);
	free(title);
	free(focus);
	free(failed);
	scenario_free(sc);
	session_close(&s);
	return status;
}
