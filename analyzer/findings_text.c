/*
 * findings_text.c -- the texts of findings, formatted when they are
 * written (see findings.h): a finding of spof, single-site-tool or
 * recovery-blocked keeps its service, cause, tools and explanation steps;
 * its message and path are made from them here, into the caller's buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "xalloc.h"

void
finding_text_add(struct finding_text *t, const char *s, size_t len)
{
	XGROW(t->s, t->cap, t->len + len + 1);
	memcpy(t->s + t->len, s, len);
	t->len += len;
	t->s[t->len] = '\0';
}

void
finding_text_puts(struct finding_text *t, const char *s)
{
	finding_text_add(t, s, strlen(s));
}

void
finding_text_free(struct finding_text *t)
{
	free(t->s);
	memset(t, 0, sizeof *t);
}

static void
text_u32(struct finding_text *t, uint32_t v)
{
	char	buf[16], *p = buf + sizeof buf;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	finding_text_add(t, p, (size_t)(buf + sizeof buf - p));
}

/* "site 'south'" of an infrastructure component. */
static void
text_words(struct finding_text *t, const struct analysis *a, uint32_t c)
{
	enum entity_kind	 kind;
	const char		*id;

	id = analysis_component_id(a, c, &kind);
	finding_text_puts(t, inventory_kind_name(kind));
	finding_text_puts(t, " '");
	finding_text_puts(t, id);
	finding_text_puts(t, "'");
}

/* "; site 'south' takes down 5 services": the blast radius of c. */
static void
text_blast(struct finding_text *t, const struct analysis *a, uint32_t c)
{
	finding_text_puts(t, "; ");
	text_words(t, a, c);
	finding_text_puts(t, " takes down ");
	text_u32(t, a->blast[c]);
	finding_text_puts(t, a->blast[c] == 1 ? " service" : " services");
}

/* "service 'S' goes down when host 'h' fails; host 'h' takes down ..." */
static void
message_spof(struct finding_text *t, const struct analysis *a,
    const struct finding *f)
{
	finding_text_puts(t, "service '");
	finding_text_puts(t, inventory_service_id(a->inv, f->service));
	finding_text_puts(t, "' goes down when ");
	text_words(t, a, f->cause_comp);
	finding_text_puts(t, " fails");
	text_blast(t, a, f->cause_comp);
}

static void
message_single_site_tool(struct finding_text *t, const struct analysis *a,
    const struct finding *f)
{
	finding_text_puts(t, "tool '");
	finding_text_puts(t, inventory_service_id(a->inv, f->service));
	finding_text_puts(t, "' goes down with ");
	text_words(t, a, f->cause_comp);
	finding_text_puts(t, " (counting its dependencies)");
	text_blast(t, a, f->cause_comp);
}

static void
message_recovery_blocked(struct finding_text *t, const struct analysis *a,
    const struct finding *f)
{
	size_t	i, n = f->ntools;
	int	down = f->state == STATE_DOWN;

	finding_text_puts(t, "service '");
	finding_text_puts(t, inventory_service_id(a->inv, f->service));
	finding_text_puts(t, down ? "' goes down when " :
	    "' is degraded when ");
	text_words(t, a, f->cause_comp);
	if (down)
		finding_text_puts(t, n == 1 ?
		    " fails, and so does the tool " :
		    " fails, and so do the tools ");
	else
		finding_text_puts(t, n == 1 ? " fails, and the tool " :
		    " fails, and the tools ");
	for (i = 0; i < n; i++) {
		finding_text_puts(t, i == 0 ? "'" : ", '");
		finding_text_puts(t, inventory_service_id(a->inv, f->tools[i]));
		finding_text_puts(t, "'");
	}
	finding_text_puts(t, " needed to recover or fail it over");
	if (!down)
		finding_text_puts(t, n == 1 ? " goes down" : " go down");
	text_blast(t, a, f->cause_comp);
}

const char *
finding_message(const struct findings *fl, const struct finding *f,
    struct finding_text *t)
{
	const struct analysis	*a = fl->a;

	if (f->text != NULL)
		return f->text;
	if (a == NULL)
		return "";
	t->len = 0;
	switch (f->rule) {
	case RULE_SPOF:
		message_spof(t, a, f);
		break;
	case RULE_SINGLE_SITE_TOOL:
		message_single_site_tool(t, a, f);
		break;
	case RULE_RECOVERY_BLOCKED:
		message_recovery_blocked(t, a, f);
		break;
	default:
		return "";
	}
	return t->s;
}

/* "web -> quorum (hard) -> host n-2 -> rack n-r1". */
const char *
finding_path(const struct findings *fl, const struct finding *f,
    struct finding_text *t)
{
	const struct analysis	*a = fl->a;
	enum entity_kind	 kind;
	const char		*id;
	size_t			 i;

	if (f->path_text != NULL || f->nsteps == 0 || a == NULL)
		return f->path_text;
	t->len = 0;
	for (i = 0; i < f->nsteps; i++) {
		id = analysis_component_id(a, f->steps[i].component, &kind);
		if (i > 0)
			finding_text_puts(t, " -> ");
		if (kind != KIND_SERVICE) {
			finding_text_puts(t, inventory_kind_name(kind));
			finding_text_puts(t, " ");
		}
		finding_text_puts(t, id);
		if (kind == KIND_SERVICE && i > 0 && f->steps[i].hard)
			finding_text_puts(t, " (hard)");
	}
	return t->s;
}
