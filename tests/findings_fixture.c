/*
 * findings_fixture.c -- in-memory inventories for the findings and output
 * suites (see findings_fixture.h).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "findings_fixture.h"
#include "xalloc.h"

static struct mark
fx_mark(unsigned line)
{
	struct mark	m;

	m.file = 0;
	m.line = line;
	m.column = 9;
	return m;
}

static uint32_t
fx_sym(struct inventory *inv, const char *s)
{
	return inventory_intern(inv, s, strlen(s));
}

/* References of a kind from a space-separated list ("~x": soft). */
static struct span
fx_refs(struct inventory *inv, enum entity_kind kind, const char *list,
    unsigned line)
{
	uint32_t	syms[64];
	struct mark	marks[64];
	uint8_t		soft[64];
	size_t		n = 0, len;
	const char	*p = list != NULL ? list : "";

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		soft[n] = *p == '~';
		if (soft[n])
			p++;
		len = strcspn(p, " ");
		syms[n] = inventory_intern(inv, p, len);
		marks[n] = fx_mark(line);
		n++;
		p += len;
	}
	return inventory_add_refs(inv, kind, syms, marks, soft, n);
}

struct inventory *
fx_create(void)
{
	struct inventory	*inv;

	inv = inventory_create();
	inventory_add_file(inv, "inventory.yaml");
	return inv;
}

void
fx_site(struct inventory *inv, const char *id, unsigned line)
{
	struct site	*s = inventory_add_site(inv);

	s->e.id = fx_sym(inv, id);
	s->e.mark = fx_mark(line);
}

void
fx_power(struct inventory *inv, const char *id, const char *site,
    const char *fed_by, unsigned line)
{
	struct span	 site_ref, fed;
	struct power	*p;

	site_ref = fx_refs(inv, KIND_SITE, site, line + 1);
	fed = fx_refs(inv, KIND_POWER, fed_by, line + 2);
	p = inventory_add_power(inv);
	p->e.id = fx_sym(inv, id);
	p->e.mark = fx_mark(line);
	p->site_ref = site_ref;
	p->fed_by = fed;
}

void
fx_rack(struct inventory *inv, const char *id, const char *site,
    const char *power, unsigned line)
{
	struct span	 site_ref, pw;
	struct rack	*r;

	site_ref = fx_refs(inv, KIND_SITE, site, line + 1);
	pw = fx_refs(inv, KIND_POWER, power, line + 2);
	r = inventory_add_rack(inv);
	r->e.id = fx_sym(inv, id);
	r->e.mark = fx_mark(line);
	r->site_ref = site_ref;
	r->power = pw;
}

void
fx_host(struct inventory *inv, const char *id, const char *site,
    const char *rack, const char *power, unsigned line)
{
	struct span	 site_ref, rack_ref, pw;
	struct host	*h;

	site_ref = fx_refs(inv, KIND_SITE, site, line + 1);
	rack_ref = fx_refs(inv, KIND_RACK, rack, line + 1);
	pw = fx_refs(inv, KIND_POWER, power, line + 2);
	h = inventory_add_host(inv);
	h->e.id = fx_sym(inv, id);
	h->e.mark = fx_mark(line);
	h->site_ref = site_ref;
	h->rack_ref = rack_ref;
	h->power = pw;
}

struct service *
fx_service(struct inventory *inv, const char *id, enum service_kind kind,
    unsigned tier, const char *runs_on, unsigned min_up,
    const char *depends_on, const char *recovery, unsigned line)
{
	struct span	 runs, deps, rec;
	struct service	*s;

	runs = fx_refs(inv, KIND_HOST, runs_on, line + 3);
	deps = fx_refs(inv, KIND_SERVICE, depends_on, line + 4);
	rec = fx_refs(inv, KIND_SERVICE, recovery, line + 5);
	s = inventory_add_service(inv);
	s->e.id = fx_sym(inv, id);
	s->e.mark = fx_mark(line);
	s->kind = kind;
	s->tier = (uint8_t)tier;
	s->runs_on = runs;
	s->min_up = min_up;
	s->depends_on = deps;
	s->recovery = rec;
	return s;
}

