/*
 * ldschema.c -- the schema layer of the loader: the sections of an
 * inventory file and their keys, as tables (see ldschema.h and
 * ldschema_priv.h).
 *
 * A recursive descent over the events of yamlev.h: a file is a mapping of
 * sections, a section a list of entries (or, for meta, one mapping), an
 * entry a mapping whose keys are looked up in its section's table.  Each
 * value is read by the reader its field names (ldschema_values.c) into the
 * entry; once the mapping is complete, merge keys included (they may come
 * before or after the keys they yield to), the section's finish function
 * appends it through the builder API of inventory.h.  Nothing here
 * resolves references: that is inventory_resolve() in validate.c.
 */
#include <stdlib.h>
#include <string.h>

#include "ldschema_priv.h"
#include "suggest.h"
#include "xalloc.h"

#define NOUN_FEED	"power or domain id"

static const struct field f_top[] = {
	{ "faultline", F_VERSION, 0, 0, NULL },
	{ "sites", F_SECTION, 0, SEC_SITES, NULL },
	{ "power", F_SECTION, 0, SEC_POWER, NULL },
	{ "domains", F_SECTION, 0, SEC_DOMAINS, NULL },
	{ "racks", F_SECTION, 0, SEC_RACKS, NULL },
	{ "hosts", F_SECTION, 0, SEC_HOSTS, NULL },
	{ "services", F_SECTION, 0, SEC_SERVICES, NULL },
	{ "policies", F_SECTION, 0, SEC_POLICIES, NULL },
	{ "waivers", F_SECTION, 0, SEC_WAIVERS, NULL },
	{ "meta", F_META, 0, SEC_META, NULL },
	{ "extend", F_SECTION, 0, SEC_EXTEND, NULL },
};

static const struct field f_sites[] = {
	{ "id", F_ID, 0, 1, NULL },
	{ "name", F_SYM, Y_NAME, 0, NULL },
	{ "region", F_SYM, Y_REGION, 0, NULL },
	{ "in", F_REFS, R_IN, 0, NOUN_FEED },
};

static const struct field f_power[] = {
	{ "id", F_ID, 0, 1, NULL },
	{ "name", F_SYM, Y_NAME, 0, NULL },
	{ "site", F_REF, R_SITE, 0, NULL },
	{ "fed_by", F_REFS, R_FED_BY, 0, NOUN_FEED },
	{ "in", F_REFS, R_IN, 0, NOUN_FEED },
};

static const struct field f_domains[] = {
	{ "id", F_ID, 0, 1, NULL },
	{ "name", F_SYM, Y_NAME, 0, NULL },
	{ "type", F_WORD, Y_TYPE, 0, NULL },
	{ "site", F_REF, R_SITE, 0, NULL },
	{ "fed_by", F_REFS, R_FED_BY, 0, NOUN_FEED },
	{ "in", F_REFS, R_IN, 0, NOUN_FEED },
};

static const struct field f_racks[] = {
	{ "id", F_ID, 0, 1, NULL },
	{ "name", F_SYM, Y_NAME, 0, NULL },
	{ "site", F_REF, R_SITE, 0, NULL },
	{ "power", F_REFS, R_POWER, 0, "power id" },
	{ "in", F_REFS, R_IN, 0, NOUN_FEED },
};

static const struct field f_hosts[] = {
	{ "id", F_ID, 0, 1, NULL },
	{ "name", F_SYM, Y_NAME, 0, NULL },
	{ "site", F_REF, R_SITE, 0, NULL },
	{ "rack", F_REF, R_RACK, 0, NULL },
	{ "on", F_REF, R_ON, 0, NULL },
	{ "power", F_REFS, R_POWER, 0, "power id" },
	{ "in", F_REFS, R_IN, 0, NOUN_FEED },
};

static const struct field f_services[] = {
	{ "id", F_ID, 0, 1, NULL },
	{ "name", F_SYM, Y_NAME, 0, NULL },
	{ "kind", F_KIND, N_KIND, 0, NULL },
	{ "tier", F_TIER, N_TIER, 0, NULL },
	{ "owner", F_SYM, Y_OWNER, 0, NULL },
	{ "runs_on", F_REFS, R_RUNS_ON, 0, "host id" },
	{ "min_up", F_POSINT, N_MIN_UP, 0, NULL },
	{ "depends_on", F_DEPS, R_DEPENDS_ON, 0, "service id" },
	{ "recovery", F_REFS, R_RECOVERY, 0, "service id" },
	{ "standby", F_STANDBY, 0, SEC_STANDBY, NULL },
	{ "rto", F_RTO, N_RTO, 0, NULL },
};

