/*
 * ldschema_entities.c -- appending the entities of an inventory file:
 * sites, power domains, domains, racks, hosts and services (once per name
 * their id's brace ranges expand to, sharing their reference spans), the
 * standby groups of a service, and extend entries.
 */
#include <stdlib.h>
#include <string.h>

#include "brace.h"
#include "ldschema_priv.h"
#include "loader.h"
#include "xalloc.h"

static struct span
ld_span(struct ldschema *ld, enum ref_slot slot, enum entity_kind kind)
{
	return ldschema_span(ld, &ld->e.refs[slot], kind);
}

/* Append a copy of the template entity under an id. */
static void
ld_entity_add(struct ldschema *ld, uint32_t sym)
{
	struct entity	*head;

	switch (ld->e.sec) {
	case SEC_SITES:
		*inventory_add_site(ld->inv) = ld->tmpl.site;
		head = &ld->inv->sites[ld->inv->nsites - 1].e;
		break;
	case SEC_POWER:
		*inventory_add_power(ld->inv) = ld->tmpl.power;
		head = &ld->inv->power[ld->inv->npower - 1].e;
		break;
	case SEC_DOMAINS:
		*inventory_add_domain(ld->inv) = ld->tmpl.domain;
		head = &ld->inv->domains[ld->inv->ndomains - 1].e;
		break;
	case SEC_RACKS:
		*inventory_add_rack(ld->inv) = ld->tmpl.rack;
		head = &ld->inv->racks[ld->inv->nracks - 1].e;
		break;
	case SEC_HOSTS:
		*inventory_add_host(ld->inv) = ld->tmpl.host;
		head = &ld->inv->hosts[ld->inv->nhosts - 1].e;
		break;
	default:
		*inventory_add_service(ld->inv) = ld->tmpl.service;
		head = &ld->inv->services[ld->inv->nservices - 1].e;
		break;
	}
	head->id = sym;
}

static void
ld_entity_cb(void *arg, const char *s, size_t len)
{
	struct ldschema	*ld = arg;

	ld_entity_add(ld, inventory_intern(ld->inv, s, len));
}

static void
ld_site_tmpl(struct ldschema *ld, struct site *s)
{
	s->region = ld->e.sym[Y_REGION];
	s->region_mark = ld->e.sym_mark[Y_REGION];
	s->in = ld_span(ld, R_IN, REF_FEED);
	s->region_domain = INDEX_NONE;
}

static void
ld_power_tmpl(struct ldschema *ld, struct power *p)
{
	p->site_ref = ld_span(ld, R_SITE, KIND_SITE);
	p->fed_by = ld_span(ld, R_FED_BY, REF_FEED);
	p->in = ld_span(ld, R_IN, REF_FEED);
	p->site = INDEX_NONE;
}

static void
ld_domain_tmpl(struct ldschema *ld, struct domain *d)
{
	d->type = ld->e.sym[Y_TYPE];
	d->type_mark = ld->e.sym_mark[Y_TYPE];
	d->site_ref = ld_span(ld, R_SITE, KIND_SITE);
	d->fed_by = ld_span(ld, R_FED_BY, REF_FEED);
	d->in = ld_span(ld, R_IN, REF_FEED);
	d->site = INDEX_NONE;
}

static void
ld_rack_tmpl(struct ldschema *ld, struct rack *r)
{
	r->site_ref = ld_span(ld, R_SITE, KIND_SITE);
	r->power = ld_span(ld, R_POWER, KIND_POWER);
	r->in = ld_span(ld, R_IN, REF_FEED);
	r->site = INDEX_NONE;
}

static void
ld_host_tmpl(struct ldschema *ld, struct host *h)
{
	h->site_ref = ld_span(ld, R_SITE, KIND_SITE);
	h->rack_ref = ld_span(ld, R_RACK, KIND_RACK);
	h->on_ref = ld_span(ld, R_ON, KIND_HOST);
	h->power = ld_span(ld, R_POWER, KIND_POWER);
	h->in = ld_span(ld, R_IN, REF_FEED);
	h->site = h->rack = h->on = INDEX_NONE;
}

