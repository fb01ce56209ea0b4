/*
 * outfile.c -- output files: atomic replacement of regular files, writing
 * through anything else, and no temporary file left behind by a signal
 * (see outfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "xalloc.h"

#define TMP_NAME	".faultline-XXXXXX"

static const int	 outfile_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS	 (sizeof outfile_signals / sizeof outfile_signals[0])

/* The temporary file a signal must remove; read by the handler only. */
static char *volatile	 outfile_sigtmp;
static struct sigaction	 outfile_oldact[NSIGNALS];
static int		 outfile_caught[NSIGNALS];

/*
 * Remove the temporary file, put back the disposition the signal had, and
 * raise it again: the signal is blocked while this runs, so it is
 * delivered (and the process dies of it) as soon as this returns.  Only
 * async-signal-safe calls.
 */
static void
outfile_on_signal(int sig)
{
	char	*tmp = outfile_sigtmp;
	size_t	 i;
	int	 saved = errno;

	if (tmp != NULL)
		unlink(tmp);
	for (i = 0; i < NSIGNALS; i++)
		if (outfile_signals[i] == sig)
			sigaction(sig, &outfile_oldact[i], NULL);
	raise(sig);
	errno = saved;
}

static void
outfile_block(sigset_t *old)
{
	sigset_t	set;
	size_t		i;

	sigemptyset(&set);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&set, outfile_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Catch the signals that are not ignored. */
static void
outfile_catch(void)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = outfile_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++) {
		outfile_caught[i] = 0;
		if (sigaction(outfile_signals[i], NULL, &outfile_oldact[i]) != 0 ||
		    outfile_oldact[i].sa_handler == SIG_IGN)
			continue;
		if (sigaction(outfile_signals[i], &sa, NULL) == 0)
			outfile_caught[i] = 1;
	}
}

static void
outfile_release(void)
{
	size_t	i;

	for (i = 0; i < NSIGNALS; i++) {
		if (outfile_caught[i])
			sigaction(outfile_signals[i], &outfile_oldact[i], NULL);
		outfile_caught[i] = 0;
	}
}

/* Remove the temporary file (when unlink_it) and forget it, signals
 * blocked so that the handler never sees a half-done state. */
static void
outfile_forget(struct outfile *of, int unlink_it)
{
	sigset_t	old;

	outfile_block(&old);
	if (unlink_it)
		unlink(of->tmp);
	outfile_sigtmp = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
	outfile_release();
}

/* A temporary file in the directory of path, for atomic replacement of
 * the regular file sb (NULL: path does not exist yet). */
static int
outfile_open_tmp(struct outfile *of, const struct stat *sb)
{
	const char	*slash = strrchr(of->path, '/');
	sigset_t	 old;
	mode_t		 um;
	int		 fd, saved;

	if (slash == NULL)
		of->tmp = xstrdup(TMP_NAME);
	else
		of->tmp = xasprintf("%.*s/%s", (int)(slash - of->path),
		    of->path, TMP_NAME);
	/* The name is recorded before a signal can see the file. */
	outfile_block(&old);
	fd = mkstemp(of->tmp);
	saved = errno;
	if (fd != -1) {
		outfile_sigtmp = of->tmp;
		outfile_catch();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd == -1) {
		errno = saved;
		return -1;
	}
	if (sb != NULL) {
		/* Owner first: chown clears the set-id bits of the mode. */
		if (geteuid() == 0)
			(void)fchown(fd, sb->st_uid, sb->st_gid);
		if (fchmod(fd, sb->st_mode & 07777) != 0)
			goto fail;
	} else {
		um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um) != 0)
			goto fail;
	}
	if ((of->fp = fdopen(fd, "w")) == NULL)
		goto fail;
	return 0;
fail:
	saved = errno;
	close(fd);
	outfile_forget(of, 1);
	errno = saved;
	return -1;
}

int
outfile_open(struct outfile *of, const char *path)
{
	struct stat	sb;
	int		fd, saved, exists;

	memset(of, 0, sizeof *of);
	if (path == NULL || strcmp(path, "-") == 0) {
		of->fp = stdout;
		return 0;
	}
	of->path = xstrdup(path);
	exists = lstat(path, &sb) == 0;
	if (!exists && errno != ENOENT)
		goto fail;
	if (!exists || S_ISREG(sb.st_mode)) {
		if (outfile_open_tmp(of, exists ? &sb : NULL) != 0)
			goto fail;
		return 0;
	}
	/* A symlink, device, FIFO, socket or directory: never replaced. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC,
	    0666);
	if (fd == -1)
		goto fail;
	if ((of->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	return 0;
fail:
	saved = errno;
	free(of->path);
	free(of->tmp);
	of->path = of->tmp = NULL;
	of->fp = NULL;
	errno = saved;
	return -1;
}

int
outfile_commit(struct outfile *of)
{
	int		error = 0, saved = 0;
	sigset_t	old;

	errno = 0;
	if (fflush(of->fp) != 0 || ferror(of->fp)) {
		error = -1;
		saved = errno != 0 ? errno : EIO;
	}
	if (of->path == NULL) {
		errno = saved;
		return error;
	}
	if (error == 0 && of->tmp != NULL && fsync(fileno(of->fp)) != 0) {
		error = -1;
		saved = errno;
	}
	if (fclose(of->fp) != 0 && error == 0) {
		error = -1;
		saved = errno;
	}
	of->fp = NULL;
	if (of->tmp != NULL) {
		if (error == 0) {
			outfile_block(&old);
			if (rename(of->tmp, of->path) != 0) {
				error = -1;
				saved = errno;
			} else
				outfile_sigtmp = NULL;
			sigprocmask(SIG_SETMASK, &old, NULL);
		}
		outfile_forget(of, error != 0);
	}
	free(of->path);
	free(of->tmp);
	of->path = of->tmp = NULL;
	errno = saved;
	return error;
}

void
outfile_abort(struct outfile *of)
{
	if (of->path == NULL)
		return;
	fclose(of->fp);
	if (of->tmp != NULL)
		outfile_forget(of, 1);
	free(of->path);
	free(of->tmp);
	of->fp = NULL;
	of->path = of->tmp = NULL;
}

long
outfile_same_file(const char *path, const char *const *paths, size_t n)
{
	struct stat	out, in;
	size_t		i;

	/* Writing to a device or FIFO destroys no input. */
	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &out) != 0 ||
	    !S_ISREG(out.st_mode))
		return -1;
	for (i = 0; i < n; i++)
		if (paths[i] != NULL && stat(paths[i], &in) == 0 &&
		    in.st_dev == out.st_dev && in.st_ino == out.st_ino)
			return (long)i;
	return -1;
}
