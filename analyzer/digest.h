/*
 * digest.h -- SHA-256 digests as lowercase hex, for stable fingerprints
 * (SARIF partialFingerprints), and the content digest of an inventory for
 * reports.  The only file that includes nettle.
 *
 * The inventory digest depends on the files' contents and on their names
 * relative to the inventory root given on the command line, never on how
 * that root was spelled or on the working directory:
 *   - one file named on the command line: the SHA-256 of its contents;
 *   - otherwise: the SHA-256 of the lines "SHA256  NAME\n" (two spaces,
 *     as sha256sum prints them), one per file, sorted in byte order, where
 *     NAME is the file's path below the directory given (a file given
 *     directly among several: its base name).
 */
#ifndef FAULTLINE_DIGEST_H
#define FAULTLINE_DIGEST_H

#include <stddef.h>

#include "diag.h"

#define DIGEST_HEX_SIZE	65	/* 64 hex digits and a NUL */

/* An incremental SHA-256 computation; opaque storage for nettle's state. */
struct digest {
	unsigned long long	state[16];
};

/*
 * Write the SHA-256 of len bytes at data into out as 64 lowercase hex
 * digits and a NUL.  Cannot fail.
 */
void	digest_sha256_hex(const void *data, size_t len,
	    char out[DIGEST_HEX_SIZE]);

/* Start, feed and finish an incremental SHA-256 (finishing resets it). */
void	digest_init(struct digest *);
void	digest_update(struct digest *, const void *, size_t);
void	digest_final_hex(struct digest *, char out[DIGEST_HEX_SIZE]);

/*
 * The SHA-256 of the contents of the file at path.  Returns 0, or -1 with
 * an error about path appended to dl.
 */
int	digest_file_hex(const char *path, char out[DIGEST_HEX_SIZE],
	    struct diag_list *dl);

/*
 * The name of the file at path in the inventory digest: its path relative
 * to the first of roots (the PATHs given on the command line) that holds
 * it, with ".", "..", repeated slashes and symbolic links to directories
 * resolved; the base name when a root is the file itself; relative to
 * the first root's directory (with "../") when no root holds it.  Returns
 * a fresh string (the caller frees it), or NULL with an error appended to
 * dl when a path cannot be resolved.
 */
char	*digest_file_name(const char *const *roots, size_t nroots,
	    const char *path, struct diag_list *dl);

/* One file of an inventory digest. */
struct digest_entry {
	const char	*name;			/* digest_file_name() */
	char		 sha256[DIGEST_HEX_SIZE];
};

/*
 * The inventory digest of n files (see above); single is true when the
 * inventory is one file named on the command line.  Cannot fail.
 */
void	digest_inventory_hex(const struct digest_entry *, size_t n,
	    int single, char out[DIGEST_HEX_SIZE]);

#endif
