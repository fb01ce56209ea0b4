/*
 * inventory.h -- the inventory model: sites, power domains, racks, hosts,
 * services, policies and waivers, with the source mark of everything.
 *
 * An inventory is filled in two phases.  The loader appends entities whose
 * references are symbols (interned strings) with the mark where they were
 * written; then inventory_resolve() (validate.c) turns every reference into
 * an entity index and reports what does not hold.  After a successful
 * resolve the model is read-only and every index below is valid.
 *
 * Entities of one kind live in one array, in load order (files in sorted
 * path order, entries in file order, brace ranges expanded in place).
 * References live in one pool (inv->refs); an entity holds spans of it, and
 * entities expanded from one brace range share the same spans.
 */
#ifndef FAULTLINE_INVENTORY_H
#define FAULTLINE_INVENTORY_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "symtab.h"

#define INDEX_NONE UINT32_MAX

enum entity_kind {
	KIND_SITE,
	KIND_POWER,
	KIND_DOMAIN,		/* any other shared failure domain (room, row, ...) */
	KIND_RACK,
	KIND_HOST,
	KIND_SERVICE,
	KIND_COUNT
};

enum service_kind {
	SERVICE_APP,
	SERVICE_DATA,
	SERVICE_PLATFORM,
	SERVICE_TOOL,
	SERVICE_EXTERNAL,
	SERVICE_KIND_COUNT
};

enum severity {			/* of findings and policies */
	SEVERITY_ERROR,
	SEVERITY_WARNING,
	SEVERITY_NOTE,
	SEVERITY_NONE		/* below every threshold (--fail-on never) */
};

/* Where something was written: 0-based index into inv->files; 1-based
 * line and column. */
struct mark {
	uint32_t	file;
	uint32_t	line;
	uint32_t	column;
};

/* A run of references in inv->refs. */
struct span {
	uint32_t	off;
	uint32_t	n;
};

/*
 * A reference of kind REF_FEED names a power domain or a domain (the two
 * share one namespace for `in` and `fed_by`); resolve replaces the kind
 * with KIND_POWER or KIND_DOMAIN, whichever the id names.
 */
#define REF_FEED	KIND_COUNT

struct ref {
	uint32_t	sym;		/* the id as written */
	uint32_t	target;		/* entity index after resolve, else INDEX_NONE */
	struct mark	mark;
	uint8_t		kind;		/* enum entity_kind it must name (or REF_FEED) */
	uint8_t		soft;		/* depends_on: a soft dependency */
};

struct entity {
	uint32_t	id;		/* symbol */
	uint32_t	name;		/* symbol or SYM_NONE */
	struct mark	mark;		/* of the id value: the definition */
};

/*
 * `in` spans (ALL-of) and `fed_by` spans (ANY-of) hold REF_FEED references:
 * after resolve each names a power domain or a domain.  `power` spans of
 * racks and hosts name power domains only.
 */
struct site {
	struct entity	e;
	uint32_t	region;		/* symbol or SYM_NONE */
	struct mark	region_mark;
	struct span	in;
	uint32_t	region_domain;	/* resolved: the domain named by region
					 * when one is declared (it then counts as
					 * one more `in`), else INDEX_NONE */
};

struct power {
	struct entity	e;
	struct span	site_ref;	/* 0 or 1 reference */
	struct span	fed_by;		/* REF_FEED */
	struct span	in;		/* REF_FEED */
	uint32_t	site;		/* resolved; INDEX_NONE when not given */
};

struct domain {
	struct entity	e;
	uint32_t	type;		/* symbol: room, row, network, region, ... */
	struct mark	type_mark;
	struct span	site_ref;	/* 0 or 1 */
	struct span	fed_by;		/* REF_FEED */
	struct span	in;		/* REF_FEED */
	uint32_t	site;		/* resolved; INDEX_NONE when not given */
};

struct rack {
	struct entity	e;
	struct span	site_ref;	/* 0 or 1 */
	struct span	power;
	struct span	in;		/* REF_FEED */
	uint32_t	site;		/* resolved */
};

struct host {
	struct entity	e;
	struct span	site_ref;	/* 0 or 1 */
	struct span	rack_ref;	/* 0 or 1 */
	struct span	on_ref;		/* 0 or 1 host */
	struct span	power;
	struct span	in;		/* REF_FEED */
	uint32_t	site;		/* resolved: its own, else its rack's, else
					 * that of the host it runs on */
	uint32_t	rack;		/* resolved; INDEX_NONE when not given */
	uint32_t	on;		/* resolved host; INDEX_NONE when not given */
};

