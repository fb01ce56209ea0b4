/*
 * loader.c -- read inventory files (YAML, format 1) into an inventory.
 *
 * Paths and files: a directory is walked for *.yaml and *.yml, and each
 * file is opened in order (a file named twice is read once) and handed to
 * the pool (loadpool.h), which reads it whole and sends it through the
 * two layers of the loader on one of its threads: the event layer
 * (yamlev.h: libyaml, marks, anchors, bounds) and the schema layer
 * (ldschema.h: what the events mean).  The dependency runs one way: this
 * file uses the pool, the pool both layers, the schema layer the event
 * layer, the event layer neither.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ldschema.h"
#include "loader.h"
#include "loadpool.h"
#include "xalloc.h"
#include "yamlev.h"

/* A file already read, by identity rather than by name. */
struct seen_file {
	dev_t dev;
	ino_t ino;
};

struct loader {
	struct seen_file *seen;
	size_t nseen, seen_cap;
	struct diag_list *dl;
	struct loadpool *pool;
};

int
loader_load_buffer(struct inventory *inv, const char *name,
    const unsigned char *buf, size_t len, struct diag_list *dl)
{
	struct yamlev *y = yamlev_create();
	struct ldschema *schema = ldschema_create();
	size_t errors = dl->errors;
	uint32_t fileno;

	fileno = inventory_add_file(inv, name);
	if (yamlev_open(y, dl, inventory_file(inv, fileno), buf, len) == 0)
		ldschema_file(schema, y, inv, fileno);
	yamlev_close(y);
	ldschema_free(schema);
	yamlev_free(y);
	return dl->errors == errors ? 0 : -1;
}

/* Paths. */

struct pathlist {
	char **v;
	size_t n;
	size_t cap;
};

static int
ld_path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ld_is_inventory_name(const char *name)
{
	size_t len = strlen(name);

	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

/* What a file that is not a regular file is, for messages. */
static const char *
ld_file_type(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISDIR(mode))
		return "a directory";
	return "not a regular file";
}

/*
 * Whether the entry path of an inventory directory is a file to read:
 * regular *.yaml and *.yml files, through symbolic links.  A broken or
 * looping link, or a device, FIFO or socket, with such a name is an error
 * (it would otherwise be skipped without a word); other names, and
 * symlinked directories, are skipped.
 */
static int
ld_walk_file(struct loader *ld, const char *path, const char *name,
    struct stat *st)
{
	if (!ld_is_inventory_name(name))
		return 0;
	if (S_ISLNK(st->st_mode) && stat(path, st) != 0) {
		diag_add(ld->dl, DIAG_ERROR, path, 0, 0, "cannot read: %s%s",
		    strerror(errno), errno == ENOENT ?
		    " (a dangling symbolic link)" : "");
		return 0;
	}
	if (S_ISDIR(st->st_mode))
		return 0;
	if (!S_ISREG(st->st_mode)) {
		diag_add(ld->dl, DIAG_ERROR, path, 0, 0, "cannot read: %s in "
		    "an inventory directory; inventory files are regular files",
		    ld_file_type(st->st_mode));
		return 0;
	}
	return 1;
}

/* Collect *.yaml and *.yml below dir; symlinked directories are not followed. */
static void
ld_walk(struct loader *ld, const char *dir, struct pathlist *pl, int depth)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char *path;

	if ((d = opendir(dir)) == NULL) {
		diag_add(ld->dl, DIAG_ERROR, dir, 0, 0, "cannot read: %s",
		    strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &st) != 0) {
			diag_add(ld->dl, DIAG_ERROR, path, 0, 0,
			    "cannot read: %s", strerror(errno));
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth < 64) {
			ld_walk(ld, path, pl, depth + 1);
			free(path);
			continue;
		}
		if (!ld_walk_file(ld, path, de->d_name, &st)) {
			free(path);
			continue;
		}
		XGROW(pl->v, pl->cap, pl->n + 1);
		pl->v[pl->n++] = path;
	}
	closedir(d);
}

/*
 * Whether the open file st was read before (a file named twice, as in
 * "inv/ inv/a.yaml", is read once); records it when not.
 */