static const struct field f_depends_on[] = {
	{ "service", F_NONE, 0, 0, NULL },
	{ "soft", F_NONE, 0, 0, NULL },
};

static const struct field f_standby[] = {
	{ "runs_on", F_REFS, R_RUNS_ON, 0, "host id" },
	{ "min_up", F_POSINT, N_MIN_UP, 0, NULL },
	{ "via", F_REFS, R_VIA, 0, "service id" },
};

static const struct field f_policies[] = {
	{ "id", F_ID, 0, 0, NULL },
	{ "select", F_SELECT, 0, SEC_SELECT, NULL },
	{ "survive", F_SURVIVE, N_SURVIVE, 0, NULL },
	{ "severity", F_SEVERITY, N_SEVERITY, 0, NULL },
	{ "description", F_TEXT, TX_DESCRIPTION, 0, NULL },
	{ "reference", F_TEXT, TX_REFERENCE, 0, NULL },
};

static const struct field f_select[] = {
	{ "tier", F_SEL, N_SEL_TIERS, SEL_TIER, NULL },
	{ "kind", F_SEL, N_SEL_KINDS, SEL_KIND, NULL },
	{ "owner", F_SEL, R_OWNERS, SEL_OWNER, NULL },
	{ "id", F_REGEX, TX_REGEX, 0, NULL },
};

static const struct field f_waivers[] = {
	{ "policy", F_SYM, Y_POLICY, 0, "a policy id" },
	{ "service", F_REGEX, TX_REGEX, 0, NULL },
	{ "reason", F_TEXT, TX_REASON, 0, NULL },
	{ "expires", F_EXPIRES, N_EXPIRES, 0, NULL },
	{ "approved_by", F_TEXT, TX_APPROVED_BY, 0, NULL },
	{ "granted", F_DATE, N_GRANTED, 0, NULL },
	{ "ticket", F_TEXT, TX_TICKET, 0, NULL },
};

static const struct field f_meta[] = {
	{ "name", F_TEXT, TX_NAME, 0, NULL },
	{ "owner", F_TEXT, TX_OWNER, 0, NULL },
	{ "description", F_TEXT, TX_DESCRIPTION, 0, NULL },
	{ "assumptions", F_TEXTS, TX_ASSUMPTIONS, 0, NULL },
};

static const struct field f_extend[] = {
	{ "site", F_TARGET, 0, KIND_SITE, NULL },
	{ "power", F_TARGET, 0, KIND_POWER, NULL },
	{ "domain", F_TARGET, 0, KIND_DOMAIN, NULL },
	{ "rack", F_TARGET, 0, KIND_RACK, NULL },
	{ "host", F_TARGET, 0, KIND_HOST, NULL },
	{ "fed_by", F_REFS, R_FED_BY, 0, NOUN_FEED },
	{ "in", F_REFS, R_IN, 0, NOUN_FEED },
};

#define FIELDS(f)	(f), (uint8_t)(sizeof (f) / sizeof (f)[0])

const struct section ldschema_sections[SEC_COUNT] = {
	[SEC_TOP] = { "top", "at the top level", FIELDS(f_top), 0, 0,
	    NULL },
	[SEC_SITES] = { "sites", "in sites entry", FIELDS(f_sites), 1, 0,
	    ldschema_entity_finish },
	[SEC_POWER] = { "power", "in power entry", FIELDS(f_power), 1, 0,
	    ldschema_entity_finish },
	[SEC_DOMAINS] = { "domains", "in domains entry", FIELDS(f_domains),
	    1, 0, ldschema_entity_finish },
	[SEC_RACKS] = { "racks", "in racks entry", FIELDS(f_racks), 1, 0,
	    ldschema_entity_finish },
	[SEC_HOSTS] = { "hosts", "in hosts entry", FIELDS(f_hosts), 1, 0,
	    ldschema_entity_finish },
	[SEC_SERVICES] = { "services", "in services entry",
	    FIELDS(f_services), 1, 0, ldschema_entity_finish },
	[SEC_DEPENDS_ON] = { "depends_on", "in depends_on entry",
	    FIELDS(f_depends_on), 0, 0, NULL },
	[SEC_STANDBY] = { "standby", "in standby group", FIELDS(f_standby),
	    1, 0, ldschema_group_finish },
	[SEC_POLICIES] = { "policies", "in policies entry",
	    FIELDS(f_policies), 1, 0, ldschema_policy_finish },
	[SEC_SELECT] = { "select", "in policy select", FIELDS(f_select), 0,
	    32, NULL },
	[SEC_WAIVERS] = { "waivers", "in waivers entry", FIELDS(f_waivers),
	    1, 0, ldschema_waiver_finish },
	[SEC_META] = { "meta", "in meta", FIELDS(f_meta), 1, 0,
	    ldschema_meta_finish },
	[SEC_EXTEND] = { "extend", "in extend entry", FIELDS(f_extend), 1,
	    0, ldschema_extend_finish },
};

