/*
 * cmd_import.c -- "faultline import netbox|backstage": read what a team
 * already keeps (NetBox's placement and power; a Backstage catalog's
 * services), map it, and write one inventory file, stdout or atomically
 * to -o.  Nothing is written unless the whole input was read; a summary
 * of what was written, left out, not mapped and renamed goes to stderr.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#include "import_backstage.h"
#include "import_files.h"
#include "import_netbox.h"
#include "import_report.h"
#include "invwriter.h"
#include "netbox.h"
#include "netbox_fetch.h"
#include "netbox_json.h"
#include "session.h"
#include "xalloc.h"

/* The time of the import: SOURCE_DATE_EPOCH when set, else the clock. */
static void
import_time(char *buf, size_t size)
{
	const char	*sde = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	long long	 v;
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (sde != NULL && *sde != '\0') {
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0 &&
		    v <= 253402300799LL)	/* 9999-12-31 */
			t = (time_t)v;
		else
			fprintf(stderr, "faultline: ignoring SOURCE_DATE_EPOCH "
			    "'%s': not a number of seconds\n", sde);
	}
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, size, "%lld", (long long)t);
}

static void
print_report(const char *source, const struct import_report *rep)
{
	static const char *verbs[] = { "left out", "could not map", "note:" };
	const struct import_reason	*r;
	size_t				 i, j;

	for (i = 0; i < rep->n; i++) {
		r = &rep->v[i];
		fprintf(stderr, "faultline: import %s: %s %zu %s%s: %s", source,
		    verbs[r->outcome], r->count, r->what,
		    r->count == 1 ? "" : "s", r->text);
		for (j = 0; j < IMPORT_REPORT_EXAMPLES && r->examples[j] !=
		    NULL; j++)
			fprintf(stderr, "%s%s", j == 0 ? " (" : ", ",
			    r->examples[j]);
		if (r->examples[0] != NULL)
			fputs(r->count > IMPORT_REPORT_EXAMPLES ? ", ...)" : ")",
			    stderr);
		fputc('\n', stderr);
	}
	fprintf(stderr, "faultline: import %s: wrote %s; left out %zu, not "
	    "mapped %zu, renamed %zu\n", source, rep->counts != NULL ?
	    rep->counts : "nothing", rep->left_out, rep->not_mapped,
	    rep->renamed);
}

static int
write_inventory(FILE *fp, void *arg)
{
	return invwriter_write(arg, fp);
}

/* The progress line of a live fetch: kept on one line on a terminal. */
static void
progress(void *arg, const char *endpoint, size_t done, long long count,
    int last)
{
	int	tty = isatty(STDERR_FILENO);

	(void)arg;
	if (!tty && !last)
		return;
	fprintf(stderr, "%sfaultline: import netbox: fetched %s: %zu",
	    tty ? "\r\033[K" : "", endpoint, done);
	if (count >= 0)
		fprintf(stderr, " of %lld", count);
	if (!tty || last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Read the NetBox data into nb; 0, or -1 after diagnostics in dl. */
static int
read_netbox(const struct command_options *opts, struct netbox *nb,
    struct invwriter *w, struct diag_list *dl)
{
	static const char *const exts[] = { ".json", NULL };
	struct import_files	 files;
	struct netbox_page	 page;
	const char		*token;
	char			*buf, *pub;
	size_t			 len, i;
	int			 status;

	if (opts->url != NULL) {
		token = getenv("NETBOX_TOKEN");
		if (token == NULL || *token == '\0') {
			fputs("faultline: import netbox: NETBOX_TOKEN is not "
			    "set: fetching without a token\n", stderr);
			token = NULL;
		}
		if (token != NULL && token[strcspn(token,
		    "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r"
		    "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
		    "\x1a\x1b\x1c\x1d\x1e\x1f\x7f")] != '\0') {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0, "NETBOX_TOKEN holds "
			    "a control character (a line break?): refused");
			return -1;
		}
		pub = netbox_fetch_public_url(opts->url);
		invwriter_header(w, "Source: the REST API of %s", pub);
		free(pub);
		return netbox_fetch(nb, opts->url, token, progress, NULL, dl);
	}
	status = import_files_collect(&files, opts->paths + 1,
	    opts->npaths - 1, exts, dl);
	if (status == 0 && files.n == 0) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "import netbox: no *.json "
		    "file in the given paths");
		status = -1;
	}
	for (i = 0; i < files.n && status == 0; i++) {
		invwriter_header(w, "Source: %s", files.v[i]);
		if ((buf = import_files_read(files.v[i], &len, dl)) == NULL) {
			status = -1;
			break;
		}
		if (netbox_json_read(nb, buf, len, files.v[i], files.v[i],
		    &page, dl) != 0)
			status = -1;
		free(page.next);
		free(buf);
	}
	import_files_free(&files);
	return status;
}

