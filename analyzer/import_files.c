/*
 * import_files.c -- the input files of an importer (see import_files.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import_files.h"
#include "xalloc.h"

static int
wanted(const char *name, const char *const *exts)
{
	size_t	len = strlen(name), el;

	for (; *exts != NULL; exts++) {
		el = strlen(*exts);
		if (len > el && strcmp(name + len - el, *exts) == 0)
			return 1;
	}
	return 0;
}

static void
add(struct import_files *f, char *path)
{
	XGROW(f->v, f->cap, f->n + 1);
	f->v[f->n++] = path;
}

/* Collect the wanted files below dir; symlinked directories are not
 * followed, hidden entries are skipped. */
static int
walk(struct import_files *f, const char *dir, const char *const *exts,
    int depth, struct diag_list *dl)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*path;
	int		 status = 0;

	if ((d = opendir(dir)) == NULL) {
		diag_add(dl, DIAG_ERROR, dir, 0, 0, "cannot read: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &st) != 0) {
			diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			    strerror(errno));
			status = -1;
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth < 64) {
			if (walk(f, path, exts, depth + 1, dl) != 0)
				status = -1;
			free(path);
			continue;
		}
		if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
			st.st_mode = 0;
		if (S_ISREG(st.st_mode) && wanted(de->d_name, exts))
			add(f, path);
		else
			free(path);
	}
	closedir(d);
	return status;
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
import_files_collect(struct import_files *f, const char *const *paths,
    size_t npaths, const char *const *exts, struct diag_list *dl)
{
	struct stat	 st;
	struct {
		dev_t	dev;
		ino_t	ino;
	}		*ids;
	size_t		 i, first, j, k;
	int		 status = 0;

	memset(f, 0, sizeof *f);
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) != 0) {
			diag_add(dl, DIAG_ERROR, paths[i], 0, 0,
			    "cannot read: %s", strerror(errno));
			status = -1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			add(f, xstrdup(paths[i]));
			continue;
		}
		first = f->n;
		if (walk(f, paths[i], exts, 0, dl) != 0)
			status = -1;
		if (f->n - first > 1)
			qsort(f->v + first, f->n - first, sizeof *f->v,
			    path_cmp);
	}
	/* A file named twice (as a file and inside a directory, or by two
	 * paths) is read once. */
	ids = xcalloc(f->n + 1, sizeof *ids);
	for (i = 0, k = 0; i < f->n; i++) {
		if (stat(f->v[i], &st) == 0) {
			ids[i].dev = st.st_dev;
			ids[i].ino = st.st_ino;
		}
		for (j = 0; j < k; j++)
			if (strcmp(f->v[j], f->v[i]) == 0 ||
			    (ids[j].ino != 0 && ids[j].dev == ids[i].dev &&
			    ids[j].ino == ids[i].ino))
				break;
		if (j < k)
			free(f->v[i]);
		else {
			ids[k] = ids[i];
			f->v[k++] = f->v[i];
		}
	}
	free(ids);
	f->n = k;
	return status;
}

void
import_files_free(struct import_files *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

char *
import_files_read(const char *path, size_t *lenp, struct diag_list *dl)
{
	struct stat	 st;
	char		*buf = NULL;
	size_t		 len = 0;
	ssize_t		 r;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) != 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read: not a "
		    "regular file");
		goto fail;
	}
	if ((unsigned long long)st.st_size > IMPORT_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "too large: %lld bytes, "
		    "the limit is %u MiB", (long long)st.st_size,
		    IMPORT_MAX_BYTES / (1024 * 1024));
		goto fail;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	/* The file may grow while it is read: never past the bound. */
	while (len < (size_t)st.st_size &&
	    (r = read(fd, buf + len, (size_t)st.st_size - len)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			    strerror(errno));
			goto fail;
		}
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
fail:
	if (fd != -1)
		close(fd);
	free(buf);
	return NULL;
}
