/*
 * outfile.h -- write a result to stdout or atomically to a file: the data
 * goes to a temporary file next to the target and is renamed over it only
 * when complete, so an interrupted run never leaves a half-written file.
 */
#ifndef FAULTLINE_OUTFILE_H
#define FAULTLINE_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE	*fp;
	char	*path;		/* NULL: stdout */
	char	*tmp;
};

/* Open path (NULL or "-": stdout).  Returns 0, or -1 with errno set. */
int	outfile_open(struct outfile *, const char *path);
/* Flush and move into place; returns 0, or -1 with errno set (the
 * temporary file is removed). */
int	outfile_commit(struct outfile *);
/* Discard what was written (no-op for stdout). */
void	outfile_abort(struct outfile *);

#endif
