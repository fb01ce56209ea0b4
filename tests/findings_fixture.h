/*
 * findings_fixture.h -- small inventories built in memory for the findings
 * and output suites (no loader needed), with the marks they would have in
 * a file called inventory.yaml.
 */
#ifndef FAULTLINE_TEST_FINDINGS_FIXTURE_H
#define FAULTLINE_TEST_FINDINGS_FIXTURE_H

#include "analysis.h"
#include "inventory.h"

/*
 * Lists are space-separated ids; in depends_on a leading '~' makes the
 * dependency soft.  NULL or "" gives an empty list.  Each entity's mark is
 * inventory.yaml:line:9.
 */
struct inventory *fx_create(void);
void	fx_site(struct inventory *, const char *, unsigned);
void	fx_power(struct inventory *, const char *, const char *site,
	    const char *fed_by, unsigned);
void	fx_rack(struct inventory *, const char *, const char *site,
	    const char *power, unsigned);
void	fx_host(struct inventory *, const char *, const char *site,
	    const char *rack, const char *power, unsigned);
struct service *fx_service(struct inventory *, const char *,
	    enum service_kind, unsigned tier, const char *runs_on,
	    unsigned min_up, const char *depends_on, const char *recovery,
	    unsigned);
struct policy *fx_policy(struct inventory *, const char *, unsigned);
struct waiver *fx_waiver(struct inventory *, const char *policy,
	    const char *service_regex, const char *reason, int32_t expires,
	    unsigned);

/* Resolve (which must succeed) and analyse. */
struct analysis *fx_analyse(struct inventory *);

/* The inventory of shared/semantics/quorum-and-power, with its marks. */
struct inventory *fx_quorum_and_power(void);

#endif
