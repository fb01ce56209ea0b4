/*
 * commands.c -- the subcommands: load, resolve, analyse, render.
 *
 * Problems with the inventory itself (unreadable files, YAML errors, broken
 * references) are findings of rule "schema" and make the exit status 2;
 * every other problem of a command (a bad --fail REF, an unwritable -o
 * file) is printed to stderr, also with status 2.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "commands.h"
#include "findings.h"
#include "loader.h"
#include "out_json.h"
#include "out_text.h"
#include "outfile.h"
#include "refs.h"
#include "xalloc.h"

#define EXIT_FINDINGS	1
#define EXIT_INVALID	2

static int
is_directory(const char *path)
{
	struct stat	sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/*
 * The example inventory: next to the sources when this binary runs from
 * its build tree, else where "make install" put it.
 */
const char *
commands_default_inventory(void)
{
	static char	 path[PATH_MAX];
	char		 exe[PATH_MAX];
	ssize_t		 len;
	char		*slash;

	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		if (strcmp(exe, FAULTLINE_BUILDDIR) == 0) {
			snprintf(path, sizeof path, "%s/inventories/example",
			    FAULTLINE_SRCDIR);
			if (is_directory(path))
				return path;
		}
	}
	snprintf(path, sizeof path, "%s/inventories/example",
	    FAULTLINE_DATADIR);
	return path;
}

/* Days since 1970-01-01 of SOURCE_DATE_EPOCH, else of the clock. */
static int32_t
today(void)
{
	const char	*sde;
	char		*end;
	long long	 t;

	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0') {
		errno = 0;
		t = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0)
			return (int32_t)(t / 86400);
		fprintf(stderr, "faultline: ignoring SOURCE_DATE_EPOCH '%s': "
		    "not a number of seconds\n", sde);
	}
	return (int32_t)(time(NULL) / 86400);
}

static int
use_colour(const struct command_options *opts)
{
	const char	*nc = getenv("NO_COLOR");

	if (opts->output != NULL || (nc != NULL && *nc != '\0'))
		return 0;
	return isatty(STDOUT_FILENO);
}

/*
 * Load and resolve the inventory of the options.  Returns it with every
 * problem in dl; *ok is 1 when there was none.
 */
static struct inventory *
load_inventory(const struct command_options *opts, struct diag_list *dl,
    int *ok)
{
	struct inventory	*inv;
	const char		*def[1];
	const char *const	*paths = opts->paths;
	size_t			 npaths = opts->npaths;

	if (npaths == 0) {
		def[0] = commands_default_inventory();
		fprintf(stderr, "faultline: no PATH given; reading the bundled "
		    "example inventory %s\n", def[0]);
		paths = def;
		npaths = 1;
	}
	inv = inventory_create();
	*ok = loader_load_paths(inv, paths, npaths, dl) == 0;
	if (*ok)
		*ok = inventory_resolve(inv, dl) == 0;
	diag_list_sort(dl);
	return inv;
}

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

/* Turn loader and validation errors into findings of rule schema. */
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
		f->message = xstrdup(d->message);
		if (d->line != 0 && file_index(inv, d->file, &f->mark.file)) {
			f->has_mark = 1;
			f->mark.line = d->line;
			f->mark.column = d->column;
		}
	}
}

/* Whether an unwaived finding is at or above the threshold. */
static int
findings_fail(const struct findings *fs, enum severity fail_on)
{
	size_t	i;

	for (i = 0; i < fs->n; i++) {
		if (fs->v[i].waived || fs->v[i].baselined)
			continue;
		if (fs->v[i].severity <= fail_on)
			return 1;
	}
	return 0;
}

static int
render_check(const struct command_options *opts, const struct inventory *inv,
    const struct analysis *a, const struct findings *fs)
{
	struct outfile	of;
	int		error;

	if (outfile_open(&of, opts->output) != 0) {
		fprintf(stderr, "faultline: cannot write %s: %s\n",
		    opts->output, strerror(errno));
		return -1;
	}
	if (opts->format == FORMAT_JSON)
		error = out_json_check(of.fp, inv, a, fs);
	else
		error = out_text_check(of.fp, inv, a, fs, use_colour(opts));
	if (error != 0) {
		outfile_abort(&of);
		fprintf(stderr, "faultline: cannot write %s\n",
		    opts->output != NULL ? opts->output : "standard output");
		return -1;
	}
	if (outfile_commit(&of) != 0) {
		fprintf(stderr, "faultline: cannot write %s: %s\n",
		    opts->output != NULL ? opts->output : "standard output",
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
commands_check(const struct command_options *opts)
{
	struct diag_list	 dl;
	struct inventory	*inv;
	struct analysis		*a = NULL;
	struct findings		 fs;
	int			 ok, status;

	diag_list_init(&dl);
	memset(&fs, 0, sizeof fs);
	inv = load_inventory(opts, &dl, &ok);
	if (ok && (a = analysis_create(inv, &dl)) == NULL)
		ok = 0;
	if (ok && findings_compute(a, today(), &fs, &dl) != 0)
		ok = 0;
	if (!ok) {
		findings_free(&fs);
		memset(&fs, 0, sizeof fs);
		diag_list_sort(&dl);
		schema_findings(inv, &dl, &fs);
		analysis_free(a);
		a = NULL;
	}
	if (render_check(opts, inv, a, &fs) != 0)
		status = EXIT_INVALID;
	else if (!ok)
		status = EXIT_INVALID;
	else
		status = findings_fail(&fs, opts->fail_on) ? EXIT_FINDINGS : 0;
	findings_free(&fs);
	analysis_free(a);
	inventory_free(inv);
	diag_list_free(&dl);
	return status;
}

int
commands_whatif(const struct command_options *opts)
{
	struct diag_list	 dl;
	struct inventory	*inv;
	struct analysis		*a = NULL;
	struct scenario		*sc = NULL;
	struct outfile		 of;
	uint32_t		*failed = NULL;
	size_t			 nfailed = 0, cap = 0, i;
	char			 err[512];
	int			 ok, status = EXIT_INVALID, error;

	diag_list_init(&dl);
	inv = load_inventory(opts, &dl, &ok);
	if (ok && (a = analysis_create(inv, &dl)) == NULL)
		ok = 0;
	if (!ok) {
		diag_list_print(&dl, stderr, 0);
		goto out;
	}
	for (i = 0; i < opts->nfail; i++) {
		if (refs_resolve(a, opts->fail[i], &failed, &nfailed, &cap, err,
		    sizeof err) != 0) {
			fprintf(stderr, "faultline: --fail %s: %s\n",
			    opts->fail[i], err);
			goto out;
		}
	}
	nfailed = refs_sort_unique(failed, nfailed);
	sc = scenario_create(a);
	scenario_run(sc, failed, nfailed);
	if (outfile_open(&of, opts->output) != 0) {
		fprintf(stderr, "faultline: cannot write %s: %s\n",
		    opts->output, strerror(errno));
		goto out;
	}
	if (opts->format == FORMAT_JSON)
		error = out_json_whatif(of.fp, a, sc, failed, nfailed);
	else
		error = out_text_whatif(of.fp, a, sc, failed, nfailed);
	if (error != 0) {
		outfile_abort(&of);
		fprintf(stderr, "faultline: cannot write output\n");
		goto out;
	}
	if (outfile_commit(&of) != 0) {
		fprintf(stderr, "faultline: cannot write %s: %s\n",
		    opts->output != NULL ? opts->output : "standard output",
		    strerror(errno));
		goto out;
	}
	status = 0;
out:
	free(failed);
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
	diag_list_free(&dl);
	return status;
}
