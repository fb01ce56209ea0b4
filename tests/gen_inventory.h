/*
 * gen_inventory.h -- inventories built in code, for tests and fuzzers:
 * one-line builders per entity, and a deterministic pseudo-random
 * generator of small valid inventories (sites, power chains with ANY-of
 * fed_by, racks, hosts with and without racks and power, services with
 * k-of-n min_up, hard and soft dependencies including cycles, recovery
 * tools).
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

/*
 * ../shared/semantics/quorum-and-power/inventory.yaml, built and resolved
 * (NULL if resolve fails); the caller frees it.
 */
struct inventory *gen_quorum_and_power(void);

#endif
