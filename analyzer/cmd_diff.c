/*
 * cmd_diff.c -- "faultline diff OLD NEW": load and analyse both
 * inventories, compute the findings of each, and classify them by rule,
 * subject and cause (never by line): new in NEW, resolved since OLD, or
 * unchanged.  Gates on the new ones, like check with a baseline of OLD.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "baseline.h"
#include "commands.h"
#include "findings.h"
#include "out_diff.h"
#include "session.h"
#include "xalloc.h"

struct diff_render {
	const struct command_options	*opts;
	const struct session		*old_s;
	const struct session		*new_s;
	const struct findings		*old_fl;
	const struct findings		*new_fl;
};

/* Findings of an opened session; on a problem print it, return -1. */
static int
session_findings(struct session *s, int32_t today, struct findings *fl)
{
	if (s->ok && findings_compute(s->analysis, today, fl,
	    &s->diags) != 0) {
		s->ok = 0;
		diag_list_sort(&s->diags);
	}
	if (!s->ok) {
		diag_list_print(&s->diags, stderr, 0);
		return -1;
	}
	return 0;
}

static int
diff_render(FILE *fp, void *arg)
{
	const struct diff_render	*r = arg;

	if (r->opts->format == FORMAT_JSON)
		return out_diff_json(fp, r->old_s->inv, r->old_fl,
		    r->new_s->inv, r->new_fl);
	return out_diff_text(fp, r->old_s->inv, r->old_fl, r->new_s->inv,
	    r->new_fl);
}

/* Whether NEW adds a finding that counts at or above the threshold. */
static int
diff_fails(const struct findings *new_fl, enum severity fail_on)
{
	size_t	i;

	if (fail_on == SEVERITY_NONE)
		return 0;
	for (i = 0; i < new_fl->n; i++) {
		if (new_fl->v[i].waived || new_fl->v[i].baselined)
			continue;
		if (new_fl->v[i].severity <= fail_on)
			return 1;
	}
	return 0;
}

/* Whether path holds an inventory file: is one, or a directory with one
 * (*.yaml, *.yml) anywhere below it; a missing path holds none. */
static int
has_inventory_files(const char *path, int depth)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	size_t		 len;
	char		*sub;
	int		 found = 0;

	if (stat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : 1;
	if (!S_ISDIR(st.st_mode))
		return 1;
	if (depth > 64 || (d = opendir(path)) == NULL)
		return 1;	/* let the loader say what is wrong */
	while (!found && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		len = strlen(de->d_name);
		if ((len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) ||
		    (len > 4 && strcmp(de->d_name + len - 4, ".yml") == 0)) {
			found = 1;
			break;
		}
		sub = xasprintf("%s/%s", path, de->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			found = has_inventory_files(sub, depth + 1);
		free(sub);
	}
	closedir(d);
	return found;
}

int
cmd_diff(const struct command_options *opts)
{
	struct session		 old_s, new_s;
	struct findings		 old_fl, new_fl;
	struct baseline		*b;
	struct diff_render	 r;
	int32_t			 today;
	int			 status, bad;

	if (opts->npaths != 2) {
		diag_message(stderr, "diff needs two paths, OLD and NEW");
		return EXIT_INVALID;
	}
	if (session_today(&today) != 0)
		return EXIT_INVALID;
	memset(&old_fl, 0, sizeof old_fl);
	memset(&new_fl, 0, sizeof new_fl);
	if (opts->allow_missing_base && !has_inventory_files(opts->paths[0],
	    0)) {
		diag_message(stderr, "%s has no inventory files; comparing "
		    "against an empty inventory", opts->paths[0]);
		memset(&old_s, 0, sizeof old_s);
		diag_list_init(&old_s.diags);
		old_s.inv = inventory_create();
		old_s.ok = 1;
		bad = 0;
	} else {
		session_open(&old_s, opts->paths, 1);
		bad = session_findings(&old_s, today, &old_fl) != 0;
	}
	session_open(&new_s, opts->paths + 1, 1);
	bad |= session_findings(&new_s, today, &new_fl) != 0;
	if (bad) {
		status = EXIT_INVALID;
		goto out;
	}

	b = baseline_from_findings(&old_fl);
	baseline_apply(b, &new_fl);
	baseline_free(b);
	b = baseline_from_findings(&new_fl);
	baseline_apply(b, &old_fl);
	baseline_free(b);

	r.opts = opts;
	r.old_s = &old_s;
	r.new_s = &new_s;
	r.old_fl = &old_fl;
	r.new_fl = &new_fl;
	if (session_check_output(opts->output, old_s.inv, NULL) != 0 ||
	    session_check_output(opts->output, new_s.inv, NULL) != 0 ||
	    session_write(opts->output, diff_render, &r) != 0)
		status = EXIT_INVALID;
	else
		status = diff_fails(&new_fl, opts->fail_on) ? EXIT_FINDINGS : 0;
out:
	findings_free(&old_fl);
	findings_free(&new_fl);
	session_close(&old_s);
	session_close(&new_s);
	return status;
}
