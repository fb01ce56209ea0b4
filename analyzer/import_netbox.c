/*
 * import_netbox.c -- map NetBox objects to an inventory (see
 * import_netbox.h for the table).  Objects are visited in id order, so
 * the same data always gives the same ids.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_ids.h"
#include "import_netbox.h"
#include "inventory.h"
#include "xalloc.h"

/* The plural ending for n of something. */
#define S(n)	((n) == 1 ? "" : "s")

enum { NS_SITE, NS_FEED, NS_RACK, NS_HOST, NS_COUNT };

enum { ST_NEW, ST_VISITING, ST_DONE };

struct nbmap {
	const struct netbox	 *nb;
	struct invwriter	 *w;
	struct import_report	 *rep;
	struct diag_list	 *dl;
	struct import_ids	 *ns[NS_COUNT];
	char			**id[NETBOX_NTYPES];	/* NULL: not imported */
	struct invwriter_entry	**ent[NETBOX_NTYPES];
	uint8_t			 *state[NETBOX_NTYPES];
	uint8_t			 *is_pdu;		/* per device */
	size_t			  npanels, nfeeds, npdus, nlocations,
				  nclusters, ndevices, nvms, nfailed;
	int			  error;
};

static size_t
index_of(const struct nbmap *m, const struct netbox_object *o)
{
	return (size_t)(o - m->nb->t[o->type].v);
}

static int
status_left_out(const char *status)
{
	return status != NULL && (strcmp(status, "offline") == 0 ||
	    strcmp(status, "planned") == 0 ||
	    strcmp(status, "decommissioning") == 0 ||
	    strcmp(status, "retired") == 0);
}

/* How an object is named in messages: its name, else its id. */
static char *
label(const struct netbox_object *o)
{
	if (o->name != NULL)
		return xstrdup(o->name);
	return xasprintf("%s %lld", netbox_type_noun(o->type),
	    (long long)o->id);
}

static void
skip(struct nbmap *m, const struct netbox_object *o, enum import_outcome out,
    const char *why)
{
	char	*l;

	l = label(o);
	import_report_add(m->rep, out, netbox_type_noun(o->type), why, l);
	free(l);
}

/*
 * The id of what o refers to (type pt, id pid), mapped already: 0 with
 * *out (NULL when o names none), -1 when o cannot be imported (reported).
 */
static int
parent(struct nbmap *m, const struct netbox_object *o, enum netbox_type pt,
    int64_t pid, const char **out)
{
	const struct netbox_object	*p;
	char				 why[128];

	*out = NULL;
	if (pid == NETBOX_NONE)
		return 0;
	if ((p = netbox_get(m->nb, pt, pid)) == NULL) {
		snprintf(why, sizeof why, "%s not in the input",
		    netbox_type_noun(pt));
		skip(m, o, IMPORT_NOT_MAPPED, why);
		return -1;
	}
	if (m->id[pt][index_of(m, p)] == NULL) {
		snprintf(why, sizeof why, "%s left out",
		    netbox_type_noun(pt));
		skip(m, o, IMPORT_LEFT_OUT, why);
		return -1;
	}
	*out = m->id[pt][index_of(m, p)];
	return 0;
}

/* Whether o passes the status filter (reported when not). */
static int
status_ok(struct nbmap *m, const struct netbox_object *o)
{
	char	why[160];

	if (!status_left_out(o->status))
		return 1;
	snprintf(why, sizeof why, "status %s", o->status);
	skip(m, o, IMPORT_LEFT_OUT, why);
	return 0;
}

/*
 * Give out an id in a namespace from text (prefixed "PREFIX."), or from
 * "WORD-ID" of the object when nothing of the text is left; counts a
 * renaming when the result is not the name as given.
 */
static char *
claim(struct nbmap *m, int ns, const char *prefix, const char *text,
    const char *word, long long objid)
{
	char	*s, *base, *id;
	int	 changed;

	s = import_ids_sanitize(text != NULL ? text : "");
	if (s[0] == '\0') {
		free(s);
		s = xasprintf("%s-%lld", word, objid);
	} else if (text != NULL && strcmp(s, text) != 0)
		m->rep->renamed++;
	base = prefix != NULL ? xasprintf("%s.%s", prefix, s) : xstrdup(s);
	if (strlen(base) > IMPORT_ID_MAX)
		base[IMPORT_ID_MAX] = '\0';
	id = import_ids_claim(m->ns[ns], base, &changed);
	if (changed)
		m->rep->renamed++;
	free(base);
	free(s);
	return id;
}

