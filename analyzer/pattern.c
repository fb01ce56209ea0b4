/*
 * pattern.c -- regular expressions through PCRE2 (8-bit code units, UTF
 * mode), the only file that includes pcre2.h.
 *
 * A pattern owns its compiled code, a match context with bounded match,
 * depth and heap limits (a pathological pattern on a 128-character id
 * stops with an error instead of spinning) and match data sized for the
 * pattern, so pattern_match() allocates nothing.  PCRE2 allocates through the xmalloc
 * family (a general context per pattern), so no PCRE2 call can fail for
 * lack of memory.  Patterns are JIT-compiled when the library supports it;
 * pcre2_match() then takes the JIT path by itself.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "xalloc.h"

#define PATTERN_DEPTH_LIMIT	10000	/* backtracking depth (interpreter) */
#define PATTERN_HEAP_LIMIT	16384	/* KiB of backtracking frames */

struct pattern {
	pcre2_general_context	*gctx;
	pcre2_code		*code;
	pcre2_match_context	*mctx;
	pcre2_match_data	*md;
};

static void *
pattern_alloc(PCRE2_SIZE size, void *arg)
{
	(void)arg;
	return xmalloc(size);
}

static void
pattern_dealloc(void *ptr, void *arg)
{
	(void)arg;
	free(ptr);
}

struct pattern *
pattern_compile(const char *src, char *err, size_t errsize,
    size_t *erroffset)
{
	struct pattern		*p;
	pcre2_general_context	*gctx;
	pcre2_compile_context	*cctx;
	pcre2_code		*code;
	PCRE2_UCHAR		 buf[256];
	PCRE2_SIZE		 off = 0;
	int			 rc;

	gctx = pcre2_general_context_create(pattern_alloc, pattern_dealloc,
	    NULL);
	cctx = pcre2_compile_context_create(gctx);
	code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
	    &rc, &off, cctx);
	pcre2_compile_context_free(cctx);
	if (code == NULL) {
		if (pcre2_get_error_message(rc, buf, sizeof buf) < 0)
			strcpy((char *)buf, "invalid pattern");
		if (err != NULL && errsize > 0)
			snprintf(err, errsize, "%s", (const char *)buf);
		if (erroffset != NULL)
			*erroffset = off;
		pcre2_general_context_free(gctx);
		return NULL;
	}
	/* Without JIT support the interpreter is used: not an error. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);

	p = xcalloc(1, sizeof *p);
	p->gctx = gctx;
	p->code = code;
	p->mctx = pcre2_match_context_create(gctx);
	p->md = pcre2_match_data_create_from_pattern(code, gctx);
	pcre2_set_match_limit(p->mctx, PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, PATTERN_DEPTH_LIMIT);
	pcre2_set_heap_limit(p->mctx, PATTERN_HEAP_LIMIT);
	if (err != NULL && errsize > 0)
		err[0] = '\0';
	if (erroffset != NULL)
		*erroffset = 0;
	return p;
}

void
pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mctx);
	pcre2_code_free(p->code);
	pcre2_general_context_free(p->gctx);
	free(p);
}

void
pattern_set_match_limit(struct pattern *p, uint32_t limit)
{
	if (limit < 1)
		limit = 1;
	if (limit > PATTERN_MATCH_LIMIT)
		limit = PATTERN_MATCH_LIMIT;
	pcre2_set_match_limit(p->mctx, limit);
}

int
pattern_match(const struct pattern *p, const char *s, size_t len, char *err,
    size_t errsize)
{
	PCRE2_UCHAR	buf[256];
	int		rc;

	rc = pcre2_match(p->code, (PCRE2_SPTR)s, len, 0, 0, p->md, p->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (err != NULL && errsize > 0) {
		if (pcre2_get_error_message(rc, buf, sizeof buf) < 0)
			snprintf(err, errsize, "matching error %d", rc);
		else
			snprintf(err, errsize, "%s", (const char *)buf);
	}
	return -1;
}
