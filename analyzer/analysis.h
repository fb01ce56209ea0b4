/*
 * analysis.h -- the failure analysis of a resolved inventory: single points
 * of every service (the F-set recurrence), their minimal causes and blast
 * radius, hard-dependency cycles, explanation paths (explain.c), and
 * scenarios (scenario.c).  The loss matrix and fan-in, which run scenarios
 * over the analysis, are in impact.h.
 *
 * Components: every site, power domain, domain, rack, host and service has
 * one component number, kinds in the order of enum entity_kind:
 *   component = a->base[kind] + index,   a->base[KIND_COUNT] = total.
 * Infrastructure components (sites, power, domains, racks, hosts) are the
 * numbers below a->base[KIND_SERVICE].  Single points are always
 * infrastructure.
 *
 * The analysis is computed once by analysis_create() and is read-only after
 * (impact_fill_matrix() adds the loss matrix); renderers and findings read
 * it, never recompute it.
 */
#ifndef FAULTLINE_ANALYSIS_H
#define FAULTLINE_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "inventory.h"

/* State of a service in a scenario. */
enum service_state {
	STATE_UP,
	STATE_DEGRADED,
	STATE_DOWN
};

/* One step of an explanation path. */
struct path_step {
	uint32_t	component;
	uint8_t		hard;	/* a service reached through a hard dependency */
};

/* A hard-dependency cycle: its services (indices), sorted by id. */
struct cycle {
	uint32_t	*services;
	size_t		 n;
};

/*
 * The loss matrix (impact.c): row r fails component rows[r] (every site,
 * then every power domain, in inventory order, then every domain by type
 * and id) alone.  cells[r * nservices + s] is an enum service_state, with
 * MATRIX_BLOCKED or-ed in when service s is recovery-blocked in that
 * scenario, MATRIX_EXPOSED when it is exposed.
 */
#define MATRIX_STATE_MASK	0x3
#define MATRIX_BLOCKED		0x4
#define MATRIX_EXPOSED		0x8
struct loss_matrix {
	uint32_t	*rows;		/* components */
	size_t		 nrows;
	size_t		 nservices;
	uint8_t		*cells;
};

struct analysis {
	const struct inventory	*inv;
	uint32_t		 base[KIND_COUNT + 1];

	/* Single points of service s: sp[sp_off[s] .. sp_off[s+1]), sorted
	 * by component number. */
	uint32_t		*sp_off;
	uint32_t		*sp;

	/* Per infrastructure component: how many services it takes down. */
	uint32_t		*blast;

	struct cycle		*cycles;	/* sorted by first member's id */
	size_t			 ncycles;

	struct loss_matrix	 matrix;

	void			*priv;		/* graphs and scratch (analysis.c) */
};

/*
 * Analyse a resolved inventory.  Returns NULL and appends a diagnostic when
 * a graph library call fails; the caller frees the result with
 * analysis_free().  The inventory must outlive the analysis.
 */
struct analysis	*analysis_create(const struct inventory *, struct diag_list *);
void		 analysis_free(struct analysis *);

/* The kind and index of a component. */
enum entity_kind analysis_component_kind(const struct analysis *, uint32_t);
uint32_t	 analysis_component_index(const struct analysis *, uint32_t);
/* The id of a component; its kind into *kind. */
const char	*analysis_component_id(const struct analysis *, uint32_t,
		    enum entity_kind *kind);
/* "kind:id" of a component, into buf (truncated to size); returns buf. */
const char	*analysis_component_ref(const struct analysis *, uint32_t,
		    char *buf, size_t size);

/* The single points of service s, sorted; *n receives their count. */
const uint32_t	*analysis_single_points(const struct analysis *, uint32_t s,
		    size_t *n);
/* Whether component c takes service s down (c is infrastructure). */
int		 analysis_is_single_point(const struct analysis *, uint32_t s,
		    uint32_t c);
/* Whether the lone failure of infrastructure c takes component x down
 * (x any component; c == x counts). */
int		 analysis_takes_down(const struct analysis *, uint32_t c,
		    uint32_t x);
/*
 * The minimal causes of service s: its single points whose failure takes
 * down no other single point of s, sorted; *n receives their count.
 */
const uint32_t	*analysis_minimal_causes(const struct analysis *, uint32_t s,
		    size_t *n);
/*
 * The minimal members of the infrastructure components v[0..n): those
 * whose failure takes down no other member; written to out (room for n),
 * in the order of v; returns their count.
 */
size_t		 analysis_minimal_among(const struct analysis *,
		    const uint32_t *v, size_t n, uint32_t *out);
/* The members of v[0..n) other than c whose failure takes c down (the
 * causes implied with c), into out in the order of v; returns the count. */
size_t		 analysis_implied(const struct analysis *, uint32_t c,
		    const uint32_t *v, size_t n, uint32_t *out);

