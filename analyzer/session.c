/*
 * session.c -- load, resolve and analyse an inventory; write results.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "loader.h"
#include "outfile.h"
#include "impact.h"
#include "session.h"

static int
is_directory(const char *path)
{
	struct stat	sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/*
 * Next to the sources when this binary runs from its build tree, else
 * where "make install" put it.
 */
const char *
session_default_inventory(void)
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

void
session_open(struct session *s, const char *const *paths, size_t npaths)
{
	const char	*def[1];

	memset(s, 0, sizeof *s);
	diag_list_init(&s->diags);
	if (npaths == 0) {
		def[0] = session_default_inventory();
		diag_message(stderr, "no PATH given; reading the bundled "
		    "example inventory %s", def[0]);
		paths = def;
		npaths = 1;
	}
	s->inv = inventory_create();
	/* Resolve even after loader errors, so one run reports them all. */
	s->ok = loader_load_paths(s->inv, paths, npaths, &s->diags) == 0;
	if (inventory_resolve(s->inv, &s->diags) != 0)
		s->ok = 0;
	if (s->ok && (s->analysis = analysis_create(s->inv, &s->diags)) == NULL)
		s->ok = 0;
	if (s->ok)
		impact_fill_matrix(s->analysis);
	diag_list_sort(&s->diags);
}

void
session_close(struct session *s)
{
	analysis_free(s->analysis);
	inventory_free(s->inv);
	diag_list_free(&s->diags);
	memset(s, 0, sizeof *s);
}

/*
 * SOURCE_DATE_EPOCH in seconds into *t: 1 when set and valid, 0 when unset
 * or empty, -1 when malformed.
 */
static int
sde_seconds(long long *t)
{
	const char	*sde;
	char		*end;

	if ((sde = getenv("SOURCE_DATE_EPOCH")) == NULL || *sde == '\0')
		return 0;
	errno = 0;
	*t = strtoll(sde, &end, 10);
	if (errno == 0 && *end == '\0' && *t >= 0 && *sde >= '0' &&
	    *sde <= '9' && *t / 86400 <= INT32_MAX)
		return 1;
	return -1;
}

int
session_today(int32_t *today)
{
	long long	t;

	switch (sde_seconds(&t)) {
	case 1:
		*today = (int32_t)(t / 86400);
		return 0;
	case 0:
		*today = (int32_t)(time(NULL) / 86400);
		return 0;
	default:
		diag_message(stderr, "SOURCE_DATE_EPOCH '%s' is not a number "
		    "of seconds since 1970-01-01 (unset it to use the clock)",
		    getenv("SOURCE_DATE_EPOCH"));
		return -1;
	}
}

long long
session_now(int *from_sde)
{
	long long	t;

	*from_sde = sde_seconds(&t) == 1;
	return *from_sde ? t : (long long)time(NULL);
}

int
session_colour(const char *output)
{
	const char	*nc = getenv("NO_COLOR");

	if (output != NULL || (nc != NULL && *nc != '\0'))
		return 0;
	return isatty(STDOUT_FILENO);
}

int
session_check_output(const char *output, const struct inventory *inv,
    const char *extra)
{
	long	i;

	if (inv != NULL && (i = outfile_same_file(output,
	    (const char *const *)inv->files, inv->nfiles)) != -1) {
		diag_message(stderr, "-o %s is the input file %s; refusing to "
		    "overwrite it", output, inv->files[i]);
		return -1;
	}
	if (extra != NULL && outfile_same_file(output, &extra, 1) != -1) {
		diag_message(stderr, "-o %s is the input file %s; refusing to "
		    "overwrite it", output, extra);
		return -1;
	}
	return 0;
}

int
session_write(const char *output, int (*fn)(FILE *, void *), void *arg)
{
	struct outfile	 of;
	const char	*name = output != NULL ? output : "standard output";
	int		 saved;

	if (output != NULL && strcmp(output, "-") == 0)
		name = "standard output";
	if (outfile_open(&of, output) != 0) {
		diag_message(stderr, "cannot write %s: %s", name,
		    strerror(errno));
		return -1;
	}
	errno = 0;
	if (fn(of.fp, arg) != 0) {
		/* The renderer saw a write error: the failed write or a
		 * flush again says which. */
		saved = errno;
		if (saved == 0 && fflush(of.fp) != 0)
			saved = errno;
		outfile_abort(&of);
		diag_message(stderr, "cannot write %s%s%s", name,
		    saved != 0 ? ": " : "", saved != 0 ? strerror(saved) : "");
		return -1;
	}
	if (outfile_commit(&of) != 0) {
		diag_message(stderr, "cannot write %s: %s", name,
		    strerror(errno));
		return -1;
	}
	return 0;
}
