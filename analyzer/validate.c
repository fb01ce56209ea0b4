/*
 * validate.c -- inventory_resolve(): turn the loader's reference symbols
 * into entity indices and enforce the rules of DESIGN §2 that need the
 * whole inventory: id syntax, unique ids, existing references, no
 * reference listed twice, host placement, min_up, fed_by cycles, runs_on,
 * policies and waivers.
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
#include "xalloc.h"

#define ID_MAX_LEN	128

/* Per-symbol id check results. */
#define ID_UNCHECKED	0
#define ID_VALID	1
#define ID_INVALID	2

/* Colours of the fed_by depth-first search. */
#define DFS_WHITE	0
#define DFS_GREY	1
#define DFS_BLACK	2

struct resolve {
	struct inventory	*inv;
	struct diag_list	*dl;
	uint32_t		 nsym;
	uint8_t			*idstate;	/* per symbol: ID_* */
	uint32_t		*stamp;		/* per symbol: last list seen in */
	uint32_t		 curstamp;
	uint32_t		*policy_index;	/* per symbol: policy or NONE */
	size_t			 errors;
};

/* A growing string, for messages of unbounded length (cycles). */
struct msgbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/* "site", "power domain", ... */
static const char *
kind_noun(enum entity_kind kind)
{
	return inventory_kind_noun(kind, 1);
}

