/*
 * xalloc.c -- allocation that cannot fail (see xalloc.h).
 */
#define _GNU_SOURCE		/* mremap() */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "xalloc.h"

static void
xalloc_fail(void)
{
	fputs("faultline: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if ((p = malloc(size ? size : 1)) == NULL)
		xalloc_fail();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		xalloc_fail();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		xalloc_fail();
	if ((p = realloc(old, n * size != 0 ? n * size : 1)) == NULL)
		xalloc_fail();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char	*p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		xalloc_fail();
	p = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}

#define XALLOC_HUGE_PAGE	((size_t)2 << 20)

/* A big array's mapping: its size rounded up to huge pages. */
static size_t
xbig_size(size_t bytes)
{
	if (bytes > SIZE_MAX - XALLOC_HUGE_PAGE)
		xalloc_fail();
	return (bytes + XALLOC_HUGE_PAGE - 1) & ~(XALLOC_HUGE_PAGE - 1);
}

static void
xbig_advise(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

void *
xbig_grow(void *old, size_t oldbytes, size_t newbytes)
{
	void	*p;
	size_t	 size = xbig_size(newbytes);

	if (newbytes < XALLOC_BIG)
		return xreallocarray(old, newbytes, 1);
#ifdef MREMAP_MAYMOVE
	if (old != NULL && oldbytes >= XALLOC_BIG) {
		p = mremap(old, xbig_size(oldbytes), size, MREMAP_MAYMOVE);
		if (p == MAP_FAILED)
			xalloc_fail();
		xbig_advise(p, size);
		return p;
	}
#endif
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		xalloc_fail();
	xbig_advise(p, size);
	if (old != NULL) {
		memcpy(p, old, oldbytes);
		xbig_free(old, oldbytes);
	}
	return p;
}

void
xbig_free(void *p, size_t bytes)
{
	if (p == NULL)
		return;
	if (bytes >= XALLOC_BIG)
		munmap(p, xbig_size(bytes));
	else
		free(p);
}