/* The field of sec named by len bytes of s; -1 when none. */
static int
ld_field_lookup(enum sec sec, const char *s, size_t len)
{
	const struct section	*sc = &ldschema_sections[sec];
	int			 i;

	for (i = 0; i < sc->nfields; i++)
		if (strncmp(sc->fields[i].key, s, len) == 0 &&
		    sc->fields[i].key[len] == '\0')
			return i;
	return -1;
}

static void
ld_skip_value(struct ldschema *ld)
{
	struct yamlev_event	v;

	yamlev_next(ld->y, &v);
	yamlev_skip(ld->y, &v);
}

static void
ld_unknown_key(struct ldschema *ld, enum sec sec,
    const struct yamlev_event *k)
{
	const struct section	*sc = &ldschema_sections[sec];
	const char		*keys[40], *best;
	char			 q[128];
	int			 i, n = 0;

	for (i = 0; i < sc->nfields; i++)
		keys[n++] = sc->fields[i].key;
	if (sc->merge)
		keys[n++] = "<<";
	keys[n] = NULL;
	yamlev_quote(q, sizeof q, k->s, k->len);
	best = suggest_closest(k->s, k->len, keys);
	if (best != NULL)
		yamlev_error(ld->y, k->line, k->col,
		    "unknown key '%s' %s; did you mean '%s'?", q, sc->where,
		    best);
	else
		yamlev_error(ld->y, k->line, k->col, "unknown key '%s' %s", q,
		    sc->where);
}

/*
 * The next key of a mapping of section sec, its value not read yet: the
 * index of its field, FIELD_MERGE for `<<`, -1 at the end of the mapping.
 * x- keys, unknown keys, keys that are not strings and duplicate keys are
 * dealt with (and their values skipped).
 */
#define FIELD_MERGE	63

int
ldschema_next_key(struct ldschema *ld, enum sec sec, struct keyseen *seen,
    struct yamlev_event *k)
{
	const struct section	*sc = &ldschema_sections[sec];
	int			 id;

	for (;;) {
		yamlev_next(ld->y, k);
		if (k->type == YAMLEV_CLOSE || k->type == YAMLEV_EOF)
			return -1;
		if (k->type != YAMLEV_SCALAR) {
			yamlev_error(ld->y, k->line, k->col,
			    "mapping keys must be strings, not %s",
			    yamlev_what(k));
			yamlev_skip(ld->y, k);
			ld_skip_value(ld);
			continue;
		}
		if (k->len >= 2 && k->s[0] == 'x' && k->s[1] == '-') {
			ld_skip_value(ld);
			continue;
		}
		id = ld_field_lookup(sec, k->s, k->len);
		if (id < 0 && sc->merge && k->len == 2 &&
		    memcmp(k->s, "<<", 2) == 0)
			id = FIELD_MERGE;
		if (id < 0) {
			ld_unknown_key(ld, sec, k);
			ld_skip_value(ld);
			continue;
		}
		if (seen->mask & (1ull << id)) {
			yamlev_error(ld->y, k->line, k->col,
			    "duplicate key '%s' in this mapping (first at "
			    "line %u, column %u)", id == FIELD_MERGE ? "<<" :
			    sc->fields[id].key, seen->line[id], seen->col[id]);
			ld_skip_value(ld);
			continue;
		}
		seen->mask |= 1ull << id;
		seen->line[id] = k->line;
		seen->col[id] = k->col;
		return id;
	}
}

