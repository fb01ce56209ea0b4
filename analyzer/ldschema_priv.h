/*
 * ldschema_priv.h -- shared by the files of the schema layer (ldschema*.c)
 * and nothing else: the section and field tables, the entry being read,
 * and the value readers.
 *
 * Every section is a table of fields; a field names its key, how its value
 * is read (enum how) and where it goes in the entry (a slot).  The entry
 * collects one mapping, merge keys included, before the section's finish
 * function appends it to the inventory.
 */
#ifndef FAULTLINE_LDSCHEMA_PRIV_H
#define FAULTLINE_LDSCHEMA_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"
#include "ldschema.h"
#include "yamlev.h"

enum sec {
	SEC_TOP,
	SEC_SITES,
	SEC_POWER,
	SEC_DOMAINS,
	SEC_RACKS,
	SEC_HOSTS,
	SEC_SERVICES,
	SEC_DEPENDS_ON,
	SEC_STANDBY,
	SEC_POLICIES,
	SEC_SELECT,
	SEC_WAIVERS,
	SEC_META,
	SEC_EXTEND,
	SEC_COUNT
};

/* How a field's value is read. */
enum how {
	F_VERSION,	/* faultline: 1 */
	F_SECTION,	/* a list of entries of section sub */
	F_META,		/* the meta mapping */
	F_ID,		/* an id; arg 1: brace ranges allowed */
	F_SYM,		/* a string, interned into sym[slot] */
	F_WORD,		/* a word (domain type), interned into sym[slot] */
	F_TEXT,		/* a string, kept in text[slot] */
	F_TEXTS,	/* a list of strings, kept in text[slot] */
	F_REF,		/* one reference into refs[slot] */
	F_REFS,		/* a list of references into refs[slot] */
	F_DEPS,		/* depends_on: references, or {service, soft} */
	F_TARGET,	/* extend: the entity extended; arg: its kind */
	F_KIND,		/* a service kind */
	F_TIER,		/* 1 .. 4 */
	F_POSINT,	/* a positive integer (min_up) */
	F_RTO,		/* a duration: 30s, 30m, 3h, 2d */
	F_SEVERITY,
	F_DATE,		/* YYYY-MM-DD */
	F_EXPIRES,	/* YYYY-MM-DD or never */
	F_REGEX,	/* a PCRE2 regex, kept in text[TX_REGEX] */
	F_SELECT,	/* the select mapping */
	F_SEL,		/* a selector: one value or a list; arg: enum sel */
	F_SURVIVE,	/* failure kinds and domain types */
	F_STANDBY,	/* a list of standby groups */
	F_NONE		/* read by the section's own code */
};

enum sel {
	SEL_TIER,
	SEL_KIND,
	SEL_OWNER
};

/* Symbols of the entry, with the mark of their value. */
enum sym_slot {
	Y_NAME,
	Y_REGION,
	Y_OWNER,
	Y_TYPE,
	Y_POLICY,
	Y_COUNT
};

/* Reference lists of the entry. */
enum ref_slot {
	R_SITE,
	R_RACK,
	R_ON,
	R_POWER,
	R_FED_BY,
	R_IN,
	R_RUNS_ON,
	R_DEPENDS_ON,
	R_RECOVERY,
	R_VIA,
	R_OWNERS,
	R_SURVIVE,
	R_COUNT
};

/* Text of the entry. */
enum text_slot {
	TX_ID,		/* an id with brace ranges */
	TX_REGEX,
	TX_REASON,
	TX_DESCRIPTION,
	TX_REFERENCE,
	TX_APPROVED_BY,
	TX_TICKET,
	TX_NAME,
	TX_OWNER,
	TX_ASSUMPTIONS,	/* NUL-separated */
	TX_COUNT
};

/* Numbers of the entry. */
enum num_slot {
	N_KIND,
	N_TIER,
	N_MIN_UP,
	N_RTO,
	N_SEVERITY,
	N_EXPIRES,
	N_GRANTED,
	N_SEL_TIERS,
	N_SEL_KINDS,
	N_SURVIVE,
	N_COUNT
};

/* The state of a number (or of the survive list). */
#define NUM_ABSENT	0
#define NUM_OK		1
#define NUM_BAD		2

struct field {
	const char	*key;
	uint8_t		 how;		/* enum how */
	uint8_t		 slot;		/* in the slots of how */
	uint8_t		 arg;		/* a kind, a section, enum sel, ... */
	const char	*noun;		/* what the value names, for messages */
};

struct section {
	const char		*name;	/* "sites", for messages and tests */
	const char		*where;	/* "in sites entry" */
	const struct field	*fields;
	uint8_t			 nfields;
	uint8_t			 merge;	/* accepts `<<` merge keys */
	uint8_t			 setby;	/* first rank slot of its fields */
	/* Append the entry read from the mapping at m. */
	void			(*finish)(struct ldschema *,
				    const struct yamlev_event *);
};

extern const struct section ldschema_sections[SEC_COUNT];