struct policy *
fx_policy(struct inventory *inv, const char *id, unsigned line)
{
	struct policy	*p;

	inv->has_policies = 1;
	p = inventory_add_policy(inv);
	p->id = fx_sym(inv, id);
	p->mark = fx_mark(line);
	p->survive = (1u << KIND_SITE) | (1u << KIND_POWER) |
	    (1u << KIND_RACK) | (1u << KIND_HOST);
	p->severity = SEVERITY_ERROR;
	return p;
}

struct waiver *
fx_waiver(struct inventory *inv, const char *policy,
    const char *service_regex, const char *reason, int32_t expires,
    unsigned line)
{
	struct waiver	*w;

	w = inventory_add_waiver(inv);
	w->mark = fx_mark(line);
	w->policy = fx_sym(inv, policy);
	w->policy_mark = fx_mark(line);
	w->service_regex = xstrdup(service_regex);
	w->service_mark = fx_mark(line + 1);
	w->reason = xstrdup(reason);
	w->expires = expires;
	w->expires_mark = fx_mark(line + 3);
	return w;
}

struct analysis *
fx_analyse(struct inventory *inv)
{
	struct diag_list	 dl;
	struct analysis		*a;

	diag_list_init(&dl);
	ck_assert_msg(inventory_resolve(inv, &dl) == 0, "resolve: %u:%u: %s",
	    dl.n > 0 ? dl.v[0].line : 0, dl.n > 0 ? dl.v[0].column : 0,
	    dl.n > 0 ? dl.v[0].message : "");
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(dl.n, 0);
	diag_list_free(&dl);
	return a;
}

struct inventory *
fx_quorum_and_power(void)
{
	struct inventory	*inv = fx_create();

	fx_site(inv, "north", 5);
	fx_site(inv, "south", 6);
	fx_site(inv, "east", 7);
	fx_power(inv, "grid", NULL, NULL, 9);
	fx_power(inv, "north-util", "north", "grid", 10);
	fx_power(inv, "north-gen", "north", NULL, 13);
	fx_power(inv, "north-ups", "north", "north-util north-gen", 15);
	fx_power(inv, "south-util", "south", "grid", 18);
	fx_power(inv, "south-ups", "south", "south-util", 21);
	fx_power(inv, "east-ups", "east", NULL, 24);
	fx_rack(inv, "n-r1", "north", "north-ups", 27);
	fx_rack(inv, "s-r1", "south", "south-ups", 30);
	fx_host(inv, "n-1", NULL, "n-r1", NULL, 34);
	fx_host(inv, "n-2", NULL, "n-r1", NULL, 34);
	fx_host(inv, "n-3", NULL, "n-r1", NULL, 34);
	fx_host(inv, "s-1", NULL, "s-r1", NULL, 36);
	fx_host(inv, "s-2", NULL, "s-r1", NULL, 36);
	fx_host(inv, "s-3", NULL, "s-r1", NULL, 36);
	fx_host(inv, "e-1", "east", NULL, "east-ups", 38);
	fx_host(inv, "e-2", "east", NULL, NULL, 41);
	fx_service(inv, "quorum", SERVICE_DATA, 1, "n-1 s-1 e-1", 2, NULL,
	    NULL, 44);
	fx_service(inv, "quorum-tight", SERVICE_DATA, 1, "n-2 s-2 e-2", 3,
	    NULL, NULL, 49);
	fx_service(inv, "pair", SERVICE_APP, 2, "n-3 s-3", 0, NULL, NULL, 54);
	fx_service(inv, "web", SERVICE_APP, 1, "n-1 s-1", 0,
	    "quorum-tight ~search", "deploy", 58);
	fx_service(inv, "search", SERVICE_APP, 3, "s-2 s-3", 0, NULL, NULL,
	    64);
	fx_service(inv, "deploy", SERVICE_TOOL, 3, "n-3 e-2", 0, "search",
	    NULL, 68);
	fx_service(inv, "a", SERVICE_PLATFORM, 3, "n-2 s-2", 0, "b", NULL, 73);
	fx_service(inv, "b", SERVICE_PLATFORM, 3, "e-1 e-2", 0, "a", NULL, 77);
	fx_service(inv, "saas", SERVICE_EXTERNAL, 3, NULL, 0, NULL, NULL, 81);
	return inv;
}
