/*
 * oracle.h -- a reference evaluator of the failure semantics, for tests:
 * the state of every component when a set of components fails, computed
 * literally from the rules (a least fixpoint over the whole inventory,
 * hard-dependency cycles raised as units), written without the engine's
 * algorithms so that the two can be compared.  Slow on purpose: every run
 * costs the whole inventory, times the number of rounds.
 *
 * Components are numbered as in analysis.h: kinds in the order of enum
 * entity_kind, oracle_base(o, kind) + index.
 */
#ifndef FAULTLINE_TEST_ORACLE_H
#define FAULTLINE_TEST_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "inventory.h"

struct oracle;

/* An oracle over a resolved inventory (which must outlive it). */
struct oracle	*oracle_create(const struct inventory *);
void		 oracle_free(struct oracle *);

uint32_t	 oracle_base(const struct oracle *, enum entity_kind);
/* The number of components (oracle_base of KIND_COUNT). */
uint32_t	 oracle_ncomponents(const struct oracle *);
/* The hard-dependency unit of service s: the smallest service index of
 * its strongly connected component. */
uint32_t	 oracle_unit(const struct oracle *, uint32_t s);

/* Fail exactly these components (repeats allowed) and evaluate. */
void		 oracle_run(struct oracle *, const uint32_t *failed, size_t n);
/* Results of the last run. */
int		 oracle_down(const struct oracle *, uint32_t component);
enum service_state oracle_state(const struct oracle *, uint32_t service);
int		 oracle_blocked(const struct oracle *, uint32_t service);
int		 oracle_exposed(const struct oracle *, uint32_t service);

#endif
