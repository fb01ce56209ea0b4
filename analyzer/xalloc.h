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
#include <stdint.h>

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

/*
 * Arrays that grow to many megabytes (a million hosts, several million
 * references) live in mappings of their own from XALLOC_BIG bytes on:
 * they grow by mremap(), so their pages are neither copied nor faulted in
 * again, and ask for transparent huge pages.  Smaller ones are malloc()'s.
 * xbig_grow() takes the old and new sizes in bytes; xbig_free() the size
 * the array was last grown to.
 */
#define XALLOC_BIG	((size_t)4 << 20)

void	*xbig_grow(void *, size_t, size_t);
/*
 * Have malloc()'s heap use transparent huge pages; once, at start.
 * Returns 1 when it does, 0 when the C library or the kernel cannot (the
 * heap is then as usual).
 */
int	 xalloc_huge_heap(void);
void	 xbig_free(void *, size_t);

/* XGROW() for such arrays; free them with xbig_free(v, cap * sizeof *v). */
#define XBIGGROW(v, cap, need) \
	do { \
		if ((need) > (cap)) { \
			size_t xg_c = (cap) ? (cap) : 8; \
			while (xg_c < (size_t)(need)) \
				xg_c *= 2; \
			if (xg_c > SIZE_MAX / sizeof *(v)) \
				xg_c = SIZE_MAX / sizeof *(v); \
			(v) = xbig_grow((v), (cap) * sizeof *(v), \
			    xg_c * sizeof *(v)); \
			(cap) = xg_c; \
		} \
	} while (0)

#endif