static uint8_t
ld_next_rank(struct entry *e)
{
	return e->next_rank < 255 ? ++e->next_rank : 255;
}

/* The value of a merge key: a mapping, or a list of mappings. */
static void
ld_merge(struct ldschema *ld, struct entry *e, enum sec sec,
    const struct yamlev_event *v)
{
	struct yamlev_event	it;

	if (v->type == YAMLEV_MAP) {
		ldschema_map(ld, e, sec, ld_next_rank(e));
		return;
	}
	if (v->type != YAMLEV_SEQ) {
		if (v->type != YAMLEV_EOF)
			yamlev_error(ld->y, v->line, v->col, "'<<' must be a "
			    "mapping or a list of mappings (such as "
			    "*defaults), not %s", yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_MAP) {
			ldschema_map(ld, e, sec, ld_next_rank(e));
			continue;
		}
		yamlev_error(ld->y, it.line, it.col, "each entry of '<<' must "
		    "be a mapping, not %s", yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

/* One key's value of an entry, read at a precedence rank. */
static void
ld_field(struct ldschema *ld, struct entry *e, enum sec sec, int id,
    const struct yamlev_event *v, uint8_t rank)
{
	const struct section	*sc = &ldschema_sections[sec];
	size_t			 slot = (size_t)sc->setby + (size_t)id;

	if (e->setby[slot] != 0 && e->setby[slot] <= rank) {
		yamlev_skip(ld->y, v);	/* a stronger mapping set it */
		return;
	}
	e->setby[slot] = rank;
	if (v->type != YAMLEV_EOF)
		ldschema_read(ld, e, &sc->fields[id], v, rank);
}

void
ldschema_map(struct ldschema *ld, struct entry *e, enum sec sec,
    uint8_t rank)
{
	struct keyseen		seen;
	struct yamlev_event	k, v;
	int			id;

	seen.mask = 0;
	while ((id = ldschema_next_key(ld, sec, &seen, &k)) >= 0) {
		yamlev_next(ld->y, &v);
		if (v.type == YAMLEV_EOF)
			return;
		if (id == FIELD_MERGE)
			ld_merge(ld, e, sec, &v);
		else
			ld_field(ld, e, sec, id, &v, rank);
	}
}

void
ldschema_entry_init(struct entry *e, enum sec sec, struct mark m)
{
	int	i;

	e->sec = sec;
	memset(e->setby, 0, sizeof e->setby);
	e->next_rank = 1;
	e->map_mark = m;
	e->id = SYM_NONE;
	e->has_id = 0;
	for (i = 0; i < Y_COUNT; i++)
		e->sym[i] = SYM_NONE;
	memset(e->sym_mark, 0, sizeof e->sym_mark);
	memset(e->num, 0, sizeof e->num);
	memset(e->num_mark, 0, sizeof e->num_mark);
	memset(e->num_state, 0, sizeof e->num_state);
	e->num[N_KIND] = SERVICE_APP;
	e->num[N_TIER] = 3;
	e->num[N_EXPIRES] = INT32_MIN;
	e->num[N_GRANTED] = INT32_MIN;
	for (i = 0; i < R_COUNT; i++)
		e->refs[i].n = 0;
	for (i = 0; i < TX_COUNT; i++) {
		e->text[i].set = 0;
		e->text[i].n = 0;
		e->text[i].len = 0;
	}
	e->target = -1;
	e->target_sym = SYM_NONE;
	e->regex_verbatim = 0;
}

int
ldschema_given(const struct entry *e, const char *key)
{
	int	id = ld_field_lookup(e->sec, key, strlen(key));

	return id >= 0 &&
	    e->setby[ldschema_sections[e->sec].setby + id] != 0;
}

void
ldschema_entry_free(struct entry *e)
{
	int	i;

	for (i = 0; i < R_COUNT; i++)
		ldschema_reflist_free(&e->refs[i]);
	for (i = 0; i < TX_COUNT; i++)
		free(e->text[i].p);
}

/* One entry of a section: its mapping starts at m. */
static void
ld_entry(struct ldschema *ld, enum sec sec, const struct yamlev_event *m)
{
	ldschema_entry_init(&ld->e, sec, ldschema_mark(ld, m));
	ld->ngroups = 0;
	ld->groups_refs.n = 0;
	ldschema_map(ld, &ld->e, sec, 1);
	if (!yamlev_failed(ld->y))
		ldschema_sections[sec].finish(ld, m);
}

/* A section: a list of entries, each a mapping. */
static void
ld_section(struct ldschema *ld, const char *key, enum sec sec,
    const struct yamlev_event *v)
{
	struct yamlev_event	it;

	if (sec == SEC_POLICIES)
		ld->inv->has_policies = 1;
	if (yamlev_is_null(v) || v->type == YAMLEV_EOF)
		return;
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a list, "
		    "not %s", key, yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_MAP) {
			ld_entry(ld, sec, &it);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col, "each entry of '%s' must "
		    "be a mapping, not %s", key, yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

/* The meta section: one mapping. */
static void
ld_meta(struct ldschema *ld, const struct yamlev_event *v)
{
	if (yamlev_is_null(v) || v->type == YAMLEV_EOF)
		return;
	if (v->type != YAMLEV_MAP) {
		yamlev_error(ld->y, v->line, v->col, "'meta' must be a mapping "
		    "of name, owner, description and assumptions, not %s",
		    yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	ld_entry(ld, SEC_META, v);
}

static void
ld_version(struct ldschema *ld, const struct yamlev_event *v)
{
	char	q[128];

	if (!ldschema_want_scalar(ld, "faultline", v, "1"))
		return;
	if (v->len == 1 && v->s[0] == '1' && v->plain)
		return;
	yamlev_error(ld->y, v->line, v->col, "unsupported format version "
	    "%s'%s'; expected 'faultline: 1'", v->plain ? "" : "the string ",
	    yamlev_quote(q, sizeof q, v->s, v->len));
}

/* A whole file: one mapping of sections, or nothing. */
static void
ld_file(struct ldschema *ld)
{
	struct keyseen		 seen;
	struct yamlev_event	 ev, k, v;
	const struct field	*f;
	int			 id;

	yamlev_next(ld->y, &ev);
	if (ev.type == YAMLEV_MAP) {
		seen.mask = 0;
		while ((id = ldschema_next_key(ld, SEC_TOP, &seen, &k)) >= 0) {
			yamlev_next(ld->y, &v);
			if (v.type == YAMLEV_EOF)
				break;
			f = &f_top[id];
			if (f->how == F_VERSION)
				ld_version(ld, &v);
			else if (f->how == F_META)
				ld_meta(ld, &v);
			else
				ld_section(ld, f->key, (enum sec)f->arg, &v);
		}
	} else if (ev.type != YAMLEV_EOF && !yamlev_is_null(&ev)) {
		k = ev;
		yamlev_skip(ld->y, &ev);
		if (!yamlev_failed(ld->y))
			yamlev_error(ld->y, k.line, k.col, "an inventory file "
			    "must be a mapping of sections, not %s",
			    yamlev_what(&k));
	}
	/* Drain: a second document is an error too. */
	while (ev.type != YAMLEV_EOF)
		yamlev_next(ld->y, &ev);
}

/* Ids are interned as they are read: fetch their slots ahead. */
static void
ld_prefetch(void *arg, uint32_t hash, int stage)
{
	inventory_prefetch(arg, hash, stage);
}

void
ldschema_file(struct ldschema *ld, struct yamlev *y, struct inventory *inv,
    uint32_t fileno)
{
	ld->inv = inv;
	ld->y = y;
	yamlev_set_prefetch(y, ld_prefetch, inv);
	ld->fileno = fileno;
	ld->names = 0;
	ld_file(ld);
	ld->y = NULL;
}

struct ldschema *
ldschema_create(void)
{
	return xcalloc(1, sizeof(struct ldschema));
}

void
ldschema_free(struct ldschema *ld)
{
	if (ld == NULL)
		return;
	ldschema_entry_free(&ld->e);
	ldschema_entry_free(&ld->sub);
	ldschema_reflist_free(&ld->groups_refs);
	free(ld->groups);
	free(ld);
}

size_t
ldschema_section_keys(const char *section, const char **keys, size_t max)
{
	const struct section	*sc;
	size_t			 i, n = 0;
	int			 s;

	if (section == NULL)
		return 0;
	for (s = 0; s < SEC_COUNT; s++) {
		sc = &ldschema_sections[s];
		if (strcmp(section, sc->name) != 0)
			continue;
		for (i = 0; i < sc->nfields && n < max; i++)
			keys[n++] = sc->fields[i].key;
		return n;
	}
	return 0;
}
