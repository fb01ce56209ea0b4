/*
 * impact.c -- the loss matrix and the fan-in of services: scenarios run
 * over a finished analysis (one scenario object, reused).
 */
#include <stdlib.h>
#include <string.h>

#include "impact.h"
#include "xalloc.h"

struct domain_row {
	const char	*type;
	const char	*id;
	uint32_t	 c;
};

static int
cmp_domain_row(const void *a, const void *b)
{
	const struct domain_row	*x = a, *y = b;
	int			 d;

	if ((d = strcmp(x->type, y->type)) != 0)
		return d;
	return strcmp(x->id, y->id);
}

/* Rows: sites, power domains (inventory order), domains by type and id. */
static void
matrix_rows(const struct analysis *a, struct loss_matrix *mx)
{
	const struct inventory	*inv = a->inv;
	struct domain_row	*d;
	size_t			 r, i;

	mx->nrows = inv->nsites + inv->npower + inv->ndomains;
	mx->rows = xmalloc((mx->nrows ? mx->nrows : 1) * sizeof *mx->rows);
	for (r = 0; r < inv->nsites + inv->npower; r++)
		mx->rows[r] = a->base[KIND_SITE] + (uint32_t)r;
	d = xmalloc((inv->ndomains ? inv->ndomains : 1) * sizeof *d);
	for (i = 0; i < inv->ndomains; i++) {
		d[i].type = inventory_str(inv, inv->domains[i].type);
		if (d[i].type == NULL)
			d[i].type = "";
		d[i].id = inventory_str(inv, inv->domains[i].e.id);
		d[i].c = a->base[KIND_DOMAIN] + (uint32_t)i;
	}
	if (inv->ndomains > 1)
		qsort(d, inv->ndomains, sizeof *d, cmp_domain_row);
	for (i = 0; i < inv->ndomains; i++)
		mx->rows[r++] = d[i].c;
	free(d);
}

void
impact_fill_matrix(struct analysis *a)
{
	struct loss_matrix	*mx = &a->matrix;
	struct scenario		*sc;
	const uint32_t		*aff;
	uint32_t		 s;
	size_t			 r, i, naff;
	uint8_t			*row;

	matrix_rows(a, mx);
	mx->nservices = a->inv->nservices;
	mx->cells = xcalloc(mx->nrows * mx->nservices != 0 ? mx->nrows *
	    mx->nservices : 1, 1);
	sc = scenario_create(a);
	for (r = 0; r < mx->nrows; r++) {
		scenario_run(sc, &mx->rows[r], 1);
		row = mx->cells + r * mx->nservices;
		aff = scenario_affected(sc, &naff);
		for (i = 0; i < naff; i++) {
			s = aff[i];
			row[s] = (uint8_t)scenario_service_state(sc, s);
			if (scenario_recovery_blocked(sc, s))
				row[s] |= MATRIX_BLOCKED;
			if (scenario_exposed(sc, s))
				row[s] |= MATRIX_EXPOSED;
		}
	}
	scenario_free(sc);
}

/* Fan-in order: most down first, then most degraded, then by id. */
static int
fanin_cmp(const struct analysis *a, const struct impact_fanin *x,
    const struct impact_fanin *y)
{
	const struct inventory	*inv = a->inv;

	if (x->down != y->down)
		return x->down < y->down ? 1 : -1;
	if (x->degraded != y->degraded)
		return x->degraded < y->degraded ? 1 : -1;
	return strcmp(inventory_str(inv, inv->services[x->service].e.id),
	    inventory_str(inv, inv->services[y->service].e.id));
}

/*
 * Fail each service that something hard-depends on, alone, and count the
 * other services down and degraded.  Services nobody hard-depends on take
 * nothing else down, so they are not run.  Keeps the top entries sorted by
 * insertion into a small array.
 */
struct impact_fanin *
impact_fanin(const struct analysis *a, size_t top, size_t *n)
{
	struct impact_fanin	*v, e;
	struct scenario		*sc = NULL;
	const uint32_t		*nb, *aff;
	uint32_t		 s, c;
	size_t			 nn, na, i, k;

	v = xcalloc(top + 1, sizeof *v);
	*n = 0;
	for (s = 0; s < a->inv->nservices; s++) {
		c = a->base[KIND_SERVICE] + s;
		nb = analysis_needed_by(a, c, &nn);
		for (i = 0; i < nn; i++)
			if ((nb[i] & ANALYSIS_SOFT) == 0 &&
			    nb[i] >= a->base[KIND_SERVICE])
				break;
		if (i == nn)
			continue;
		if (sc == NULL)
			sc = scenario_create(a);
		scenario_run(sc, &c, 1);
		aff = scenario_affected(sc, &na);
		memset(&e, 0, sizeof e);
		e.service = s;
		for (i = 0; i < na; i++) {
			if (aff[i] == s)
				continue;
			if (scenario_service_state(sc, aff[i]) == STATE_DOWN)
				e.down++;
			else if (scenario_service_state(sc, aff[i]) ==
			    STATE_DEGRADED)
				e.degraded++;
		}
		if (e.down == 0)
			continue;
		/* Insert into the sorted top list. */
		for (k = *n; k > 0 && fanin_cmp(a, &e, &v[k - 1]) < 0; k--) {
			if (k < top)
				v[k] = v[k - 1];
		}
		if (k < top) {
			v[k] = e;
			if (*n < top)
				(*n)++;
		}
	}
	scenario_free(sc);
	return v;
}
