/*
 * inventory_append.c -- move what one file loaded into the inventory.
 *
 * Files are loaded on several threads, each into an inventory of its own
 * (loadpool.c); this appends each, in file order, to the one inventory
 * that is resolved.  Symbols are numbered per inventory, so every symbol
 * field is mapped, and spans and standby offsets are moved past what is
 * already there.  Interning the file's symbols in their own order, one
 * file after another, numbers them exactly as loading every file into one
 * inventory would: the result does not depend on how files were shared
 * out.  Marks need nothing: a file's index is given before it is loaded.
 */
#include <stdlib.h>
#include <string.h>

#include "inventory.h"
#include "xalloc.h"

/* How many symbols ahead interning prefetches the slot, then the text. */
#define APPEND_AHEAD_SLOT	8
#define APPEND_AHEAD_TEXT	4

struct append {
	const uint32_t		*sym;		/* src symbol -> dst symbol */
	uint32_t		 refs;		/* dst->nrefs before */
	uint32_t		 standbys;	/* dst->nstandbys before */
};

static uint32_t
map_sym(const struct append *ap, uint32_t s)
{
	return s == SYM_NONE ? SYM_NONE : ap->sym[s];
}

static struct span
map_span(const struct append *ap, struct span sp)
{
	sp.off += ap->refs;
	return sp;
}

static void
map_entity(const struct append *ap, struct entity *e)
{
	e->id = map_sym(ap, e->id);
	e->name = map_sym(ap, e->name);
}

/*
 * Copy src's n elements of array arr to the end of dst's (of capacity cap,
 * grown with grow: XGROW or XBIGGROW); v receives where the copies start.
 * dst's count is left to the caller, which maps the copies first.
 */
#define APPEND_COPY(grow, v, dst, src, arr, n, cap) do {		\
	grow((dst)->arr, (dst)->cap, (dst)->n + (src)->n);		\
	(v) = (dst)->arr + (dst)->n;					\
	memcpy((v), (src)->arr, (src)->n * sizeof *(v));		\
} while (0)

/* Intern every symbol of src into dst, in src's order; fills *map. */
static uint32_t *
append_symbols(struct inventory *dst, const struct inventory *src,
    uint32_t **map, size_t *map_cap)
{
	uint32_t	 n = symtab_count(src->syms), s, *hash;
	const char	*str;
	size_t		 len;

	XGROW(*map, *map_cap, (size_t)n * 2 + 1);
	hash = *map + n;
	for (s = 0; s < n; s++)
		hash[s] = symtab_hash(symtab_str(src->syms, s),
		    symtab_len(src->syms, s));
	for (s = 0; s < n; s++) {
		if (s + APPEND_AHEAD_SLOT < n)
			symtab_prefetch(dst->syms, hash[s + APPEND_AHEAD_SLOT]);
		if (s + APPEND_AHEAD_TEXT < n)
			symtab_prefetch_text(dst->syms,
			    hash[s + APPEND_AHEAD_TEXT]);
		str = symtab_str(src->syms, s);
		len = symtab_len(src->syms, s);
		(*map)[s] = symtab_intern_hash(dst->syms, str, len, hash[s]);
	}
	return *map;
}

static void
append_refs(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct ref	*r;
	size_t		 i;

	if (src->nrefs == 0)
		return;
	APPEND_COPY(XBIGGROW, r, dst, src, refs, nrefs, refs_cap);
	for (i = 0; i < src->nrefs; i++)
		r[i].sym = map_sym(ap, r[i].sym);
	dst->nrefs += src->nrefs;
}

static void
append_sites(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct site	*v;
	size_t		 i;

	if (src->nsites == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, sites, nsites, sites_cap);
	for (i = 0; i < src->nsites; i++) {
		map_entity(ap, &v[i].e);
		v[i].region = map_sym(ap, v[i].region);
		v[i].in = map_span(ap, v[i].in);
	}
	dst->nsites += src->nsites;
}

static void
append_power(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct power	*v;
	size_t		 i;

	if (src->npower == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, power, npower, power_cap);
	for (i = 0; i < src->npower; i++) {
		map_entity(ap, &v[i].e);
		v[i].site_ref = map_span(ap, v[i].site_ref);
		v[i].fed_by = map_span(ap, v[i].fed_by);
		v[i].in = map_span(ap, v[i].in);
	}
	dst->npower += src->npower;
}

static void
append_domains(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct domain	*v;
	size_t		 i;

	if (src->ndomains == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, domains, ndomains, domains_cap);
	for (i = 0; i < src->ndomains; i++) {
		map_entity(ap, &v[i].e);
		v[i].type = map_sym(ap, v[i].type);
		v[i].site_ref = map_span(ap, v[i].site_ref);
		v[i].fed_by = map_span(ap, v[i].fed_by);
		v[i].in = map_span(ap, v[i].in);
	}
	dst->ndomains += src->ndomains;
}

static void
append_racks(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct rack	*v;
	size_t		 i;

	if (src->nracks == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, racks, nracks, racks_cap);
	for (i = 0; i < src->nracks; i++) {
		map_entity(ap, &v[i].e);
		v[i].site_ref = map_span(ap, v[i].site_ref);
		v[i].power = map_span(ap, v[i].power);
		v[i].in = map_span(ap, v[i].in);
	}
	dst->nracks += src->nracks;
}

