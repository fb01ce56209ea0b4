/*
 * netbox.c -- the NetBox objects faultline reads (see netbox.h).
 */
#include <stdlib.h>
#include <string.h>

#include "netbox.h"
#include "xalloc.h"

struct netbox *
netbox_create(void)
{
	return xcalloc(1, sizeof(struct netbox));
}

void
netbox_free(struct netbox *nb)
{
	struct netbox_object	*o;
	size_t			 i, j;

	if (nb == NULL)
		return;
	for (i = 0; i < NETBOX_NTYPES; i++) {
		for (j = 0; j < nb->t[i].n; j++) {
			o = &nb->t[i].v[j];
			free(o->name);
			free(o->slug);
			free(o->status);
			free(o->region);
			free(o->role);
			free(o->dtype);
			free(o->source);
		}
		free(nb->t[i].v);
	}
	free(nb->links);
	free(nb);
}

struct netbox_object *
netbox_add(struct netbox *nb, enum netbox_type type, int64_t id)
{
	struct netbox_table	*t = &nb->t[type];
	struct netbox_object	*o;

	XGROW(t->v, t->cap, t->n + 1);
	o = &t->v[t->n++];
	memset(o, 0, sizeof *o);
	o->id = id;
	o->type = type;
	o->seq = t->n;
	o->site = o->location = o->rack = o->panel = o->device =
	    o->cluster = NETBOX_NONE;
	t->sorted = 0;
	return o;
}

void
netbox_link(struct netbox *nb, enum netbox_type at, int64_t a,
    enum netbox_type bt, int64_t b)
{
	XGROW(nb->links, nb->links_cap, nb->nlinks + 1);
	nb->links[nb->nlinks].a_type = at;
	nb->links[nb->nlinks].a_id = a;
	nb->links[nb->nlinks].b_type = bt;
	nb->links[nb->nlinks].b_id = b;
	nb->nlinks++;
}

static int
obj_cmp(const void *a, const void *b)
{
	const struct netbox_object	*x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	/* Equal ids keep their reading order. */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
netbox_index(struct netbox *nb, const struct netbox_object **first,
    const struct netbox_object **second)
{
	struct netbox_table	*t;
	size_t			 i, j;

	for (i = 0; i < NETBOX_NTYPES; i++) {
		t = &nb->t[i];
		if (t->n > 1)
			qsort(t->v, t->n, sizeof *t->v, obj_cmp);
		t->sorted = 1;
		for (j = 1; j < t->n; j++) {
			if (t->v[j].id == t->v[j - 1].id) {
				*first = &t->v[j - 1];
				*second = &t->v[j];
				return -1;
			}
		}
	}
	return 0;
}

const struct netbox_object *
netbox_get(const struct netbox *nb, enum netbox_type type, int64_t id)
{
	const struct netbox_table	*t = &nb->t[type];
	size_t				 lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->v[mid].id == id)
			return &t->v[mid];
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
netbox_type_noun(enum netbox_type type)
{
	static const char *nouns[NETBOX_NTYPES] = { "site", "location",
	    "rack", "power panel", "power feed", "power port", "power outlet",
	    "device", "cluster", "virtual machine" };

	return nouns[type];
}

const char *
netbox_endpoint(enum netbox_type type)
{
	static const char *endpoints[NETBOX_NTYPES] = { "dcim/sites",
	    "dcim/locations", "dcim/racks", "dcim/power-panels",
	    "dcim/power-feeds", "dcim/power-ports", "dcim/power-outlets",
	    "dcim/devices", "virtualization/clusters",
	    "virtualization/virtual-machines" };

	return endpoints[type];
}
