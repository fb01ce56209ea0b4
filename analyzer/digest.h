/*
 * digest.h -- SHA-256 digests as lowercase hex, for stable fingerprints
 * (SARIF partialFingerprints) and inventory digests in reports.  The only
 * file that includes nettle.
 */
#ifndef FAULTLINE_DIGEST_H
#define FAULTLINE_DIGEST_H

#include <stddef.h>

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

#endif