static void
append_hosts(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct host	*v;
	size_t		 i;

	if (src->nhosts == 0)
		return;
	APPEND_COPY(XBIGGROW, v, dst, src, hosts, nhosts, hosts_cap);
	for (i = 0; i < src->nhosts; i++) {
		map_entity(ap, &v[i].e);
		v[i].site_ref = map_span(ap, v[i].site_ref);
		v[i].rack_ref = map_span(ap, v[i].rack_ref);
		v[i].on_ref = map_span(ap, v[i].on_ref);
		v[i].power = map_span(ap, v[i].power);
		v[i].in = map_span(ap, v[i].in);
	}
	dst->nhosts += src->nhosts;
}

static void
append_services(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct service	*v;
	size_t		 i;

	if (src->nservices == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, services, nservices, services_cap);
	for (i = 0; i < src->nservices; i++) {
		map_entity(ap, &v[i].e);
		v[i].owner = map_sym(ap, v[i].owner);
		v[i].runs_on = map_span(ap, v[i].runs_on);
		v[i].depends_on = map_span(ap, v[i].depends_on);
		v[i].recovery = map_span(ap, v[i].recovery);
		v[i].standby_off += ap->standbys;
	}
	dst->nservices += src->nservices;
}

static void
append_standbys(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct standby	*v;
	size_t		 i;

	if (src->nstandbys == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, standbys, nstandbys, standbys_cap);
	for (i = 0; i < src->nstandbys; i++) {
		v[i].runs_on = map_span(ap, v[i].runs_on);
		v[i].via = map_span(ap, v[i].via);
	}
	dst->nstandbys += src->nstandbys;
}

static void
append_extensions(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct extension	*v;
	size_t			 i;

	if (src->nextensions == 0)
		return;
	APPEND_COPY(XGROW, v, dst, src, extensions, nextensions,
	    extensions_cap);
	for (i = 0; i < src->nextensions; i++) {
		v[i].id = map_sym(ap, v[i].id);
		v[i].fed_by = map_span(ap, v[i].fed_by);
		v[i].in = map_span(ap, v[i].in);
	}
	dst->nextensions += src->nextensions;
}

/* Policies and waivers move with what they own. */
static void
append_policies(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct policy	*p;
	size_t		 i, j;

	dst->has_policies |= src->has_policies;
	if (src->npolicies == 0)
		return;
	APPEND_COPY(XGROW, p, dst, src, policies, npolicies, policies_cap);
	for (i = 0; i < src->npolicies; i++) {
		p[i].id = map_sym(ap, p[i].id);
		for (j = 0; j < p[i].nowners; j++)
			p[i].owners[j] = map_sym(ap, p[i].owners[j]);
		for (j = 0; j < p[i].nsurvive_types; j++)
			p[i].survive_types[j] = map_sym(ap,
			    p[i].survive_types[j]);
	}
	dst->npolicies += src->npolicies;
}

static void
append_waivers(const struct append *ap, struct inventory *dst,
    const struct inventory *src)
{
	struct waiver	*w;
	size_t		 i;

	if (src->nwaivers == 0)
		return;
	APPEND_COPY(XGROW, w, dst, src, waivers, nwaivers, waivers_cap);
	for (i = 0; i < src->nwaivers; i++)
		w[i].policy = map_sym(ap, w[i].policy);
	dst->nwaivers += src->nwaivers;
}

/* Free a meta section that was not moved. */
static void
meta_free(struct meta *mt)
{
	size_t	i;

	free(mt->name);
	free(mt->owner);
	free(mt->description);
	for (i = 0; i < mt->nassumptions; i++)
		free(mt->assumptions[i]);
	free(mt->assumptions);
	memset(mt, 0, sizeof *mt);
}

/* Empty src for the next file, keeping its storage: what it owned moved. */
static void
append_clear(struct inventory *src)
{
	src->nsites = src->npower = src->ndomains = src->nracks = 0;
	src->nhosts = src->nservices = src->nstandbys = 0;
	src->nextensions = src->nrefs = 0;
	src->npolicies = src->nwaivers = 0;
	src->has_policies = 0;
	meta_free(&src->meta);
	symtab_clear(src->syms);
}

void
inventory_append(struct inventory *dst, struct inventory *src,
    uint32_t **scratch, size_t *scratch_cap)
{
	struct append	ap;

	ap.sym = append_symbols(dst, src, scratch, scratch_cap);
	ap.refs = (uint32_t)dst->nrefs;
	ap.standbys = (uint32_t)dst->nstandbys;
	append_refs(&ap, dst, src);
	append_sites(&ap, dst, src);
	append_power(&ap, dst, src);
	append_domains(&ap, dst, src);
	append_racks(&ap, dst, src);
	append_hosts(&ap, dst, src);
	append_services(&ap, dst, src);
	append_standbys(&ap, dst, src);
	append_extensions(&ap, dst, src);
	append_policies(&ap, dst, src);
	append_waivers(&ap, dst, src);
	if (src->meta.present && !dst->meta.present) {
		dst->meta = src->meta;
		memset(&src->meta, 0, sizeof src->meta);
	}
	append_clear(src);
}
