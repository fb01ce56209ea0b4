/*
 * validate.c -- inventory_resolve(): turn the loader's reference symbols
 * into entity indices and enforce the rules of the inventory format (README) that need the
 * whole inventory: id syntax, unique ids (power domains and domains share
 * theirs), extend entries, existing references (with a "did you mean"),
 * no reference listed twice, host placement, min_up, standby groups,
 * cycles (validate_graph.c), runs_on, policies and waivers.
 *
 * Everything is linear in the size of the inventory.  Per-symbol tables
 * (one slot per interned string) stand in for hashing, every reference is
 * resolved in one pass over the pool, and per-span work is done once per
 * distinct span: entities expanded from one brace range share their spans
 * and their marks, so a problem in such a range is reported once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inventory.h"
#include "pattern.h"
#include "suggest.h"
#include "validate_priv.h"
#include "xalloc.h"

#define ID_MAX_LEN	128

/* Per-symbol id check results. */
#define ID_UNCHECKED	0
#define ID_VALID	1
#define ID_INVALID	2

/* Comparisons "did you mean" may make for unknown references, in all. */
#define SUGGEST_BUDGET	2000000

/* "site", "power domain", ... */
static const char *
kind_noun(unsigned kind)
{
	return kind == REF_FEED ? "power domain or domain" :
	    inventory_kind_noun(kind, 1);
}

static const char *builtin_rules[] = {
	"spof", "single-site-tool", "recovery-blocked", "failover-loop",
	"cycle", "tier-inversion"
};

