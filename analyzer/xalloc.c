/*
 * xalloc.c -- allocation that cannot fail (see xalloc.h).
 */
#define _GNU_SOURCE		/* mremap() */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

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

/*
 * malloc()'s heap on transparent huge pages.  The model of a large
 * inventory is some hundred megabytes of small and middle-sized blocks;
 * on 4 KiB pages each one is a page fault, tens of thousands of them,
 * which cost more than clearing the pages.  So: blocks up to
 * XALLOC_HEAP_MMAP come from the heap rather than mappings of their own,
 * the heap is extended XALLOC_HEAP_PAD at a time and never trimmed below
 * it, and its first extension is advised as huge pages.  The padding is
 * address space, which costs memory only where it is written (a first
 * write to an advised page takes a whole huge page); but a limit on
 * address space or data (ulimit -v, -d) or strict overcommit counts it
 * all, so under those nothing is changed.  Past the first extension the
 * heap grows on ordinary pages.  Nothing here is needed for correctness:
 * where an option is missing (another C library, a sanitizer's
 * allocator) or a step fails, malloc()'s defaults are put back.
 */
#define XALLOC_HEAP_PAD		((size_t)512 << 20)
#define XALLOC_HEAP_MMAP	((size_t)32 << 20)
#define XALLOC_MALLOC_DEFAULT	(128 * 1024)	/* glibc's, per mallopt(3) */

#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE)
/* Whether padding the heap costs nothing but address space. */
static int
xalloc_may_pad(void)
{
	struct rlimit	 rl;
	FILE		*fp;
	int		 mode = 0;

	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return 0;
	if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return 0;
	if ((fp = fopen("/proc/sys/vm/overcommit_memory", "r")) != NULL) {
		if (fscanf(fp, "%d", &mode) != 1)
			mode = 0;
		fclose(fp);
	}
	return mode != 2;	/* 2: strict accounting */
}

static void
xalloc_heap_defaults(void)
{
	(void)mallopt(M_TOP_PAD, XALLOC_MALLOC_DEFAULT);
	(void)mallopt(M_TRIM_THRESHOLD, XALLOC_MALLOC_DEFAULT);
	(void)mallopt(M_MMAP_THRESHOLD, XALLOC_MALLOC_DEFAULT);
}
#endif

int
xalloc_huge_heap(void)
{
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE)
	uintptr_t	 from, to;
	void		*p, *end;
	int		 ok = 0;

	if (!xalloc_may_pad())
		return 0;
	if (mallopt(M_MMAP_THRESHOLD, (int)XALLOC_HEAP_MMAP) == 0 ||
	    mallopt(M_TRIM_THRESHOLD, (int)(2 * XALLOC_HEAP_PAD)) == 0 ||
	    mallopt(M_TOP_PAD, (int)XALLOC_HEAP_PAD) == 0) {
		xalloc_heap_defaults();
		return 0;
	}
	/* A block the top of the heap cannot hold extends it now. */
	if ((p = malloc(XALLOC_HUGE_PAGE)) != NULL) {
		end = sbrk(0);
		from = ((uintptr_t)p + XALLOC_HUGE_PAGE - 1) &
		    ~(XALLOC_HUGE_PAGE - 1);
		to = (uintptr_t)end & ~(XALLOC_HUGE_PAGE - 1);
		if (end != (void *)-1 && (uintptr_t)p < (uintptr_t)end &&
		    from < to && to - from <= 2 * XALLOC_HEAP_PAD)
			ok = madvise((void *)from, to - from,
			    MADV_HUGEPAGE) == 0;
		free(p);
	}
	if (!ok)
		xalloc_heap_defaults();
	return ok;
#else
	return 0;
#endif
}
