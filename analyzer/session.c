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
		fprintf(stderr, "faultline: no PATH given; reading the bundled "
		    "example inventory %s\n", def[0]);
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

/* SOURCE_DATE_EPOCH in seconds, or -1 when unset or invalid (warned). */
static long long
sde_seconds(int warn)
{
	const char	*sde;
	char		*end;
	long long	 t;

	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0') {
		errno = 0;
		t = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0 &&
		    t / 86400 <= INT32_MAX)
			return t;
		if (warn)
			fprintf(stderr, "faultline: ignoring "
			    "SOURCE_DATE_EPOCH '%s': not a number of "
			    "seconds\n", sde);
	}
	return -1;
}

int32_t
session_today(void)
{
	long long	t = sde_seconds(1);

	return (int32_t)((t >= 0 ? t : (long long)time(NULL)) / 86400);
}

long long
session_now(int *from_sde)
{
	long long	t = sde_seconds(0);

	*from_sde = t >= 0;
	return t >= 0 ? t : (long long)time(NULL);
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
session_write(const char *output, int (*fn)(FILE *, void *), void *arg)
{
	struct outfile	 of;
	const char	*name = output != NULL ? output : "standard output";

	if (outfile_open(&of, output) != 0) {
		fprintf(stderr, "faultline: cannot write %s: %s\n", name,
		    strerror(errno));
		return -1;
	}
	if (fn(of.fp, arg) != 0) {
		outfile_abort(&of);
		fprintf(stderr, "faultline: cannot write %s\n", name);
		return -1;
	}
	if (outfile_commit(&of) != 0) {
		fprintf(stderr, "faultline: cannot write %s: %s\n", name,
		    strerror(errno));
		return -1;
	}
	return 0;
}
