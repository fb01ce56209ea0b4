/*
 * test_metamorphic.c -- metamorphic tests of the whole pipeline (loader,
 * validation, analysis, findings): transformations of an inventory's YAML
 * that must not change the results.
 *
 * Random valid inventories come from gen_inventory(); each is written out
 * as YAML here (ids renamed or not, entities and reference lists in any
 * order, one file or several), loaded with loader_load_paths() from a
 * temporary directory and analysed.  The results are reduced to a sorted
 * list of lines -- each service's single points as "kind:id", the
 * hard-dependency cycles, and each finding's rule, severity, subject,
 * cause, policy and message (and, for renaming, its explanation path) --
 * with renamed ids mapped back, and compared exactly:
 *   - renaming every id consistently changes nothing but names;
 *   - permuting entities, reference lists and files changes nothing;
 *   - splitting one file into several changes nothing;
 *   - adding a replica in a site the service does not use never adds a
 *     single point (to that service or any other);
 *   - failing a component that is not a single point of a service never
 *     takes that service down.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "findings.h"
#include "gen_inventory.h"
#include "inventory.h"
#include "loader.h"
#include "suites.h"
#include "xalloc.h"

#define META_TODAY	20000		/* 2024-10-04 */
#define META_SEEDS	40

/* How to write an inventory out. */
struct emit {
	int		 rename;	/* ids as "n.<reversed id>.z" */
	uint64_t	 shuffle;	/* non-zero: permute entities and lists */
	unsigned	 nfiles;	/* files to spread the entities over */
	int		 replica;	/* add a host in a new site (replica_of) */
};

/* A growing string. */
struct buf {
	char	*s;
	size_t	 n;
	size_t	 cap;
};

static void
buf_add(struct buf *b, const char *s)
{
	size_t	len = strlen(s);

	XGROW(b->s, b->cap, b->n + len + 1);
	memcpy(b->s + b->n, s, len + 1);
	b->n += len;
}

static void
buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	ap, aq;
	int	len;

	va_start(ap, fmt);
	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	ck_assert_int_ge(len, 0);
	XGROW(b->s, b->cap, b->n + (size_t)len + 1);
	vsnprintf(b->s + b->n, (size_t)len + 1, fmt, aq);
	b->n += (size_t)len;
	va_end(aq);
	va_end(ap);
}

/* ---- writing YAML ---- */

