/*
 * inventory.c -- the inventory model: storage, builders, names of kinds.
 */
#include <stdlib.h>
#include <string.h>

#include "inventory.h"
#include "xalloc.h"

static const char *kind_names[KIND_COUNT] = {
	"site", "power", "domain", "rack", "host", "service"
};
static const char *service_kind_names[SERVICE_KIND_COUNT] = {
	"app", "data", "platform", "tool", "external"
};
static const char *severity_names[] = { "error", "warning", "note", "never" };

struct inventory *
inventory_create(void)
{
	struct inventory	*inv;

	inv = xcalloc(1, sizeof *inv);
	inv->syms = symtab_create();
	return inv;
}

void
inventory_free(struct inventory *inv)
{
	size_t	i;
	int	k;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->nfiles; i++)
		free(inv->files[i]);
	free(inv->files);
	free(inv->sites);
	free(inv->power);
	free(inv->domains);
	free(inv->racks);
	xbig_free(inv->hosts, inv->hosts_cap * sizeof *inv->hosts);
	free(inv->services);
	free(inv->standbys);
	free(inv->extensions);
	xbig_free(inv->refs, inv->refs_cap * sizeof *inv->refs);
	for (i = 0; i < inv->npolicies; i++) {
		free(inv->policies[i].owners);
		free(inv->policies[i].id_regex);
		free(inv->policies[i].survive_types);
		free(inv->policies[i].survive_marks);
		free(inv->policies[i].description);
		free(inv->policies[i].reference);
	}
	free(inv->policies);
	for (i = 0; i < inv->nwaivers; i++) {
		free(inv->waivers[i].service_regex);
		free(inv->waivers[i].reason);
		free(inv->waivers[i].approved_by);
		free(inv->waivers[i].ticket);
	}
	free(inv->waivers);
	free(inv->meta.name);
	free(inv->meta.owner);
	free(inv->meta.description);
	for (i = 0; i < inv->meta.nassumptions; i++)
		free(inv->meta.assumptions[i]);
	free(inv->meta.assumptions);
	for (k = 0; k < KIND_COUNT; k++)
		free(inv->index[k]);
	symtab_free(inv->syms);
	free(inv);
}

uint32_t
inventory_add_file(struct inventory *inv, const char *path)
{
	XGROW(inv->files, inv->files_cap, inv->nfiles + 1);
	inv->files[inv->nfiles] = xstrdup(path);
	return (uint32_t)inv->nfiles++;
}

uint32_t
inventory_intern(struct inventory *inv, const char *s, size_t len)
{
	return symtab_intern(inv->syms, s, len);
}

uint32_t
inventory_intern_hash(struct inventory *inv, const char *s, size_t len,
    uint32_t hash)
{
	return symtab_intern_hash(inv->syms, s, len, hash);
}

/* Stage 0: the table's slot for the hash; stage 1: the text it holds. */
void
inventory_prefetch(const struct inventory *inv, uint32_t hash, int stage)
{
	if (stage == 0)
		symtab_prefetch(inv->syms, hash);
	else
		symtab_prefetch_text(inv->syms, hash);
}

const char *
inventory_str(const struct inventory *inv, uint32_t sym)
{
	return sym == SYM_NONE ? NULL : symtab_str(inv->syms, sym);
}

const char *
inventory_file(const struct inventory *inv, uint32_t file)
{
	return file < inv->nfiles ? inv->files[file] : NULL;
}

static void
entity_init(struct entity *e)
{
	e->id = SYM_NONE;
	e->name = SYM_NONE;
}

struct site *
inventory_add_site(struct inventory *inv)
{
	struct site	*s;

	XGROW(inv->sites, inv->sites_cap, inv->nsites + 1);
	s = &inv->sites[inv->nsites++];
	memset(s, 0, sizeof *s);
	entity_init(&s->e);
	s->region = SYM_NONE;
	s->region_domain = INDEX_NONE;
	return s;
}

struct power *
inventory_add_power(struct inventory *inv)
{
	struct power	*p;

	XGROW(inv->power, inv->power_cap, inv->npower + 1);
	p = &inv->power[inv->npower++];
	memset(p, 0, sizeof *p);
	entity_init(&p->e);
	p->site = INDEX_NONE;
	return p;
}

struct domain *
inventory_add_domain(struct inventory *inv)
{
	struct domain	*d;

	XGROW(inv->domains, inv->domains_cap, inv->ndomains + 1);
	d = &inv->domains[inv->ndomains++];
	memset(d, 0, sizeof *d);
	entity_init(&d->e);
	d->type = SYM_NONE;
	d->site = INDEX_NONE;
	return d;
}

struct rack *
inventory_add_rack(struct inventory *inv)
{
	struct rack	*r;

	XGROW(inv->racks, inv->racks_cap, inv->nracks + 1);
	r = &inv->racks[inv->nracks++];
	memset(r, 0, sizeof *r);
	entity_init(&r->e);
	r->site = INDEX_NONE;
	return r;
}

struct host *
inventory_add_host(struct inventory *inv)
{
	struct host	*h;

	XBIGGROW(inv->hosts, inv->hosts_cap, inv->nhosts + 1);
	h = &inv->hosts[inv->nhosts++];
	memset(h, 0, sizeof *h);
	entity_init(&h->e);
	h->site = INDEX_NONE;
	h->rack = INDEX_NONE;
	h->on = INDEX_NONE;
	return h;
}