/* Whether the id does not show the name as given: neither equal nor
 * qualified (PREFIX.NAME). */
static int
name_differs(const char *id, const char *name)
{
	size_t	li = strlen(id), ln = strlen(name);

	if (strcmp(id, name) == 0)
		return 0;
	return !(li > ln && id[li - ln - 1] == '.' &&
	    strcmp(id + li - ln, name) == 0);
}

static struct invwriter_entry *
add(struct nbmap *m, const struct netbox_object *o, enum invwriter_section sec,
    char *id)
{
	struct invwriter_entry	*e;
	size_t			 i = index_of(m, o);

	m->id[o->type][i] = id;
	e = invwriter_add(m->w, sec, id);
	m->ent[o->type][i] = e;
	if (o->name != NULL && name_differs(id, o->name))
		invwriter_str(e, "name", o->name);
	if (o->status != NULL && strcmp(o->status, "failed") == 0) {
		invwriter_comment(e, "status failed in NetBox");
		m->nfailed++;
	}
	return e;
}

static void
map_sites(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_SITE];
	struct invwriter_entry		*e;
	const struct netbox_object	*o;
	char				*region;
	size_t				 i;

	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (!status_ok(m, o))
			continue;
		e = add(m, o, INVWRITER_SITES, claim(m, NS_SITE, NULL, o->slug,
		    "site", o->id));
		if (o->region != NULL) {
			region = import_ids_sanitize(o->region);
			if (region[0] != '\0')
				invwriter_str(e, "region", region);
			free(region);
		}
	}
}

static void
map_location(struct nbmap *m, const struct netbox_object *o)
{
	const struct netbox_object	*p;
	struct invwriter_entry		*e;
	const char			*site, *in;
	size_t				 i = index_of(m, o);

	if (m->state[NETBOX_LOCATION][i] == ST_DONE)
		return;
	if (m->state[NETBOX_LOCATION][i] == ST_VISITING) {
		diag_add(m->dl, DIAG_ERROR, o->source, 0, 0, "location %lld "
		    "is its own ancestor: its parents form a loop",
		    (long long)o->id);
		m->error = 1;
		return;
	}
	m->state[NETBOX_LOCATION][i] = ST_VISITING;
	if (o->location != NETBOX_NONE &&
	    (p = netbox_get(m->nb, NETBOX_LOCATION, o->location)) != NULL)
		map_location(m, p);
	m->state[NETBOX_LOCATION][i] = ST_DONE;
	if (m->error || !status_ok(m, o))
		return;
	if (o->site == NETBOX_NONE) {
		skip(m, o, IMPORT_NOT_MAPPED, "no site");
		return;
	}
	if (parent(m, o, NETBOX_SITE, o->site, &site) != 0 ||
	    parent(m, o, NETBOX_LOCATION, o->location, &in) != 0)
		return;
	e = add(m, o, INVWRITER_DOMAINS, claim(m, NS_FEED, site, o->slug,
	    "location", o->id));
	invwriter_str(e, "type", "location");
	invwriter_str(e, "site", site);
	if (in != NULL)
		invwriter_item(e, "in", in, 0);
	m->nlocations++;
}

static void
map_panels(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_PANEL];
	const struct netbox_object	*o;
	struct invwriter_entry		*e;
	const char			*site, *in;
	size_t				 i;

	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (o->site == NETBOX_NONE) {
			skip(m, o, IMPORT_NOT_MAPPED, "no site");
			continue;
		}
		if (parent(m, o, NETBOX_SITE, o->site, &site) != 0 ||
		    parent(m, o, NETBOX_LOCATION, o->location, &in) != 0)
			continue;
		e = add(m, o, INVWRITER_POWER, claim(m, NS_FEED, site, o->name,
		    "panel", o->id));
		invwriter_str(e, "site", site);
		if (in != NULL)
			invwriter_item(e, "in", in, 0);
		m->npanels++;
	}
}

