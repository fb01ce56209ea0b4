/*
 * ldschema.c -- the schema layer of the loader: what the YAML events of an
 * inventory file mean (see ldschema.h).
 *
 * A recursive descent over the events of yamlev.h: sections, entries and
 * their keys, each value checked for type and range, and every entry
 * appended through the builder API of inventory.h once its mapping is
 * complete (merge keys may come before or after the keys they yield to).
 * Nothing here resolves references: that is inventory_resolve() in
 * validate.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brace.h"
#include "ldschema.h"
#include "loader.h"
#include "suggest.h"
#include "xalloc.h"
#include "yamlev.h"


/* Keys of every section, one id each. */
enum key {
	K_FAULTLINE,
	K_SITES,
	K_POWER,
	K_RACKS,
	K_HOSTS,
	K_SERVICES,
	K_POLICIES,
	K_WAIVERS,
	K_ID,
	K_NAME,
	K_REGION,
	K_SITE,
	K_FED_BY,
	K_RACK,
	K_KIND,
	K_TIER,
	K_OWNER,
	K_RUNS_ON,
	K_MIN_UP,
	K_DEPENDS_ON,
	K_RECOVERY,
	K_SELECT,
	K_SURVIVE,
	K_SEVERITY,
	K_POLICY,
	K_SERVICE,
	K_REASON,
	K_EXPIRES,
	K_SOFT,
	K_MERGE,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {"faultline", "sites", "power",
    "racks", "hosts", "services", "policies", "waivers", "id", "name", "region",
    "site", "fed_by", "rack", "kind", "tier", "owner", "runs_on", "min_up",
    "depends_on", "recovery", "select", "survive", "severity", "policy",
    "service", "reason", "expires", "soft", "<<"};

enum sec {
	SEC_TOP,
	SEC_SITES,
	SEC_POWER,
	SEC_RACKS,
	SEC_HOSTS,
	SEC_SERVICES,
	SEC_DEPENDS_ON,
	SEC_POLICIES,
	SEC_SELECT,
	SEC_WAIVERS,
	SEC_COUNT
};

static const char *const sec_names[SEC_COUNT] = {"top", "sites", "power",
    "racks", "hosts", "services", "depends_on", "policies", "select",
    "waivers"};

/* How an unknown key's place is named in a message. */
static const char *const sec_where[SEC_COUNT] = {"at the top level",
    "in sites entry", "in power entry", "in racks entry", "in hosts entry",
    "in services entry", "in depends_on entry", "in policies entry",
    "in policy select", "in waivers entry"};

static const char *const keys_top[] = {"faultline", "sites", "power", "racks",
    "hosts", "services", "policies", "waivers", NULL};
static const char *const keys_sites[] = {"id", "name", "region", NULL};
static const char *const keys_power[] = {"id", "name", "site", "fed_by", NULL};
static const char *const keys_racks[] = {"id", "name", "site", "power", NULL};
static const char *const keys_hosts[] = {
    "id", "name", "site", "rack", "power", NULL};
static const char *const keys_services[] = {"id", "name", "kind", "tier",
    "owner", "runs_on", "min_up", "depends_on", "recovery", NULL};
static const char *const keys_depends_on[] = {"service", "soft", NULL};
static const char *const keys_policies[] = {
    "id", "select", "survive", "severity", NULL};
static const char *const keys_select[] = {"tier", "kind", "owner", "id", NULL};
static const char *const keys_waivers[] = {
    "policy", "service", "reason", "expires", NULL};

static const char *const *const sec_keys[SEC_COUNT] = {keys_top, keys_sites,
    keys_power, keys_racks, keys_hosts, keys_services, keys_depends_on,
    keys_policies, keys_select, keys_waivers};

#define B(k) (1ull << (k))
static const uint64_t sec_mask[SEC_COUNT] = {B(K_FAULTLINE) | B(K_SITES) |
	B(K_POWER) | B(K_RACKS) | B(K_HOSTS) | B(K_SERVICES) | B(K_POLICIES) |
	B(K_WAIVERS),
    B(K_ID) | B(K_NAME) | B(K_REGION) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_SITE) | B(K_FED_BY) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_SITE) | B(K_POWER) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_SITE) | B(K_RACK) | B(K_POWER) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_KIND) | B(K_TIER) | B(K_OWNER) | B(K_RUNS_ON) |
	B(K_MIN_UP) | B(K_DEPENDS_ON) | B(K_RECOVERY) | B(K_MERGE),
    B(K_SERVICE) | B(K_SOFT),
    B(K_ID) | B(K_SELECT) | B(K_SURVIVE) | B(K_SEVERITY) | B(K_MERGE),
    B(K_TIER) | B(K_KIND) | B(K_OWNER) | B(K_ID),
    B(K_POLICY) | B(K_SERVICE) | B(K_REASON) | B(K_EXPIRES) | B(K_MERGE)};
#undef B

/* References being collected for one key of the current entry. */
enum reflist_id {
	RL_SITE,
	RL_RACK,
	RL_POWER,
	RL_RUNS_ON,
	RL_DEPENDS_ON,
	RL_RECOVERY,
	RL_OWNERS,
	RL_COUNT
};

struct reflist {
	uint32_t *syms;
	struct mark *marks;
	uint8_t *soft;
	size_t n;
	size_t cap;
};

/* Text kept for the current entry (reused between entries). */
enum strslot_id { SS_ID, SS_REGEX, SS_REASON, SS_COUNT };

struct strslot {
	char *p;
	size_t len;
	size_t cap;
	int set;
};