static int
ld_seen_before(struct loader *ld, const struct stat *st)
{
	size_t i;

	for (i = 0; i < ld->nseen; i++)
		if (ld->seen[i].dev == st->st_dev &&
		    ld->seen[i].ino == st->st_ino)
			return 1;
	XGROW(ld->seen, ld->seen_cap, ld->nseen + 1);
	ld->seen[ld->nseen].dev = st->st_dev;
	ld->seen[ld->nseen].ino = st->st_ino;
	ld->nseen++;
	return 0;
}

/*
 * Open a file to load (a regular file, or a FIFO named explicitly: pipes
 * are read up to LOADER_MAX_STREAM bytes) and hand it to the pool; a
 * message when it cannot be opened, nothing when it was read already.
 */
static void
ld_file_path(struct loader *ld, const char *path)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1 ||
	    fstat(fd, &st) != 0) {
		diag_add(ld->dl, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		diag_add(ld->dl, DIAG_ERROR, path, 0, 0, "cannot read: %s; "
		    "inventories are regular files (or a FIFO named on the "
		    "command line)", ld_file_type(st.st_mode));
		goto fail;
	}
	if (ld_seen_before(ld, &st))
		goto fail;
	loadpool_add(ld->pool, path, fd, S_ISREG(st.st_mode) &&
	    st.st_size > 0 ? (size_t)st.st_size : 0, S_ISREG(st.st_mode) ?
	    SIZE_MAX : LOADER_MAX_STREAM);
	/*
	 * A pipe is read to its end before the next file is opened: its
	 * writer may write the next one only then (opening a FIFO waits for
	 * its writer).
	 */
	if (S_ISFIFO(st.st_mode))
		loadpool_sync(ld->pool);
	return;
fail:
	if (fd != -1)
		close(fd);
}

/*
 * The files to load, in order: each path named, a directory as its
 * *.yaml and *.yml files in sorted path order.
 */
static void
ld_collect(struct loader *ld, const char *const *paths, size_t npaths,
    struct pathlist *pl)
{
	struct stat st;
	size_t before, from, i;

	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) != 0) {
			diag_add(ld->dl, DIAG_ERROR, paths[i], 0, 0,
			    "cannot read: %s", strerror(errno));
			continue;
		}
		if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) {
			XGROW(pl->v, pl->cap, pl->n + 1);
			pl->v[pl->n++] = xstrdup(paths[i]);
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			/* Not opened: reading a device may have effects. */
			diag_add(ld->dl, DIAG_ERROR, paths[i], 0, 0,
			    "cannot read: %s; inventories are regular files "
			    "(or a FIFO named on the command line)",
			    ld_file_type(st.st_mode));
			continue;
		}
		from = pl->n;
		before = ld->dl->errors;
		ld_walk(ld, paths[i], pl, 0);
		if (pl->n == from && ld->dl->errors == before) {
			diag_add(ld->dl, DIAG_ERROR, paths[i], 0, 0,
			    "no inventory files (*.yaml, *.yml) in this "
			    "directory");
			continue;
		}
		qsort(pl->v + from, pl->n - from, sizeof *pl->v, ld_path_cmp);
	}
}

int
loader_load_paths(struct inventory *inv, const char *const *paths,
    size_t npaths, struct diag_list *dl)
{
	struct loader ld;
	struct pathlist pl;
	size_t errors = dl->errors, i;

	memset(&ld, 0, sizeof ld);
	memset(&pl, 0, sizeof pl);
	ld.dl = dl;
	ld_collect(&ld, paths, npaths, &pl);
	ld.pool = loadpool_create(inv, dl, pl.n);
	for (i = 0; i < pl.n; i++) {
		ld_file_path(&ld, pl.v[i]);
		free(pl.v[i]);
	}
	loadpool_finish(ld.pool);
	free(pl.v);
	free(ld.seen);
	if (dl->errors == errors && inv->nsites == 0 && inv->npower == 0 &&
	    inv->nracks == 0 && inv->nhosts == 0 && inv->nservices == 0)
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "empty inventory: no sites, "
		    "power, racks, hosts or services");
	return dl->errors == errors ? 0 : -1;
}


size_t
loader_section_keys(const char *section, const char **keys, size_t max)
{
	return ldschema_section_keys(section, keys, max);
}