/*
 * A standby group of a service: capacity that serves only after a
 * failover, driven by the `via` tools (services; none: automatic).
 */
struct standby {
	struct mark	mark;		/* of the group's mapping */
	struct span	runs_on;	/* hosts */
	uint32_t	min_up;		/* 0 when not given: means 1 */
	struct mark	min_up_mark;
	struct span	via;		/* services */
};

struct service {
	struct entity		e;
	enum service_kind	kind;
	uint8_t			tier;		/* 1..4, default 3 */
	uint32_t		owner;		/* symbol or SYM_NONE */
	struct span		runs_on;
	uint32_t		min_up;		/* 0 when not given: means 1 */
	struct mark		min_up_mark;
	struct span		depends_on;	/* hard and soft, as written */
	struct span		recovery;
	uint32_t		standby_off;	/* inv->standbys[standby_off ..
						 * standby_off + nstandby) */
	uint32_t		nstandby;
	uint32_t		rto;		/* seconds; 0 when not given */
	struct mark		rto_mark;
};

struct policy {
	uint32_t	id;		/* symbol */
	struct mark	mark;
	uint8_t		tiers;		/* bit t set: tier t selected; 0: any */
	uint8_t		kinds;		/* bit k: enum service_kind k; 0: any */
	uint32_t	*owners;	/* symbols; NULL/0: any */
	size_t		 nowners;
	char		*id_regex;	/* PCRE2 on the service id; NULL: any */
	struct mark	 id_regex_mark;	/* its first character if verbatim */
	uint8_t		 id_regex_verbatim; /* its text is its source */
	uint8_t		 survive;	/* bit k: enum entity_kind k (site..host);
					 * bit KIND_DOMAIN: every domain type */
	uint32_t	*survive_types;	/* more domain types (symbols) */
	struct mark	*survive_marks;	/* where each of them is written */
	size_t		 nsurvive_types;
	enum severity	 severity;	/* default SEVERITY_ERROR */
	char		*description;	/* NULL when not given */
	char		*reference;	/* e.g. a regulation article; or NULL */
};

struct waiver {
	struct mark	 mark;
	uint32_t	 policy;	/* symbol: a policy id or a rule id */
	struct mark	 policy_mark;
	char		*service_regex;	/* PCRE2 on the service id */
	struct mark	 service_mark;	/* its first character if verbatim */
	uint8_t		 service_regex_verbatim; /* its text is its source */
	char		*reason;
	int32_t		 expires;	/* days since 1970-01-01; INT32_MIN: never */
	struct mark	 expires_mark;
	char		*approved_by;	/* NULL when not given */
	int32_t		 granted;	/* days since 1970-01-01; INT32_MIN: not given */
	char		*ticket;	/* NULL when not given */
};

/*
 * An `extend:` entry: adds `in` and `fed_by` references to an entity
 * defined elsewhere (typically by an imported file).  Resolve appends them
 * to the entity's own spans, so nothing after resolve sees extensions.
 */
struct extension {
	struct mark	 mark;
	uint8_t		 kind;		/* enum entity_kind of the target */
	uint32_t	 id;		/* symbol of the target */
	struct span	 fed_by;	/* REF_FEED; power and domains only */
	struct span	 in;		/* REF_FEED */
};

/* The `meta:` section: what the inventory describes (at most one). */
struct meta {
	int		 present;
	struct mark	 mark;
	char		*name;		/* each NULL when not given */
	char		*owner;
	char		*description;
	char		**assumptions;
	size_t		 nassumptions;
};

struct inventory {
	struct symtab	*syms;
	char		**files;	/* paths as read, in load order */
	size_t		  nfiles;
	size_t		  files_cap;

	struct site	*sites;
	size_t		 nsites, sites_cap;
	struct power	*power;
	size_t		 npower, power_cap;
	struct domain	*domains;
	size_t		 ndomains, domains_cap;
	struct rack	*racks;
	size_t		 nracks, racks_cap;
	struct host	*hosts;
	size_t		 nhosts, hosts_cap;
	struct service	*services;
	size_t		 nservices, services_cap;
	struct standby	*standbys;	/* groups of all services, by service */
	size_t		 nstandbys, standbys_cap;
	struct extension *extensions;
	size_t		 nextensions, extensions_cap;
	struct meta	 meta;

