/*
 * test_loadpool.c -- loading files on several threads, each into an
 * inventory of its own appended in file order (inventory_append(),
 * loadpool.c), gives exactly what loading them one after another into one
 * inventory gives: the same symbols in the same order, the same entities,
 * references, spans, marks and diagnostics.
 *
 * Inventories are compared by a dump of everything they hold, symbols as
 * their number and text.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "inventory.h"
#include "loader.h"
#include "suites.h"
#include "xalloc.h"

/* Every file of the test inventory: all sections, every kind of field,
 * ids shared between files and new in each. */
static const char *const files[][2] = {
	{ "a.yaml",
	    "meta: {name: pool, owner: sre, assumptions: [one, two]}\n"
	    "sites:\n"
	    "  - {id: s1, name: Site one, region: r1, in: [campus]}\n"
	    "  - {id: s2, region: r2}\n"
	    "domains:\n"
	    "  - {id: campus, type: campus}\n"
	    "  - {id: room-1, type: room, site: s1, fed_by: [ups-a]}\n"
	    "power:\n"
	    "  - {id: ups-a, site: s1, fed_by: [grid], in: [room-1]}\n"
	    "  - {id: grid}\n" },
	{ "b.yaml",
	    "racks:\n"
	    "  - {id: r1, site: s1, power: [ups-a], in: [room-1]}\n"
	    "  - {id: \"r{2..3}\", site: s2}\n"
	    "hosts:\n"
	    "  - {id: \"h{1..4}\", rack: r1, power: [ups-a]}\n"
	    "  - {id: h5, site: s2, rack: r2, in: [campus]}\n"
	    "  - {id: vm1, on: h5}\n"
	    "bogus: 1\n" },
	{ "c.yaml",
	    "services:\n"
	    "  - id: db\n"
	    "    kind: data\n"
	    "    tier: 1\n"
	    "    owner: data-team\n"
	    "    runs_on: [h1, h2]\n"
	    "    min_up: 2\n"
	    "    rto: 30m\n"
	    "    standby:\n"
	    "      - {runs_on: [h5], min_up: 1, via: [deploy]}\n"
	    "  - id: deploy\n"
	    "    kind: tool\n"
	    "    runs_on: [h3]\n"
	    "  - id: web\n"
	    "    owner: web-team\n"
	    "    runs_on: [h4, vm1]\n"
	    "    depends_on: [db, {service: cache, soft: true}]\n"
	    "    recovery: [deploy]\n"
	    "  - {id: cache, runs_on: [h5], tier: 2}\n" },
	{ "d.yaml",
	    "policies:\n"
	    "  - id: tier1-two-sites\n"
	    "    select: {tier: [1, 2], owner: [data-team, web-team]}\n"
	    "    survive: [site, room]\n"
	    "    severity: warning\n"
	    "    description: Tier 1 survives a site.\n"
	    "waivers:\n"
	    "  - policy: tier1-two-sites\n"
	    "    service: \"^cache$\"\n"
	    "    reason: Moving in Q3.\n"
	    "    expires: 2099-01-01\n"
	    "    approved_by: cto\n"
	    "extend:\n"
	    "  - {power: grid, in: [campus]}\n"
	    "  - {host: h5, in: [room-1]}\n" },
	{ "e.yaml",
	    "meta: {name: second}\n"
	    "sites:\n"
	    "  - {id: s3, nmae: typo}\n"
	    "hosts:\n"
	    "  - {id: h9, site: s3}\n" },
	{ "f.yaml", "sites: [ {id: s4} \n" },
	{ "g.yaml",
	    "services:\n"
	    "  - {id: \"batch-{1..40}\", runs_on: [h9, h1], depends_on: [db]}\n" },
};
#define NFILES	(sizeof files / sizeof files[0])

static void
dump_span(FILE *fp, const char *name, struct span sp)
{
	fprintf(fp, " %s=%u+%u", name, sp.off, sp.n);
}

static void
dump_mark(FILE *fp, const char *name, struct mark m)
{
	fprintf(fp, " %s@%u:%u:%u", name, m.file, m.line, m.column);
}

static void
dump_entity(FILE *fp, const char *kind, size_t i, const struct entity *e)
{
	fprintf(fp, "%s %zu id=%u name=%u", kind, i, e->id, e->name);
	dump_mark(fp, "", e->mark);
}