static int
import_netbox(const struct command_options *opts, struct invwriter *w,
    struct import_report *rep, struct diag_list *dl)
{
	const struct netbox_object	*first, *second;
	struct netbox			*nb = netbox_create();
	int				 status = -1;

	if (opts->url != NULL && opts->npaths > 1) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "import netbox: give "
		    "either files or --url, not both");
		goto out;
	}
	if (opts->url == NULL && opts->npaths < 2) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "import netbox: needs "
		    "JSON files or directories, or --url URL");
		goto out;
	}
	if (read_netbox(opts, nb, w, dl) != 0)
		goto out;
	if (netbox_index(nb, &first, &second) != 0) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "%s %lld is read twice: "
		    "at %s and at %s", netbox_type_noun(first->type),
		    (long long)first->id, first->source, second->source);
		goto out;
	}
	if (nb->ignored > 0)
		fprintf(stderr, "faultline: import netbox: ignored %zu objects "
		    "of endpoints not used\n", nb->ignored);
	invwriter_header(w, "%s", "");
	import_netbox_header(w);
	status = import_netbox_map(nb, w, rep, dl);
out:
	netbox_free(nb);
	return status;
}

static int
import_backstage(const struct command_options *opts, struct invwriter *w,
    struct import_report *rep, struct diag_list *dl)
{
	static const char *const exts[] = { ".yaml", ".yml", NULL };
	struct import_files	files;
	size_t			i;
	int			status;

	if (opts->url != NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "import backstage: "
		    "--url is for netbox; give catalog files or directories");
		return -1;
	}
	if (opts->npaths < 2) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "import backstage: needs "
		    "catalog files (catalog-info.yaml) or directories");
		return -1;
	}
	status = import_files_collect(&files, opts->paths + 1,
	    opts->npaths - 1, exts, dl);
	if (status == 0 && files.n == 0) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "import backstage: no "
		    "*.yaml or *.yml file in the given paths");
		status = -1;
	}
	for (i = 0; i < files.n && status == 0; i++)
		invwriter_header(w, "Source: %s", files.v[i]);
	if (status == 0) {
		invwriter_header(w, "%s", "");
		import_backstage_header(w);
		status = import_backstage_run(&files, w, rep, dl);
	}
	import_files_free(&files);
	return status;
}

int
cmd_import(const struct command_options *opts)
{
	struct invwriter	*w = invwriter_create();
	struct import_report	 rep;
	struct diag_list	 dl;
	const char		*source = opts->paths[0];
	char			 when[64];
	int			 status;

	import_report_init(&rep);
	diag_list_init(&dl);
	import_time(when, sizeof when);
	invwriter_header(w, "Generated by 'faultline import %s' (faultline %s) "
	    "on %s.", source, PACKAGE_VERSION, when);
	invwriter_header(w, "Edit the source, not this file: import again to "
	    "update it.");
	if (strcmp(source, "netbox") == 0)
		status = import_netbox(opts, w, &rep, &dl);
	else
		status = import_backstage(opts, w, &rep, &dl);
	diag_list_sort(&dl);
	diag_list_print(&dl, stderr, 0);
	if (status == 0) {
		invwriter_header(w, "%s", "");
		invwriter_header(w, "Imported: %s; left out %zu, not mapped "
		    "%zu, renamed %zu (the summary on stderr says which).",
		    rep.counts, rep.left_out, rep.not_mapped, rep.renamed);
		print_report(source, &rep);
		if (session_write(opts->output, write_inventory, w) != 0)
			status = -1;
	}
	diag_list_free(&dl);
	import_report_free(&rep);
	invwriter_free(w);
	return status == 0 ? 0 : EXIT_INVALID;
}