/* The entry being read: its mapping is complete before it is appended. */
struct entry {
	enum sec sec;
	uint8_t setby[2 * K_COUNT]; /* rank that set a key; 0: none */
	uint8_t next_rank;
	struct mark map_mark;
	uint32_t id; /* symbol, unless SS_ID holds braces */
	struct mark id_mark;
	int has_id;
	uint32_t name;
	uint32_t region;
	uint32_t owner;
	int kind;
	int tier;
	uint32_t min_up;
	struct mark min_up_mark;
	uint8_t sel_tiers;
	uint8_t sel_kinds;
	uint8_t survive;
	int survive_set;
	int severity;
	struct mark regex_mark; /* of its first character when verbatim */
	int regex_verbatim;
	uint32_t policy;
	struct mark policy_mark;
	int32_t expires;
	struct mark expires_mark;
};

struct ldschema {
	struct inventory *inv;
	struct yamlev *y;	/* the file being read */
	uint32_t fileno;
	uint64_t names;		/* bytes of names from brace ranges */

	struct entry e;
	struct reflist rl[RL_COUNT];
	struct strslot ss[SS_COUNT];

	/* Brace expansion callbacks. */
	struct reflist *cb_rl;
	struct mark cb_mark;
	uint8_t cb_soft;
	union {
		struct site site;
		struct power power;
		struct rack rack;
		struct host host;
		struct service service;
	} tmpl; /* the entity being appended */
};


static struct mark
ld_mark(const struct ldschema *ld, const struct yamlev_event *ev)
{
	struct mark m;

	m.file = ld->fileno;
	m.line = ev->line;
	m.column = ev->col;
	return m;
}

/* Where a regex starts, for pointing at the character PCRE2 rejects. */
static void
ld_regex_mark(const struct ldschema *ld, struct entry *e, const struct yamlev_event *v)
{
	e->regex_mark = ld_mark(ld, v);
	e->regex_verbatim = yamlev_verbatim(v);
	if (e->regex_verbatim && !v->plain)
		e->regex_mark.column++;
}

#define KEYIS(lit) (memcmp(s, lit, sizeof lit - 1) == 0)

static int
ld_key_lookup(const char *s, size_t len)
{
	switch (len) {
	case 2:
		if (KEYIS("id"))
			return K_ID;
		if (KEYIS("<<"))
			return K_MERGE;
		break;
	case 4:
		switch (s[0]) {
		case 'n':
			return KEYIS("name") ? K_NAME : -1;
		case 's':
			return KEYIS("site") ? K_SITE
			    : KEYIS("soft")  ? K_SOFT
					     : -1;
		case 'r':
			return KEYIS("rack") ? K_RACK : -1;
		case 'k':
			return KEYIS("kind") ? K_KIND : -1;
		case 't':
			return KEYIS("tier") ? K_TIER : -1;
		}
		break;
	case 5:
		switch (s[0]) {
		case 'p':
			return KEYIS("power") ? K_POWER : -1;
		case 'h':
			return KEYIS("hosts") ? K_HOSTS : -1;
		case 'r':
			return KEYIS("racks") ? K_RACKS : -1;
		case 's':
			return KEYIS("sites") ? K_SITES : -1;
		case 'o':
			return KEYIS("owner") ? K_OWNER : -1;
		}
		break;
	case 6:
		switch (s[0]) {
		case 'r':
			return KEYIS("region") ? K_REGION
			    : KEYIS("reason")  ? K_REASON
					       : -1;
		case 'f':
			return KEYIS("fed_by") ? K_FED_BY : -1;
		case 's':
			return KEYIS("select") ? K_SELECT : -1;
		case 'p':
			return KEYIS("policy") ? K_POLICY : -1;
		case 'm':
			return KEYIS("min_up") ? K_MIN_UP : -1;
		}
		break;
	case 7:
		switch (s[0]) {
		case 'r':
			return KEYIS("runs_on") ? K_RUNS_ON : -1;
		case 's':
			return KEYIS("service") ? K_SERVICE
			    : KEYIS("survive")	? K_SURVIVE
						: -1;
		case 'e':
			return KEYIS("expires") ? K_EXPIRES : -1;
		case 'w':
			return KEYIS("waivers") ? K_WAIVERS : -1;
		}
		break;
	case 8:
		switch (s[0]) {
		case 's':
			return KEYIS("services") ? K_SERVICES
			    : KEYIS("severity")	 ? K_SEVERITY
						 : -1;
		case 'r':
			return KEYIS("recovery") ? K_RECOVERY : -1;
		case 'p':
			return KEYIS("policies") ? K_POLICIES : -1;
		}
		break;
	case 9:
		return KEYIS("faultline") ? K_FAULTLINE : -1;
	case 10:
		return KEYIS("depends_on") ? K_DEPENDS_ON : -1;
	}
	return -1;
}

#undef KEYIS

struct keyseen {
	uint64_t mask;
	uint32_t line[K_COUNT];
	uint32_t col[K_COUNT];
};

/*
 * The next known key of a mapping of section sec, its value not read yet;
 * -1 at the end of the mapping.  x- keys, unknown keys, keys that are not
 * strings and duplicate keys are dealt with (and their values skipped).
 */