/*
 * The components that need component c directly: what c's failure reaches
 * first (for a site: its power, racks and hosts; a host: the services on
 * it; a service: the services depending on it, with ANALYSIS_SOFT or-ed in
 * for soft dependencies).  Unordered; *n receives the count.
 */
#define ANALYSIS_SOFT	0x80000000u
const uint32_t	*analysis_needed_by(const struct analysis *, uint32_t c,
		    size_t *n);
/*
 * How many of the components c needs through its ANY-of or k-of-n gate
 * must be down to take c down (all feeds of a power domain, rack or host;
 * more than n - min_up hosts of a service); UINT32_MAX when none can.
 */
uint32_t	 analysis_down_threshold(const struct analysis *, uint32_t c);
/* The recovery tools of service s (service indices); *n their count. */
const uint32_t	*analysis_recovery(const struct analysis *, uint32_t s,
		    size_t *n);
/* The failover tools of standby group g (an index into inv->standbys);
 * *n their count (0: automatic failover). */
const uint32_t	*analysis_via(const struct analysis *, uint32_t g,
		    size_t *n);
/* Whether service s is in a failover loop: a `via` tool of a standby
 * group in its strongly connected component of hard and via edges. */
int		 analysis_in_failover_loop(const struct analysis *, uint32_t s);
/* Whether service t needs service s through hard dependencies and
 * failovers: the two share a fate group or a failover loop. */
int		 analysis_failover_needs(const struct analysis *, uint32_t t,
		    uint32_t s);

/*
 * The closure of a set of components: with ANALYSIS_CLOSURE_NEEDS,
 * everything they need (placement down to sites, power and domains; hard
 * and soft dependencies; recovery and failover tools), transitively; with
 * ANALYSIS_CLOSURE_NEEDED_BY, everything that needs them (services that
 * name them as recovery or failover tools included).  in (a->base[
 * KIND_COUNT] bytes) receives 1 for members, roots included; returns the
 * member count.
 */
#define ANALYSIS_CLOSURE_NEEDS		0x1
#define ANALYSIS_CLOSURE_NEEDED_BY	0x2
size_t		 analysis_closure(const struct analysis *,
		    const uint32_t *roots, size_t nroots, unsigned dirs,
		    uint8_t *in);
/*
 * The hard-dependency strongly connected component of service s: its
 * members (service indices, ascending), *n receiving their count (1 when s
 * is in no cycle).
 */
const uint32_t	*analysis_fate_group(const struct analysis *, uint32_t s,
		    size_t *n);

/*
 * Why component c takes component x down (x is a service or infrastructure,
 * c one of its single points): the path from x to c, e.g. service kakaotalk
 * -> service auth (hard) -> host pg-db-1 -> rack pg-r2 -> power pangyo-ups-b
 * -> site pangyo.  Returns the number of steps written into a fresh array
 * *steps (the caller frees it), first x, last c; 0 when c is not a single
 * point of x.
 */
size_t		 analysis_explain(const struct analysis *, uint32_t x,
		    uint32_t c, struct path_step **steps);

/*
 * Scenarios: fail a set of components at once and propagate (the failure semantics (README)).
 * A scenario object holds per-component scratch and is reused across runs;
 * a run costs time proportional to what the failure reaches, not to the
 * size of the inventory.
 */
struct scenario;

struct scenario	*scenario_create(const struct analysis *);
void		 scenario_free(struct scenario *);
/* Fail exactly these components (any kinds, services included). */
void		 scenario_run(struct scenario *, const uint32_t *failed,
		    size_t n);
/* Whether component c is down in the last run (failed or propagated). */
int		 scenario_is_down(const struct scenario *, uint32_t c);
enum service_state scenario_service_state(const struct scenario *,
		    uint32_t service);
int		 scenario_recovery_blocked(const struct scenario *,
		    uint32_t service);
/* Up and not degraded, yet a recovery or failover tool of it is down. */
int		 scenario_exposed(const struct scenario *, uint32_t service);
/* The services down, degraded or exposed in the last run, unordered; *n
 * the count. */
const uint32_t	*scenario_affected(const struct scenario *, size_t *n);

/* The services of a run by state (service indices, each list by id). */
struct scenario_result {
	uint32_t	*down;
	uint32_t	*degraded;
	uint32_t	*blocked;	/* recovery-blocked, down or degraded */
	uint32_t	*exposed;	/* up, but a tool to recover it is down */
	size_t		 ndown;
	size_t		 ndegraded;
	size_t		 nblocked;
	size_t		 nexposed;
};

/*
 * Fill r with the down, degraded, recovery-blocked and exposed services of the last
 * run in sc, each list sorted by service id; it costs what the run reached.
 * The lists are fresh; the caller frees them with scenario_result_free().
 */
void		 scenario_result(const struct scenario *,
		    struct scenario_result *);
void		 scenario_result_free(struct scenario_result *);

#endif
