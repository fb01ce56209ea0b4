/*
 * cmd_whatif.c -- "faultline whatif": fail the components named by --fail
 * at once and show what goes down, degrades, or cannot be recovered.
 */
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "out_json.h"
#include "out_text.h"
#include "refs.h"
#include "session.h"

struct whatif_render {
	const struct command_options	*opts;
	const struct analysis		*analysis;
	const struct scenario		*scenario;
	const uint32_t			*failed;
	size_t				 nfailed;
};

static int
whatif_render(FILE *fp, void *arg)
{
	const struct whatif_render	*r = arg;

	if (r->opts->format == FORMAT_JSON)
		return out_json_whatif(fp, r->analysis, r->scenario, r->failed,
		    r->nfailed);
	return out_text_whatif(fp, r->analysis, r->scenario, r->failed,
	    r->nfailed);
}

int
cmd_whatif(const struct command_options *opts)
{
	struct session		 s;
	struct whatif_render	 r;
	struct scenario		*sc = NULL;
	uint32_t		*failed = NULL;
	size_t			 nfailed = 0, cap = 0, i;
	char			 err[512];
	int			 status = EXIT_INVALID;

	session_open(&s, opts->paths, opts->npaths);
	if (!s.ok) {
		diag_list_print(&s.diags, stderr, 0);
		goto out;
	}
	for (i = 0; i < opts->nfail; i++) {
		if (refs_resolve(s.analysis, opts->fail[i], &failed, &nfailed,
		    &cap, err, sizeof err) != 0) {
			diag_message(stderr, "--fail %s: %s", opts->fail[i],
			    err);
			goto out;
		}
	}
	nfailed = refs_sort_unique(failed, nfailed);
	sc = scenario_create(s.analysis);
	scenario_run(sc, failed, nfailed);
	r.opts = opts;
	r.analysis = s.analysis;
	r.scenario = sc;
	r.failed = failed;
	r.nfailed = nfailed;
	if (session_check_output(opts->output, s.inv, NULL) == 0 &&
	    session_write(opts->output, whatif_render, &r) == 0)
		status = 0;
out:
	free(failed);
	scenario_free(sc);
	session_close(&s);
	return status;
}