static int
ld_next_key(struct ldschema *ld, enum sec sec, struct keyseen *seen, struct yamlev_event *k)
{
	struct yamlev_event v;
	const char *best;
	char q[128];
	int id;

	for (;;) {
		yamlev_next(ld->y, k);
		if (k->type == YAMLEV_CLOSE || k->type == YAMLEV_EOF)
			return -1;
		if (k->type != YAMLEV_SCALAR) {
			yamlev_error(ld->y, k->line, k->col,
			    "mapping keys must be "
			    "strings, not %s",
			    yamlev_what(k));
			yamlev_skip(ld->y, k);
			yamlev_next(ld->y, &v);
			yamlev_skip(ld->y, &v);
			continue;
		}
		if (k->len >= 2 && k->s[0] == 'x' && k->s[1] == '-') {
			yamlev_next(ld->y, &v);
			yamlev_skip(ld->y, &v);
			continue;
		}
		id = ld_key_lookup(k->s, k->len);
		if (id < 0 || (sec_mask[sec] & (1ull << id)) == 0) {
			yamlev_quote(q, sizeof q, k->s, k->len);
			best = suggest_closest(k->s, k->len, sec_keys[sec]);
			if (best != NULL)
				yamlev_error(ld->y, k->line, k->col,
				    "unknown key '%s' "
				    "%s; did you mean '%s'?",
				    q, sec_where[sec], best);
			else
				yamlev_error(ld->y, k->line, k->col,
				    "unknown key '%s' "
				    "%s",
				    q, sec_where[sec]);
			yamlev_next(ld->y, &v);
			yamlev_skip(ld->y, &v);
			continue;
		}
		if (seen->mask & (1ull << id)) {
			yamlev_error(ld->y, k->line, k->col,
			    "duplicate key '%s' in "
			    "this mapping (first at line %u, column %u)",
			    key_names[id], seen->line[id], seen->col[id]);
			yamlev_next(ld->y, &v);
			yamlev_skip(ld->y, &v);
			continue;
		}
		seen->mask |= 1ull << id;
		seen->line[id] = k->line;
		seen->col[id] = k->col;
		return id;
	}
}

/* A value that must be a scalar; otherwise report, skip, return 0. */
static int
ld_want_scalar(
    struct ldschema *ld, int key, const struct yamlev_event *v, const char *expected)
{
	if (v->type == YAMLEV_SCALAR)
		return 1;
	if (v->type == YAMLEV_EOF)
		return 0;
	yamlev_error(ld->y, v->line, v->col, "'%s' must be %s, not %s", key_names[key],
	    expected, yamlev_what(v));
	yamlev_skip(ld->y, v);
	return 0;
}

static void
ld_str_set(struct strslot *ss, const char *s, size_t len)
{
	XGROW(ss->p, ss->cap, len + 1);
	memcpy(ss->p, s, len);
	ss->p[len] = '\0';
	ss->len = len;
	ss->set = 1;
}

static void
ld_ref_push(struct reflist *rl, uint32_t sym, struct mark m, uint8_t soft)
{
	size_t c;

	if (rl->n == rl->cap) {
		c = rl->cap != 0 ? rl->cap * 2 : 16;
		rl->syms = xreallocarray(rl->syms, c, sizeof *rl->syms);
		rl->marks = xreallocarray(rl->marks, c, sizeof *rl->marks);
		rl->soft = xreallocarray(rl->soft, c, sizeof *rl->soft);
		rl->cap = c;
	}
	rl->syms[rl->n] = sym;
	rl->marks[rl->n] = m;
	rl->soft[rl->n] = soft;
	rl->n++;
}

static void
ld_ref_cb(void *arg, const char *s, size_t len)
{
	struct ldschema *ld = arg;

	ld_ref_push(ld->cb_rl, inventory_intern(ld->inv, s, len), ld->cb_mark,
	    ld->cb_soft);
}

/* The bytes of names brace ranges may make in this file. */
static size_t
ld_max_expansion(const struct ldschema *ld)
{
	if (yamlev_length(ld->y) > SIZE_MAX / LOADER_EXPANSION_PER_BYTE)
		return SIZE_MAX;
	if (yamlev_length(ld->y) * LOADER_EXPANSION_PER_BYTE < LOADER_MIN_FILE_EXPANSION)
		return LOADER_MIN_FILE_EXPANSION;
	return yamlev_length(ld->y) * LOADER_EXPANSION_PER_BYTE;
}

/*
 * Count names from brace ranges; 0 and a message when over a bound.  The
 * file's budget is in bytes of names (n names as long as the pattern), so
 * neither many short names nor few long ones can outgrow the input.
 */
static int
ld_names_ok(struct ldschema *ld, const struct yamlev_event *v, uint64_t n)
{
	char q[128];

	if (n > LOADER_MAX_NAMES) {
		yamlev_error(ld->y, v->line, v->col,
		    "'%s' expands to more than %d "
		    "names",
		    yamlev_quote(q, sizeof q, v->s, v->len), LOADER_MAX_NAMES);
		return 0;
	}
	if (n > 1 && (ld->names += n * (v->len + 1)) > ld_max_expansion(ld)) {
		yamlev_error(ld->y, v->line, v->col,
		    "brace ranges in this file expand to more than %zu bytes "
		    "of names (at most %d per byte of the file, or %d)",
		    ld_max_expansion(ld), LOADER_EXPANSION_PER_BYTE,
		    LOADER_MIN_FILE_EXPANSION);
		return 0;
	}
	return 1;
}

/* Append one reference, brace ranges expanded. */
static void
ld_ref_add(
    struct ldschema *ld, struct reflist *rl, const struct yamlev_event *v, uint8_t soft)
{
	struct mark m = ld_mark(ld, v);

	if (memchr(v->s, '{', v->len) == NULL) {
		ld_ref_push(
		    rl, inventory_intern(ld->inv, v->s, v->len), m, soft);
		return;
	}
	if (!ld_names_ok(ld, v, brace_count(v->s, v->len)))
		return;
	ld->cb_rl = rl;
	ld->cb_mark = m;
	ld->cb_soft = soft;
	brace_expand(v->s, v->len, LOADER_MAX_NAMES, ld_ref_cb, ld);
}

/* A single reference (site, rack): a string, no ranges. */
static void
ld_ref_single(
    struct ldschema *ld, int key, const struct yamlev_event *v, struct reflist *rl)
{
	rl->n = 0;
	if (yamlev_is_null(v) || !ld_want_scalar(ld, key, v, "a string"))
		return;
	ld_ref_push(
	    rl, inventory_intern(ld->inv, v->s, v->len), ld_mark(ld, v), 0);
}

