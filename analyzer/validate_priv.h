/*
 * validate_priv.h -- shared by the files of inventory_resolve() (validate*.c)
 * and nothing else: the state of one resolve and its reporting helpers.
 */
#ifndef FAULTLINE_VALIDATE_PRIV_H
#define FAULTLINE_VALIDATE_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"

struct resolve {
	struct inventory	*inv;
	struct diag_list	*dl;
	uint32_t		 nsym;
	uint8_t			*idstate;	/* per symbol: ID_* */
	uint32_t		*stamp;		/* per symbol: last list seen in */
	uint32_t		 curstamp;
	uint32_t		*policy_index;	/* per symbol: policy or NONE */
	uint8_t			*is_type;	/* per symbol: a domain type */
	const char		**ids[KIND_COUNT + 1]; /* for suggestions */
	size_t			 suggest_budget;
	size_t			 errors;
};

void		 validate_error(struct resolve *, const struct mark *,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
const char	*validate_sym(const struct resolve *, uint32_t);
/* A fresh stamp: no symbol carries it yet. */
uint32_t	 validate_stamp(struct resolve *);

/* validate_graph.c: derived placement of hosts that run on hosts, and
 * cycles through site, in, fed_by, rack, power and on. */
void		 validate_graph_host_sites(struct resolve *);
void		 validate_graph_cycles(struct resolve *);

#endif