/* Which bytes may appear in an id after the first. */
static const uint8_t id_chars[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
	['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
	['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2,
	['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
	['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
	['Y'] = 2, ['Z'] = 2,
	['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2,
	['g'] = 2, ['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2,
	['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
	['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
	['y'] = 2, ['z'] = 2,
};

void
validate_error(struct resolve *r, const struct mark *m, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc((size_t)(len < 0 ? 0 : len) + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
	va_end(ap);
	diag_add(r->dl, DIAG_ERROR, inventory_file(r->inv, m->file), m->line,
	    m->column, "%s", msg);
	free(msg);
	r->errors++;
}

const char *
validate_sym(const struct resolve *r, uint32_t sym)
{
	return symtab_str(r->inv->syms, sym);
}

uint32_t
validate_stamp(struct resolve *r)
{
	if (++r->curstamp == 0) {
		memset(r->stamp, 0, (size_t)r->nsym * sizeof *r->stamp);
		r->curstamp = 1;
	}
	return r->curstamp;
}

static int
mark_eq(const struct mark *a, const struct mark *b)
{
	return a->file == b->file && a->line == b->line &&
	    a->column == b->column;
}

static int
span_eq(struct span a, struct span b)
{
	return a.off == b.off && a.n == b.n;
}

/* Whether a symbol is a well-formed id; each symbol is checked once. */
static int
resolve_id_ok(struct resolve *r, uint32_t sym)
{
	const unsigned char	*s;
	size_t			 len, i;
	int			 ok;

	if (r->idstate[sym] != ID_UNCHECKED)
		return r->idstate[sym] == ID_VALID;
	s = (const unsigned char *)symtab_str(r->inv->syms, sym);
	len = symtab_len(r->inv->syms, sym);
	ok = len >= 1 && len <= ID_MAX_LEN && id_chars[s[0]] == 2;
	for (i = 1; ok && i < len; i++)
		ok = id_chars[s[i]] != 0;
	r->idstate[sym] = ok ? ID_VALID : ID_INVALID;
	return ok;
}

static void
resolve_bad_id(struct resolve *r, const char *noun, uint32_t sym,
    const struct mark *m)
{
	validate_error(r, m, "invalid %s id '%s': ids start with a letter or "
	    "digit and contain only letters, digits, '.', '_' and '-' "
	    "(at most %d characters)", noun, validate_sym(r, sym), ID_MAX_LEN);
}

static void
resolve_duplicate(struct resolve *r, const char *noun, uint32_t sym,
    const struct mark *m, const struct mark *first)
{
	const char	*file = inventory_file(r->inv, first->file);

	validate_error(r, m, "duplicate %s id '%s' (first defined at %s:%u:%u)",
	    noun, validate_sym(r, sym), file != NULL ? file : "?", first->line,
	    first->column);
}

/* Build inv->index[kind], checking id syntax and uniqueness. */
static void
resolve_index(struct resolve *r, enum entity_kind kind)
{
	struct inventory	*inv = r->inv;
	const struct entity	*e, *prev = NULL;
	uint32_t		*idx, i, n;
	int			 prev_bad = 0, bad;

	idx = xreallocarray(NULL, r->nsym ? r->nsym : 1, sizeof *idx);
	memset(idx, 0xff, (size_t)r->nsym * sizeof *idx);
	free(inv->index[kind]);
	inv->index[kind] = idx;
	n = (uint32_t)inventory_count(inv, kind);
	for (i = 0; i < n; i++) {
		e = inventory_entity(inv, kind, i);
		if (e->id >= r->nsym)
			continue;	/* no id: the loader said so */
		bad = !resolve_id_ok(r, e->id);
		/* One report per written id, not per brace expansion. */
		if (bad && !(prev_bad && mark_eq(&prev->mark, &e->mark)))
			resolve_bad_id(r, kind_noun(kind), e->id, &e->mark);
		prev = e;
		prev_bad = bad;
		if (idx[e->id] == INDEX_NONE)
			idx[e->id] = i;
		else
			resolve_duplicate(r, kind_noun(kind), e->id, &e->mark,
			    &inventory_entity(inv, kind, idx[e->id])->mark);
	}
}

/* Power domains and domains share one namespace for `in` and `fed_by`. */
static void
resolve_shared_ids(struct resolve *r)
{
	const struct inventory	*inv = r->inv;
	const struct domain	*d;
	const char		*file;
	uint32_t		 p;
	size_t			 i;

	for (i = 0; i < inv->ndomains; i++) {
		d = &inv->domains[i];
		if (d->e.id >= r->nsym ||
		    (p = inv->index[KIND_POWER][d->e.id]) == INDEX_NONE ||
		    inv->index[KIND_DOMAIN][d->e.id] != i)
			continue;
		file = inventory_file(inv, inv->power[p].e.mark.file);
		validate_error(r, &d->e.mark, "domain id '%s' is also a power "
		    "domain id (defined at %s:%u:%u); power domains and "
		    "domains share their ids", validate_sym(r, d->e.id),
		    file != NULL ? file : "?", inv->power[p].e.mark.line,
		    inv->power[p].e.mark.column);
	}
}

/* The ids of a kind (REF_FEED: power domains and domains), for "did you
 * mean"; built once. */
static const char **
resolve_ids(struct resolve *r, unsigned kind)
{
	const char	**v;
	size_t		  n = 0, i, cap;
	unsigned	  k;

	if (r->ids[kind] != NULL)
		return r->ids[kind];
	cap = kind == REF_FEED ? r->inv->npower + r->inv->ndomains :
	    inventory_count(r->inv, kind);
	v = xreallocarray(NULL, cap + 1, sizeof *v);
	for (k = 0; k < KIND_COUNT; k++) {
		if (k != kind && !(kind == REF_FEED &&
		    (k == KIND_POWER || k == KIND_DOMAIN)))
			continue;
		for (i = 0; i < inventory_count(r->inv, k); i++)
			if (inventory_entity(r->inv, k, i)->id < r->nsym)
				v[n++] = validate_sym(r,
				    inventory_entity(r->inv, k, i)->id);
	}
	v[n] = NULL;
	return r->ids[kind] = v;
}

/*
 * The id of a kind closest to an unknown one, within a budget of
 * comparisons for the whole resolve (a hostile inventory of dangling
 * references must not take quadratic time); NULL when none is close.
 */
static const char *
resolve_suggest(struct resolve *r, unsigned kind, const char *id)
{
	size_t	n = kind == REF_FEED ? r->inv->npower + r->inv->ndomains :
	    inventory_count(r->inv, kind);

	if (n > r->suggest_budget)
		return NULL;
	r->suggest_budget -= n;
	return suggest_closest(id, strlen(id), resolve_ids(r, kind));
}

static uint32_t
resolve_lookup(const struct resolve *r, unsigned kind, uint32_t sym)
{
	return kind < KIND_COUNT ? r->inv->index[kind][sym] : INDEX_NONE;
}

/* Give the target of an extend entry its own spans, extended. */
static struct span
resolve_append(struct inventory *inv, struct span old, struct span add)
{
	struct span	sp;
	uint32_t	i;

	if (add.n == 0)
		return old;
	XBIGGROW(inv->refs, inv->refs_cap, inv->nrefs + old.n + add.n);
	sp.off = (uint32_t)inv->nrefs;
	sp.n = old.n + add.n;
	for (i = 0; i < old.n; i++)
		inv->refs[inv->nrefs++] = inv->refs[old.off + i];
	for (i = 0; i < add.n; i++)
		inv->refs[inv->nrefs++] = inv->refs[add.off + i];
	return sp;
}

static void
resolve_extension(struct resolve *r, const struct extension *x)
{
	struct inventory	*inv = r->inv;
	const char		*id = validate_sym(r, x->id), *hint;
	uint32_t		 t = x->id < r->nsym ?
	    inv->index[x->kind][x->id] : INDEX_NONE;

	if (t == INDEX_NONE) {
		hint = resolve_suggest(r, x->kind, id);
		validate_error(r, &x->mark, "extend names unknown %s '%s'%s%s%s",
		    kind_noun(x->kind), id, hint != NULL ? "; did you mean '" :
		    "", hint != NULL ? hint : "", hint != NULL ? "'?" : "");
		return;
	}
	switch (x->kind) {
	case KIND_SITE:
		inv->sites[t].in = resolve_append(inv, inv->sites[t].in, x->in);
		break;
	case KIND_POWER:
		inv->power[t].in = resolve_append(inv, inv->power[t].in, x->in);
		inv->power[t].fed_by = resolve_append(inv,
		    inv->power[t].fed_by, x->fed_by);
		break;
	case KIND_DOMAIN:
		inv->domains[t].in = resolve_append(inv, inv->domains[t].in,
		    x->in);
		inv->domains[t].fed_by = resolve_append(inv,
		    inv->domains[t].fed_by, x->fed_by);
		break;
	case KIND_RACK:
		inv->racks[t].in = resolve_append(inv, inv->racks[t].in, x->in);
		break;
	default:
		inv->hosts[t].in = resolve_append(inv, inv->hosts[t].in, x->in);
		break;
	}
}

/* Resolve every reference of the pool in one pass. */
static void
resolve_refs(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct ref		*ref;
	size_t			 i;

	for (i = 0; i < inv->nrefs; i++) {
		ref = &inv->refs[i];
		ref->target = INDEX_NONE;
		if (ref->sym >= r->nsym)
			continue;
		if (ref->kind != REF_FEED) {
			ref->target = resolve_lookup(r, ref->kind, ref->sym);
			continue;
		}
		if ((ref->target = inv->index[KIND_POWER][ref->sym]) !=
		    INDEX_NONE)
			ref->kind = KIND_POWER;
		else if ((ref->target = inv->index[KIND_DOMAIN][ref->sym]) !=
		    INDEX_NONE)
			ref->kind = KIND_DOMAIN;
	}
}

static void
resolve_unknown(struct resolve *r, const struct ref *ref,
    enum entity_kind owner_kind, const struct entity *owner)
{
	const char	*id = validate_sym(r, ref->sym), *hint;
	int		 k;

	/* Name another kind that has the id: a likely mix-up. */
	for (k = 0; k < KIND_COUNT; k++) {
		if (k == ref->kind || r->inv->index[k][ref->sym] == INDEX_NONE ||
		    (ref->kind == REF_FEED &&
		    (k == KIND_POWER || k == KIND_DOMAIN)))
			continue;
		validate_error(r, &ref->mark,
		    "unknown %s '%s' (referenced from %s '%s'); '%s' is a %s",
		    kind_noun(ref->kind), id, kind_noun(owner_kind),
		    validate_sym(r, owner->id), id, kind_noun(k));
		return;
	}
	if ((hint = resolve_suggest(r, ref->kind, id)) != NULL)
		validate_error(r, &ref->mark, "unknown %s '%s' (referenced from "
		    "%s '%s'); did you mean '%s'?", kind_noun(ref->kind), id,
		    kind_noun(owner_kind), validate_sym(r, owner->id), hint);
	else
		validate_error(r, &ref->mark, "unknown %s '%s' (referenced from "
		    "%s '%s')", kind_noun(ref->kind), id, kind_noun(owner_kind),
		    validate_sym(r, owner->id));
}

/*
 * Report the dangling and repeated references of one list, written in
 * field of an entity.  Repeats are found with a stamp per symbol: the
 * references of one list all name one kind (or one namespace), so equal
 * symbols are equal targets.
 */
static void
resolve_span(struct resolve *r, struct span sp, enum entity_kind owner_kind,
    const struct entity *owner, const char *field)
{
	const struct ref	*ref;
	uint32_t		 j, stamp;

	if (sp.n == 0)
		return;
	stamp = validate_stamp(r);
	for (j = 0; j < sp.n; j++) {
		ref = &r->inv->refs[sp.off + j];
		if (ref->sym >= r->nsym || ref->kind > REF_FEED)
			continue;	/* nothing written: the loader said so */
		if (r->stamp[ref->sym] == stamp) {
			validate_error(r, &ref->mark,
			    "%s '%s' listed twice in %s of %s '%s'",
			    kind_noun(ref->kind), validate_sym(r, ref->sym),
			    field, kind_noun(owner_kind),
			    validate_sym(r, owner->id));
			continue;
		}
		r->stamp[ref->sym] = stamp;
		if (ref->target == INDEX_NONE)
			resolve_unknown(r, ref, owner_kind, owner);
	}
}

/* The target of a 0-or-1 reference span, or INDEX_NONE. */
static uint32_t
span_target(const struct inventory *inv, struct span sp)
{
	return sp.n > 0 ? inv->refs[sp.off].target : INDEX_NONE;
}

/* Check a span unless the previous entity (of one brace range) shared it. */
#define CHECK_SPAN(r, prev, x, field, kind, name)			\
	do {								\
		if ((prev) == NULL || !span_eq((prev)->field, (x)->field)) \
			resolve_span((r), (x)->field, (kind), &(x)->e,	\
			    (name));					\
	} while (0)

static void
resolve_sites(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct site		*s, *prev = NULL;
	size_t			 i;

	for (i = 0; i < inv->nsites; i++) {
		s = &inv->sites[i];
		s->region_domain = s->region < r->nsym ?
		    inv->index[KIND_DOMAIN][s->region] : INDEX_NONE;
		if (s->e.id >= r->nsym)
			continue;
		CHECK_SPAN(r, prev, s, in, KIND_SITE, "in");
		prev = s;
	}
}

static void
resolve_power(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct power		*p, *prev = NULL;
	size_t			 i;

	for (i = 0; i < inv->npower; i++) {
		p = &inv->power[i];
		p->site = span_target(inv, p->site_ref);
		if (p->e.id >= r->nsym)
			continue;
		CHECK_SPAN(r, prev, p, site_ref, KIND_POWER, "site");
		CHECK_SPAN(r, prev, p, fed_by, KIND_POWER, "fed_by");
		CHECK_SPAN(r, prev, p, in, KIND_POWER, "in");
		prev = p;
	}
}

static void
resolve_domains(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct domain		*d, *prev = NULL;
	size_t			 i;

	r->is_type = xcalloc(r->nsym ? r->nsym : 1, 1);
	for (i = 0; i < inv->ndomains; i++) {
		d = &inv->domains[i];
		d->site = span_target(inv, d->site_ref);
		if (d->type < r->nsym)
			r->is_type[d->type] = 1;
		if (d->e.id >= r->nsym)
			continue;
		CHECK_SPAN(r, prev, d, site_ref, KIND_DOMAIN, "site");
		CHECK_SPAN(r, prev, d, fed_by, KIND_DOMAIN, "fed_by");
		CHECK_SPAN(r, prev, d, in, KIND_DOMAIN, "in");
		prev = d;
	}
}

static void
resolve_racks(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct rack		*k, *prev = NULL;
	size_t			 i;

	for (i = 0; i < inv->nracks; i++) {
		k = &inv->racks[i];
		k->site = span_target(inv, k->site_ref);
		if (k->e.id >= r->nsym)
			continue;
		if (k->site_ref.n == 0 &&
		    (prev == NULL || !mark_eq(&prev->e.mark, &k->e.mark)))
			validate_error(r, &k->e.mark, "rack '%s' names no site",
			    validate_sym(r, k->e.id));
		CHECK_SPAN(r, prev, k, site_ref, KIND_RACK, "site");
		CHECK_SPAN(r, prev, k, power, KIND_RACK, "power");
		CHECK_SPAN(r, prev, k, in, KIND_RACK, "in");
		prev = k;
	}
}

/* A host's own site, else its rack's. */
static uint32_t
host_place(const struct inventory *inv, const struct host *h)
{
	uint32_t	own = span_target(inv, h->site_ref);

	if (own != INDEX_NONE || h->site_ref.n > 0 || h->rack == INDEX_NONE)
		return own;
	return inv->racks[h->rack].site;
}

static const char *
site_id(const struct resolve *r, uint32_t site)
{
	return validate_sym(r, r->inv->sites[site].e.id);
}

/* The checks of one host that need its rack and the host it runs on. */
static void
resolve_host_checks(struct resolve *r, const struct host *h, int same)
{
	const struct inventory	*inv = r->inv;
	const struct rack	*rack = h->rack != INDEX_NONE ?
	    &inv->racks[h->rack] : NULL;
	const struct host	*on = h->on != INDEX_NONE ?
	    &inv->hosts[h->on] : NULL;
	uint32_t		 own = span_target(inv, h->site_ref);

	if (h->site_ref.n == 0 && h->rack_ref.n == 0 && h->on_ref.n == 0) {
		if (!same)
			validate_error(r, &h->e.mark, "host '%s' names neither "
			    "a site, a rack nor a host it runs on",
			    validate_sym(r, h->e.id));
		return;
	}
	if (same)
		return;
	if (own != INDEX_NONE && rack != NULL && rack->site != INDEX_NONE &&
	    rack->site != own)
		validate_error(r, &inv->refs[h->site_ref.off].mark, "host '%s' "
		    "is in site '%s' but its rack '%s' is in site '%s'",
		    validate_sym(r, h->e.id), site_id(r, own),
		    validate_sym(r, rack->e.id), site_id(r, rack->site));
	own = host_place(inv, h);
	if (on != NULL && own != INDEX_NONE && on->site != INDEX_NONE &&
	    on->site != own)
		validate_error(r, &inv->refs[h->on_ref.off].mark, "host '%s' "
		    "is in site '%s' but the host it runs on, '%s', is in site "
		    "'%s'", validate_sym(r, h->e.id), site_id(r, own),
		    validate_sym(r, on->e.id), site_id(r, on->site));
}

/* Racks must be resolved first: a host takes its rack's site. */
static void
resolve_hosts(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct host		*h, *prev = NULL;
	size_t			 i;
	int			 same;

	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[i];
		h->rack = span_target(inv, h->rack_ref);
		h->on = span_target(inv, h->on_ref);
		h->site = host_place(inv, h);
	}
	validate_graph_host_sites(r);
	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[i];
		if (h->e.id >= r->nsym)
			continue;
		CHECK_SPAN(r, prev, h, site_ref, KIND_HOST, "site");
		CHECK_SPAN(r, prev, h, rack_ref, KIND_HOST, "rack");
		CHECK_SPAN(r, prev, h, on_ref, KIND_HOST, "on");
		CHECK_SPAN(r, prev, h, power, KIND_HOST, "power");
		CHECK_SPAN(r, prev, h, in, KIND_HOST, "in");
		same = prev != NULL && mark_eq(&prev->e.mark, &h->e.mark) &&
		    span_eq(prev->site_ref, h->site_ref) &&
		    span_eq(prev->rack_ref, h->rack_ref) &&
		    span_eq(prev->on_ref, h->on_ref);
		resolve_host_checks(r, h, same);
		prev = h;
	}
}

/* A standby group: its references, min_up, and hosts shared with
 * runs_on. */
static void
resolve_group(struct resolve *r, const struct service *s,
    const struct standby *g)
{
	const struct ref	*ref;
	uint32_t		 j, stamp, n = g->runs_on.n;

	resolve_span(r, g->runs_on, KIND_SERVICE, &s->e, "standby runs_on");
	resolve_span(r, g->via, KIND_SERVICE, &s->e, "via");
	if (g->min_up != 0 && g->min_up > n)
		validate_error(r, &g->min_up_mark, "min_up %u is out of range "
		    "for a standby group of service '%s': it runs on %u host%s",
		    g->min_up, validate_sym(r, s->e.id), n, n == 1 ? "" : "s");
	stamp = validate_stamp(r);
	for (j = 0; j < s->runs_on.n; j++)
		if (r->inv->refs[s->runs_on.off + j].sym < r->nsym)
			r->stamp[r->inv->refs[s->runs_on.off + j].sym] = stamp;
	for (j = 0; j < n; j++) {
		ref = &r->inv->refs[g->runs_on.off + j];
		if (ref->sym < r->nsym && r->stamp[ref->sym] == stamp)
			validate_error(r, &ref->mark, "host '%s' is both in "
			    "runs_on and in a standby group of service '%s'",
			    validate_sym(r, ref->sym), validate_sym(r, s->e.id));
	}
}

/* A via tool must not be the service it fails over. */
static void
resolve_via_self(struct resolve *r, const struct service *s, uint32_t self)
{
	const struct standby	*g;
	const struct ref	*ref;
	uint32_t		 i, j;

	for (i = 0; i < s->nstandby; i++) {
		g = &r->inv->standbys[s->standby_off + i];
		for (j = 0; j < g->via.n; j++) {
			ref = &r->inv->refs[g->via.off + j];
			if (ref->target == self)
				validate_error(r, &ref->mark, "service '%s' "
				    "names itself in 'via' of its standby "
				    "group", validate_sym(r, s->e.id));
		}
	}
}

static void
resolve_service_checks(struct resolve *r, const struct service *s)
{
	uint32_t	n = s->runs_on.n, i;

	if (n == 0 && s->kind != SERVICE_EXTERNAL)
		validate_error(r, &s->e.mark, "service '%s' has no runs_on; "
		    "only kind external may run nowhere",
		    validate_sym(r, s->e.id));
	if (s->min_up != 0 && s->min_up > n)
		validate_error(r, &s->min_up_mark, "min_up %u is out of range "
		    "for service '%s': it runs on %u host%s", s->min_up,
		    validate_sym(r, s->e.id), n, n == 1 ? "" : "s");
	for (i = 0; i < s->nstandby; i++)
		resolve_group(r, s, &r->inv->standbys[s->standby_off + i]);
}

static void
resolve_services(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct service		*s, *prev = NULL;
	size_t			 i;
	int			 first;

	for (i = 0; i < inv->nservices; i++) {
		s = &inv->services[i];
		if (s->e.id >= r->nsym)
			continue;
		first = prev == NULL || !mark_eq(&prev->e.mark, &s->e.mark);
		CHECK_SPAN(r, prev, s, runs_on, KIND_SERVICE, "runs_on");
		CHECK_SPAN(r, prev, s, depends_on, KIND_SERVICE, "depends_on");
		CHECK_SPAN(r, prev, s, recovery, KIND_SERVICE, "recovery");
		if (first)
			resolve_service_checks(r, s);
		resolve_via_self(r, s, (uint32_t)i);
		prev = s;
	}
}

/* The closest policy or rule id to name, if close enough; else NULL. */
static const char *
resolve_suggest_policy(struct resolve *r, const char *name)
{
	const char	**list, *best;
	size_t		  i, n = 0, nrules;

	nrules = sizeof builtin_rules / sizeof *builtin_rules;
	list = xreallocarray(NULL, r->inv->npolicies + nrules + 1,
	    sizeof *list);
	for (i = 0; i < r->inv->npolicies; i++)
		if (r->inv->policies[i].id < r->nsym)
			list[n++] = validate_sym(r, r->inv->policies[i].id);
	for (i = 0; i < nrules; i++)
		list[n++] = builtin_rules[i];
	list[n] = NULL;
	best = suggest_closest(name, strlen(name), list);
	free(list);
	return best;
}

/*
 * Compile a regex to check it.  The error is reported at the character
 * PCRE2 rejects when the regex is verbatim in the file (m its first
 * character), else at the regex.
 */
static void
resolve_regex(struct resolve *r, const char *src, const struct mark *m,
    int verbatim)
{
	struct pattern	*pat;
	struct mark	 at = *m;
	char		 err[256];
	size_t		 off, i;

	if ((pat = pattern_compile(src, err, sizeof err, &off)) != NULL) {
		pattern_free(pat);
		return;
	}
	if (verbatim)
		for (i = 0; i < off && src[i] != '\0'; i++)
			at.column += ((unsigned char)src[i] & 0xc0) != 0x80;
	validate_error(r, &at, "invalid regex '%s': %s", src, err);
}

/* The failure kinds and the declared domain types, for "did you mean". */
static const char **
resolve_survive_words(struct resolve *r)
{
	const char	**v;
	uint32_t	  stamp = validate_stamp(r), t;
	size_t		  n = 0, i;
	int		  k;

	v = xreallocarray(NULL, r->inv->ndomains + KIND_COUNT + 1, sizeof *v);
	for (k = KIND_SITE; k <= KIND_HOST; k++)
		v[n++] = inventory_kind_name(k);
	for (i = 0; i < r->inv->ndomains; i++) {
		t = r->inv->domains[i].type;
		if (t >= r->nsym || r->stamp[t] == stamp)
			continue;
		r->stamp[t] = stamp;
		v[n++] = validate_sym(r, t);
	}
	v[n] = NULL;
	return v;
}

/* survive: words that are no failure kind must be declared domain types. */
static void
resolve_survive(struct resolve *r, const struct policy *p,
    const char ***words)
{
	const char	*w, *hint;
	size_t		 i, n = r->inv->ndomains + KIND_COUNT;

	for (i = 0; i < p->nsurvive_types; i++) {
		if (p->survive_types[i] < r->nsym &&
		    r->is_type[p->survive_types[i]])
			continue;
		w = validate_sym(r, p->survive_types[i]);
		if (*words == NULL)
			*words = resolve_survive_words(r);
		hint = NULL;
		if (n <= r->suggest_budget) {
			r->suggest_budget -= n;
			hint = suggest_closest(w, strlen(w), *words);
		}
		validate_error(r, &p->survive_marks[i], "unknown survive kind "
		    "'%s': neither a failure kind (site, power, domain, rack, "
		    "host) nor a declared domain type%s%s%s", w,
		    hint != NULL ? "; did you mean '" : "",
		    hint != NULL ? hint : "", hint != NULL ? "'?" : "");
	}
}

static void
resolve_policies(struct resolve *r)
{
	const char	**words = NULL;
	struct inventory	*inv = r->inv;
	const struct policy	*p;
	uint32_t		 i;

	r->policy_index = xreallocarray(NULL, r->nsym ? r->nsym : 1,
	    sizeof *r->policy_index);
	memset(r->policy_index, 0xff, (size_t)r->nsym * sizeof *r->policy_index);
	for (i = 0; i < inv->npolicies; i++) {
		p = &inv->policies[i];
		if (p->id_regex != NULL)
			resolve_regex(r, p->id_regex, &p->id_regex_mark,
			    p->id_regex_verbatim);
		resolve_survive(r, p, &words);
		if (p->id >= r->nsym)
			continue;
		if (!resolve_id_ok(r, p->id))
			resolve_bad_id(r, "policy", p->id, &p->mark);
		if (r->policy_index[p->id] == INDEX_NONE)
			r->policy_index[p->id] = i;
		else
			resolve_duplicate(r, "policy", p->id, &p->mark,
			    &inv->policies[r->policy_index[p->id]].mark);
	}
	free(words);
}

static int
is_builtin_rule(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof builtin_rules / sizeof *builtin_rules; i++)
		if (strcmp(name, builtin_rules[i]) == 0)
			return 1;
	return 0;
}

static int
is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Policies must be resolved first: waivers name them. */
static void
resolve_waivers(struct resolve *r)
{
	const struct waiver	*w;
	const char		*name, *hint;
	size_t			 i;

	for (i = 0; i < r->inv->nwaivers; i++) {
		w = &r->inv->waivers[i];
		if (w->policy >= r->nsym) {
			validate_error(r, &w->mark, "waiver names no policy");
			name = "?";
		} else {
			name = validate_sym(r, w->policy);
			if (r->policy_index[w->policy] == INDEX_NONE &&
			    !is_builtin_rule(name)) {
				if ((hint = resolve_suggest_policy(r, name)) !=
				    NULL)
					validate_error(r, &w->policy_mark,
					    "waiver names unknown policy '%s'; "
					    "did you mean '%s'?", name, hint);
				else
					validate_error(r, &w->policy_mark,
					    "waiver names unknown policy '%s'",
					    name);
			}
		}
		if (w->service_regex == NULL)
			validate_error(r, &w->mark, "waiver of '%s' names no "
			    "service", name);
		else
			resolve_regex(r, w->service_regex, &w->service_mark,
			    w->service_regex_verbatim);
		if ((w->reason == NULL || is_blank(w->reason)) &&
		    w->expires == INT32_MIN)
			validate_error(r, &w->mark, "waiver of '%s' never "
			    "expires and gives no reason; 'expires: never' "
			    "needs a reason", name);
		else if (w->reason == NULL || is_blank(w->reason))
			validate_error(r, &w->mark, "waiver of '%s' gives no "
			    "reason", name);
	}
}

int
inventory_resolve(struct inventory *inv, struct diag_list *dl)
{
	struct resolve	r;
	size_t		i;
	int		k;

	memset(&r, 0, sizeof r);
	r.inv = inv;
	r.dl = dl;
	r.suggest_budget = SUGGEST_BUDGET;
	r.nsym = symtab_count(inv->syms);
	r.idstate = xcalloc(r.nsym ? r.nsym : 1, sizeof *r.idstate);
	r.stamp = xcalloc(r.nsym ? r.nsym : 1, sizeof *r.stamp);

	inv->index_len = r.nsym;
	for (k = 0; k < KIND_COUNT; k++)
		resolve_index(&r, (enum entity_kind)k);
	resolve_shared_ids(&r);
	for (i = 0; i < inv->nextensions; i++)
		resolve_extension(&r, &inv->extensions[i]);
	resolve_refs(&r);
	resolve_sites(&r);
	resolve_power(&r);
	resolve_domains(&r);
	resolve_racks(&r);
	resolve_hosts(&r);
	resolve_services(&r);
	validate_graph_cycles(&r);
	resolve_policies(&r);
	resolve_waivers(&r);

	for (k = 0; k <= KIND_COUNT; k++)
		free(r.ids[k]);
	free(r.is_type);
	free(r.policy_index);
	free(r.stamp);
	free(r.idstate);
	return r.errors == 0 ? 0 : -1;
}