static void
dump_places(FILE *fp, const struct inventory *inv)
{
	size_t	i;

	for (i = 0; i < inv->nsites; i++) {
		const struct site *s = &inv->sites[i];

		dump_entity(fp, "site", i, &s->e);
		fprintf(fp, " region=%u", s->region);
		dump_mark(fp, "region", s->region_mark);
		dump_span(fp, "in", s->in);
		fputc('\n', fp);
	}
	for (i = 0; i < inv->npower; i++) {
		const struct power *p = &inv->power[i];

		dump_entity(fp, "power", i, &p->e);
		dump_span(fp, "site", p->site_ref);
		dump_span(fp, "fed_by", p->fed_by);
		dump_span(fp, "in", p->in);
		fputc('\n', fp);
	}
	for (i = 0; i < inv->ndomains; i++) {
		const struct domain *d = &inv->domains[i];

		dump_entity(fp, "domain", i, &d->e);
		fprintf(fp, " type=%u", d->type);
		dump_mark(fp, "type", d->type_mark);
		dump_span(fp, "site", d->site_ref);
		dump_span(fp, "fed_by", d->fed_by);
		dump_span(fp, "in", d->in);
		fputc('\n', fp);
	}
	for (i = 0; i < inv->nracks; i++) {
		const struct rack *r = &inv->racks[i];

		dump_entity(fp, "rack", i, &r->e);
		dump_span(fp, "site", r->site_ref);
		dump_span(fp, "power", r->power);
		dump_span(fp, "in", r->in);
		fputc('\n', fp);
	}
	for (i = 0; i < inv->nhosts; i++) {
		const struct host *h = &inv->hosts[i];

		dump_entity(fp, "host", i, &h->e);
		dump_span(fp, "site", h->site_ref);
		dump_span(fp, "rack", h->rack_ref);
		dump_span(fp, "on", h->on_ref);
		dump_span(fp, "power", h->power);
		dump_span(fp, "in", h->in);
		fputc('\n', fp);
	}
}

static void
dump_services(FILE *fp, const struct inventory *inv)
{
	size_t	i;

	for (i = 0; i < inv->nservices; i++) {
		const struct service *s = &inv->services[i];

		dump_entity(fp, "service", i, &s->e);
		fprintf(fp, " kind=%d tier=%u owner=%u min_up=%u rto=%u",
		    (int)s->kind, s->tier, s->owner, s->min_up, s->rto);
		dump_mark(fp, "min_up", s->min_up_mark);
		dump_mark(fp, "rto", s->rto_mark);
		dump_span(fp, "runs_on", s->runs_on);
		dump_span(fp, "depends_on", s->depends_on);
		dump_span(fp, "recovery", s->recovery);
		fprintf(fp, " standby=%u+%u\n", s->standby_off, s->nstandby);
	}
	for (i = 0; i < inv->nstandbys; i++) {
		const struct standby *g = &inv->standbys[i];

		fprintf(fp, "standby %zu min_up=%u", i, g->min_up);
		dump_mark(fp, "", g->mark);
		dump_mark(fp, "min_up", g->min_up_mark);
		dump_span(fp, "runs_on", g->runs_on);
		dump_span(fp, "via", g->via);
		fputc('\n', fp);
	}
	for (i = 0; i < inv->nextensions; i++) {
		const struct extension *x = &inv->extensions[i];

		fprintf(fp, "extension %zu kind=%u id=%u", i, x->kind, x->id);
		dump_mark(fp, "", x->mark);
		dump_span(fp, "fed_by", x->fed_by);
		dump_span(fp, "in", x->in);
		fputc('\n', fp);
	}
}

static void
dump_rules(FILE *fp, const struct inventory *inv)
{
	size_t	i, j;

	fprintf(fp, "has_policies=%d\n", inv->has_policies);
	for (i = 0; i < inv->npolicies; i++) {
		const struct policy *p = &inv->policies[i];

		fprintf(fp, "policy %zu id=%u tiers=%u kinds=%u survive=%u "
		    "severity=%d regex=%s description=%s reference=%s owners",
		    i, p->id, p->tiers, p->kinds, p->survive, (int)p->severity,
		    p->id_regex ? p->id_regex : "-",
		    p->description ? p->description : "-",
		    p->reference ? p->reference : "-");
		for (j = 0; j < p->nowners; j++)
			fprintf(fp, " %u", p->owners[j]);
		fputs(" types", fp);
		for (j = 0; j < p->nsurvive_types; j++) {
			fprintf(fp, " %u", p->survive_types[j]);
			dump_mark(fp, "", p->survive_marks[j]);
		}
		dump_mark(fp, "", p->mark);
		fputc('\n', fp);
	}
	for (i = 0; i < inv->nwaivers; i++) {
		const struct waiver *w = &inv->waivers[i];

		fprintf(fp, "waiver %zu policy=%u services=%s reason=%s "
		    "expires=%d granted=%d approved_by=%s", i, w->policy,
		    w->service_regex, w->reason, (int)w->expires,
		    (int)w->granted, w->approved_by ? w->approved_by : "-");
		dump_mark(fp, "", w->mark);
		fputc('\n', fp);
	}
	if (inv->meta.present) {
		fprintf(fp, "meta name=%s owner=%s assumptions=%zu",
		    inv->meta.name ? inv->meta.name : "-",
		    inv->meta.owner ? inv->meta.owner : "-",
		    inv->meta.nassumptions);
		dump_mark(fp, "", inv->meta.mark);
		fputc('\n', fp);
	}
}