static void
map_feeds(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_FEED];
	const struct netbox_object	*o, *panel;
	struct invwriter_entry		*e;
	const char			*pid;
	size_t				 i;

	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (!status_ok(m, o))
			continue;
		if (o->panel == NETBOX_NONE) {
			skip(m, o, IMPORT_NOT_MAPPED, "no power panel");
			continue;
		}
		if (parent(m, o, NETBOX_PANEL, o->panel, &pid) != 0)
			continue;
		panel = netbox_get(m->nb, NETBOX_PANEL, o->panel);
		e = add(m, o, INVWRITER_POWER, claim(m, NS_FEED, pid, o->name,
		    "feed", o->id));
		invwriter_str(e, "site", m->id[NETBOX_SITE][index_of(m,
		    netbox_get(m->nb, NETBOX_SITE, panel->site))]);
		invwriter_item(e, "fed_by", pid, 0);
		m->nfeeds++;
	}
}

static void
map_racks(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_RACK];
	const struct netbox_object	*o;
	struct invwriter_entry		*e;
	const char			*site, *in;
	size_t				 i;

	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (!status_ok(m, o))
			continue;
		if (o->site == NETBOX_NONE) {
			skip(m, o, IMPORT_NOT_MAPPED, "no site");
			continue;
		}
		if (parent(m, o, NETBOX_SITE, o->site, &site) != 0 ||
		    parent(m, o, NETBOX_LOCATION, o->location, &in) != 0)
			continue;
		e = add(m, o, INVWRITER_RACKS, claim(m, NS_RACK, site, o->name,
		    "rack", o->id));
		invwriter_str(e, "site", site);
		invwriter_list(e, "power");
		if (in != NULL)
			invwriter_item(e, "in", in, 0);
	}
	/* The feeds assigned to each rack. */
	t = &m->nb->t[NETBOX_FEED];
	for (i = 0; i < t->n; i++) {
		const struct netbox_object *r;
		o = &t->v[i];
		if (m->id[NETBOX_FEED][i] == NULL || o->rack == NETBOX_NONE)
			continue;
		if ((r = netbox_get(m->nb, NETBOX_RACK, o->rack)) == NULL ||
		    (e = m->ent[NETBOX_RACK][index_of(m, r)]) == NULL) {
			skip(m, o, IMPORT_WARNING, r == NULL ? "rack not in "
			    "the input; imported without it" : "rack left "
			    "out; imported without it");
			continue;
		}
		invwriter_item(e, "power", m->id[NETBOX_FEED][i], 0);
	}
}

static void
map_clusters(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_CLUSTER];
	const struct netbox_object	*o;
	struct invwriter_entry		*e;
	const char			*site;
	size_t				 i;

	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (!status_ok(m, o) ||
		    parent(m, o, NETBOX_SITE, o->site, &site) != 0)
			continue;
		e = add(m, o, INVWRITER_DOMAINS, claim(m, NS_FEED, site,
		    o->name, "cluster", o->id));
		invwriter_str(e, "type", "cluster");
		if (site != NULL)
			invwriter_str(e, "site", site);
		m->nclusters++;
	}
}

/* The id text of a device before qualification: its name, else its role
 * (or type) and NetBox id. */
