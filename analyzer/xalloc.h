/*
 * xalloc.h -- allocation that cannot fail.
 *
 * Every function here either returns usable memory or prints
 * "faultline: out of memory" to stderr and exits with status 2.
 * Callers never check for NULL.
 */
#ifndef FAULTLINE_XALLOC_H
#define FAULTLINE_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a fresh string; the caller frees it. */
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/*
 * Grow *v (an array of *cap elements of size sz) so that it holds at
 * least need elements.  Capacity doubles, so appends are amortised O(1).
 */
#define XGROW(v, cap, need) \
	do { \
		if ((need) > (cap)) { \
			size_t xg_c = (cap) ? (cap) : 8; \
			while (xg_c < (size_t)(need)) \
				xg_c *= 2; \
			(v) = xreallocarray((v), xg_c, sizeof *(v)); \
			(cap) = xg_c; \
		} \
	} while (0)

#endif