/* Everything inv holds, as text. */
static char *
dump(const struct inventory *inv)
{
	char	*text = NULL;
	size_t	 len = 0, i;
	FILE	*fp = open_memstream(&text, &len);

	for (i = 0; i < symtab_count(inv->syms); i++)
		fprintf(fp, "sym %zu %s\n", i, symtab_str(inv->syms,
		    (uint32_t)i));
	for (i = 0; i < inv->nfiles; i++)
		fprintf(fp, "file %zu %s\n", i, inv->files[i]);
	for (i = 0; i < inv->nrefs; i++) {
		const struct ref *r = &inv->refs[i];

		fprintf(fp, "ref %zu sym=%u target=%u kind=%u soft=%u", i,
		    r->sym, r->target, r->kind, r->soft);
		dump_mark(fp, "", r->mark);
		fputc('\n', fp);
	}
	dump_places(fp, inv);
	dump_services(fp, inv);
	dump_rules(fp, inv);
	fclose(fp);
	return text;
}

/* Compare two dumps line by line (Check truncates long messages). */
static void
assert_same(const char *got, const char *want)
{
	const char	*g, *w;
	char		 gl[512], wl[512];
	size_t		 gn, wn;

	while (*got != '\0' || *want != '\0') {
		g = strchr(got, '\n');
		w = strchr(want, '\n');
		gn = g != NULL ? (size_t)(g - got) : strlen(got);
		wn = w != NULL ? (size_t)(w - want) : strlen(want);
		snprintf(gl, sizeof gl, "%.*s", (int)gn, got);
		snprintf(wl, sizeof wl, "%.*s", (int)wn, want);
		ck_assert_str_eq(gl, wl);
		got += gn + (g != NULL);
		want += wn + (w != NULL);
	}
}

static char *
diags_text(struct diag_list *dl)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&text, &len);

	diag_list_sort(dl);
	diag_list_print(dl, fp, 0);
	fclose(fp);
	return text;
}

static void
load_file(struct inventory *inv, size_t i, struct diag_list *dl)
{
	loader_load_buffer(inv, files[i][0],
	    (const unsigned char *)files[i][1], strlen(files[i][1]), dl);
}

/* The files loaded one after another into one inventory. */
static struct inventory *
load_serial(struct diag_list *dl, const char *prefix)
{
	struct inventory	*inv = inventory_create();
	size_t			 i;
	char			*path;

	for (i = 0; i < NFILES; i++) {
		path = xasprintf("%s%s", prefix, files[i][0]);
		loader_load_buffer(inv, path,
		    (const unsigned char *)files[i][1], strlen(files[i][1]),
		    dl);
		free(path);
	}
	return inv;
}