static char *
device_base(const struct netbox_object *o)
{
	char	*s, *id;

	if (o->name != NULL) {
		s = import_ids_sanitize(o->name);
		if (s[0] != '\0')
			return s;
		free(s);
	}
	s = import_ids_sanitize(o->role != NULL ? o->role : o->dtype != NULL ?
	    o->dtype : "device");
	id = xasprintf("%s-%lld", s[0] != '\0' ? s : "device",
	    (long long)o->id);
	free(s);
	return id;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether base occurs more than once in the sorted list. */
static int
repeated(char **sorted, size_t n, const char *base)
{
	char	**p = bsearch(&base, sorted, n, sizeof *sorted, str_cmp);

	if (p == NULL)
		return 0;
	return (p > sorted && strcmp(p[-1], base) == 0) ||
	    (p + 1 < sorted + n && strcmp(p[1], base) == 0);
}

static void
map_devices(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_DEVICE];
	const struct netbox_object	*o, *r;
	struct invwriter_entry		*e;
	const char			*site, *rack, *in;
	char				**bases, **sorted, *id, *q;
	uint8_t				*ok;
	size_t				 i, n = 0;
	int				 changed;

	bases = xcalloc(t->n + 1, sizeof *bases);
	sorted = xcalloc(t->n + 1, sizeof *sorted);
	ok = xcalloc(t->n + 1, 1);
	for (i = 0; i < m->nb->t[NETBOX_OUTLET].n; i++) {
		o = netbox_get(m->nb, NETBOX_DEVICE,
		    m->nb->t[NETBOX_OUTLET].v[i].device);
		if (o != NULL)
			m->is_pdu[index_of(m, o)] = 1;
	}
	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (!status_ok(m, o))
			continue;
		if (o->site == NETBOX_NONE) {
			skip(m, o, IMPORT_NOT_MAPPED, "no site");
			continue;
		}
		if (parent(m, o, NETBOX_SITE, o->site, &site) != 0 ||
		    parent(m, o, NETBOX_RACK, o->rack, &rack) != 0 ||
		    parent(m, o, NETBOX_LOCATION, o->location, &in) != 0)
			continue;
		if (rack != NULL && (r = netbox_get(m->nb, NETBOX_RACK,
		    o->rack))->site != o->site) {
			skip(m, o, IMPORT_NOT_MAPPED, "rack in another "
			    "site");
			continue;
		}
		ok[i] = 1;
		bases[i] = device_base(o);
		sorted[n++] = bases[i];
	}
	qsort(sorted, n, sizeof *sorted, str_cmp);
	for (i = 0; i < t->n; i++) {
		if (!ok[i])
			continue;
		o = &t->v[i];
		site = m->id[NETBOX_SITE][index_of(m, netbox_get(m->nb,
		    NETBOX_SITE, o->site))];
		if (o->name != NULL && strcmp(bases[i], o->name) != 0)
			m->rep->renamed++;
		/* A name used twice is qualified by the site. */
		q = repeated(sorted, n, bases[i]) ? xasprintf("%s.%s", site,
		    bases[i]) : xstrdup(bases[i]);
		if (strlen(q) > IMPORT_ID_MAX)
			q[IMPORT_ID_MAX] = '\0';
		id = import_ids_claim(m->ns[m->is_pdu[i] ? NS_FEED : NS_HOST],
		    q, &changed);
		free(q);
		if (changed)
			m->rep->renamed++;
		e = add(m, o, m->is_pdu[i] ? INVWRITER_POWER : INVWRITER_HOSTS,
		    id);
		invwriter_str(e, "site", site);
		rack = o->rack != NETBOX_NONE ? m->id[NETBOX_RACK][index_of(m,
		    netbox_get(m->nb, NETBOX_RACK, o->rack))] : NULL;
		if (rack != NULL && !m->is_pdu[i])
			invwriter_str(e, "rack", rack);
		invwriter_list(e, m->is_pdu[i] ? "fed_by" : "power");
		if (o->location != NETBOX_NONE && (rack == NULL || m->is_pdu[i]))
			invwriter_item(e, "in", m->id[NETBOX_LOCATION][
			    index_of(m, netbox_get(m->nb, NETBOX_LOCATION,
			    o->location))], 0);
		if (m->is_pdu[i])
			m->npdus++;
		else
			m->ndevices++;
	}
	for (i = 0; i < t->n; i++)
		free(bases[i]);
	free(bases);
	free(sorted);
	free(ok);
}

/* A power connection: a device's inlet (port) and what feeds it. */
struct conn {
	int64_t			port;
	enum netbox_type	supply_type;	/* NETBOX_OUTLET or NETBOX_FEED */
	int64_t			supply;
};

static int
conn_cmp(const void *a, const void *b)
{
	const struct conn	*x = a, *y = b;

	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	if (x->supply_type != y->supply_type)
		return x->supply_type < y->supply_type ? -1 : 1;
	if (x->supply != y->supply)
		return x->supply < y->supply ? -1 : 1;
	return 0;
}

static void
not_in_input(struct nbmap *m, enum netbox_type type, int64_t id)
{
	char	why[128], ex[64];

	snprintf(why, sizeof why, "its %s is not in the input",
	    netbox_type_noun(type));
	snprintf(ex, sizeof ex, "%s %lld", netbox_type_noun(type),
	    (long long)id);
	import_report_add(m->rep, IMPORT_NOT_MAPPED, "power cable", why, ex);
}

/*
 * Whether PDUs feed each other in a loop (Kahn's algorithm on the edges
 * consumer -> supplier); reports the PDUs left in loops.
 */
