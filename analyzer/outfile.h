/*
 * outfile.h -- write a result to stdout or to a file named by -o.
 *
 * A regular file (or a name that does not exist yet) is replaced
 * atomically: the data goes to a temporary file with a short name
 * (".faultline-XXXXXX") in the same directory, which takes the old file's
 * mode (and owner when running as root) and is renamed over the target
 * only when complete, so an interrupted run never leaves a half-written
 * file.  SIGINT, SIGTERM and SIGHUP remove the temporary file before the
 * process dies of the signal (unless the signal was ignored when the file
 * was opened); the old file survives intact.
 *
 * Anything else that exists under the name -- a symlink, a device, a FIFO
 * or a socket -- is never replaced: the data is written through it (a
 * symlink is followed), and write and close errors are reported.
 * "-" (or NULL) is stdout.
 *
 * One outfile may be open at a time (the signal handler knows one
 * temporary file).
 */
#ifndef FAULTLINE_OUTFILE_H
#define FAULTLINE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct outfile {
	FILE	*fp;
	char	*path;		/* NULL: stdout */
	char	*tmp;		/* NULL: written in place (stdout, symlink,
				 * device, FIFO, socket) */
};

/* Open path (NULL or "-": stdout).  Returns 0, or -1 with errno set. */
int	outfile_open(struct outfile *, const char *path);
/*
 * Flush, close and move into place; returns 0, or -1 with errno set (the
 * temporary file is removed; the old file is untouched).
 */
int	outfile_commit(struct outfile *);
/* Discard what was written (no-op for stdout). */
void	outfile_abort(struct outfile *);
/*
 * Whether path names an existing regular file that is also one of
 * paths[0..n) (same st_dev and st_ino, symlinks followed): its index, or
 * -1.
 */
long	outfile_same_file(const char *path, const char *const *paths,
	    size_t n);

#endif
