/*
 * digest.c -- SHA-256 through nettle, as lowercase hex (see digest.h).
 */
#include <stdint.h>

#include <nettle/sha2.h>

#include "digest.h"

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
