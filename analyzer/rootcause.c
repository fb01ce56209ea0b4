/*
 * rootcause.c -- group findings by cause and rank the groups.
 */
#define _GNU_SOURCE		/* qsort_r() */
#include <stdlib.h>
#include <string.h>

#include "rootcause.h"
#include "xalloc.h"

int
rootcause_counts(const struct finding *f)
{
	if (f->waived || f->cause == NULL)
		return 0;
	switch (f->rule) {
	case RULE_SPOF:
	case RULE_SINGLE_SITE_TOOL:
	case RULE_RECOVERY_BLOCKED:
	case RULE_FAILOVER_LOOP:
		return 1;
	default:
		return 0;
	}
}

/*
 * Whether two counting findings have the same cause: the same component,
 * or, for a cause that is not one, the same text; and an order that keeps
 * each cause together.
 */
static int
cause_cmp(const struct finding *x, const struct finding *y)
{
	if (x->cause_comp != y->cause_comp)
		return x->cause_comp < y->cause_comp ? -1 : 1;
	return x->cause_comp == INDEX_NONE ? strcmp(x->cause, y->cause) : 0;
}

/* Indices of counting findings (of the findings fl), by cause, then
 * subject. */
static int
by_cause(const void *va, const void *vb, void *fl)
{
	const struct finding	*v = ((const struct findings *)fl)->v;
	const struct finding	*x = &v[*(const size_t *)va];
	const struct finding	*y = &v[*(const size_t *)vb];
	int			 r;

	if ((r = cause_cmp(x, y)) != 0)
		return r;
	if (x->service != y->service)
		return x->service < y->service ? -1 : 1;
	return 0;
}

static int
by_rank(const void *va, const void *vb)
{
	const struct root_cause	*x = va, *y = vb;

	if (x->severity != y->severity)
		return x->severity < y->severity ? -1 : 1;
	if (x->tier12 != y->tier12)
		return x->tier12 > y->tier12 ? -1 : 1;
	if (x->blast != y->blast)
		return x->blast > y->blast ? -1 : 1;
	return strcmp(x->cause, y->cause);
}

static void
count_finding(const struct analysis *a, struct root_cause *rc,
    const struct finding *f, int new_service)
{
	const struct service	*sv = f->service != INDEX_NONE ?
				    &a->inv->services[f->service] : NULL;

	rc->findings++;
	if (f->severity < rc->severity)
		rc->severity = f->severity;
	if (new_service) {
		rc->services++;
		if (sv != NULL && sv->tier <= 2)
			rc->tier12++;
	}
	switch (f->rule) {
	case RULE_SPOF:
		rc->down++;
		if (sv != NULL && sv->kind == SERVICE_TOOL)
			rc->tools_down++;
		break;
	case RULE_SINGLE_SITE_TOOL:
		rc->one_site_tools++;
		break;
	case RULE_RECOVERY_BLOCKED:
		rc->blocked++;
		break;
	default:
		rc->loops++;
		break;
	}
}

void
rootcause_compute(const struct analysis *a, const struct findings *fl,
    struct root_causes *out)
{
	struct root_cause	*rc = NULL;
	const struct finding	*f, *prev;
	size_t			*idx, n = 0, i, cap = 0;

	memset(out, 0, sizeof *out);
	idx = xmalloc((fl->n + 1) * sizeof *idx);
	for (i = 0; i < fl->n; i++)
		if (rootcause_counts(&fl->v[i]))
			idx[n++] = i;
	if (n > 1)
		qsort_r(idx, n, sizeof *idx, by_cause, (void *)fl);
	prev = NULL;
	for (i = 0; i < n; i++) {
		f = &fl->v[idx[i]];
		if (prev == NULL || cause_cmp(prev, f) != 0) {
			XGROW(out->v, cap, out->n + 1);
			rc = &out->v[out->n++];
			memset(rc, 0, sizeof *rc);
			rc->cause = f->cause;
			rc->component = f->cause_comp;
			rc->severity = SEVERITY_NONE;
			if (f->cause_comp != INDEX_NONE &&
			    f->cause_comp < a->base[KIND_SERVICE])
				rc->blast = a->blast[f->cause_comp];
			count_finding(a, rc, f, 1);
		} else
			count_finding(a, rc, f, prev->service != f->service);
		prev = f;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_rank);
	free(idx);
}

void
rootcause_free(struct root_causes *rcs)
{
	if (rcs == NULL)
		return;
	free(rcs->v);
	memset(rcs, 0, sizeof *rcs);
}