static int
pdu_loop(struct nbmap *m, const size_t *from, const size_t *to, size_t n)
{
	size_t	 ndev = m->nb->t[NETBOX_DEVICE].n, i, j, head = 0, tail = 0;
	size_t	*indeg, *queue, left = 0, shown = 0;
	char	 names[512];

	indeg = xcalloc(ndev + 1, sizeof *indeg);
	queue = xcalloc(ndev + 1, sizeof *queue);
	for (i = 0; i < n; i++)
		indeg[to[i]]++;
	for (i = 0; i < ndev; i++)
		if (m->is_pdu[i] && indeg[i] == 0)
			queue[tail++] = i;
	while (head < tail) {
		j = queue[head++];
		for (i = 0; i < n; i++)
			if (from[i] == j && --indeg[to[i]] == 0)
				queue[tail++] = to[i];
	}
	names[0] = '\0';
	for (i = 0; i < ndev; i++) {
		if (!m->is_pdu[i] || indeg[i] == 0 ||
		    m->id[NETBOX_DEVICE][i] == NULL)
			continue;
		left++;
		if (shown++ < 4)
			snprintf(names + strlen(names), sizeof names -
			    strlen(names), "%s%s", shown > 1 ? ", " : "",
			    m->id[NETBOX_DEVICE][i]);
	}
	if (left > 0) {
		diag_add(m->dl, DIAG_ERROR, NULL, 0, 0, "NetBox's power cables "
		    "form a loop: %zu PDUs feed each other (%s%s)", left, names,
		    left > 4 ? ", ..." : "");
		m->error = 1;
	}
	free(indeg);
	free(queue);
	return left > 0;
}

static void
map_power(struct nbmap *m)
{
	const struct netbox_object	*port, *dev, *sup, *pdu;
	struct conn			*c;
	size_t				 nc = 0, i, ne = 0, *from, *to, di;
	const char			*sid;

	c = xcalloc(m->nb->nlinks + 1, sizeof *c);
	for (i = 0; i < m->nb->nlinks; i++) {
		const struct netbox_link *l = &m->nb->links[i];
		if (l->a_type == NETBOX_PORT && l->b_type != NETBOX_PORT) {
			c[nc].port = l->a_id;
			c[nc].supply_type = l->b_type;
			c[nc++].supply = l->b_id;
		} else if (l->b_type == NETBOX_PORT &&
		    l->a_type != NETBOX_PORT) {
			c[nc].port = l->b_id;
			c[nc].supply_type = l->a_type;
			c[nc++].supply = l->a_id;
		}
	}
	qsort(c, nc, sizeof *c, conn_cmp);
	from = xcalloc(nc + 1, sizeof *from);
	to = xcalloc(nc + 1, sizeof *to);
	for (i = 0; i < nc; i++) {
		if (i > 0 && conn_cmp(&c[i], &c[i - 1]) == 0)
			continue;
		if ((port = netbox_get(m->nb, NETBOX_PORT, c[i].port)) == NULL) {
			not_in_input(m, NETBOX_PORT, c[i].port);
			continue;
		}
		if ((dev = netbox_get(m->nb, NETBOX_DEVICE, port->device)) ==
		    NULL) {
			not_in_input(m, NETBOX_DEVICE, port->device);
			continue;
		}
		di = index_of(m, dev);
		if (m->id[NETBOX_DEVICE][di] == NULL)
			continue;	/* reported with the device */
		if ((sup = netbox_get(m->nb, c[i].supply_type, c[i].supply)) ==
		    NULL) {
			not_in_input(m, c[i].supply_type, c[i].supply);
			continue;
		}
		pdu = NULL;
		if (sup->type == NETBOX_OUTLET) {
			if ((pdu = netbox_get(m->nb, NETBOX_DEVICE,
			    sup->device)) == NULL) {
				not_in_input(m, NETBOX_DEVICE, sup->device);
				continue;
			}
			sid = m->id[NETBOX_DEVICE][index_of(m, pdu)];
			if (pdu == dev)
				continue;	/* a PDU's outlet into itself */
		} else
			sid = m->id[NETBOX_FEED][index_of(m, sup)];
		if (sid == NULL)
			continue;	/* what feeds it is not imported */
		invwriter_item(m->ent[NETBOX_DEVICE][di], m->is_pdu[di] ?
		    "fed_by" : "power", sid, 0);
		if (m->is_pdu[di] && pdu != NULL) {
			from[ne] = index_of(m, pdu);
			to[ne++] = di;
		}
	}
	pdu_loop(m, from, to, ne);
	free(from);
	free(to);
	free(c);
}