START_TEST(test_append_equals_serial)
{
	struct inventory	*serial, *inv, *part;
	struct diag_list	 dl_serial, dl;
	uint32_t		*scratch = NULL;
	size_t			 scratch_cap = 0, i;
	char			*want, *got;

	diag_list_init(&dl_serial);
	serial = load_serial(&dl_serial, "");

	/*
	 * The first file straight into the inventory, each other into one
	 * part inventory (reused), appended: the part has the earlier files'
	 * names only so that its marks count files as the inventory does.
	 */
	diag_list_init(&dl);
	inv = inventory_create();
	part = inventory_create();
	load_file(inv, 0, &dl);
	inventory_add_file(part, files[0][0]);
	for (i = 1; i < NFILES; i++) {
		load_file(part, i, &dl);
		inventory_add_file(inv, files[i][0]);
		if (i == 4) {
			/* The second meta section: dropped, the first kept. */
			ck_assert_int_eq(part->meta.present, 1);
			ck_assert_str_eq(part->meta.name, "second");
		}
		inventory_append(inv, part, &scratch, &scratch_cap);
		ck_assert_uint_eq(symtab_count(part->syms), 0);
		ck_assert_uint_eq(part->nrefs + part->nhosts + part->nservices +
		    part->npolicies + part->nwaivers + part->nextensions, 0);
		ck_assert_int_eq(part->meta.present, 0);
	}
	ck_assert_str_eq(inv->meta.name, "pool");

	want = dump(serial);
	got = dump(inv);
	assert_same(got, want);
	/* Not an empty comparison. */
	ck_assert_uint_eq(serial->nservices, 44);
	ck_assert_uint_eq(serial->nhosts, 7);
	ck_assert_uint_eq(serial->nextensions, 2);
	ck_assert_uint_eq(serial->npolicies, 1);
	ck_assert_uint_eq(serial->nwaivers, 1);
	ck_assert_uint_eq(serial->nstandbys, 1);
	ck_assert_ptr_nonnull(strstr(want, "sym 0 s1\n"));
	free(want);
	free(got);

	free(scratch);
	inventory_free(part);
	inventory_free(inv);
	inventory_free(serial);
	diag_list_free(&dl);
	diag_list_free(&dl_serial);
}
END_TEST

/* Write the files into a new directory; returns its path. */
static char *
write_files(void)
{
	char	 tmpl[] = "/tmp/faultline-loadpool-XXXXXX";
	char	*dir, *path;
	FILE	*fp;
	size_t	 i;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	dir = xstrdup(tmpl);
	for (i = 0; i < NFILES; i++) {
		path = xasprintf("%s/%s", dir, files[i][0]);
		ck_assert_ptr_nonnull(fp = fopen(path, "w"));
		fputs(files[i][1], fp);
		fclose(fp);
		free(path);
	}
	return dir;
}

static void
remove_files(char *dir)
{
	char	*path;
	size_t	 i;

	for (i = 0; i < NFILES; i++) {
		path = xasprintf("%s/%s", dir, files[i][0]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
	free(dir);
}

START_TEST(test_paths_equal_serial)
{
	struct inventory	*serial, *inv;
	struct diag_list	 dl_serial, dl;
	char			*dir, *prefix, *want, *got, *want_diags;
	char			*got_diags;
	const char		*paths[1];
	int			 round;

	dir = write_files();
	diag_list_init(&dl_serial);
	prefix = xasprintf("%s/", dir);
	serial = load_serial(&dl_serial, prefix);
	free(prefix);
	want = dump(serial);
	want_diags = diags_text(&dl_serial);
	/* Threads make the order of work vary: try it several times. */
	for (round = 0; round < 20; round++) {
		diag_list_init(&dl);
		inv = inventory_create();
		paths[0] = dir;
		ck_assert_int_eq(loader_load_paths(inv, paths, 1, &dl), -1);
		got = dump(inv);
		got_diags = diags_text(&dl);
		assert_same(got, want);
		assert_same(got_diags, want_diags);
		free(got);
		free(got_diags);
		inventory_free(inv);
		diag_list_free(&dl);
	}
	ck_assert_ptr_nonnull(strstr(want_diags, "e.yaml:1:7: error: a second "
	    "'meta' section; the first is at "));
	ck_assert_ptr_nonnull(strstr(want_diags, "a.yaml:1:7 (an inventory "
	    "has at most one)\n"));
	ck_assert_ptr_nonnull(strstr(want_diags, "b.yaml:8:1: error: unknown "
	    "key 'bogus' at the top level\n"));
	ck_assert_ptr_nonnull(strstr(want_diags, "e.yaml:3:14: error: unknown "
	    "key 'nmae' in sites entry; did you mean 'name'?\n"));
	ck_assert_ptr_nonnull(strstr(want_diags, "f.yaml:2:1: error: YAML "
	    "syntax error"));
	free(want);
	free(want_diags);
	inventory_free(serial);
	diag_list_free(&dl_serial);
	remove_files(dir);
}
END_TEST

Suite *
suite_loadpool(void)
{
	Suite	*s = suite_create("loadpool");
	TCase	*tc = tcase_create("append");

	tcase_add_test(tc, test_append_equals_serial);
	tcase_add_test(tc, test_paths_equal_serial);
	suite_add_tcase(s, tc);
	return s;
}