static const char *builtin_rules[] = {
	"spof", "single-site-tool", "recovery-blocked", "cycle",
	"tier-inversion"
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

static void
msgbuf_add(struct msgbuf *mb, const char *s)
{
	size_t	len = strlen(s);

	XGROW(mb->s, mb->cap, mb->len + len + 1);
	memcpy(mb->s + mb->len, s, len + 1);
	mb->len += len;
}

static void
resolve_error(struct resolve *r, const struct mark *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
resolve_error(struct resolve *r, const struct mark *m, const char *fmt, ...)
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

static const char *
sym_str(const struct resolve *r, uint32_t sym)
{
	return symtab_str(r->inv->syms, sym);
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
	resolve_error(r, m, "invalid %s id '%s': ids start with a letter or "
	    "digit and contain only letters, digits, '.', '_' and '-' "
	    "(at most %d characters)", noun, sym_str(r, sym), ID_MAX_LEN);
}

static void
resolve_duplicate(struct resolve *r, const char *noun, uint32_t sym,
    const struct mark *m, const struct mark *first)
{
	const char	*file = inventory_file(r->inv, first->file);

	resolve_error(r, m, "duplicate %s id '%s' (first defined at %s:%u:%u)",
	    noun, sym_str(r, sym), file != NULL ? file : "?", first->line,
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

/* Resolve every reference of the pool in one pass. */
static void
resolve_refs(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct ref		*ref;
	size_t			 i;

	for (i = 0; i < inv->nrefs; i++) {
		ref = &inv->refs[i];
		if (ref->sym < r->nsym && ref->kind < KIND_COUNT)
			ref->target = inv->index[ref->kind][ref->sym];
		else
			ref->target = INDEX_NONE;
	}
}

static void
resolve_unknown(struct resolve *r, const struct ref *ref,
    enum entity_kind owner_kind, const struct entity *owner)
{
	const char	*id = sym_str(r, ref->sym);
	int		 k;

	/* Name another kind that has the id: a likely mix-up. */
	for (k = 0; k < KIND_COUNT; k++) {
		if (k == ref->kind || r->inv->index[k][ref->sym] == INDEX_NONE)
			continue;
		resolve_error(r, &ref->mark,
		    "unknown %s '%s' (referenced from %s '%s'); '%s' is a %s",
		    kind_noun(ref->kind), id, kind_noun(owner_kind),
		    sym_str(r, owner->id), id, kind_noun(k));
		return;
	}
	resolve_error(r, &ref->mark, "unknown %s '%s' (referenced from %s '%s')",
	    kind_noun(ref->kind), id, kind_noun(owner_kind),
	    sym_str(r, owner->id));
}

/*
 * Report the dangling and repeated references of one list, written in
 * field of an entity.  Repeats are found with a stamp per symbol: the
 * references of one list all name one kind, so equal symbols are equal
 * targets.
 */
static void
resolve_span(struct resolve *r, struct span sp, enum entity_kind owner_kind,
    const struct entity *owner, const char *field)
{
	const struct ref	*ref;
	uint32_t		 j;

	if (sp.n == 0)
		return;
	if (++r->curstamp == 0) {
		memset(r->stamp, 0, (size_t)r->nsym * sizeof *r->stamp);
		r->curstamp = 1;
	}
	for (j = 0; j < sp.n; j++) {
		ref = &r->inv->refs[sp.off + j];
		if (ref->sym >= r->nsym || ref->kind >= KIND_COUNT)
			continue;	/* nothing written: the loader said so */
		if (r->stamp[ref->sym] == r->curstamp) {
			resolve_error(r, &ref->mark,
			    "%s '%s' listed twice in %s of %s '%s'",
			    kind_noun(ref->kind), sym_str(r, ref->sym), field,
			    kind_noun(owner_kind), sym_str(r, owner->id));
			continue;
		}
		r->stamp[ref->sym] = r->curstamp;
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
		if (prev == NULL || !span_eq(prev->site_ref, p->site_ref))
			resolve_span(r, p->site_ref, KIND_POWER, &p->e, "site");
		if (prev == NULL || !span_eq(prev->fed_by, p->fed_by))
			resolve_span(r, p->fed_by, KIND_POWER, &p->e, "fed_by");
		prev = p;
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
			resolve_error(r, &k->e.mark, "rack '%s' names no site",
			    sym_str(r, k->e.id));
		if (prev == NULL || !span_eq(prev->site_ref, k->site_ref))
			resolve_span(r, k->site_ref, KIND_RACK, &k->e, "site");
		if (prev == NULL || !span_eq(prev->power, k->power))
			resolve_span(r, k->power, KIND_RACK, &k->e, "power");
		prev = k;
	}
}

/* Racks must be resolved first: a host takes its rack's site. */
static void
resolve_hosts(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct host		*h, *prev = NULL;
	const struct rack	*rack;
	uint32_t		 own;
	size_t			 i;
	int			 same_refs;

	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[i];
		h->rack = span_target(inv, h->rack_ref);
		rack = h->rack != INDEX_NONE ? &inv->racks[h->rack] : NULL;
		own = span_target(inv, h->site_ref);
		h->site = own != INDEX_NONE ? own :
		    rack != NULL && h->site_ref.n == 0 ? rack->site : INDEX_NONE;
		if (h->e.id >= r->nsym)
			continue;
		same_refs = prev != NULL &&
		    span_eq(prev->site_ref, h->site_ref) &&
		    span_eq(prev->rack_ref, h->rack_ref);
		if (prev == NULL || !span_eq(prev->site_ref, h->site_ref))
			resolve_span(r, h->site_ref, KIND_HOST, &h->e, "site");
		if (prev == NULL || !span_eq(prev->rack_ref, h->rack_ref))
			resolve_span(r, h->rack_ref, KIND_HOST, &h->e, "rack");
		if (prev == NULL || !span_eq(prev->power, h->power))
			resolve_span(r, h->power, KIND_HOST, &h->e, "power");
		if (h->site_ref.n == 0 && h->rack_ref.n == 0) {
			if (prev == NULL || !mark_eq(&prev->e.mark, &h->e.mark))
				resolve_error(r, &h->e.mark,
				    "host '%s' names neither a site nor a rack",
				    sym_str(r, h->e.id));
		} else if (own != INDEX_NONE && rack != NULL &&
		    rack->site != INDEX_NONE && rack->site != own &&
		    !same_refs) {
			resolve_error(r, &inv->refs[h->site_ref.off].mark,
			    "host '%s' is in site '%s' but its rack '%s' is in "
			    "site '%s'", sym_str(r, h->e.id),
			    sym_str(r, inv->sites[own].e.id),
			    sym_str(r, rack->e.id),
			    sym_str(r, inv->sites[rack->site].e.id));
		}
		prev = h;
	}
}

static void
resolve_services(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	struct service		*s, *prev = NULL;
	uint32_t		 n;
	size_t			 i;
	int			 first;

	for (i = 0; i < inv->nservices; i++) {
		s = &inv->services[i];
		if (s->e.id >= r->nsym)
			continue;
		first = prev == NULL || !mark_eq(&prev->e.mark, &s->e.mark);
		if (prev == NULL || !span_eq(prev->runs_on, s->runs_on))
			resolve_span(r, s->runs_on, KIND_SERVICE, &s->e,
			    "runs_on");
		if (prev == NULL || !span_eq(prev->depends_on, s->depends_on))
			resolve_span(r, s->depends_on, KIND_SERVICE, &s->e,
			    "depends_on");
		if (prev == NULL || !span_eq(prev->recovery, s->recovery))
			resolve_span(r, s->recovery, KIND_SERVICE, &s->e,
			    "recovery");
		prev = s;
		if (!first)
			continue;
		n = s->runs_on.n;
		if (n == 0 && s->kind != SERVICE_EXTERNAL)
			resolve_error(r, &s->e.mark, "service '%s' has no "
			    "runs_on; only kind external may run nowhere",
			    sym_str(r, s->e.id));
		if (s->min_up != 0 && s->min_up > n)
			resolve_error(r, &s->min_up_mark, "min_up %u is out of "
			    "range for service '%s': it runs on %u host%s",
			    s->min_up, sym_str(r, s->e.id), n,
			    n == 1 ? "" : "s");
	}
}

static void
resolve_cycle_report(struct resolve *r, const uint32_t *nodes,
    const uint32_t *pos, size_t from, size_t depth, uint32_t closing)
{
	struct inventory	*inv = r->inv;
	const struct power	*first = &inv->power[nodes[from]];
	const struct ref	*ref;
	struct msgbuf		 mb = { NULL, 0, 0 };
	size_t			 k;

	for (k = from; k < depth; k++) {
		msgbuf_add(&mb, sym_str(r, inv->power[nodes[k]].e.id));
		msgbuf_add(&mb, " -> ");
	}
	msgbuf_add(&mb, sym_str(r, inv->power[closing].e.id));
	/* The first domain's reference into the cycle (pos is one past). */
	ref = &inv->refs[first->fed_by.off + pos[from] - 1];
	resolve_error(r, &ref->mark, "power domains form a fed_by cycle: %s",
	    mb.s);
	free(mb.s);
}

/*
 * Find fed_by cycles with an iterative three-colour depth-first search;
 * each back edge closes one cycle, reported once.
 */
static void
resolve_fed_by_cycles(struct resolve *r)
{
	struct inventory	*inv = r->inv;
	const struct power	*p;
	const struct ref	*ref;
	uint8_t			*colour;
	uint32_t		*nodes, *pos, *depth_of, root, v, t;
	size_t			 depth;

	if (inv->npower == 0)
		return;
	colour = xcalloc(inv->npower, sizeof *colour);
	nodes = xreallocarray(NULL, inv->npower, sizeof *nodes);
	pos = xreallocarray(NULL, inv->npower, sizeof *pos);
	depth_of = xreallocarray(NULL, inv->npower, sizeof *depth_of);
	for (root = 0; root < inv->npower; root++) {
		if (colour[root] != DFS_WHITE)
			continue;
		colour[root] = DFS_GREY;
		nodes[0] = root;
		pos[0] = 0;
		depth_of[root] = 0;
		depth = 1;
		while (depth > 0) {
			v = nodes[depth - 1];
			p = &inv->power[v];
			if (pos[depth - 1] == p->fed_by.n) {
				colour[v] = DFS_BLACK;
				depth--;
				continue;
			}
			ref = &inv->refs[p->fed_by.off + pos[depth - 1]++];
			if ((t = ref->target) == INDEX_NONE)
				continue;
			if (colour[t] == DFS_WHITE) {
				colour[t] = DFS_GREY;
				depth_of[t] = (uint32_t)depth;
				nodes[depth] = t;
				pos[depth] = 0;
				depth++;
			} else if (colour[t] == DFS_GREY)
				resolve_cycle_report(r, nodes, pos,
				    depth_of[t], depth, t);
		}
	}
	free(depth_of);
	free(pos);
	free(nodes);
	free(colour);
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
			list[n++] = sym_str(r, r->inv->policies[i].id);
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
	resolve_error(r, &at, "invalid regex '%s': %s", src, err);
}

static void
resolve_policies(struct resolve *r)
{
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
			resolve_error(r, &w->mark, "waiver names no policy");
			name = "?";
		} else {
			name = sym_str(r, w->policy);
			if (r->policy_index[w->policy] == INDEX_NONE &&
			    !is_builtin_rule(name)) {
				if ((hint = resolve_suggest_policy(r, name)) !=
				    NULL)
					resolve_error(r, &w->policy_mark,
					    "waiver names unknown policy '%s'; "
					    "did you mean '%s'?", name, hint);
				else
					resolve_error(r, &w->policy_mark,
					    "waiver names unknown policy '%s'",
					    name);
			}
		}
		if (w->service_regex == NULL)
			resolve_error(r, &w->mark, "waiver of '%s' names no "
			    "service", name);
		else
			resolve_regex(r, w->service_regex, &w->service_mark,
			    w->service_regex_verbatim);
		if (w->reason == NULL || is_blank(w->reason))
			resolve_error(r, &w->mark, "waiver of '%s' gives no "
			    "reason", name);
	}
}

int
inventory_resolve(struct inventory *inv, struct diag_list *dl)
{
	struct resolve	r;
	int		k;

	memset(&r, 0, sizeof r);
	r.inv = inv;
	r.dl = dl;
	r.nsym = symtab_count(inv->syms);
	r.idstate = xcalloc(r.nsym ? r.nsym : 1, sizeof *r.idstate);
	r.stamp = xcalloc(r.nsym ? r.nsym : 1, sizeof *r.stamp);

	inv->index_len = r.nsym;
	for (k = 0; k < KIND_COUNT; k++)
		resolve_index(&r, (enum entity_kind)k);
	resolve_refs(&r);
	resolve_power(&r);
	resolve_racks(&r);
	resolve_hosts(&r);
	resolve_services(&r);
	resolve_fed_by_cycles(&r);
	resolve_policies(&r);
	resolve_waivers(&r);

	free(r.policy_index);
	free(r.stamp);
	free(r.idstate);
	return r.errors == 0 ? 0 : -1;
}