/* Append the standby groups read for the service entry. */
static void
ld_groups_add(struct ldschema *ld, struct service *s)
{
	const struct reflist	*gr = &ld->groups_refs;
	const struct group	*g;
	struct standby		*sb;
	size_t			 i;

	s->standby_off = (uint32_t)ld->inv->nstandbys;
	s->nstandby = (uint32_t)ld->ngroups;
	for (i = 0; i < ld->ngroups; i++) {
		g = &ld->groups[i];
		sb = inventory_add_standby(ld->inv);
		sb->mark = g->mark;
		sb->runs_on = inventory_add_refs(ld->inv, KIND_HOST,
		    gr->syms + g->runs_on_off, gr->marks + g->runs_on_off,
		    NULL, g->runs_on_n);
		sb->via = inventory_add_refs(ld->inv, KIND_SERVICE,
		    gr->syms + g->via_off, gr->marks + g->via_off, NULL,
		    g->via_n);
		sb->min_up = g->min_up;
		sb->min_up_mark = g->min_up_mark;
	}
}

static void
ld_service_tmpl(struct ldschema *ld, struct service *s)
{
	const struct entry	*e = &ld->e;

	s->kind = (enum service_kind)e->num[N_KIND];
	s->tier = (uint8_t)e->num[N_TIER];
	s->owner = e->sym[Y_OWNER];
	s->runs_on = ld_span(ld, R_RUNS_ON, KIND_HOST);
	s->min_up = (uint32_t)e->num[N_MIN_UP];
	s->min_up_mark = e->num_mark[N_MIN_UP];
	s->depends_on = ld_span(ld, R_DEPENDS_ON, KIND_SERVICE);
	s->recovery = ld_span(ld, R_RECOVERY, KIND_SERVICE);
	s->rto = (uint32_t)e->num[N_RTO];
	s->rto_mark = e->num_mark[N_RTO];
	ld_groups_add(ld, s);
}

/* Fill the template of the entry's section; returns its common head. */
static struct entity *
ld_tmpl(struct ldschema *ld)
{
	memset(&ld->tmpl, 0, sizeof ld->tmpl);
	switch (ld->e.sec) {
	case SEC_SITES:
		ld_site_tmpl(ld, &ld->tmpl.site);
		return &ld->tmpl.site.e;
	case SEC_POWER:
		ld_power_tmpl(ld, &ld->tmpl.power);
		return &ld->tmpl.power.e;
	case SEC_DOMAINS:
		ld_domain_tmpl(ld, &ld->tmpl.domain);
		return &ld->tmpl.domain.e;
	case SEC_RACKS:
		ld_rack_tmpl(ld, &ld->tmpl.rack);
		return &ld->tmpl.rack.e;
	case SEC_HOSTS:
		ld_host_tmpl(ld, &ld->tmpl.host);
		return &ld->tmpl.host.e;
	default:
		ld_service_tmpl(ld, &ld->tmpl.service);
		return &ld->tmpl.service.e;
	}
}

/* Append the entity just read, once per name its id expands to. */
void
ldschema_entity_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry		*e = &ld->e;
	const struct text	*idt = &e->text[TX_ID];
	struct entity		*head;
	struct yamlev_event	 idev;

	if (!e->has_id) {
		yamlev_error(ld->y, m->line, m->col, "missing 'id' in %s entry",
		    ldschema_sections[e->sec].name);
		return;
	}
	if (e->sec == SEC_DOMAINS && !ldschema_given(e, "type")) {
		yamlev_error(ld->y, m->line, m->col, "missing 'type' in domains "
		    "entry (a word such as room, row, network or region)");
		return;
	}
	if (idt->set) {
		memset(&idev, 0, sizeof idev);
		idev.s = idt->p;
		idev.len = idt->len;
		idev.line = e->id_mark.line;
		idev.col = e->id_mark.column;
		if (!ldschema_names_ok(ld, &idev, brace_count(idt->p,
		    idt->len)))
			return;
	}
	head = ld_tmpl(ld);
	head->name = e->sym[Y_NAME];
	head->mark = e->id_mark;
	head->id = SYM_NONE;
	if (idt->set)
		brace_expand(idt->p, idt->len, LOADER_MAX_NAMES, ld_entity_cb,
		    ld);
	else
		ld_entity_add(ld, e->id);
}