static int
ld_bool(const struct yamlev_event *v, int *b)
{
	static const char *const t[] = {"true", "True", "TRUE"};
	static const char *const f[] = {"false", "False", "FALSE"};
	size_t i;

	for (i = 0; i < 3; i++) {
		if (v->len == strlen(t[i]) && memcmp(v->s, t[i], v->len) == 0) {
			*b = 1;
			return 1;
		}
		if (v->len == strlen(f[i]) && memcmp(v->s, f[i], v->len) == 0) {
			*b = 0;
			return 1;
		}
	}
	return 0;
}

/* A depends_on entry written as a mapping {service, soft}. */
static void
ld_dep_map(struct ldschema *ld, const struct yamlev_event *m, struct reflist *rl)
{
	struct keyseen seen;
	struct yamlev_event k, v, svc;
	char q[128];
	char svcbuf[256];
	char *svctext = NULL;
	int id, soft = 0, b;

	seen.mask = 0;
	svc.type = YAMLEV_EOF;
	while ((id = ld_next_key(ld, SEC_DEPENDS_ON, &seen, &k)) >= 0) {
		yamlev_next(ld->y, &v);
		if (v.type == YAMLEV_EOF)
			break;
		if (id == K_SERVICE) {
			if (yamlev_is_null(&v) ||
			    !ld_want_scalar(ld, id, &v, "a service id"))
				continue;
			/* Keep the text: the next event frees it. */
			free(svctext);
			svctext = NULL;
			svc = v;
			if (v.len < sizeof svcbuf) {
				memcpy(svcbuf, v.s, v.len);
				svc.s = svcbuf;
			} else
				svc.s = svctext = xstrndup(v.s, v.len);
		} else if (id == K_SOFT) {
			if (!ld_want_scalar(ld, id, &v, "true or false"))
				continue;
			if (!ld_bool(&v, &b))
				yamlev_error(ld->y, v.line, v.col,
				    "'soft' must be true "
				    "or false, not '%s'",
				    yamlev_quote(q, sizeof q, v.s, v.len));
			else
				soft = b;
		}
	}
	if (yamlev_failed(ld->y)) {
		free(svctext);
		return;
	}
	if (svc.type != YAMLEV_SCALAR)
		yamlev_error(ld->y, m->line, m->col,
		    "missing 'service' in depends_on "
		    "entry");
	else
		ld_ref_add(ld, rl, &svc, (uint8_t)soft);
	free(svctext);
}