static void
map_vms(struct nbmap *m)
{
	const struct netbox_table	*t = &m->nb->t[NETBOX_VM];
	const struct netbox_object	*o, *d, *cl;
	struct invwriter_entry		*e;
	const char			*on, *site, *cluster, **qual;
	char				**bases, **sorted, *id, *q;
	size_t				 i, n = 0;
	int				 changed;

	bases = xcalloc(t->n + 1, sizeof *bases);
	sorted = xcalloc(t->n + 1, sizeof *sorted);
	qual = xcalloc(t->n + 1, sizeof *qual);
	for (i = 0; i < t->n; i++) {
		o = &t->v[i];
		if (!status_ok(m, o) ||
		    parent(m, o, NETBOX_CLUSTER, o->cluster, &cluster) != 0)
			continue;
		on = site = NULL;
		if (o->device != NETBOX_NONE) {
			if ((d = netbox_get(m->nb, NETBOX_DEVICE, o->device)) !=
			    NULL && m->is_pdu[index_of(m, d)]) {
				skip(m, o, IMPORT_NOT_MAPPED, "device is a "
				    "PDU");
				continue;
			}
			if (parent(m, o, NETBOX_DEVICE, o->device, &on) != 0)
				continue;
		} else if (o->site != NETBOX_NONE) {
			if (parent(m, o, NETBOX_SITE, o->site, &site) != 0)
				continue;
		} else if (o->cluster != NETBOX_NONE && (cl = netbox_get(m->nb,
		    NETBOX_CLUSTER, o->cluster))->site != NETBOX_NONE)
			site = m->id[NETBOX_SITE][index_of(m, netbox_get(m->nb,
			    NETBOX_SITE, cl->site))];
		if (on == NULL && site == NULL) {
			skip(m, o, IMPORT_NOT_MAPPED, "no device, site or "
			    "cluster site to place it in");
			continue;
		}
		bases[i] = import_ids_sanitize(o->name);
		if (bases[i][0] == '\0') {
			free(bases[i]);
			bases[i] = xasprintf("vm-%lld", (long long)o->id);
		}
		if (strcmp(bases[i], o->name) != 0)
			m->rep->renamed++;
		sorted[n++] = bases[i];
		qual[i] = cluster != NULL ? cluster : on != NULL ? on : site;
		/* Keep what to write until ids are known. */
		m->state[NETBOX_VM][i] = ST_DONE;
		m->id[NETBOX_VM][i] = xstrdup(on != NULL ? on : site);
	}
	qsort(sorted, n, sizeof *sorted, str_cmp);
	for (i = 0; i < t->n; i++) {
		if (m->state[NETBOX_VM][i] != ST_DONE)
			continue;
		o = &t->v[i];
		if (repeated(sorted, n, bases[i]) ||
		    import_ids_taken(m->ns[NS_HOST], bases[i])) {
			q = xasprintf("%s.%s", qual[i], bases[i]);
			if (strlen(q) > IMPORT_ID_MAX)
				q[IMPORT_ID_MAX] = '\0';
		} else
			q = xstrdup(bases[i]);
		id = import_ids_claim(m->ns[NS_HOST], q, &changed);
		if (changed)
			m->rep->renamed++;
		free(q);
		on = m->id[NETBOX_VM][i];	/* the placement kept above */
		m->id[NETBOX_VM][i] = NULL;
		e = add(m, o, INVWRITER_HOSTS, id);
		if (o->device != NETBOX_NONE)
			invwriter_str(e, "on", on);
		else
			invwriter_str(e, "site", on);
		free((char *)on);
		parent(m, o, NETBOX_CLUSTER, o->cluster, &cluster);
		if (cluster != NULL)
			invwriter_item(e, "in", cluster, 0);
		m->nvms++;
	}
	for (i = 0; i < t->n; i++)
		free(bases[i]);
	free(bases);
	free(sorted);
	free(qual);
}

int
import_netbox_map(const struct netbox *nb, struct invwriter *w,
    struct import_report *rep, struct diag_list *dl)
{
	struct nbmap	 m;
	size_t		 i, j;

