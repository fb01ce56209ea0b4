/*
 * digest.c -- SHA-256 through nettle, as lowercase hex, and the content
 * digest of an inventory (see digest.h for its definition).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "digest.h"
#include "xalloc.h"

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(struct digest),
    "struct digest too small for nettle's sha256_ctx");

static void
hex(const uint8_t *raw, char out[DIGEST_HEX_SIZE])
{
	static const char	xd[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = xd[raw[i] >> 4];
		out[2 * i + 1] = xd[raw[i] & 0xf];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

void
digest_init(struct digest *d)
{
	sha256_init((struct sha256_ctx *)d->state);
}

void
digest_update(struct digest *d, const void *data, size_t len)
{
	sha256_update((struct sha256_ctx *)d->state, len, data);
}

void
digest_final_hex(struct digest *d, char out[DIGEST_HEX_SIZE])
{
	uint8_t	raw[SHA256_DIGEST_SIZE];

	sha256_digest((struct sha256_ctx *)d->state, sizeof raw, raw);
	hex(raw, out);
}

void
digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_SIZE])
{
	struct digest	d;

	digest_init(&d);
	digest_update(&d, data, len);
	digest_final_hex(&d, out);
}

int
digest_file_hex(const char *path, char out[DIGEST_HEX_SIZE],
    struct diag_list *dl)
{
	struct digest	 d;
	char		 buf[65536];
	size_t		 n;
	FILE		*fp;
	int		 error;

	if ((fp = fopen(path, "rb")) == NULL) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read file: %s",
		    strerror(errno));
		return -1;
	}
	digest_init(&d);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		digest_update(&d, buf, n);
	error = ferror(fp);
	fclose(fp);
	if (error) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read file");
		return -1;
	}
	digest_final_hex(&d, out);
	return 0;
}

/*
 * The absolute path of a file with its directory resolved (symbolic links,
 * ".", "..") but not the file itself, so a symlinked file keeps its own
 * name; NULL (errno set) when the directory cannot be resolved.
 */
static char *
resolve(const char *path, int *is_dir)
{
	struct stat	 sb;
	const char	*slash, *base;
	char		*dir, *real, *out;
	size_t		 len = strlen(path);

	*is_dir = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (*is_dir || (len == 2 && memcmp(path, "..", 2) == 0) ||
	    (len >= 3 && memcmp(path + len - 3, "/..", 3) == 0) ||
	    (len == 1 && path[0] == '.') ||
	    (len >= 2 && memcmp(path + len - 2, "/.", 2) == 0))
		return realpath(path, NULL);
	dir = xstrndup(path, len);
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		base = path;
		real = realpath(".", NULL);
	} else {
		base = path + (slash - dir) + 1;
		dir[slash - dir] = '\0';
		real = realpath(slash == dir ? "/" : dir, NULL);
	}
	free(dir);
	if (real == NULL)
		return NULL;
	out = xasprintf("%s/%.*s", strcmp(real, "/") == 0 ? "" : real,
	    (int)(len - (size_t)(base - path)), base);
	free(real);
	return out;
}

/* Whether dir (absolute, resolved) holds path: the rest after "dir/". */
static const char *
below(const char *dir, const char *path)
{
	size_t	n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path + 1;
	if (strncmp(path, dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return NULL;
}

/* path relative to dir (both absolute, resolved), with "../" steps. */
static char *
relative(const char *dir, const char *path)
{
	const char	*rest;
	char		*up, *slash, *out;

	up = xstrdup(dir);
	out = xstrdup("");
	while ((rest = below(up, path)) == NULL) {
		slash = strrchr(up, '/');
		if (slash == up)
			slash[1] = '\0';
		else
			*slash = '\0';
		rest = out;
		out = xasprintf("../%s", rest);
		free((char *)rest);
	}
	rest = xasprintf("%s%s", out, rest);
	free(out);
	free(up);
	return (char *)rest;
}

char *
digest_file_name(const char *const *roots, size_t nroots, const char *path,
    struct diag_list *dl)
{
	char		*file, *root, *name = NULL, *slash, *first = NULL;
	const char	*rest;
	size_t		 i;
	int		 is_dir, root_dir;

	if ((file = resolve(path, &is_dir)) == NULL) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot resolve path: %s",
		    strerror(errno));
		return NULL;
	}
	for (i = 0; i < nroots && name == NULL; i++) {
		if ((root = resolve(roots[i], &root_dir)) == NULL)
			continue;
		if (root_dir && (rest = below(root, file)) != NULL)
			name = xstrdup(rest);
		else if (!root_dir && strcmp(root, file) == 0)
			name = xstrdup(strrchr(file, '/') + 1);
		if (first == NULL) {
			if (!root_dir && (slash = strrchr(root, '/')) != NULL)
				*(slash == root ? slash + 1 : slash) = '\0';
			first = root;
		} else
			free(root);
	}
	if (name == NULL && first != NULL)
		name = relative(first, file);
	else if (name == NULL)
		name = xstrdup(strrchr(file, '/') + 1);
	free(first);
	free(file);
	return name;
}

static int
line_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void
digest_inventory_hex(const struct digest_entry *files, size_t n, int single,
    char out[DIGEST_HEX_SIZE])
{
	struct digest	  d;
	char		**lines;
	size_t		  i;

	if (single && n == 1) {
		memcpy(out, files[0].sha256, DIGEST_HEX_SIZE);
		return;
	}
	lines = xcalloc(n + 1, sizeof *lines);
	for (i = 0; i < n; i++)
		lines[i] = xasprintf("%s  %s\n", files[i].sha256,
		    files[i].name);
	qsort(lines, n, sizeof *lines, line_cmp);
	digest_init(&d);
	for (i = 0; i < n; i++) {
		digest_update(&d, lines[i], strlen(lines[i]));
		free(lines[i]);
	}
	free(lines);
	digest_final_hex(&d, out);
}
