/*
 * session.h -- what every subcommand does first: find the inventory (the
 * bundled example when no PATH is given), load and resolve it, analyse it;
 * and what it does last: write its result to stdout or atomically to -o.
 */
#ifndef FAULTLINE_SESSION_H
#define FAULTLINE_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "diag.h"
#include "inventory.h"

struct session {
	struct inventory	*inv;
	struct analysis		*analysis;	/* NULL unless ok */
	struct diag_list	 diags;		/* sorted */
	int			 ok;		/* loaded, resolved, analysed */
};

/* The directory of the bundled example inventory (build tree or installed). */
const char	*session_default_inventory(void);

/*
 * Load, resolve and analyse the inventory at paths (none: the bundled
 * example, with a note on stderr).  Always fills the session; s->ok tells
 * whether it is usable, else s->diags says why.  Free with session_close().
 */
void		 session_open(struct session *, const char *const *paths,
		    size_t npaths);
void		 session_close(struct session *);

/*
 * Days since 1970-01-01 of SOURCE_DATE_EPOCH when set (and not empty),
 * else of the clock, into *today.  Returns 0, or -1 after printing why to
 * stderr when SOURCE_DATE_EPOCH is not a number of seconds: a report that
 * silently used the clock would not be reproducible.
 */
int		 session_today(int32_t *today);
/* Seconds since the epoch of SOURCE_DATE_EPOCH (*from_sde set to 1), else
 * of the clock (*from_sde 0); call session_today() first, which refuses a
 * malformed SOURCE_DATE_EPOCH. */
long long	 session_now(int *from_sde);
/* Whether to colour text written to output (NULL: stdout): only on a
 * terminal, never under NO_COLOR. */
int		 session_colour(const char *output);

/*
 * Refuse an output that would overwrite an input: one of the files of inv
 * (may be NULL) or extra (may be NULL; a --baseline).  Returns 0, or -1
 * after printing why to stderr.
 */
int		 session_check_output(const char *output,
		    const struct inventory *inv, const char *extra);

/*
 * Write with fn(fp, arg) to output (NULL or "-": stdout; a regular file
 * atomically; through a symlink, device or FIFO; see outfile.h).
 * Returns 0, or -1 after printing why to stderr.
 */
int		 session_write(const char *output, int (*fn)(FILE *, void *),
		    void *arg);

#endif
