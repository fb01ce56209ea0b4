/*
 * import_files.h -- the input files of an importer: PATHs expanded
 * (a directory is read recursively, files of the wanted extensions, in
 * sorted path order), and each file read whole within a size bound, so a
 * huge or endless input is refused before it is parsed.
 */
#ifndef FAULTLINE_IMPORT_FILES_H
#define FAULTLINE_IMPORT_FILES_H

#include <stddef.h>

#include "diag.h"

/* The largest input file an importer reads (and the largest fetched page). */
#define IMPORT_MAX_BYTES	(64u * 1024 * 1024)

struct import_files {
	char	**v;		/* paths, owned */
	size_t	  n, cap;
};

/*
 * Expand paths: a file is taken as named (whatever its name), a directory
 * gives its files ending in one of exts (NULL-terminated list, e.g.
 * ".json"), recursively, sorted; a file named twice is taken once.
 * Appends a diagnostic per path that cannot be read; returns 0 when there
 * was none, else -1.  Free with import_files_free().
 */
int	 import_files_collect(struct import_files *, const char *const *paths,
	    size_t npaths, const char *const *exts, struct diag_list *);
void	 import_files_free(struct import_files *);

/*
 * Read a whole regular file of at most IMPORT_MAX_BYTES into a new
 * NUL-terminated buffer (*lenp bytes, the caller frees it).  Returns NULL
 * with a diagnostic when it cannot be read or is too large.
 */
char	*import_files_read(const char *path, size_t *lenp, struct diag_list *);

#endif