struct service *
inventory_add_service(struct inventory *inv)
{
	struct service	*s;

	XGROW(inv->services, inv->services_cap, inv->nservices + 1);
	s = &inv->services[inv->nservices++];
	memset(s, 0, sizeof *s);
	entity_init(&s->e);
	s->kind = SERVICE_APP;
	s->tier = 3;
	s->owner = SYM_NONE;
	return s;
}

struct policy *
inventory_add_policy(struct inventory *inv)
{
	struct policy	*p;

	XGROW(inv->policies, inv->policies_cap, inv->npolicies + 1);
	p = &inv->policies[inv->npolicies++];
	memset(p, 0, sizeof *p);
	p->id = SYM_NONE;
	p->survive = (1u << KIND_SITE) | (1u << KIND_POWER) |
	    (1u << KIND_DOMAIN) | (1u << KIND_RACK) | (1u << KIND_HOST);
	p->severity = SEVERITY_ERROR;
	return p;
}

struct waiver *
inventory_add_waiver(struct inventory *inv)
{
	struct waiver	*w;

	XGROW(inv->waivers, inv->waivers_cap, inv->nwaivers + 1);
	w = &inv->waivers[inv->nwaivers++];
	memset(w, 0, sizeof *w);
	w->policy = SYM_NONE;
	w->expires = INT32_MIN;
	w->granted = INT32_MIN;
	return w;
}

struct standby *
inventory_add_standby(struct inventory *inv)
{
	struct standby	*g;

	XGROW(inv->standbys, inv->standbys_cap, inv->nstandbys + 1);
	g = &inv->standbys[inv->nstandbys++];
	memset(g, 0, sizeof *g);
	return g;
}

struct extension *
inventory_add_extension(struct inventory *inv)
{
	struct extension	*x;

	XGROW(inv->extensions, inv->extensions_cap, inv->nextensions + 1);
	x = &inv->extensions[inv->nextensions++];
	memset(x, 0, sizeof *x);
	x->id = SYM_NONE;
	return x;
}

struct span
inventory_add_refs(struct inventory *inv, enum entity_kind kind,
    const uint32_t *syms, const struct mark *marks, const uint8_t *soft,
    size_t n)
{
	struct span	 sp;
	struct ref	*r;
	size_t		 i;

	XBIGGROW(inv->refs, inv->refs_cap, inv->nrefs + n);
	sp.off = (uint32_t)inv->nrefs;
	sp.n = (uint32_t)n;
	for (i = 0; i < n; i++) {
		r = &inv->refs[inv->nrefs++];
		r->sym = syms[i];
		r->target = INDEX_NONE;
		r->mark = marks[i];
		r->kind = (uint8_t)kind;
		r->soft = soft != NULL ? soft[i] : 0;
	}
	return sp;
}

size_t
inventory_count(const struct inventory *inv, enum entity_kind kind)
{
	switch (kind) {
	case KIND_SITE:
		return inv->nsites;
	case KIND_POWER:
		return inv->npower;
	case KIND_DOMAIN:
		return inv->ndomains;
	case KIND_RACK:
		return inv->nracks;
	case KIND_HOST:
		return inv->nhosts;
	case KIND_SERVICE:
		return inv->nservices;
	case KIND_COUNT:
		break;
	}
	return 0;
}

const struct entity *
inventory_entity(const struct inventory *inv, enum entity_kind kind,
    uint32_t i)
{
	switch (kind) {
	case KIND_SITE:
		return &inv->sites[i].e;
	case KIND_POWER:
		return &inv->power[i].e;
	case KIND_DOMAIN:
		return &inv->domains[i].e;
	case KIND_RACK:
		return &inv->racks[i].e;
	case KIND_HOST:
		return &inv->hosts[i].e;
	case KIND_SERVICE:
		return &inv->services[i].e;
	case KIND_COUNT:
		break;
	}
	return NULL;
}

uint32_t
inventory_find(const struct inventory *inv, enum entity_kind kind,
    const char *id)
{
	uint32_t	sym;

	sym = symtab_lookup(inv->syms, id, strlen(id));
	if (sym == SYM_NONE || sym >= inv->index_len || inv->index[kind] == NULL)
		return INDEX_NONE;
	return inv->index[kind][sym];
}

const char *
inventory_kind_name(enum entity_kind kind)
{
	return kind < KIND_COUNT ? kind_names[kind] : "?";
}

const char *
inventory_kind_noun(enum entity_kind kind, size_t n)
{
	static const char *const nouns[KIND_COUNT][2] = {
		{ "site", "sites" }, { "power domain", "power domains" },
		{ "domain", "domains" },
		{ "rack", "racks" }, { "host", "hosts" },
		{ "service", "services" }
	};

	return kind < KIND_COUNT ? nouns[kind][n != 1] : "?";
}

int
inventory_kind_parse(const char *s)
{
	int	k;

	for (k = 0; k < KIND_COUNT; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *
inventory_service_kind_name(enum service_kind kind)
{
	return kind < SERVICE_KIND_COUNT ? service_kind_names[kind] : "?";
}

int
inventory_service_kind_parse(const char *s)
{
	int	k;

	for (k = 0; k < SERVICE_KIND_COUNT; k++)
		if (strcmp(s, service_kind_names[k]) == 0)
			return k;
	return -1;
}

const char *
inventory_severity_name(enum severity severity)
{
	return severity <= SEVERITY_NONE ? severity_names[severity] : "?";
}

int
inventory_severity_parse(const char *s)
{
	int	k;

	for (k = 0; k <= SEVERITY_NOTE; k++)
		if (strcmp(s, severity_names[k]) == 0)
			return k;
	return -1;
}