/* An extend entry: references added to an entity defined elsewhere. */
void
ldschema_extend_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry		*e = &ld->e;
	const struct field	*t;
	struct extension	*x;

	if (e->target < 0) {
		yamlev_error(ld->y, m->line, m->col, "missing the entity in "
		    "extend entry: one of site, power, domain, rack, host");
		return;
	}
	t = &ldschema_sections[SEC_EXTEND].fields[e->target];
	if (e->refs[R_FED_BY].n > 0 && t->arg != KIND_POWER &&
	    t->arg != KIND_DOMAIN) {
		yamlev_error(ld->y, e->refs[R_FED_BY].marks[0].line,
		    e->refs[R_FED_BY].marks[0].column, "'fed_by' extends "
		    "only power domains and domains, not a %s",
		    inventory_kind_noun(t->arg, 1));
		return;
	}
	x = inventory_add_extension(ld->inv);
	x->mark = e->target_mark;
	x->kind = t->arg;
	x->id = e->target_sym;
	x->fed_by = ld_span(ld, R_FED_BY, REF_FEED);
	x->in = ld_span(ld, R_IN, REF_FEED);
}

/* One standby group, read into ld->sub: keep it for the service. */
void
ldschema_group_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry	*g = &ld->sub;
	struct reflist	*gr = &ld->groups_refs;
	struct group	*grp;
	size_t		 i;

	if (!ldschema_given(g, "runs_on")) {
		yamlev_error(ld->y, m->line, m->col, "missing 'runs_on' in "
		    "standby group");
		return;
	}
	if (g->refs[R_RUNS_ON].n == 0) {
		yamlev_error(ld->y, m->line, m->col, "standby group runs on "
		    "no host ('runs_on' is empty)");
		return;
	}
	XGROW(ld->groups, ld->groups_cap, ld->ngroups + 1);
	grp = &ld->groups[ld->ngroups++];
	grp->mark = g->map_mark;
	grp->min_up = (uint32_t)g->num[N_MIN_UP];
	grp->min_up_mark = g->num_mark[N_MIN_UP];
	grp->runs_on_off = gr->n;
	grp->runs_on_n = g->refs[R_RUNS_ON].n;
	for (i = 0; i < grp->runs_on_n; i++)
		ldschema_ref_push(gr, g->refs[R_RUNS_ON].syms[i],
		    g->refs[R_RUNS_ON].marks[i], 0);
	grp->via_off = gr->n;
	grp->via_n = g->refs[R_VIA].n;
	for (i = 0; i < grp->via_n; i++)
		ldschema_ref_push(gr, g->refs[R_VIA].syms[i],
		    g->refs[R_VIA].marks[i], 0);
}

/* standby: a list of groups, each a mapping. */
void
ldschema_standby(struct ldschema *ld, const struct yamlev_event *v)
{
	struct yamlev_event	it;

	ld->ngroups = 0;
	ld->groups_refs.n = 0;
	if (yamlev_is_null(v))
		return;
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'standby' must be a list "
		    "of standby groups {runs_on, min_up, via}, not %s",
		    yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type != YAMLEV_MAP) {
			yamlev_error(ld->y, it.line, it.col, "each entry of "
			    "'standby' must be a mapping {runs_on, min_up, "
			    "via}, not %s", yamlev_what(&it));
			yamlev_skip(ld->y, &it);
			continue;
		}
		ldschema_entry_init(&ld->sub, SEC_STANDBY,
		    ldschema_mark(ld, &it));
		ldschema_map(ld, &ld->sub, SEC_STANDBY, 1);
		if (!yamlev_failed(ld->y))
			ldschema_group_finish(ld, &it);
	}
}