	struct ref	*refs;
	size_t		 nrefs, refs_cap;

	int		 has_policies;	/* a policies: section was given */
	struct policy	*policies;
	size_t		 npolicies, policies_cap;
	struct waiver	*waivers;
	size_t		 nwaivers, waivers_cap;

	/* After resolve: symbol -> entity index of that kind, or INDEX_NONE. */
	uint32_t	*index[KIND_COUNT];
	uint32_t	 index_len;
};

struct inventory *inventory_create(void);
void		 inventory_free(struct inventory *);

/*
 * Move everything src holds (loaded from files, not resolved) to the end
 * of dst, as if it had been loaded into dst (inventory_append.c).  src's
 * files must have their indexes in dst already.  A meta section of src is
 * dropped when dst has one: check before, and report it.  src is left
 * empty, its storage kept for the next file; *scratch (of *scratch_cap
 * elements) is a buffer to reuse from one call to the next.
 */
void		 inventory_append(struct inventory *dst, struct inventory *src,
		    uint32_t **scratch, size_t *scratch_cap);

/* Record a file; returns its index for marks.  The path is copied. */
uint32_t	 inventory_add_file(struct inventory *, const char *);
uint32_t	 inventory_intern(struct inventory *, const char *, size_t);
/* The same with symtab_hash(s, len) known; and prefetching for it. */
uint32_t	 inventory_intern_hash(struct inventory *, const char *, size_t,
		    uint32_t hash);
void		 inventory_prefetch(const struct inventory *, uint32_t hash,
		    int stage);
const char	*inventory_str(const struct inventory *, uint32_t);
const char	*inventory_file(const struct inventory *, uint32_t);

/*
 * Append one entity of a kind, zeroed with every symbol and index set to
 * NONE, tier 3 for services; returns a pointer valid until the next append
 * of that kind.
 */
struct site	*inventory_add_site(struct inventory *);
struct power	*inventory_add_power(struct inventory *);
struct domain	*inventory_add_domain(struct inventory *);
struct rack	*inventory_add_rack(struct inventory *);
struct host	*inventory_add_host(struct inventory *);
struct service	*inventory_add_service(struct inventory *);
struct policy	*inventory_add_policy(struct inventory *);
struct waiver	*inventory_add_waiver(struct inventory *);
/* Append a standby group (the caller sets the service's standby_off and
 * nstandby; a service's groups are contiguous). */
struct standby	*inventory_add_standby(struct inventory *);
struct extension *inventory_add_extension(struct inventory *);

/* Append n references naming kind, contiguous; returns their span. */
struct span	 inventory_add_refs(struct inventory *, enum entity_kind,
		    const uint32_t *syms, const struct mark *marks,
		    const uint8_t *soft, size_t n);
static inline const struct ref *
inventory_refs(const struct inventory *inv, struct span sp)
{
	return inv->refs == NULL ? NULL : inv->refs + sp.off;
}

/* The id of service s. */
static inline const char *
inventory_service_id(const struct inventory *inv, uint32_t s)
{
	return inventory_str(inv, inv->services[s].e.id);
}

size_t		 inventory_count(const struct inventory *, enum entity_kind);
/* The common head of entity i of a kind. */
const struct entity *inventory_entity(const struct inventory *,
		    enum entity_kind, uint32_t);
/* After resolve: the index of the entity of a kind with that id, or NONE. */
uint32_t	 inventory_find(const struct inventory *, enum entity_kind,
		    const char *);

/* "site", "power", "domain", "rack", "host", "service"; and back (-1:
 * unknown). */
const char	*inventory_kind_name(enum entity_kind);
int		 inventory_kind_parse(const char *);
/* "site" or "sites", "power domain" or "power domains", ... for n of them. */
const char	*inventory_kind_noun(enum entity_kind, size_t n);
/* "app", "data", "platform", "tool", "external"; and back (-1: unknown). */
const char	*inventory_service_kind_name(enum service_kind);
int		 inventory_service_kind_parse(const char *);
const char	*inventory_severity_name(enum severity);
int		 inventory_severity_parse(const char *);

/*
 * Resolve references and enforce the rules of the inventory format (README) (validate.c).
 * Appends every problem to the list; returns 0 when there were none,
 * -1 otherwise.  Call once, after the last file is loaded.
 */
int		 inventory_resolve(struct inventory *, struct diag_list *);

#endif