static uint64_t
rnd(uint64_t *st)
{
	uint64_t	z = (*st += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The order to write n things in: identity, or a permutation. */
static uint32_t *
order(size_t n, uint64_t *st, int shuffle)
{
	uint32_t	*v = xmalloc((n + 1) * sizeof *v), t;
	size_t		 i, j;

	for (i = 0; i < n; i++)
		v[i] = (uint32_t)i;
	for (i = n; shuffle && i > 1; i--) {
		j = rnd(st) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
	return v;
}

/* An id as written: itself, or renamed (reversed, between n. and .z). */
static void
put_id(struct buf *b, const struct emit *o, const char *id)
{
	size_t	len = strlen(id), i;
	char	c[2] = { 0, 0 };

	if (!o->rename) {
		buf_add(b, id);
		return;
	}
	buf_add(b, "n.");
	for (i = len; i > 0; i--) {
		c[0] = id[i - 1];
		buf_add(b, c);
	}
	buf_add(b, ".z");
}

/* A reference list "[a, b, ~c]" (prefix "service: " and soft for deps). */
static void
put_refs(struct buf *b, const struct emit *o, const struct inventory *inv,
    struct span sp, int deps, uint64_t *st)
{
	const struct ref	*r = inventory_refs(inv, sp);
	uint32_t		*ord = order(sp.n, st, o->shuffle != 0);
	uint32_t		 i;

	buf_add(b, "[");
	for (i = 0; i < sp.n; i++) {
		const struct ref *x = &r[ord[i]];

		if (i > 0)
			buf_add(b, ", ");
		if (deps && x->soft) {
			buf_add(b, "{service: ");
			put_id(b, o, inventory_str(inv, x->sym));
			buf_add(b, ", soft: true}");
		} else
			put_id(b, o, inventory_str(inv, x->sym));
	}
	buf_add(b, "]");
	free(ord);
}

/* The service that gets a replica: the first that runs on hosts. */
static uint32_t
replica_of(const struct inventory *inv)
{
	uint32_t	i;

	for (i = 0; i < inv->nservices; i++) {
		if (inv->services[i].runs_on.n > 0)
			return i;
	}
	return INDEX_NONE;
}

static void
put_entity(struct buf *b, const struct emit *o, const struct inventory *inv,
    enum entity_kind k, uint32_t i, uint64_t *st)
{
	const struct entity	*e = inventory_entity(inv, k, i);
	const struct power	*p;
	const struct rack	*r;
	const struct host	*h;
	const struct service	*s;

	buf_add(b, "  - id: ");
	put_id(b, o, inventory_str(inv, e->id));
	buf_add(b, "\n");
	switch (k) {
	case KIND_SITE:
		break;
	case KIND_POWER:
		p = &inv->power[i];
		if (p->site_ref.n > 0) {
			buf_add(b, "    site: ");
			put_id(b, o, inventory_str(inv, inventory_refs(inv,
			    p->site_ref)[0].sym));
			buf_add(b, "\n");
		}
		if (p->fed_by.n > 0) {
			buf_add(b, "    fed_by: ");
			put_refs(b, o, inv, p->fed_by, 0, st);
			buf_add(b, "\n");
		}
		break;
	case KIND_RACK:
		r = &inv->racks[i];
		buf_add(b, "    site: ");
		put_id(b, o, inventory_str(inv, inventory_refs(inv,
		    r->site_ref)[0].sym));
		buf_add(b, "\n");
		if (r->power.n > 0) {
			buf_add(b, "    power: ");
			put_refs(b, o, inv, r->power, 0, st);
			buf_add(b, "\n");
		}
		break;
	case KIND_HOST:
		h = &inv->hosts[i];
		if (h->site_ref.n > 0) {
			buf_add(b, "    site: ");
			put_id(b, o, inventory_str(inv, inventory_refs(inv,
			    h->site_ref)[0].sym));
			buf_add(b, "\n");
		}
		if (h->rack_ref.n > 0) {
			buf_add(b, "    rack: ");
			put_id(b, o, inventory_str(inv, inventory_refs(inv,
			    h->rack_ref)[0].sym));
			buf_add(b, "\n");
		}
		if (h->power.n > 0) {
			buf_add(b, "    power: ");
			put_refs(b, o, inv, h->power, 0, st);
			buf_add(b, "\n");
		}
		break;
	default:
		s = &inv->services[i];
		buf_addf(b, "    kind: %s\n    tier: %u\n",
		    inventory_service_kind_name(s->kind), 1 + i % 4);
		if (s->runs_on.n > 0) {
			buf_add(b, "    runs_on: ");
			put_refs(b, o, inv, s->runs_on, 0, st);
			if (o->replica && i == replica_of(inv)) {
				b->n--;		/* the "]" */
				buf_add(b, ", ");
				put_id(b, o, "replica");
				buf_add(b, "]");
			}
			buf_add(b, "\n");
		}
		if (s->min_up != 0)
			buf_addf(b, "    min_up: %u\n", s->min_up);
		if (s->depends_on.n > 0) {
			buf_add(b, "    depends_on: ");
			put_refs(b, o, inv, s->depends_on, 1, st);
			buf_add(b, "\n");
		}
		if (s->recovery.n > 0) {
			buf_add(b, "    recovery: ");
			put_refs(b, o, inv, s->recovery, 0, st);
			buf_add(b, "\n");
		}
		break;
	}
}

static const char *const sections[KIND_COUNT] = { "sites", "power", "domains",
    "racks", "hosts", "services" };

/*
 * Write inv as YAML into the directory dir, as o says; the entity of
 * kind k at position j goes to file (j * 7 + k) % nfiles.
 */
static void
write_inventory(const char *dir, const struct inventory *inv,
    const struct emit *o)
{
	struct buf	*files;
	uint64_t	 st = o->shuffle;
	uint32_t	*ord, *fperm;
	unsigned	 nf = o->nfiles ? o->nfiles : 1, f, k;
	int		*opened;
	size_t		 j, n;
	char		*path;
	FILE		*fp;

	files = xcalloc(nf, sizeof *files);
	opened = xcalloc(nf * KIND_COUNT, sizeof *opened);
	for (f = 0; f < nf; f++)
		buf_add(&files[f], "# generated by test_metamorphic.c\n");
	for (k = 0; k < KIND_COUNT; k++) {
		n = inventory_count(inv, (enum entity_kind)k);
		ord = order(n, &st, o->shuffle != 0);
		for (j = 0; j < n; j++) {
			f = (unsigned)((j * 7 + k) % nf);
			if (!opened[f * KIND_COUNT + k]) {
				/* A section may appear once per file. */
				opened[f * KIND_COUNT + k] = 1;
				buf_addf(&files[f], "%s:\n", sections[k]);
			}
			put_entity(&files[f], o, inv, (enum entity_kind)k,
			    ord[j], &st);
		}
		free(ord);
	}
	/* File names in a permuted order: load order is path order. */
	fperm = order(nf, &st, o->shuffle != 0);
	for (f = 0; f < nf; f++) {
		path = xasprintf("%s/part-%02u.yaml", dir, fperm[f]);
		fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs(files[f].s, fp);
		fclose(fp);
		free(path);
		free(files[f].s);
	}
	free(fperm);
	free(files);
	free(opened);
	if (o->replica) {
		/* The replica and its new site, in a file of their own. */
		struct buf	r = { NULL, 0, 0 };

		buf_add(&r, "sites:\n  - id: ");
		put_id(&r, o, "newsite");
		buf_add(&r, "\nhosts:\n  - id: ");
		put_id(&r, o, "replica");
		buf_add(&r, "\n    site: ");
		put_id(&r, o, "newsite");
		buf_add(&r, "\n");
		path = xasprintf("%s/part-99.yaml", dir);
		fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs(r.s, fp);
		fclose(fp);
		free(path);
		free(r.s);
	}
}

/* ---- results as sorted lines ---- */

/* Map renamed ids ("n.<reversed>.z") in s back to the originals. */
static char *
unrename(const char *s)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p = s, *q;
	char		 c[2] = { 0, 0 };

	buf_add(&b, "");
	while (*p != '\0') {
		if (strncmp(p, "n.", 2) == 0 && (q = strstr(p + 2, ".z")) !=
		    NULL && q > p + 2 && strspn(p + 2, "abcdefghijklmnop"
		    "qrstuvwxyz0123456789") == (size_t)(q - p - 2)) {
			for (; q > p + 2; q--) {
				c[0] = q[-1];
				buf_add(&b, c);
			}
			p = strstr(p + 2, ".z") + 2;
			continue;
		}
		c[0] = *p++;
		buf_add(&b, c);
	}
	return b.s;
}

static int
str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The words of s (split at spaces, commas, semicolons), sorted. */
static char *
words(const char *s)
{
	char	*copy = xstrdup(s), *w, *save, **v = NULL;
	size_t	 n = 0, cap = 0, i;
	struct buf b = { NULL, 0, 0 };

	buf_add(&b, "");
	for (w = strtok_r(copy, " ,;", &save); w != NULL;
	    w = strtok_r(NULL, " ,;", &save)) {
		XGROW(v, cap, n + 1);
		v[n++] = w;
	}
	if (n > 0)
		qsort(v, n, sizeof *v, str_cmp);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? " " : "", v[i]);
	free(v);
	free(copy);
	return b.s;
}

struct result {
	char	**v;
	size_t	  n;
	size_t	  cap;
	char	 *joined;
};

static void
result_add(struct result *r, char *line)
{
	char	*u = unrename(line);

	free(line);
	XGROW(r->v, r->cap, r->n + 1);
	r->v[r->n++] = u;
}

static void
result_free(struct result *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		free(r->v[i]);
	free(r->v);
	free(r->joined);
}

/*
 * Load dir and reduce the results to sorted lines.  Messages and paths
 * are compared as sorted words: a list inside a message may follow id
 * order, which renaming changes.  Paths only when with_path is set.
 */
static void
analyse_dir(const char *dir, struct result *r, int with_path,
    struct analysis **keep, struct inventory **keep_inv)
{
	struct inventory	*inv = inventory_create();
	struct diag_list	 dl;
	struct analysis		*a;
	struct findings		 fl;
	struct finding_text	 ft = { 0 };
	const uint32_t		*sp;
	size_t			 nsp, i, j;
	char			 ref[300], *line, *msg, *path;
	struct buf		 b;

	memset(r, 0, sizeof *r);
	diag_list_init(&dl);
	ck_assert_int_eq(loader_load_paths(inv, &dir, 1, &dl), 0);
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	memset(&fl, 0, sizeof fl);
	ck_assert_int_eq(findings_compute(a, META_TODAY, &fl, &dl), 0);

	for (i = 0; i < inv->nservices; i++) {
		memset(&b, 0, sizeof b);
		buf_addf(&b, "sp service:%s:", inventory_str(inv,
		    inv->services[i].e.id));
		sp = analysis_single_points(a, (uint32_t)i, &nsp);
		for (j = 0; j < nsp; j++) {
			analysis_component_ref(a, sp[j], ref, sizeof ref);
			line = unrename(ref);
			buf_addf(&b, " %s", line);
			free(line);
		}
		/* Single points are listed by component number; compare
		 * them as a set. */
		line = unrename(b.s);
		free(b.s);
		msg = strchr(line, ':');
		msg = strchr(msg + 1, ':');
		path = words(msg + 1);
		msg[1] = '\0';
		result_add(r, xasprintf("%s %s", line, path));
		free(line);
		free(path);
	}
	for (i = 0; i < a->ncycles; i++) {
		memset(&b, 0, sizeof b);
		buf_add(&b, "cycle");
		for (j = 0; j < a->cycles[i].n; j++)
			buf_addf(&b, " %s", inventory_str(inv, inv->services[
			    a->cycles[i].services[j]].e.id));
		line = unrename(b.s);
		free(b.s);
		result_add(r, words(line));
		free(line);
	}
	for (i = 0; i < fl.n; i++) {
		const struct finding *f = &fl.v[i];
		const char *fp;
		char *u = unrename(finding_message(&fl, f, &ft));

		msg = words(u);
		free(u);
		fp = finding_path(&fl, f, &ft);
		u = unrename(fp != NULL ? fp : "");
		path = with_path ? words(u) : xstrdup("");
		free(u);
		if (f->rule == RULE_CYCLE)	/* subject: first by id */
			line = xasprintf("finding cycle %s | %s",
			    inventory_severity_name(f->severity), msg);
		else
			line = xasprintf("finding %s %s %s %s %s%s | %s | %s",
			    findings_rule_id(f->rule),
			    inventory_severity_name(f->severity), f->subject,
			    f->cause != NULL ? f->cause : "-",
			    f->policy != NULL ? f->policy : "-",
			    f->waived ? " waived" : "", msg, path);
		result_add(r, line);
		free(msg);
		free(path);
	}
	finding_text_free(&ft);
	qsort(r->v, r->n, sizeof *r->v, str_cmp);
	memset(&b, 0, sizeof b);
	buf_add(&b, "");
	for (i = 0; i < r->n; i++) {
		buf_add(&b, r->v[i]);
		buf_add(&b, "\n");
	}
	r->joined = b.s;

	findings_free(&fl);
	diag_list_free(&dl);
	if (keep != NULL) {
		*keep = a;
		*keep_inv = inv;
	} else {
		analysis_free(a);
		inventory_free(inv);
	}
}

/* ---- temporary directories ---- */

static char *
tmpdir_make(void)
{
	const char	*base = getenv("TMPDIR");
	char		*dir;

	dir = xasprintf("%s/faultline-meta-XXXXXX", base != NULL &&
	    *base != '\0' ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static void
tmpdir_remove(char *dir)
{
	char	*path;
	unsigned i;

	for (i = 0; i < 100; i++) {
		path = xasprintf("%s/part-%02u.yaml", dir, i);
		unlink(path);
		free(path);
	}
	rmdir(dir);
	free(dir);
}

/* Write inv as o says, load it back and reduce it. */
static void
run(const struct inventory *inv, const struct emit *o, struct result *r,
    int with_path)
{
	char	*dir = tmpdir_make();

	write_inventory(dir, inv, o);
	analyse_dir(dir, r, with_path, NULL, NULL);
	tmpdir_remove(dir);
}

/* Fail on the first line in which two results differ. */
static void
same(uint64_t seed, const struct result *want, const struct result *got)
{
	size_t	i;

	for (i = 0; i < want->n && i < got->n; i++) {
		if (strcmp(want->v[i], got->v[i]) != 0)
			break;
	}
	if (i == want->n && i == got->n)
		return;
	ck_abort_msg("seed %llu: line %zu differs:\n  plain:   %.400s\n"
	    "  variant: %.400s", (unsigned long long)seed, i + 1,
	    i < want->n ? want->v[i] : "(none)",
	    i < got->n ? got->v[i] : "(none)");
}

static const struct gen_limits	meta_limits = { 4, 8, 6, 24, 14 };

/* Compare the plain single-file results of each seed with a variant. */
static void
compare(const struct emit *variant, int with_path)
{
	static const struct emit	 plain = { 0, 0, 1, 0 };
	struct inventory		*inv;
	struct result			 want, got;
	struct emit			 o = *variant;
	uint64_t			 seed;
	size_t				 i, nsp = 0, nfind = 0;

	for (seed = 1; seed <= META_SEEDS; seed++) {
		inv = gen_inventory(seed, &meta_limits);
		ck_assert_ptr_nonnull(inv);
		if (o.shuffle != 0)
			o.shuffle = seed * 7919;
		run(inv, &plain, &want, with_path);
		run(inv, &o, &got, with_path);
		same(seed, &want, &got);
		for (i = 0; i < want.n; i++) {
			nfind += strncmp(want.v[i], "finding ", 8) == 0;
			nsp += strncmp(want.v[i], "sp ", 3) == 0 &&
			    want.v[i][strlen(want.v[i]) - 1] != ' ';
		}
		result_free(&want);
		result_free(&got);
		inventory_free(inv);
	}
	/* The comparisons were not vacuous. */
	ck_assert_uint_gt(nfind, META_SEEDS);
	ck_assert_uint_gt(nsp, META_SEEDS);
}

START_TEST(test_rename)
{
	static const struct emit	o = { 1, 0, 1, 0 };

	compare(&o, 1);
}
END_TEST

START_TEST(test_permute)
{
	static const struct emit	o = { 0, 1, 1, 0 };

	compare(&o, 0);
}
END_TEST

START_TEST(test_split)
{
	static const struct emit	o = { 0, 0, 5, 0 };

	compare(&o, 0);
}
END_TEST

START_TEST(test_split_permute_rename)
{
	static const struct emit	o = { 1, 1, 3, 0 };

	compare(&o, 0);
}
END_TEST

/*
 * A host in a new site added to the runs_on of the first service that
 * has one: every service's single points after are a subset of those
 * before, and neither the new site nor the new host is one.
 */
START_TEST(test_replica)
{
	static const struct emit	 plain = { 0, 0, 1, 0 };
	static const struct emit	 rep = { 0, 0, 1, 1 };
	struct inventory		*inv;
	struct result			 before, after;
	struct analysis			*a, *b;
	struct inventory		*ia, *ib;
	uint64_t			 seed;
	uint32_t			 s, t;
	const uint32_t			*sp;
	size_t				 n, i, checked = 0;
	char				*dir, ref[300], *line;

	for (seed = 1; seed <= META_SEEDS; seed++) {
		inv = gen_inventory(seed, &meta_limits);
		ck_assert_ptr_nonnull(inv);
		dir = tmpdir_make();
		write_inventory(dir, inv, &plain);
		analyse_dir(dir, &before, 0, &a, &ia);
		tmpdir_remove(dir);
		dir = tmpdir_make();
		write_inventory(dir, inv, &rep);
		analyse_dir(dir, &after, 0, &b, &ib);
		tmpdir_remove(dir);

		/* Each single point after was one before. */
		for (s = 0; s < ib->nservices; s++) {
			t = inventory_find(ia, KIND_SERVICE, inventory_str(ib,
			    ib->services[s].e.id));
			ck_assert_uint_ne(t, INDEX_NONE);
			sp = analysis_single_points(b, s, &n);
			for (i = 0; i < n; i++) {
				analysis_component_ref(b, sp[i], ref,
				    sizeof ref);
				line = strchr(ref, ':') + 1;
				ck_assert_msg(strcmp(ref, "site:newsite") != 0 &&
				    strcmp(ref, "host:replica") != 0,
				    "seed %llu: %s is a single point of %s",
				    (unsigned long long)seed, ref,
				    inventory_str(ib, ib->services[s].e.id));
				ck_assert_msg(analysis_is_single_point(a, t,
				    a->base[analysis_component_kind(b, sp[i])] +
				    inventory_find(ia, analysis_component_kind(b,
				    sp[i]), line)), "seed %llu: %s became a "
				    "single point of %s", (unsigned long long)seed,
				    ref, inventory_str(ib,
				    ib->services[s].e.id));
				checked++;
			}
		}
		result_free(&before);
		result_free(&after);
		analysis_free(a);
		analysis_free(b);
		inventory_free(ia);
		inventory_free(ib);
		inventory_free(inv);
	}
	ck_assert_uint_gt(checked, 0);
}
END_TEST

/*
 * Failing any one infrastructure component that is not a single point of
 * S leaves S up or degraded, never down; and one that is takes it down.
 */
START_TEST(test_non_single_point)
{
	static const struct emit	 plain = { 0, 0, 1, 0 };
	struct inventory		*inv, *li;
	struct analysis			*a;
	struct scenario			*sc;
	struct result			 r;
	uint64_t			 seed;
	uint32_t			 c, s;
	size_t				 spared = 0;
	char				*dir, ref[300];

	for (seed = 1; seed <= META_SEEDS; seed++) {
		inv = gen_inventory(seed, &meta_limits);
		ck_assert_ptr_nonnull(inv);
		dir = tmpdir_make();
		write_inventory(dir, inv, &plain);
		analyse_dir(dir, &r, 0, &a, &li);
		tmpdir_remove(dir);
		sc = scenario_create(a);
		for (c = 0; c < a->base[KIND_SERVICE]; c++) {
			scenario_run(sc, &c, 1);
			for (s = 0; s < li->nservices; s++) {
				int sp = analysis_is_single_point(a, s, c);
				int down = scenario_service_state(sc, s) ==
				    STATE_DOWN;

				ck_assert_msg(sp == down, "seed %llu: failing "
				    "%s: service %s %s, single point %d",
				    (unsigned long long)seed,
				    analysis_component_ref(a, c, ref,
				    sizeof ref), inventory_str(li,
				    li->services[s].e.id), down ? "down" :
				    "not down", sp);
				spared += !sp;
			}
		}
		scenario_free(sc);
		result_free(&r);
		analysis_free(a);
		inventory_free(li);
		inventory_free(inv);
	}
	ck_assert_uint_gt(spared, 0);
}
END_TEST

Suite *
suite_metamorphic(void)
{
	Suite	*s = suite_create("metamorphic");
	TCase	*tc = tcase_create("transformations");

	tcase_add_test(tc, test_rename);
	tcase_add_test(tc, test_permute);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_split_permute_rename);
	tcase_add_test(tc, test_replica);
	tcase_add_test(tc, test_non_single_point);
	suite_add_tcase(s, tc);
	return s;
}
