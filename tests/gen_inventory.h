/*
 * gen_inventory.h -- inventories built in code, for tests and fuzzers:
 * one-line builders per entity, and a deterministic pseudo-random
 * generator of small valid inventories (sites, power chains with ANY-of
 * fed_by, racks, hosts with and without racks and power, services with
 * k-of-n min_up, hard and soft dependencies including cycles, recovery
 * tools), and one that adds the optional keys of format 1: domains, `in`
 * and `fed_by` across power and domains, regions naming domains, hosts on
 * hosts, standby groups with failover tools and failover loops.
 */
#ifndef FAULTLINE_TEST_GEN_INVENTORY_H
#define FAULTLINE_TEST_GEN_INVENTORY_H

#include <stdint.h>

#include "diag.h"
#include "inventory.h"

/* An empty inventory with one file, "generated.yaml", for marks. */
struct inventory *gen_new(void);

/*
 * Append one entity.  Reference lists are ids separated by spaces, NULL or
 * "" for none; in depends_on an id written "~id" is a soft dependency.
 * Each entity gets the next line of the file as its mark.
 */
void	gen_site(struct inventory *, const char *id);
void	gen_power(struct inventory *, const char *id, const char *site,
	    const char *fed_by);
void	gen_rack(struct inventory *, const char *id, const char *site,
	    const char *power);
void	gen_host(struct inventory *, const char *id, const char *site,
	    const char *rack, const char *power);
void	gen_service(struct inventory *, const char *id, enum service_kind,
	    unsigned min_up, const char *runs_on, const char *depends_on,
	    const char *recovery);

/* References to kind (an enum entity_kind or REF_FEED) from a list as
 * above, for setting a span of any entity. */
struct span gen_ref_span(struct inventory *, unsigned kind, const char *list);

/*
 * The optional keys of format 1.  `in` and `fed_by` lists name power
 * domains or domains (REF_FEED); each sets the list of the entity of that
 * kind appended last.  gen_region() sets the region of the last site,
 * gen_standby() appends a standby group to the last service.
 */
void	gen_domain(struct inventory *, const char *id, const char *type,
	    const char *site, const char *fed_by, const char *in);
void	gen_in(struct inventory *, enum entity_kind, const char *in);
void	gen_fed_by(struct inventory *, enum entity_kind, const char *fed_by);
void	gen_region(struct inventory *, const char *region);
void	gen_host_on(struct inventory *, const char *id, const char *on);
void	gen_standby(struct inventory *, unsigned min_up, const char *runs_on,
	    const char *via);

/* Upper bounds of a random inventory's entity counts (each at least 1). */
struct gen_limits {
	unsigned	sites, power, racks, hosts, services;
};

/*
 * A random inventory from seed, valid and resolved, with at most the given
 * counts (NULL: small defaults).  Same seed, same inventory.  Returns NULL
 * only if inventory_resolve() rejects it (a generator bug); the caller
 * frees it with inventory_free().
 */
struct inventory *gen_inventory(uint64_t seed, const struct gen_limits *);

/* Chances (percent) and counts of the optional keys; all 0: none. */
struct gen_features {
	unsigned	domains;	/* at most this many domains */
	unsigned	in_pct;		/* an `in` list on a site, power
					 * domain, domain, rack or host */
	unsigned	on_pct;		/* a host runs on an earlier host */
	unsigned	standby_pct;	/* a service has standby groups */
	unsigned	loop_pct;	/* a via tool is one that hard-depends
					 * on the service */
	unsigned	share_pct;	/* a standby group may share hosts with
					 * the service's other groups */
};

/*
 * Like gen_inventory(), with the optional keys of ft (NULL: none): sites,
 * power domains and domains in one random acyclic order (sites in domains,
 * regions naming domains or labels, power in and fed by domains, domains
 * with and without sites), racks and hosts in domains, hosts on earlier
 * hosts (chains), services with standby groups whose via tools include
 * failover loops.  Its inventories differ from gen_inventory()'s for the
 * same seed.  Returns NULL only on a generator bug.
 */
struct inventory *gen_inventory_ex(uint64_t seed, const struct gen_limits *,
	    const struct gen_features *ft);

/*
 * ../shared/semantics/quorum-and-power/inventory.yaml, built and resolved
 * (NULL if resolve fails); the caller frees it.
 */
struct inventory *gen_quorum_and_power(void);

/*
 * ../shared/semantics/failover-and-domains/inventory.yaml, built and
 * resolved (NULL if resolve fails); the caller frees it.
 */
struct inventory *gen_failover_and_domains(void);

#endif
