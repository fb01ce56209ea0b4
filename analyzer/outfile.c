/*
 * outfile.c -- atomic output files (see outfile.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "xalloc.h"

int
outfile_open(struct outfile *of, const char *path)
{
	mode_t	um;
	int	fd;

	memset(of, 0, sizeof *of);
	if (path == NULL || strcmp(path, "-") == 0) {
		of->fp = stdout;
		return 0;
	}
	of->path = xstrdup(path);
	of->tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(of->tmp)) == -1)
		goto fail;
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if ((of->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(of->tmp);
		goto fail;
	}
	return 0;
fail:
	free(of->path);
	free(of->tmp);
	of->path = of->tmp = NULL;
	return -1;
}

int
outfile_commit(struct outfile *of)
{
	int	error = 0, saved;

	if (of->path == NULL)
		return fflush(of->fp) == 0 && !ferror(of->fp) ? 0 : -1;
	if (fflush(of->fp) != 0 || ferror(of->fp) || fsync(fileno(of->fp)) != 0)
		error = -1;
	saved = errno;
	if (fclose(of->fp) != 0)
		error = -1;
	else
		saved = error ? saved : 0;
	if (error == 0 && rename(of->tmp, of->path) != 0) {
		saved = errno;
		error = -1;
	}
	if (error != 0)
		unlink(of->tmp);
	free(of->path);
	free(of->tmp);
	of->fp = NULL;
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
	unlink(of->tmp);
	free(of->path);
	free(of->tmp);
	of->fp = NULL;
	of->path = of->tmp = NULL;
}
