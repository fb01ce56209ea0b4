/*
 * mapping.h -- regulatory mapping files: which requirements of a framework
 * (DORA, ISO/IEC 27001, Korean digital-service rules, ...) faultline can
 * give evidence for, and through which checks.  The report assesses each
 * requirement against the inventory (report_mapping.c); this module only
 * finds, reads and validates the files.
 *
 * A mapping file is JSON (read with jansson, like the baseline): an object
 *   { "faultline_mapping": 1, "id": "dora", "title": "...",
 *     "version": "2025-01", "note": "...",
 *     "requirements": [ { "id": "DORA-12-4",
 *         "framework": "Regulation (EU) 2022/2554 (DORA)",
 *         "article": "Art. 12(4)", "title_ko": "...",
 *         "requirement": "a paraphrase", "source": "https://...",
 *         "source_date": "2022-12-14", "verified": "P",
 *         "checks": ["site-loss"], "needs": ["service.rto"],
 *         "outside": ["switchover test records"] } ] }
 * "note", "title_ko", "needs" and "outside" are optional; every other key
 * is required, and no other key is accepted.  schemas/mapping.schema.json
 * says the same as a JSON Schema.
 */
#ifndef FAULTLINE_MAPPING_H
#define FAULTLINE_MAPPING_H

#include <stddef.h>

#include "diag.h"
#include "digest.h"

/* How far the requirement text was verified. */
enum mapping_verified {
	MAPPING_PRIMARY,	/* P: against the legal text itself */
	MAPPING_SECONDARY,	/* S: secondary sources only */
	MAPPING_UNVERIFIED	/* U: neither */
};

/* The checks a requirement can draw on (report_mapping.c assesses them). */
enum mapping_check {
	MAPPING_CHECK_INVENTORY,	/* the dependency map itself */
	MAPPING_CHECK_PROVENANCE,	/* digests of what was analysed */
	MAPPING_CHECK_SPOF_IDENTIFIED,	/* single points are identified */
	MAPPING_CHECK_SPOF,		/* no unwaived spof error */
	MAPPING_CHECK_SITE_LOSS,	/* no tier 1-2 service down, one site lost */
	MAPPING_CHECK_POWER_LOSS,	/* ... one power domain lost */
	MAPPING_CHECK_POLICIES,		/* every policy passes */
	MAPPING_CHECK_SINGLE_SITE_TOOL,
	MAPPING_CHECK_RECOVERY_BLOCKED,
	MAPPING_CHECK_CYCLE,
	MAPPING_CHECK_TIER_INVERSION,
	MAPPING_CHECK_WAIVERS,		/* documented, none expired */
	MAPPING_CHECK_FAN_IN,		/* concentration is shown */
	MAPPING_CHECK_EXTERNAL,		/* third parties are modelled */
	MAPPING_CHECK_COUNT
};

struct mapping_requirement {
	char			*id;
	char			*framework;
	char			*article;
	char			*title_ko;	/* NULL when not Korean */
	char			*requirement;	/* paraphrase */
	char			*source;
	char			*source_date;
	enum mapping_verified	 verified;
	enum mapping_check	*checks;
	size_t			 nchecks;
	char			**needs;	/* inventory data, mapping_need_ok() */
	size_t			 nneeds;
	char			**outside;	/* evidence an inventory cannot hold */
	size_t			 noutside;
};

struct mapping {
	char				*name;		/* as asked */
	char				*path;		/* the file read */
	char				 sha256[DIGEST_HEX_SIZE];
	char				*id;
	char				*title;
	char				*version;
	char				*note;		/* or NULL */
	struct mapping_requirement	*v;
	size_t				 n;
};

/*
 * Find the mapping file for name: a path when it holds a '/' or ends in
 * ".json", else NAME.json among the installed mappings (the source tree's
 * mappings/ when this binary runs from its build tree).  Returns a fresh
 * path (the caller frees it); NULL with an error naming the mappings
 * available when there is no such mapping.
 */
char		*mapping_find(const char *name, struct diag_list *);

/*
 * Read and validate the mapping file at path; name is how it was asked
 * for.  Returns NULL with errors appended (file:line:column for JSON
 * syntax, file and JSON path such as $.requirements[2].checks[0] for
 * content).  Free with mapping_free().
 */
struct mapping	*mapping_load(const char *name, const char *path,
		    struct diag_list *);
void		 mapping_free(struct mapping *);

/* "inventory", "provenance", "spof-identified", ...; and back (-1). */
const char	*mapping_check_name(enum mapping_check);
int		 mapping_check_parse(const char *);
/* "P", "S", "U". */
const char	*mapping_verified_mark(enum mapping_verified);
/*
 * Whether s names inventory data a requirement can need: service.rto,
 * service.owner, meta.name, meta.owner, meta.description,
 * meta.assumptions, or domain:TYPE (a domain of that type).
 */
int		 mapping_need_ok(const char *s);

#endif