struct reflist {
	uint32_t	*syms;
	struct mark	*marks;
	uint8_t		*soft;
	size_t		 n;
	size_t		 cap;
};

struct text {
	char	*p;
	size_t	 len;
	size_t	 cap;
	size_t	 n;		/* strings in it (NUL-separated) */
	int	 set;
};

/* A standby group read, its references in ldschema.groups_refs. */
struct group {
	struct mark	mark;
	size_t		runs_on_off, runs_on_n;
	size_t		via_off, via_n;
	uint32_t	min_up;
	struct mark	min_up_mark;
};

/* The entry being read: its mapping is complete before it is appended. */
struct entry {
	enum sec	 sec;
	uint8_t		 setby[64];	/* rank that set a field; 0: none */
	uint8_t		 next_rank;
	struct mark	 map_mark;
	uint32_t	 id;		/* symbol, unless text[TX_ID] is set */
	struct mark	 id_mark;
	int		 has_id;
	uint32_t	 sym[Y_COUNT];
	struct mark	 sym_mark[Y_COUNT];
	int32_t		 num[N_COUNT];
	struct mark	 num_mark[N_COUNT];
	uint8_t		 num_state[N_COUNT];
	struct reflist	 refs[R_COUNT];
	struct text	 text[TX_COUNT];
	int		 target;	/* extend: the field of the target, or -1 */
	uint32_t	 target_sym;
	struct mark	 target_mark;
	struct mark	 regex_mark;	/* of its first character if verbatim */
	int		 regex_verbatim;
};

struct ldschema {
	struct inventory *inv;
	struct yamlev	*y;		/* the file being read */
	uint32_t	 fileno;
	uint64_t	 names;		/* bytes of names from brace ranges */

	struct entry	 e;		/* an entry of a section */
	struct entry	 sub;		/* a standby group inside it */
	struct group	*groups;	/* the standby groups of e */
	size_t		 ngroups, groups_cap;
	struct reflist	 groups_refs;

	/* Brace expansion callbacks. */
	struct reflist	*cb_rl;
	struct mark	 cb_mark;
	uint8_t		 cb_soft;
	union {
		struct site	site;
		struct power	power;
		struct domain	domain;
		struct rack	rack;
		struct host	host;
		struct service	service;
	} tmpl;				/* the entity being appended */
};

/* Keys seen in one mapping, for duplicates. */
struct keyseen {
	uint64_t	mask;
	uint32_t	line[64];
	uint32_t	col[64];
};

/* ldschema.c: mappings and entries. */
int	ldschema_next_key(struct ldschema *, enum sec, struct keyseen *,
	    struct yamlev_event *);
void	ldschema_map(struct ldschema *, struct entry *, enum sec, uint8_t);
void	ldschema_entry_init(struct entry *, enum sec, struct mark);
void	ldschema_entry_free(struct entry *);
/* Whether the entry's mapping gave the key (valid or not). */
int	ldschema_given(const struct entry *, const char *);

/* ldschema_values.c: values. */
struct mark ldschema_mark(const struct ldschema *,
	    const struct yamlev_event *);
/* The symbol of a scalar's text. */
uint32_t ldschema_intern(struct ldschema *, const struct yamlev_event *);
void	ldschema_read(struct ldschema *, struct entry *,
	    const struct field *, const struct yamlev_event *, uint8_t);
int	ldschema_want_scalar(struct ldschema *, const char *,
	    const struct yamlev_event *, const char *);
void	ldschema_text_set(struct text *, const char *, size_t);
char	*ldschema_text_dup(const struct text *);
void	ldschema_ref_push(struct reflist *, uint32_t, struct mark, uint8_t);
void	ldschema_ref_add(struct ldschema *, struct reflist *,
	    const struct yamlev_event *, uint8_t);
int	ldschema_names_ok(struct ldschema *, const struct yamlev_event *,
	    uint64_t);
struct span ldschema_span(struct ldschema *, const struct reflist *,
	    enum entity_kind);
void	ldschema_reflist_free(struct reflist *);

/* ldschema_entities.c: sites, power, domains, racks, hosts, services,
 * standby groups and extend entries. */
void	ldschema_entity_finish(struct ldschema *,
	    const struct yamlev_event *);
void	ldschema_extend_finish(struct ldschema *,
	    const struct yamlev_event *);
void	ldschema_standby(struct ldschema *, const struct yamlev_event *);
void	ldschema_group_finish(struct ldschema *,
	    const struct yamlev_event *);
void	ldschema_dep_map(struct ldschema *, const struct yamlev_event *,
	    struct reflist *);

/* ldschema_rules.c: policies, waivers and meta. */
void	ldschema_policy_finish(struct ldschema *,
	    const struct yamlev_event *);
void	ldschema_waiver_finish(struct ldschema *,
	    const struct yamlev_event *);
void	ldschema_meta_finish(struct ldschema *,
	    const struct yamlev_event *);

#endif