	memset(&m, 0, sizeof m);
	m.nb = nb;
	m.w = w;
	m.rep = rep;
	m.dl = dl;
	for (i = 0; i < NS_COUNT; i++)
		m.ns[i] = import_ids_create();
	for (i = 0; i < NETBOX_NTYPES; i++) {
		m.id[i] = xcalloc(nb->t[i].n + 1, sizeof *m.id[i]);
		m.ent[i] = xcalloc(nb->t[i].n + 1, sizeof *m.ent[i]);
		m.state[i] = xcalloc(nb->t[i].n + 1, 1);
	}
	m.is_pdu = xcalloc(nb->t[NETBOX_DEVICE].n + 1, 1);
	map_sites(&m);
	for (i = 0; i < nb->t[NETBOX_LOCATION].n && !m.error; i++)
		map_location(&m, &nb->t[NETBOX_LOCATION].v[i]);
	if (!m.error) {
		map_panels(&m);
		map_feeds(&m);
		map_racks(&m);
		map_clusters(&m);
		map_devices(&m);
		map_power(&m);
	}
	if (!m.error)
		map_vms(&m);
	import_report_counts(rep, "%zu %s, %zu %s (%zu location%s, %zu "
	    "cluster%s), %zu %s (%zu panel%s, %zu feed%s, %zu PDU%s), %zu %s, "
	    "%zu %s (%zu device%s, %zu virtual machine%s)",
	    invwriter_count(w, INVWRITER_SITES), inventory_kind_noun(KIND_SITE,
	    invwriter_count(w, INVWRITER_SITES)), m.nlocations + m.nclusters,
	    inventory_kind_noun(KIND_DOMAIN, m.nlocations + m.nclusters),
	    m.nlocations, S(m.nlocations), m.nclusters, S(m.nclusters),
	    m.npanels + m.nfeeds + m.npdus, inventory_kind_noun(KIND_POWER,
	    m.npanels + m.nfeeds + m.npdus), m.npanels, S(m.npanels),
	    m.nfeeds, S(m.nfeeds), m.npdus, S(m.npdus),
	    invwriter_count(w, INVWRITER_RACKS), inventory_kind_noun(KIND_RACK,
	    invwriter_count(w, INVWRITER_RACKS)), m.ndevices + m.nvms,
	    inventory_kind_noun(KIND_HOST, m.ndevices + m.nvms), m.ndevices,
	    S(m.ndevices), m.nvms, S(m.nvms));
	if (m.nfailed > 0) {
		invwriter_header(w, "%s", "");
		invwriter_header(w, "%zu imported entr%s ha%s status failed in "
		    "NetBox (marked on %s line): 'faultline whatif --fail "
		    "KIND:ID' shows what %s loss takes down.", m.nfailed,
		    m.nfailed == 1 ? "y" : "ies", m.nfailed == 1 ? "s" : "ve",
		    m.nfailed == 1 ? "its" : "their",
		    m.nfailed == 1 ? "its" : "their");
	}
	for (i = 0; i < NETBOX_NTYPES; i++) {
		for (j = 0; j < nb->t[i].n; j++)
			free(m.id[i][j]);
		free(m.id[i]);
		free(m.ent[i]);
		free(m.state[i]);
	}
	free(m.is_pdu);
	for (i = 0; i < NS_COUNT; i++)
		import_ids_free(m.ns[i]);
	return m.error ? -1 : 0;
}

void
import_netbox_header(struct invwriter *w)
{
	static const char *lines[] = {
		"Mapping (NetBox -> faultline):",
		"  site                 -> site: slug as id, region slug as region",
		"  location             -> domain SITE.SLUG, type location, in its parent",
		"  power panel          -> power SITE.PANEL, in its location",
		"  power feed           -> power SITE.PANEL.FEED, fed_by its panel",
		"  rack                 -> rack SITE.RACK; power: the feeds assigned to it",
		"  device with outlets  -> power (a PDU), fed_by what its inlets are cabled to",
		"  other device         -> host; power: what its power ports are cabled to",
		"  cluster              -> domain, type cluster",
		"  virtual machine      -> host on its device, else in its (cluster's) site;",
		"                          in its cluster",
		"Left out: status offline, planned, decommissioning, retired, and what",
		"is inside something left out.  A name used twice is qualified by its",
		"site (SITE.NAME); an unnamed device is ROLE-ID; the NetBox name is kept",
		"as name: when the id differs.  NetBox stops at the power panel: add what",
		"feeds the panels (utility, generators, UPS) in a file of your own with",
		"an extend: section, so this file can be imported again.",
	};
	size_t	i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
		invwriter_header(w, "%s", lines[i]);
}