/* A list of references (fed_by, power, runs_on, depends_on, recovery). */
static void
ld_ref_list(struct ldschema *ld, int key, const struct yamlev_event *v, struct reflist *rl,
    const char *noun)
{
	struct yamlev_event it;
	int deps = key == K_DEPENDS_ON;

	rl->n = 0;
	if (yamlev_is_null(v))
		return;
	if (v->type != YAMLEV_SEQ) {
		if (v->type == YAMLEV_EOF)
			return;
		yamlev_error(ld->y, v->line, v->col,
		    "'%s' must be a list of %ss, not %s", key_names[key], noun,
		    yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_SCALAR && !yamlev_is_null(&it)) {
			ld_ref_add(ld, rl, &it, 0);
			continue;
		}
		if (it.type == YAMLEV_MAP && deps) {
			ld_dep_map(ld, &it, rl);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col,
		    "each entry of '%s' must be %s %s%s, "
		    "not %s",
		    key_names[key], noun[0] == 'a' ? "an" : "a", noun,
		    deps ? " or a mapping {service, soft}" : "", yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

/* A scalar that is an unsigned decimal number below 2^31, else -1. */
static long
ld_uint(const struct yamlev_event *v)
{
	long x = 0;
	size_t i;

	if (!v->plain || v->len == 0 || v->len > 9)
		return -1;
	for (i = 0; i < v->len; i++) {
		if (v->s[i] < '0' || v->s[i] > '9')
			return -1;
		x = x * 10 + (v->s[i] - '0');
	}
	return x;
}

/* How a bad scalar value is named: quoted ones are strings, not numbers. */
static const char *
ld_not(const struct yamlev_event *v)
{
	return v->plain ? "" : "the string ";
}

static int
ld_tier(struct ldschema *ld, const struct yamlev_event *v)
{
	long t;
	char q[128];

	if (!ld_want_scalar(ld, K_TIER, v, "an integer from 1 to 4"))
		return -1;
	t = ld_uint(v);
	if (t < 1 || t > 4) {
		yamlev_error(ld->y, v->line, v->col,
		    "'tier' must be an integer from 1 "
		    "to 4, not %s'%s'",
		    ld_not(v), yamlev_quote(q, sizeof q, v->s, v->len));
		return -1;
	}
	return (int)t;
}

static int
ld_service_kind(struct ldschema *ld, const struct yamlev_event *v)
{
	char q[128];
	int k;

	if (!ld_want_scalar(ld, K_KIND, v, "a service kind"))
		return -1;
	for (k = 0; k < SERVICE_KIND_COUNT; k++) {
		const char *n = inventory_service_kind_name(k);

		if (strlen(n) == v->len && memcmp(n, v->s, v->len) == 0)
			return k;
	}
	yamlev_error(ld->y, v->line, v->col,
	    "unknown service kind '%s'; expected one "
	    "of app, data, platform, tool, external",
	    yamlev_quote(q, sizeof q, v->s, v->len));
	return -1;
}

/* Days since 1970-01-01 of a YYYY-MM-DD scalar; 0 when not a date. */
static int
ld_date(const struct yamlev_event *v, int32_t *days)
{
	static const int mdays[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, i, leap;
	long era, yoe, doy, doe;

	if (v->len != 10 || v->s[4] != '-' || v->s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v->s[i] < '0' || v->s[i] > '9'))
			return 0;
	y = (v->s[0] - '0') * 1000 + (v->s[1] - '0') * 100 +
	    (v->s[2] - '0') * 10 + (v->s[3] - '0');
	m = (v->s[5] - '0') * 10 + (v->s[6] - '0');
	d = (v->s[8] - '0') * 10 + (v->s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return 0;
	/* Howard Hinnant's days_from_civil. */
	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = (int32_t)(era * 146097 + doe - 719468);
	return 1;
}

/* A selector: a scalar or a list of scalars, each given to fn. */
static void
ld_selector(struct ldschema *ld, int key, const struct yamlev_event *v,
    void (*fn)(struct ldschema *, const struct yamlev_event *))
{
	struct yamlev_event it;

	if (yamlev_is_null(v))
		return;
	if (v->type == YAMLEV_SCALAR) {
		fn(ld, v);
		return;
	}
	if (v->type != YAMLEV_SEQ) {
		if (v->type == YAMLEV_EOF)
			return;
		yamlev_error(ld->y, v->line, v->col,
		    "'%s' must be a string or a list, "
		    "not %s",
		    key_names[key], yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_SCALAR) {
			fn(ld, &it);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col,
		    "each entry of '%s' must be a "
		    "string, not %s",
		    key_names[key], yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

static void
ld_sel_tier(struct ldschema *ld, const struct yamlev_event *v)
{
	int t = ld_tier(ld, v);

	if (t > 0)
		ld->e.sel_tiers |= (uint8_t)(1u << t);
}

static void
ld_sel_kind(struct ldschema *ld, const struct yamlev_event *v)
{
	int k = ld_service_kind(ld, v);

	if (k >= 0)
		ld->e.sel_kinds |= (uint8_t)(1u << k);
}

static void
ld_sel_owner(struct ldschema *ld, const struct yamlev_event *v)
{
	ld_ref_push(&ld->rl[RL_OWNERS], inventory_intern(ld->inv, v->s, v->len),
	    ld_mark(ld, v), 0);
}

static void
ld_survive(struct ldschema *ld, const struct yamlev_event *v)
{
	struct yamlev_event it;
	char q[128];
	int k;

	ld->e.survive = 0;
	ld->e.survive_set = 1;
	if (v->type != YAMLEV_SEQ) {
		if (v->type == YAMLEV_EOF)
			return;
		yamlev_error(ld->y, v->line, v->col,
		    "'survive' must be a list of "
		    "failure kinds, not %s",
		    yamlev_what(v));
		yamlev_skip(ld->y, v);
		ld->e.survive_set = 0;
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type != YAMLEV_SCALAR) {
			yamlev_error(ld->y, it.line, it.col,
			    "each entry of 'survive' "
			    "must be a failure kind, not %s",
			    yamlev_what(&it));
			yamlev_skip(ld->y, &it);
			continue;
		}
		for (k = KIND_SITE; k <= KIND_HOST; k++) {
			const char *n = inventory_kind_name(k);

			if (strlen(n) == it.len && memcmp(n, it.s, it.len) == 0)
				break;
		}
		if (k > KIND_HOST)
			yamlev_error(ld->y, it.line, it.col,
			    "unknown survive kind "
			    "'%s'; expected one of site, power, rack, host",
			    yamlev_quote(q, sizeof q, it.s, it.len));
		else
			ld->e.survive |= (uint8_t)(1u << k);
	}
}

static void ld_map(struct ldschema *, enum sec, uint8_t);

/* The value of a merge key: a mapping, or a list of mappings. */
static void
ld_merge(struct ldschema *ld, enum sec sec, const struct yamlev_event *v)
{
	struct yamlev_event it;

	if (v->type == YAMLEV_MAP) {
		ld_map(
		    ld, sec, ld->e.next_rank < 255 ? ++ld->e.next_rank : 255);
		return;
	}
	if (v->type == YAMLEV_SEQ) {
		for (;;) {
			yamlev_next(ld->y, &it);
			if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
				return;
			if (it.type == YAMLEV_MAP) {
				ld_map(ld, sec,
				    ld->e.next_rank < 255 ? ++ld->e.next_rank
							  : 255);
				continue;
			}
			yamlev_error(ld->y, it.line, it.col,
			    "each entry of '<<' must "
			    "be a mapping, not %s",
			    yamlev_what(&it));
			yamlev_skip(ld->y, &it);
		}
	}
	if (v->type == YAMLEV_EOF)
		return;
	yamlev_error(ld->y, v->line, v->col,
	    "'<<' must be a mapping or a list of "
	    "mappings (such as *defaults), not %s",
	    yamlev_what(v));
	yamlev_skip(ld->y, v);
}

/* One key's value of an entry, read at a precedence rank. */
static void
ld_field(
    struct ldschema *ld, enum sec sec, int id, const struct yamlev_event *v, uint8_t rank)
{
	struct entry *e = &ld->e;
	char q[128];
	size_t slot = (size_t)id + (sec == SEC_SELECT ? K_COUNT : 0);
	uint32_t sym;
	long n;
	int x;

	if (e->setby[slot] != 0 && e->setby[slot] <= rank) {
		yamlev_skip(ld->y, v); /* a stronger mapping set it */
		return;
	}
	e->setby[slot] = rank;
	if (v->type == YAMLEV_EOF)
		return;
	switch (id) {
	case K_ID:
		if (sec == SEC_SELECT) {
			ld->ss[SS_REGEX].set = 0;
			if (yamlev_is_null(v) ||
			    !ld_want_scalar(ld, id, v, "a regular expression"))
				break;
			ld_str_set(&ld->ss[SS_REGEX], v->s, v->len);
			ld_regex_mark(ld, e, v);
			break;
		}
		e->has_id = 0;
		if (yamlev_is_null(v) || !ld_want_scalar(ld, id, v, "a string"))
			break;
		e->has_id = 1;
		e->id_mark = ld_mark(ld, v);
		ld->ss[SS_ID].set = 0;
		if (sec != SEC_POLICIES && memchr(v->s, '{', v->len) != NULL)
			ld_str_set(&ld->ss[SS_ID], v->s, v->len);
		else
			e->id = inventory_intern(ld->inv, v->s, v->len);
		break;
	case K_NAME:
	case K_REGION:
	case K_OWNER:
		if (sec == SEC_SELECT) {
			ld->rl[RL_OWNERS].n = 0;
			ld_selector(ld, id, v, ld_sel_owner);
			break;
		}
		sym = SYM_NONE;
		if (!yamlev_is_null(v) && ld_want_scalar(ld, id, v, "a string"))
			sym = inventory_intern(ld->inv, v->s, v->len);
		if (id == K_NAME)
			e->name = sym;
		else if (id == K_REGION)
			e->region = sym;
		else
			e->owner = sym;
		break;
	case K_SITE:
		ld_ref_single(ld, id, v, &ld->rl[RL_SITE]);
		break;
	case K_RACK:
		ld_ref_single(ld, id, v, &ld->rl[RL_RACK]);
		break;
	case K_POWER:
	case K_FED_BY:
		ld_ref_list(ld, id, v, &ld->rl[RL_POWER], "power id");
		break;
	case K_RUNS_ON:
		ld_ref_list(ld, id, v, &ld->rl[RL_RUNS_ON], "host id");
		break;
	case K_DEPENDS_ON:
		ld_ref_list(ld, id, v, &ld->rl[RL_DEPENDS_ON], "service id");
		break;
	case K_RECOVERY:
		ld_ref_list(ld, id, v, &ld->rl[RL_RECOVERY], "service id");
		break;
	case K_KIND:
		if (sec == SEC_SELECT) {
			e->sel_kinds = 0;
			ld_selector(ld, id, v, ld_sel_kind);
		} else if (!yamlev_is_null(v) && (x = ld_service_kind(ld, v)) >= 0)
			e->kind = x;
		break;
	case K_TIER:
		if (sec == SEC_SELECT) {
			e->sel_tiers = 0;
			ld_selector(ld, id, v, ld_sel_tier);
		} else if (!yamlev_is_null(v) && (x = ld_tier(ld, v)) > 0)
			e->tier = x;
		break;
	case K_MIN_UP:
		e->min_up = 0;
		if (yamlev_is_null(v) ||
		    !ld_want_scalar(ld, id, v, "a positive integer"))
			break;
		if ((n = ld_uint(v)) < 1) {
			yamlev_error(ld->y, v->line, v->col,
			    "'min_up' must be a "
			    "positive integer, not %s'%s'",
			    ld_not(v), yamlev_quote(q, sizeof q, v->s, v->len));
			break;
		}
		e->min_up = (uint32_t)n;
		e->min_up_mark = ld_mark(ld, v);
		break;
	case K_SELECT:
		if (yamlev_is_null(v))
			break;
		if (v->type != YAMLEV_MAP) {
			yamlev_error(ld->y, v->line, v->col,
			    "'select' must be a mapping "
			    "of tier, kind, owner and id, not %s",
			    yamlev_what(v));
			yamlev_skip(ld->y, v);
			break;
		}
		ld_map(ld, SEC_SELECT, rank);
		break;
	case K_SURVIVE:
		ld_survive(ld, v);
		break;
	case K_SEVERITY:
		if (yamlev_is_null(v) || !ld_want_scalar(ld, id, v, "a severity"))
			break;
		for (x = SEVERITY_ERROR; x <= SEVERITY_NOTE; x++) {
			const char *s = inventory_severity_name(x);

			if (strlen(s) == v->len && memcmp(s, v->s, v->len) == 0)
				break;
		}
		if (x > SEVERITY_NOTE)
			yamlev_error(ld->y, v->line, v->col,
			    "unknown severity '%s'; "
			    "expected one of error, warning, note",
			    yamlev_quote(q, sizeof q, v->s, v->len));
		else
			e->severity = x;
		break;
	case K_POLICY:
		e->policy = SYM_NONE;
		if (yamlev_is_null(v) || !ld_want_scalar(ld, id, v, "a policy id"))
			break;
		e->policy = inventory_intern(ld->inv, v->s, v->len);
		e->policy_mark = ld_mark(ld, v);
		break;
	case K_SERVICE:
		ld->ss[SS_REGEX].set = 0;
		if (yamlev_is_null(v) ||
		    !ld_want_scalar(ld, id, v, "a regular expression"))
			break;
		ld_str_set(&ld->ss[SS_REGEX], v->s, v->len);
		ld_regex_mark(ld, e, v);
		break;
	case K_REASON:
		ld->ss[SS_REASON].set = 0;
		if (yamlev_is_null(v) || !ld_want_scalar(ld, id, v, "a string"))
			break;
		ld_str_set(&ld->ss[SS_REASON], v->s, v->len);
		break;
	case K_EXPIRES:
		e->expires = INT32_MIN;
		if (yamlev_is_null(v) ||
		    !ld_want_scalar(ld, id, v, "a date (YYYY-MM-DD)"))
			break;
		if (!ld_date(v, &e->expires)) {
			yamlev_error(ld->y, v->line, v->col,
			    "'expires' must be a date "
			    "(YYYY-MM-DD), not '%s'",
			    yamlev_quote(q, sizeof q, v->s, v->len));
			e->expires = INT32_MIN;
			break;
		}
		e->expires_mark = ld_mark(ld, v);
		break;
	default:
		yamlev_skip(ld->y, v);
		break;
	}
}

/* The keys of one mapping of an entry, at a precedence rank. */
static void
ld_map(struct ldschema *ld, enum sec sec, uint8_t rank)
{
	struct keyseen seen;
	struct yamlev_event k, v;
	int id;

	seen.mask = 0;
	while ((id = ld_next_key(ld, sec, &seen, &k)) >= 0) {
		yamlev_next(ld->y, &v);
		if (v.type == YAMLEV_EOF)
			return;
		if (id == K_MERGE)
			ld_merge(ld, sec, &v);
		else
			ld_field(ld, sec, id, &v, rank);
	}
}

static struct span
ld_span(struct ldschema *ld, enum entity_kind kind, int which)
{
	struct reflist *rl = &ld->rl[which];

	return inventory_add_refs(ld->inv, kind, rl->syms, rl->marks,
	    which == RL_DEPENDS_ON ? rl->soft : NULL, rl->n);
}

/* Append a copy of the template entity under an id. */
static void
ld_entity_add(struct ldschema *ld, uint32_t sym)
{
	struct site *site;
	struct power *power;
	struct rack *rack;
	struct host *host;
	struct service *svc;

	switch (ld->e.sec) {
	case SEC_SITES:
		site = inventory_add_site(ld->inv);
		*site = ld->tmpl.site;
		site->e.id = sym;
		break;
	case SEC_POWER:
		power = inventory_add_power(ld->inv);
		*power = ld->tmpl.power;
		power->e.id = sym;
		break;
	case SEC_RACKS:
		rack = inventory_add_rack(ld->inv);
		*rack = ld->tmpl.rack;
		rack->e.id = sym;
		break;
	case SEC_HOSTS:
		host = inventory_add_host(ld->inv);
		*host = ld->tmpl.host;
		host->e.id = sym;
		break;
	default:
		svc = inventory_add_service(ld->inv);
		*svc = ld->tmpl.service;
		svc->e.id = sym;
		break;
	}
}

static void
ld_entity_cb(void *arg, const char *s, size_t len)
{
	struct ldschema *ld = arg;

	ld_entity_add(ld, inventory_intern(ld->inv, s, len));
}

/* Append the entity just read, once per name its id expands to. */
static void
ld_entity_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry *e = &ld->e;
	struct entity *head;
	struct yamlev_event idev;
	uint64_t n = 1;

	if (!e->has_id) {
		yamlev_error(ld->y, m->line, m->col, "missing 'id' in %s entry",
		    sec_names[e->sec]);
		return;
	}
	if (ld->ss[SS_ID].set) {
		idev.s = ld->ss[SS_ID].p;
		idev.len = ld->ss[SS_ID].len;
		idev.line = e->id_mark.line;
		idev.col = e->id_mark.column;
		n = brace_count(idev.s, idev.len);
		if (!ld_names_ok(ld, &idev, n))
			return;
	}
	memset(&ld->tmpl, 0, sizeof ld->tmpl);
	switch (e->sec) {
	case SEC_SITES:
		ld->tmpl.site.region = e->region;
		head = &ld->tmpl.site.e;
		break;
	case SEC_POWER:
		ld->tmpl.power.site_ref = ld_span(ld, KIND_SITE, RL_SITE);
		ld->tmpl.power.fed_by = ld_span(ld, KIND_POWER, RL_POWER);
		ld->tmpl.power.site = INDEX_NONE;
		head = &ld->tmpl.power.e;
		break;
	case SEC_RACKS:
		ld->tmpl.rack.site_ref = ld_span(ld, KIND_SITE, RL_SITE);
		ld->tmpl.rack.power = ld_span(ld, KIND_POWER, RL_POWER);
		ld->tmpl.rack.site = INDEX_NONE;
		head = &ld->tmpl.rack.e;
		break;
	case SEC_HOSTS:
		ld->tmpl.host.site_ref = ld_span(ld, KIND_SITE, RL_SITE);
		ld->tmpl.host.rack_ref = ld_span(ld, KIND_RACK, RL_RACK);
		ld->tmpl.host.power = ld_span(ld, KIND_POWER, RL_POWER);
		ld->tmpl.host.site = INDEX_NONE;
		ld->tmpl.host.rack = INDEX_NONE;
		head = &ld->tmpl.host.e;
		break;
	default:
		ld->tmpl.service.kind = (enum service_kind)e->kind;
		ld->tmpl.service.tier = (uint8_t)e->tier;
		ld->tmpl.service.owner = e->owner;
		ld->tmpl.service.runs_on = ld_span(ld, KIND_HOST, RL_RUNS_ON);
		ld->tmpl.service.min_up = e->min_up;
		ld->tmpl.service.min_up_mark = e->min_up_mark;
		ld->tmpl.service.depends_on =
		    ld_span(ld, KIND_SERVICE, RL_DEPENDS_ON);
		ld->tmpl.service.recovery =
		    ld_span(ld, KIND_SERVICE, RL_RECOVERY);
		head = &ld->tmpl.service.e;
		break;
	}
	head->name = e->name;
	head->mark = e->id_mark;
	if (ld->ss[SS_ID].set)
		brace_expand(
		    idev.s, idev.len, LOADER_MAX_NAMES, ld_entity_cb, ld);
	else
		ld_entity_add(ld, e->id);
}

static void
ld_policy_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry *e = &ld->e;
	struct policy *p;
	struct reflist *ow = &ld->rl[RL_OWNERS];

	if (!e->has_id) {
		yamlev_error(ld->y, m->line, m->col, "missing 'id' in policies entry");
		return;
	}
	p = inventory_add_policy(ld->inv);
	p->id = e->id;
	p->mark = e->id_mark;
	p->tiers = e->sel_tiers;
	p->kinds = e->sel_kinds;
	if (ow->n > 0) {
		p->owners = xreallocarray(NULL, ow->n, sizeof *p->owners);
		memcpy(p->owners, ow->syms, ow->n * sizeof *p->owners);
		p->nowners = ow->n;
	}
	if (ld->ss[SS_REGEX].set) {
		p->id_regex =
		    xstrndup(ld->ss[SS_REGEX].p, ld->ss[SS_REGEX].len);
		p->id_regex_mark = e->regex_mark;
		p->id_regex_verbatim = (uint8_t)e->regex_verbatim;
	}
	if (e->survive_set)
		p->survive = e->survive;
	if (e->severity >= 0)
		p->severity = (enum severity)e->severity;
}

static void
ld_waiver_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry *e = &ld->e;
	struct waiver *w;

	if (e->policy == SYM_NONE)
		yamlev_error(ld->y, m->line, m->col, "missing 'policy' in waivers entry");
	if (!ld->ss[SS_REGEX].set)
		yamlev_error(ld->y, m->line, m->col,
		    "missing 'service' in waivers "
		    "entry");
	if (e->policy == SYM_NONE || !ld->ss[SS_REGEX].set)
		return;
	w = inventory_add_waiver(ld->inv);
	w->mark = e->map_mark;
	w->policy = e->policy;
	w->policy_mark = e->policy_mark;
	w->service_regex = xstrndup(ld->ss[SS_REGEX].p, ld->ss[SS_REGEX].len);
	w->service_mark = e->regex_mark;
	w->service_regex_verbatim = (uint8_t)e->regex_verbatim;
	if (ld->ss[SS_REASON].set)
		w->reason =
		    xstrndup(ld->ss[SS_REASON].p, ld->ss[SS_REASON].len);
	w->expires = e->expires;
	w->expires_mark = e->expires_mark;
}

/* One entry of a section: its mapping starts at m. */
static void
ld_entry(struct ldschema *ld, enum sec sec, const struct yamlev_event *m)
{
	struct entry *e = &ld->e;
	int i;

	memset(e, 0, sizeof *e);
	e->sec = sec;
	e->next_rank = 1;
	e->map_mark = ld_mark(ld, m);
	e->id = SYM_NONE;
	e->name = e->region = e->owner = e->policy = SYM_NONE;
	e->kind = SERVICE_APP;
	e->tier = 3;
	e->severity = -1;
	e->expires = INT32_MIN;
	for (i = 0; i < RL_COUNT; i++)
		ld->rl[i].n = 0;
	for (i = 0; i < SS_COUNT; i++)
		ld->ss[i].set = 0;
	ld_map(ld, sec, 1);
	if (yamlev_failed(ld->y))
		return;
	switch (sec) {
	case SEC_POLICIES:
		ld_policy_finish(ld, m);
		break;
	case SEC_WAIVERS:
		ld_waiver_finish(ld, m);
		break;
	default:
		ld_entity_finish(ld, m);
		break;
	}
}

static void
ld_section(struct ldschema *ld, int key, const struct yamlev_event *v)
{
	static const enum sec secs[K_COUNT] = {[K_SITES] = SEC_SITES,
	    [K_POWER] = SEC_POWER,
	    [K_RACKS] = SEC_RACKS,
	    [K_HOSTS] = SEC_HOSTS,
	    [K_SERVICES] = SEC_SERVICES,
	    [K_POLICIES] = SEC_POLICIES,
	    [K_WAIVERS] = SEC_WAIVERS};
	enum sec sec = secs[key];
	struct yamlev_event it;

	if (sec == SEC_POLICIES)
		ld->inv->has_policies = 1;
	if (yamlev_is_null(v) || v->type == YAMLEV_EOF)
		return;
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a list, not %s",
		    key_names[key], yamlev_what(v));
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
		yamlev_error(ld->y, it.line, it.col,
		    "each entry of '%s' must be a "
		    "mapping, not %s",
		    key_names[key], yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

static void
ld_version(struct ldschema *ld, const struct yamlev_event *v)
{
	char q[128];

	if (!ld_want_scalar(ld, K_FAULTLINE, v, "1"))
		return;
	if (v->len == 1 && v->s[0] == '1' && v->plain)
		return;
	yamlev_error(ld->y, v->line, v->col,
	    "unsupported format version %s'%s'; "
	    "expected 'faultline: 1'",
	    ld_not(v), yamlev_quote(q, sizeof q, v->s, v->len));
}

/* A whole file: one mapping of sections, or nothing. */
static void
ld_file(struct ldschema *ld)
{
	struct keyseen seen;
	struct yamlev_event ev, k, v;
	int id;

	yamlev_next(ld->y, &ev);
	if (ev.type == YAMLEV_MAP) {
		seen.mask = 0;
		while ((id = ld_next_key(ld, SEC_TOP, &seen, &k)) >= 0) {
			yamlev_next(ld->y, &v);
			if (v.type == YAMLEV_EOF)
				break;
			if (id == K_FAULTLINE)
				ld_version(ld, &v);
			else
				ld_section(ld, id, &v);
		}
	} else if (ev.type != YAMLEV_EOF && !yamlev_is_null(&ev)) {
		k = ev;
		yamlev_skip(ld->y, &ev);
		if (!yamlev_failed(ld->y))
			yamlev_error(ld->y, k.line, k.col,
			    "an inventory file must be "
			    "a mapping of sections, not %s",
			    yamlev_what(&k));
	}
	/* Drain: a second document is an error too. */
	while (ev.type != YAMLEV_EOF)
		yamlev_next(ld->y, &ev);
}


void
ldschema_file(struct ldschema *ld, struct yamlev *y, uint32_t fileno)
{
	ld->y = y;
	ld->fileno = fileno;
	ld->names = 0;
	ld_file(ld);
	ld->y = NULL;
}

struct ldschema *
ldschema_create(struct inventory *inv)
{
	struct ldschema *ld;

	ld = xcalloc(1, sizeof *ld);
	ld->inv = inv;
	return ld;
}

void
ldschema_free(struct ldschema *ld)
{
	int i;

	if (ld == NULL)
		return;
	for (i = 0; i < RL_COUNT; i++) {
		free(ld->rl[i].syms);
		free(ld->rl[i].marks);
		free(ld->rl[i].soft);
	}
	for (i = 0; i < SS_COUNT; i++)
		free(ld->ss[i].p);
	free(ld);
}

const char *const *
ldschema_section_keys(const char *section)
{
	int i;

	if (section == NULL)
		return NULL;
	for (i = 0; i < SEC_COUNT; i++)
		if (strcmp(section, sec_names[i]) == 0)
			return sec_keys[i];
	return NULL;
}
