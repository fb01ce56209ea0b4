/*
 * ldschema_rules.c -- appending what an inventory says about itself and
 * about its checks: policies, waivers and the meta section.
 */
#include <stdlib.h>
#include <string.h>

#include "ldschema_priv.h"
#include "xalloc.h"

/* survive: failure kind words become bits, other words domain types. */
static void
ld_survive(struct ldschema *ld, struct policy *p, const struct reflist *rl)
{
	const char	*w;
	size_t		 i;
	int		 k;

	p->survive = 0;
	for (i = 0; i < rl->n; i++) {
		w = inventory_str(ld->inv, rl->syms[i]);
		k = inventory_kind_parse(w);
		if (k >= KIND_SITE && k <= KIND_HOST) {
			p->survive |= (uint8_t)(1u << k);
			continue;
		}
		p->survive_types = xreallocarray(p->survive_types,
		    p->nsurvive_types + 1, sizeof *p->survive_types);
		p->survive_marks = xreallocarray(p->survive_marks,
		    p->nsurvive_types + 1, sizeof *p->survive_marks);
		p->survive_types[p->nsurvive_types] = rl->syms[i];
		p->survive_marks[p->nsurvive_types] = rl->marks[i];
		p->nsurvive_types++;
	}
}

void
ldschema_policy_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry		*e = &ld->e;
	const struct reflist	*ow = &e->refs[R_OWNERS];
	struct policy		*p;

	if (!e->has_id) {
		yamlev_error(ld->y, m->line, m->col, "missing 'id' in policies "
		    "entry");
		return;
	}
	p = inventory_add_policy(ld->inv);
	p->id = e->id;
	p->mark = e->id_mark;
	p->tiers = (uint8_t)e->num[N_SEL_TIERS];
	p->kinds = (uint8_t)e->num[N_SEL_KINDS];
	if (ow->n > 0) {
		p->owners = xreallocarray(NULL, ow->n, sizeof *p->owners);
		memcpy(p->owners, ow->syms, ow->n * sizeof *p->owners);
		p->nowners = ow->n;
	}
	if (e->text[TX_REGEX].set) {
		p->id_regex = ldschema_text_dup(&e->text[TX_REGEX]);
		p->id_regex_mark = e->regex_mark;
		p->id_regex_verbatim = (uint8_t)e->regex_verbatim;
	}
	if (e->num_state[N_SURVIVE] == NUM_OK)
		ld_survive(ld, p, &e->refs[R_SURVIVE]);
	if (e->num_state[N_SEVERITY] == NUM_OK)
		p->severity = (enum severity)e->num[N_SEVERITY];
	p->description = ldschema_text_dup(&e->text[TX_DESCRIPTION]);
	p->reference = ldschema_text_dup(&e->text[TX_REFERENCE]);
}

void
ldschema_waiver_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry	*e = &ld->e;
	struct waiver	*w;
	int		 ok = 1;

	if (e->sym[Y_POLICY] == SYM_NONE) {
		yamlev_error(ld->y, m->line, m->col, "missing 'policy' in "
		    "waivers entry");
		ok = 0;
	}
	if (!e->text[TX_REGEX].set) {
		yamlev_error(ld->y, m->line, m->col, "missing 'service' in "
		    "waivers entry");
		ok = 0;
	}
	if (!ldschema_given(e, "expires")) {
		yamlev_error(ld->y, m->line, m->col, "missing 'expires' in "
		    "waivers entry (a date YYYY-MM-DD, or never with a "
		    "reason)");
		ok = 0;
	}
	if (!ok || e->num_state[N_EXPIRES] != NUM_OK)
		return;
	w = inventory_add_waiver(ld->inv);
	w->mark = e->map_mark;
	w->policy = e->sym[Y_POLICY];
	w->policy_mark = e->sym_mark[Y_POLICY];
	w->service_regex = ldschema_text_dup(&e->text[TX_REGEX]);
	w->service_mark = e->regex_mark;
	w->service_regex_verbatim = (uint8_t)e->regex_verbatim;
	w->reason = ldschema_text_dup(&e->text[TX_REASON]);
	w->expires = e->num[N_EXPIRES];
	w->expires_mark = e->num_mark[N_EXPIRES];
	w->approved_by = ldschema_text_dup(&e->text[TX_APPROVED_BY]);
	if (e->num_state[N_GRANTED] == NUM_OK)
		w->granted = e->num[N_GRANTED];
	w->ticket = ldschema_text_dup(&e->text[TX_TICKET]);
}

/* The assumptions, NUL-separated in t, as an array of strings. */
static void
ld_assumptions(struct meta *mt, const struct text *t)
{
	const char	*s = t->p;
	size_t		 i;

	mt->nassumptions = t->set ? t->n : 0;
	if (mt->nassumptions == 0)
		return;
	mt->assumptions = xreallocarray(NULL, mt->nassumptions,
	    sizeof *mt->assumptions);
	for (i = 0; i < mt->nassumptions; i++) {
		mt->assumptions[i] = xstrdup(s);
		s += strlen(s) + 1;
	}
}

void
ldschema_meta_finish(struct ldschema *ld, const struct yamlev_event *m)
{
	struct entry	*e = &ld->e;
	struct meta	*mt = &ld->inv->meta;
	const char	*file;

	if (mt->present) {
		file = mt->mark.file == ld->fileno ? yamlev_file(ld->y) :
		    inventory_file(ld->inv, mt->mark.file);
		yamlev_error(ld->y, m->line, m->col, LDSCHEMA_SECOND_META,
		    file != NULL ? file : "?", mt->mark.line, mt->mark.column);
		return;
	}
	mt->present = 1;
	mt->mark = e->map_mark;
	mt->name = ldschema_text_dup(&e->text[TX_NAME]);
	mt->owner = ldschema_text_dup(&e->text[TX_OWNER]);
	mt->description = ldschema_text_dup(&e->text[TX_DESCRIPTION]);
	ld_assumptions(mt, &e->text[TX_ASSUMPTIONS]);
}
