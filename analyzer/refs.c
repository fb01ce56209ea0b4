/*
 * refs.c -- resolve command-line references to components (see refs.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "refs.h"
#include "xalloc.h"

/* PCRE2 steps for matching one ~regex against every component. */
#define REFS_STEPS_BUDGET	100000000

static void
refs_push(uint32_t **v, size_t *n, size_t *cap, uint32_t c)
{
	XGROW(*v, *cap, *n + 1);
	(*v)[(*n)++] = c;
}

static int
refs_resolve_regex(const struct analysis *a, int kind, const char *re,
    uint32_t **v, size_t *n, size_t *cap, char *err, size_t errsize)
{
	const struct inventory	*inv = a->inv;
	const struct entity	*e;
	struct pattern		*p;
	char			 perr[256];
	size_t			 off, before = *n, i, count, total = 0;
	int			 k, rc;

	if ((p = pattern_compile(re, perr, sizeof perr, &off)) == NULL) {
		snprintf(err, errsize, "invalid regex '%s' at offset %zu: %s",
		    re, off, perr);
		return -1;
	}
	/* The same budget as policies: REFS_STEPS_BUDGET steps in all. */
	for (k = 0; k < KIND_COUNT; k++)
		total += inventory_count(inv, (enum entity_kind)k);
	if (total > 0 && REFS_STEPS_BUDGET / total < PATTERN_MATCH_LIMIT)
		pattern_set_match_limit(p, (uint32_t)(REFS_STEPS_BUDGET /
		    total));
	for (k = 0; k < KIND_COUNT; k++) {
		if (kind != -1 && k != kind)
			continue;
		count = inventory_count(inv, (enum entity_kind)k);
		for (i = 0; i < count; i++) {
			e = inventory_entity(inv, (enum entity_kind)k,
			    (uint32_t)i);
			rc = pattern_match(p, symtab_str(inv->syms, e->id),
			    symtab_len(inv->syms, e->id), perr, sizeof perr);
			if (rc < 0) {
				snprintf(err, errsize, "regex '%s' cannot be "
				    "matched against '%s' within its budget "
				    "(%s); simplify it", re,
				    symtab_str(inv->syms, e->id), perr);
				pattern_free(p);
				return -1;
			}
			if (rc == 1)
				refs_push(v, n, cap, a->base[k] + (uint32_t)i);
		}
	}
	pattern_free(p);
	if (*n == before) {
		snprintf(err, errsize, "'~%s' matches no %s", re,
		    kind == -1 ? "component" : inventory_kind_name(
		    (enum entity_kind)kind));
		return -1;
	}
	return 0;
}

int
refs_resolve(const struct analysis *a, const char *ref, uint32_t **v,
    size_t *n, size_t *cap, char *err, size_t errsize)
{
	const struct inventory	*inv = a->inv;
	const char		*colon, *id = ref;
	char			 kindbuf[16], kinds[128];
	uint32_t		 idx, found[KIND_COUNT];
	int			 kind = -1, k, nfound = 0;
	size_t			 len;

	/* A bare "~regex" is a pattern whatever it holds, ':' included
	 * ("~(?:a|b)"); only a prefix before it can name a kind. */
	if (*ref != '~' && (colon = strchr(ref, ':')) != NULL) {
		len = (size_t)(colon - ref);
		if (len >= sizeof kindbuf)
			len = sizeof kindbuf - 1;
		memcpy(kindbuf, ref, len);
		kindbuf[len] = '\0';
		if ((kind = inventory_kind_parse(kindbuf)) == -1) {
			kinds[0] = '\0';
			for (k = 0; k < KIND_COUNT; k++)
				snprintf(kinds + strlen(kinds), sizeof kinds -
				    strlen(kinds), "%s%s", k == 0 ? "" :
				    k == KIND_COUNT - 1 ? " or " : ", ",
				    inventory_kind_name((enum entity_kind)k));
			snprintf(err, errsize, "unknown kind '%s' in '%s'; "
			    "expected %s", kindbuf, ref, kinds);
			return -1;
		}
		id = colon + 1;
	}
	if (*id == '~')
		return refs_resolve_regex(a, kind, id + 1, v, n, cap, err,
		    errsize);
	if (*id == '\0') {
		snprintf(err, errsize, "empty reference '%s'", ref);
		return -1;
	}
	for (k = 0; k < KIND_COUNT; k++) {
		if (kind != -1 && k != kind)
			continue;
		idx = inventory_find(inv, (enum entity_kind)k, id);
		if (idx != INDEX_NONE)
			found[nfound++] = a->base[k] + idx;
	}
	if (nfound == 0) {
		snprintf(err, errsize, "no %s named '%s'", kind == -1 ?
		    "component" : inventory_kind_name((enum entity_kind)kind),
		    id);
		return -1;
	}
	if (nfound > 1) {
		snprintf(err, errsize, "'%s' is ambiguous: it names a %s and a "
		    "%s; write kind:id", id,
		    inventory_kind_name(analysis_component_kind(a, found[0])),
		    inventory_kind_name(analysis_component_kind(a, found[1])));
		return -1;
	}
	refs_push(v, n, cap, found[0]);
	return 0;
}

static int
refs_compare(const void *x, const void *y)
{
	uint32_t	a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

size_t
refs_sort_unique(uint32_t *v, size_t n)
{
	size_t	i, j;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, refs_compare);
	for (i = 1, j = 1; i < n; i++)
		if (v[i] != v[j - 1])
			v[j++] = v[i];
	return j;
}
