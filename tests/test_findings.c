/*
 * test_findings.c -- the rules of the findings rules (README), policies and waivers, on
 * inventories built in memory (findings_fixture.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "findings_fixture.h"
#include "suites.h"

#define TODAY	20605	/* 2026-06-01 */

/* The message and path of a finding, as outputs format them. */
static const char *
msg(const struct findings *fl, const struct finding *f)
{
	static struct finding_text	t;

	return finding_message(fl, f, &t);
}

static const char *
path(const struct findings *fl, const struct finding *f)
{
	static struct finding_text	t;

	return finding_path(fl, f, &t);
}

static void
compute(struct inventory *inv, struct analysis **a, struct findings *fl)
{
	struct diag_list	dl;

	*a = fx_analyse(inv);
	diag_list_init(&dl);
	ck_assert_int_eq(findings_compute(*a, TODAY, fl, &dl), 0);
	ck_assert_uint_eq(dl.n, 0);
	diag_list_free(&dl);
}

static void
release(struct inventory *inv, struct analysis *a, struct findings *fl)
{
	findings_free(fl);
	analysis_free(a);
	inventory_free(inv);
}

static int
same(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0;
}

/* The one finding of a rule, subject, cause and policy (NULL: any). */
static const struct finding *
find(const struct findings *fl, enum rule rule, const char *subject,
    const char *cause, const char *policy)
{
	const struct finding	*hit = NULL;
	size_t			 i;

	for (i = 0; i < fl->n; i++) {
		if (fl->v[i].rule != rule || !same(fl->v[i].subject, subject) ||
		    !same(fl->v[i].cause, cause))
			continue;
		if (policy != NULL && !same(fl->v[i].policy, policy))
			continue;
		ck_assert_msg(hit == NULL, "two findings %s %s %s",
		    findings_rule_id(rule), subject, cause);
		hit = &fl->v[i];
	}
	ck_assert_msg(hit != NULL, "no finding %s %s %s",
	    findings_rule_id(rule), subject, cause != NULL ? cause : "-");
	return hit;
}

/* Findings of any rule about a subject with a cause. */
static size_t
count_cause(const struct findings *fl, const char *subject, const char *cause)
{
	size_t	i, n = 0;

	for (i = 0; i < fl->n; i++)
		n += same(fl->v[i].subject, subject) &&
		    same(fl->v[i].cause, cause);
	return n;
}

static size_t
count_rule(const struct findings *fl, enum rule rule)
{
	size_t	i, n = 0;

	for (i = 0; i < fl->n; i++)
		n += fl->v[i].rule == rule;
	return n;
}

/* One site s1 with host h1 (and s2 with h2), services added by the test. */
static struct inventory *
two_sites(void)
{
	struct inventory	*inv = fx_create();

	fx_site(inv, "s1", 2);
	fx_site(inv, "s2", 3);
	fx_host(inv, "h1", "s1", NULL, NULL, 5);
	fx_host(inv, "h2", "s2", NULL, NULL, 8);
	return inv;
}

START_TEST(test_rule_ids)
{
	int	r;

	for (r = 0; r < RULE_COUNT; r++)
		ck_assert_int_eq(findings_rule_parse(findings_rule_id(r)), r);
	ck_assert_str_eq(findings_rule_id(RULE_SINGLE_SITE_TOOL),
	    "single-site-tool");
	ck_assert_str_eq(findings_rule_id(RULE_WAIVER_EXPIRED),
	    "waiver-expired");
	ck_assert_int_eq(findings_rule_parse("spofs"), -1);
}
END_TEST

START_TEST(test_date)
{
	char	buf[16];

	findings_date(0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1970-01-01");
	findings_date(-1, buf, sizeof buf);
	ck_assert_str_eq(buf, "1969-12-31");
	findings_date(11016, buf, sizeof buf);
	ck_assert_str_eq(buf, "2000-02-29");
	findings_date(20908, buf, sizeof buf);
	ck_assert_str_eq(buf, "2027-03-31");
}
END_TEST

/* The implied causes of a finding, comma-separated. */
static const char *
implied_text(const struct finding *f)
{
	static char	buf[512];
	size_t		i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < f->nimplied && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
		    i > 0 ? "," : "", f->implied[i]);
	return buf;
}

/*
 * Enough services for the rules to run on two threads: every finding is
 * there once, in the order of the file, whichever thread made it.
 */
START_TEST(test_many_services_in_order)
{
	enum { N = 2500 };
	struct inventory	*inv = fx_create();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;
	char			 id[32], host[32], want[128];
	unsigned		 i;

	fx_site(inv, "s", 1);
	fx_power(inv, "ups", "s", NULL, 3);
	fx_rack(inv, "r", "s", "ups", 6);
	for (i = 0; i < N; i++) {
		snprintf(host, sizeof host, "h-%04u", i);
		fx_host(inv, host, "s", "r", NULL, 10 + 3 * i);
	}
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof id, "svc-%04u", i);
		snprintf(host, sizeof host, "h-%04u", i);
		fx_service(inv, id, SERVICE_APP, 3, host, 0, NULL, NULL,
		    10 + 3 * N + 6 * i);
	}
	compute(inv, &a, &fl);
	ck_assert_uint_eq(fl.n, N);
	for (i = 0; i < N; i++) {
		f = &fl.v[i];
		snprintf(want, sizeof want, "service:svc-%04u", i);
		ck_assert_str_eq(f->subject, want);
		snprintf(want, sizeof want, "host:h-%04u", i);
		ck_assert_str_eq(f->cause, want);
		snprintf(want, sizeof want, "service 'svc-%04u' goes down when "
		    "host 'h-%04u' fails; host 'h-%04u' takes down 1 service",
		    i, i, i);
		ck_assert_str_eq(msg(&fl, f), want);
		ck_assert_str_eq(implied_text(f), "power:ups,rack:r,site:s");
		ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	}
	release(inv, a, &fl);
}
END_TEST

/*
 * Two threads of rules (spof on one, every other rule on the other) where
 * one or both have nothing to say: services in two sites have no single
 * point; from `bad` on, each is on one host; the first `inverted` are of
 * tier 2 and hard-depend on the last (tier 3), a tier inversion each.
 * *n receives the number of findings, *spof those of rule spof.
 */
static void
many_services_from(unsigned bad, unsigned inverted, size_t *n, size_t *spof)
{
	enum { N = 2500 };
	struct inventory	*inv = fx_create();
	struct analysis		*a;
	struct findings		 fl;
	char			 id[32], hosts[64];
	unsigned		 i;

	fx_site(inv, "s1", 1);
	fx_site(inv, "s2", 2);
	fx_rack(inv, "r1", "s1", NULL, 3);
	fx_rack(inv, "r2", "s2", NULL, 6);
	for (i = 0; i < N; i++) {
		snprintf(hosts, sizeof hosts, "a-%04u", i);
		fx_host(inv, hosts, "s1", "r1", NULL, 10 + 6 * i);
		snprintf(hosts, sizeof hosts, "b-%04u", i);
		fx_host(inv, hosts, "s2", "r2", NULL, 13 + 6 * i);
	}
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof id, "svc-%04u", i);
		if (i < bad)
			snprintf(hosts, sizeof hosts, "a-%04u b-%04u", i, i);
		else
			snprintf(hosts, sizeof hosts, "a-%04u", i);
		fx_service(inv, id, SERVICE_APP, i < inverted ? 2 : 3, hosts, 0,
		    i < inverted ? "svc-2499" : NULL, NULL,
		    10 + 6 * N + 6 * i);
	}
	compute(inv, &a, &fl);
	*n = fl.n;
	*spof = count_rule(&fl, RULE_SPOF);
	ck_assert_uint_eq(count_rule(&fl, RULE_TIER_INVERSION), inverted);
	if (fl.n > 0) {
		/* In the order of the services. */
		snprintf(id, sizeof id, "service:svc-%04u",
		    inverted > 0 ? 0 : bad);
		ck_assert_str_eq(fl.v[0].subject, id);
		snprintf(id, sizeof id, "service:svc-%04u",
		    bad < N ? N - 1 : inverted - 1);
		ck_assert_str_eq(fl.v[fl.n - 1].subject, id);
		for (i = 1; i < fl.n; i++)
			ck_assert_int_le(strcmp(fl.v[i - 1].subject,
			    fl.v[i].subject), 0);
	}
	release(inv, a, &fl);
}

START_TEST(test_many_services_few_findings)
{
	size_t	n, spof;

	many_services_from(2500, 0, &n, &spof);	/* no findings at all */
	ck_assert_uint_eq(n, 0);
	many_services_from(2000, 0, &n, &spof);	/* none from the worker */
	ck_assert_uint_eq(n, 500);
	ck_assert_uint_eq(spof, 500);
	many_services_from(0, 0, &n, &spof);	/* one per service */
	ck_assert_uint_eq(n, 2500);
	many_services_from(2500, 100, &n, &spof); /* only from the worker */
	ck_assert_uint_eq(n, 100);
	ck_assert_uint_eq(spof, 0);
	/* From both: the first 100 also go down with svc-2499's host. */
	many_services_from(2000, 100, &n, &spof);
	ck_assert_uint_eq(n, 700);
	ck_assert_uint_eq(spof, 600);
}
END_TEST

START_TEST(test_default_spof)
{
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;

	compute(inv, &a, &fl);
	/* Minimal causes only: quorum-tight and web 3 hosts each; search,
	 * deploy one rack; a and b their site. */
	ck_assert_uint_eq(count_rule(&fl, RULE_SPOF), 3 + 3 + 1 + 1 + 1 + 1);

	f = find(&fl, RULE_SPOF, "service:web", "host:n-2", NULL);
	ck_assert_int_eq(f->severity, SEVERITY_ERROR);
	ck_assert_str_eq(f->policy, "default");
	ck_assert_str_eq(msg(&fl, f), "service 'web' goes down when host "
	    "'n-2' fails; host 'n-2' takes down 2 services");
	ck_assert_str_eq(path(&fl, f), "web -> quorum-tight (hard) -> host n-2");
	ck_assert_str_eq(implied_text(f), "power:north-ups,rack:n-r1,"
	    "site:north");
	ck_assert_str_eq(f->culprit, "service:quorum-tight");
	ck_assert_int_eq(f->has_anchor, 1);
	ck_assert_uint_eq(f->mark.line, 58);
	ck_assert_uint_eq(f->mark.column, 9);
	ck_assert_int_eq(f->waived, 0);
	/* Implied causes are not reported again. */
	ck_assert_uint_eq(count_cause(&fl, "service:web", "site:north"), 0);
	ck_assert_uint_eq(count_cause(&fl, "service:web", "power:grid"), 0);

	f = find(&fl, RULE_SPOF, "service:web", "host:s-2", NULL);
	ck_assert_str_eq(implied_text(f), "power:grid,power:south-ups,"
	    "power:south-util,rack:s-r1,site:south");

	f = find(&fl, RULE_SPOF, "service:search", "rack:s-r1", NULL);
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_str_eq(msg(&fl, f), "service 'search' goes down when rack "
	    "'s-r1' fails; rack 's-r1' takes down 4 services");
	ck_assert_str_eq(path(&fl, f), "search -> host s-2 -> rack s-r1");
	ck_assert_str_eq(f->culprit, "service:search");
	ck_assert_str_eq(implied_text(f), "power:grid,power:south-ups,"
	    "power:south-util,site:south");

	f = find(&fl, RULE_SPOF, "service:a", "site:east", NULL);
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_str_eq(msg(&fl, f), "service 'a' goes down when site 'east' "
	    "fails; site 'east' takes down 4 services");
	ck_assert_str_eq(f->culprit, "service:b");
	ck_assert_uint_eq(f->nimplied, 0);

	f = find(&fl, RULE_SPOF, "service:quorum-tight", "host:e-2", NULL);
	ck_assert_str_eq(msg(&fl, f), "service 'quorum-tight' goes down when "
	    "host 'e-2' fails; host 'e-2' takes down 2 services");
	ck_assert_str_eq(path(&fl, f), "quorum-tight -> host e-2");
	ck_assert_str_eq(implied_text(f), "site:east");
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_default_severity_by_tier)
{
	struct inventory	*inv = two_sites();
	struct analysis		*a;
	struct findings		 fl;

	fx_service(inv, "t1", SERVICE_APP, 1, "h1", 0, NULL, NULL, 10);
	fx_service(inv, "t2", SERVICE_APP, 2, "h1", 0, NULL, NULL, 20);
	fx_service(inv, "t3", SERVICE_APP, 3, "h1", 0, NULL, NULL, 30);
	fx_service(inv, "t4", SERVICE_APP, 4, "h1", 0, NULL, NULL, 40);
	fx_service(inv, "both", SERVICE_APP, 1, "h1 h2", 0, NULL, NULL, 50);
	fx_service(inv, "ext", SERVICE_EXTERNAL, 1, NULL, 0, NULL, NULL, 60);
	compute(inv, &a, &fl);
	/* One finding each, on the host; the site is implied. */
	ck_assert_uint_eq(fl.n, 4);
	ck_assert_int_eq(find(&fl, RULE_SPOF, "service:t1", "host:h1",
	    NULL)->severity, SEVERITY_ERROR);
	ck_assert_int_eq(find(&fl, RULE_SPOF, "service:t2", "host:h1",
	    NULL)->severity, SEVERITY_ERROR);
	ck_assert_int_eq(find(&fl, RULE_SPOF, "service:t3", "host:h1",
	    NULL)->severity, SEVERITY_WARNING);
	ck_assert_int_eq(find(&fl, RULE_SPOF, "service:t4", "host:h1",
	    NULL)->severity, SEVERITY_NOTE);
	ck_assert_str_eq(fl.v[0].subject, "service:t1");
	ck_assert_str_eq(fl.v[3].subject, "service:t4");
	ck_assert_str_eq(implied_text(&fl.v[0]), "site:s1");
	ck_assert_str_eq(msg(&fl, &fl.v[0]), "service 't1' goes down when host "
	    "'h1' fails; host 'h1' takes down 4 services");
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_single_site_tool)
{
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;

	compute(inv, &a, &fl);
	ck_assert_uint_eq(count_rule(&fl, RULE_SINGLE_SITE_TOOL), 1);
	f = find(&fl, RULE_SINGLE_SITE_TOOL, "service:deploy", "site:south",
	    NULL);
	ck_assert_int_eq(f->severity, SEVERITY_ERROR);
	ck_assert_ptr_null(f->policy);
	ck_assert_str_eq(msg(&fl, f), "tool 'deploy' goes down with site "
	    "'south' (counting its dependencies); site 'south' takes down 4 "
	    "services");
	ck_assert_str_eq(path(&fl, f), "deploy -> search (hard) -> host s-2 -> "
	    "rack s-r1 -> power south-ups -> site south");
	ck_assert_uint_eq(f->mark.line, 68);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_single_site_tool_two_sites)
{
	struct inventory	*inv = two_sites();
	struct analysis		*a;
	struct findings		 fl;

	fx_service(inv, "console", SERVICE_TOOL, 3, "h1 h2", 0, NULL, NULL,
	    10);
	fx_service(inv, "db", SERVICE_DATA, 3, "h1 h2", 0, NULL, NULL, 20);
	fx_service(inv, "ci", SERVICE_TOOL, 3, "h1 h2", 0, "db ~console",
	    NULL, 30);
	compute(inv, &a, &fl);
	ck_assert_uint_eq(fl.n, 0);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_recovery_blocked_down)
{
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;

	compute(inv, &a, &fl);
	/* The rack is the minimal fault; its feeds and site are implied. */
	ck_assert_uint_eq(count_rule(&fl, RULE_RECOVERY_BLOCKED), 1);
	f = find(&fl, RULE_RECOVERY_BLOCKED, "service:web", "rack:s-r1",
	    NULL);
	ck_assert_int_eq(f->severity, SEVERITY_ERROR);
	ck_assert_int_eq(f->state, STATE_DOWN);
	ck_assert_str_eq(msg(&fl, f), "service 'web' goes down when rack "
	    "'s-r1' fails, and so does the tool 'deploy' needed to recover "
	    "or fail it over; rack 's-r1' takes down 4 services");
	ck_assert_str_eq(path(&fl, f), "deploy -> search (hard) -> host s-2 -> "
	    "rack s-r1");
	ck_assert_str_eq(f->culprit, "service:search");
	ck_assert_str_eq(implied_text(f), "power:grid,power:south-ups,"
	    "power:south-util,site:south");
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_recovery_blocked_degraded)
{
	struct inventory	*inv = two_sites();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;

	fx_service(inv, "deploy", SERVICE_TOOL, 2, "h2", 0, NULL, NULL, 10);
	fx_service(inv, "vault", SERVICE_TOOL, 2, "h2", 0, NULL, NULL, 20);
	fx_service(inv, "app", SERVICE_APP, 1, "h1 h2", 0, NULL,
	    "deploy vault", 30);
	fx_service(inv, "other", SERVICE_APP, 3, "h1 h2", 0, NULL, "deploy",
	    40);
	compute(inv, &a, &fl);
	ck_assert_uint_eq(count_rule(&fl, RULE_RECOVERY_BLOCKED), 2);
	/* A host is not in the loss matrix: a scenario decides.  Only
	 * degraded: a warning for tier 1, a note for tier 3. */
	f = find(&fl, RULE_RECOVERY_BLOCKED, "service:app", "host:h2", NULL);
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_int_eq(f->state, STATE_DEGRADED);
	ck_assert_str_eq(msg(&fl, f), "service 'app' is degraded when host "
	    "'h2' fails, and the tools 'deploy', 'vault' needed to recover "
	    "or fail it over go down; host 'h2' takes down 2 services");
	ck_assert_str_eq(path(&fl, f), "deploy -> host h2");
	ck_assert_str_eq(implied_text(f), "site:s2");
	f = find(&fl, RULE_RECOVERY_BLOCKED, "service:other", "host:h2",
	    NULL);
	ck_assert_int_eq(f->severity, SEVERITY_NOTE);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_cycle)
{
	struct inventory	*inv = two_sites();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;

	/* x -> z -> y -> x, and w -> x outside the cycle. */
	fx_service(inv, "x", SERVICE_APP, 3, "h1 h2", 0, "z", NULL, 10);
	fx_service(inv, "y", SERVICE_APP, 3, "h1 h2", 0, "x", NULL, 20);
	fx_service(inv, "z", SERVICE_APP, 3, "h1 h2", 0, "y", NULL, 30);
	fx_service(inv, "w", SERVICE_APP, 3, "h1 h2", 0, "x", NULL, 40);
	compute(inv, &a, &fl);
	ck_assert_uint_eq(fl.n, 1);
	f = find(&fl, RULE_CYCLE, "service:x", NULL, NULL);
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_str_eq(msg(&fl, f), "hard-dependency cycle 'x', 'y', 'z': "
	    "these services share fate and cannot be cold-started");
	ck_assert_str_eq(path(&fl, f), "x -> z -> y -> x");
	ck_assert_uint_eq(f->mark.line, 10);
	release(inv, a, &fl);

	inv = fx_quorum_and_power();
	compute(inv, &a, &fl);
	ck_assert_uint_eq(count_rule(&fl, RULE_CYCLE), 1);
	f = find(&fl, RULE_CYCLE, "service:a", NULL, NULL);
	ck_assert_str_eq(msg(&fl, f), "hard-dependency cycle 'a', 'b': these "
	    "services share fate and cannot be cold-started");
	ck_assert_str_eq(path(&fl, f), "a -> b -> a");
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_tier_inversion)
{
	struct inventory	*inv = two_sites();
	struct analysis		*a;
	struct findings		 fl;
	const struct finding	*f;

	fx_service(inv, "db", SERVICE_DATA, 3, "h1 h2", 0, NULL, NULL, 10);
	fx_service(inv, "cache", SERVICE_DATA, 4, "h1 h2", 0, NULL, NULL, 20);
	fx_service(inv, "pay", SERVICE_APP, 1, "h1 h2", 0, "db ~cache", NULL,
	    30);
	fx_service(inv, "batch", SERVICE_APP, 4, "h1 h2", 0, "db", NULL, 40);
	compute(inv, &a, &fl);
	ck_assert_uint_eq(fl.n, 1);
	f = find(&fl, RULE_TIER_INVERSION, "service:pay", "service:db", NULL);
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_str_eq(msg(&fl, f), "service 'pay' (tier 1) hard-depends on "
	    "'db' (tier 3), a less critical tier");
	ck_assert_str_eq(path(&fl, f), "pay -> db (hard)");
	release(inv, a, &fl);
}
END_TEST

/* Services for the policy tests: every one runs on h1 in site s1. */
static struct inventory *
policy_inventory(void)
{
	struct inventory	*inv = two_sites();
	struct service		*s;

	s = fx_service(inv, "pay-api", SERVICE_APP, 1, "h1", 0, NULL, NULL,
	    10);
	s->owner = inventory_intern(inv, "payments", 8);
	s = fx_service(inv, "pay-db", SERVICE_DATA, 2, "h1", 0, NULL, NULL,
	    20);
	s->owner = inventory_intern(inv, "payments", 8);
	s = fx_service(inv, "deploy", SERVICE_TOOL, 3, "h1", 0, NULL, NULL,
	    30);
	s->owner = inventory_intern(inv, "platform", 8);
	fx_service(inv, "wiki", SERVICE_APP, 4, "h1", 0, NULL, NULL, 40);
	return inv;
}

static size_t
count_policy(const struct findings *fl, const char *policy)
{
	size_t	i, n = 0;

	for (i = 0; i < fl->n; i++)
		n += fl->v[i].rule == RULE_SPOF && same(fl->v[i].policy, policy);
	return n;
}

START_TEST(test_policy_selectors)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl;
	struct policy		*p;
	const struct finding	*f;

	p = fx_policy(inv, "tier1", 100);
	p->tiers = 1u << 1;
	p->survive = 1u << KIND_SITE;
	p->severity = SEVERITY_WARNING;
	p = fx_policy(inv, "tools", 110);
	p->kinds = 1u << SERVICE_TOOL;
	p = fx_policy(inv, "payments", 120);
	p->owners = malloc(sizeof *p->owners);
	p->owners[0] = inventory_intern(inv, "payments", 8);
	p->nowners = 1;
	p->survive = 1u << KIND_HOST;
	p->severity = SEVERITY_NOTE;
	p = fx_policy(inv, "wiki-ish", 130);
	p->id_regex = strdup("^w[ik]+$");
	p->survive = (1u << KIND_SITE) | (1u << KIND_HOST);
	p = fx_policy(inv, "nobody", 140);
	p->tiers = (1u << 3) | (1u << 4);
	p->kinds = 1u << SERVICE_DATA;
	compute(inv, &a, &fl);

	/* Minimality per policy: tier1 asks only for sites, so the site is
	 * its minimal cause; payments asks only for hosts. */
	ck_assert_uint_eq(count_policy(&fl, "tier1"), 1);
	f = find(&fl, RULE_SPOF, "service:pay-api", "site:s1", "tier1");
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_uint_eq(f->nimplied, 0);
	/* Tools: every kind; the host (the site is single-site-tool's). */
	ck_assert_uint_eq(count_policy(&fl, "tools"), 1);
	f = find(&fl, RULE_SPOF, "service:deploy", "host:h1", "tools");
	ck_assert_int_eq(f->severity, SEVERITY_ERROR);
	ck_assert_str_eq(implied_text(f), "site:s1");
	ck_assert_uint_eq(count_policy(&fl, "payments"), 2);
	f = find(&fl, RULE_SPOF, "service:pay-db", "host:h1", "payments");
	ck_assert_int_eq(f->severity, SEVERITY_NOTE);
	find(&fl, RULE_SPOF, "service:pay-api", "host:h1", "payments");
	/* wiki-ish asks for sites and hosts: the host, site implied. */
	ck_assert_uint_eq(count_policy(&fl, "wiki-ish"), 1);
	f = find(&fl, RULE_SPOF, "service:wiki", "host:h1", "wiki-ish");
	ck_assert_str_eq(implied_text(f), "site:s1");
	ck_assert_uint_eq(count_policy(&fl, "nobody"), 0);
	ck_assert_uint_eq(count_policy(&fl, "default"), 0);
	/* The other rules still run: deploy is a single-site tool. */
	find(&fl, RULE_SINGLE_SITE_TOOL, "service:deploy", "site:s1", NULL);
	ck_assert_uint_eq(fl.n, 6);
	release(inv, a, &fl);
}
END_TEST

/*
 * Two policies with the same minimal cause give one finding, naming both,
 * at the more severe of their severities; a waiver of either covers it.
 */
START_TEST(test_policy_overlap)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl;
	struct policy		*p;
	const struct finding	*f;

	p = fx_policy(inv, "tier1", 100);
	p->tiers = 1u << 1;
	p->survive = (1u << KIND_SITE) | (1u << KIND_HOST);
	p->severity = SEVERITY_WARNING;
	p = fx_policy(inv, "payments", 110);
	p->owners = malloc(sizeof *p->owners);
	p->owners[0] = inventory_intern(inv, "payments", 8);
	p->nowners = 1;
	p->survive = (1u << KIND_SITE) | (1u << KIND_HOST);
	p->severity = SEVERITY_NOTE;
	fx_waiver(inv, "payments", "^pay-db$", "moving", INT32_MIN, 120);
	compute(inv, &a, &fl);

	f = find(&fl, RULE_SPOF, "service:pay-api", "host:h1",
	    "tier1,payments");
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_int_eq(f->waived, 0);
	f = find(&fl, RULE_SPOF, "service:pay-db", "host:h1", "payments");
	ck_assert_int_eq(f->waived, 1);
	ck_assert_uint_eq(count_policy(&fl, "tier1,payments"), 1);
	ck_assert_uint_eq(count_policy(&fl, "tier1"), 0);
	ck_assert_int_eq(findings_policy_named("tier1,payments", "payments"),
	    1);
	ck_assert_int_eq(findings_policy_named("tier1,payments", "tier"), 0);
	ck_assert_int_eq(findings_policy_named(NULL, "tier1"), 0);
	release(inv, a, &fl);
}
END_TEST

/* A stricter policy for some services never hides the default findings of
 * the others. */
START_TEST(test_policy_never_hides)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl, base;
	struct policy		*p;
	const struct finding	*f;
	size_t			 i;

	compute(inv, &a, &base);
	analysis_free(a);
	p = fx_policy(inv, "tools-strict", 100);
	p->kinds = 1u << SERVICE_TOOL;
	p->survive = 1u << KIND_SITE;
	compute(inv, &a, &fl);
	for (i = 0; i < base.n; i++) {
		if (base.v[i].rule != RULE_SPOF ||
		    strcmp(base.v[i].subject, "service:deploy") == 0)
			continue;
		f = find(&fl, RULE_SPOF, base.v[i].subject, base.v[i].cause,
		    "default");
		ck_assert_int_eq(f->severity, base.v[i].severity);
	}
	ck_assert_uint_eq(count_policy(&fl, "default"), 3);
	findings_free(&base);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_policy_empty_section)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl;

	/* policies: [] selects nothing: every service keeps the default. */
	inv->has_policies = 1;
	compute(inv, &a, &fl);
	ck_assert_uint_eq(count_policy(&fl, "default"), 4);
	ck_assert_uint_eq(fl.n, 5);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_waivers)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl;
	struct findings_count	 fc;
	const struct finding	*f;

	fx_waiver(inv, "spof", "^pay-", "replicated in Q3, OPS-1",
	    TODAY, 200);
	fx_waiver(inv, "single-site-tool", "^deploy$", "tools move in 2027",
	    INT32_MIN, 210);
	fx_waiver(inv, "spof", "^wiki$", "old wiki, OPS-7", TODAY - 1, 220);
	fx_waiver(inv, "tier-inversion", ".", "not this one", INT32_MIN, 230);
	compute(inv, &a, &fl);

	f = find(&fl, RULE_SPOF, "service:pay-api", "host:h1", NULL);
	ck_assert_int_eq(f->waived, 1);
	ck_assert_str_eq(f->waiver_reason, "replicated in Q3, OPS-1");
	f = find(&fl, RULE_SPOF, "service:pay-db", "host:h1", NULL);
	ck_assert_int_eq(f->waived, 1);
	f = find(&fl, RULE_SINGLE_SITE_TOOL, "service:deploy", "site:s1",
	    NULL);
	ck_assert_int_eq(f->waived, 1);
	ck_assert_str_eq(f->waiver_reason, "tools move in 2027");
	f = find(&fl, RULE_SPOF, "service:deploy", "host:h1", NULL);
	ck_assert_int_eq(f->waived, 0);
	ck_assert_ptr_null(f->waiver_reason);
	/* Expired yesterday: does not apply, and is reported. */
	f = find(&fl, RULE_SPOF, "service:wiki", "host:h1", NULL);
	ck_assert_int_eq(f->waived, 0);
	f = find(&fl, RULE_WAIVER_EXPIRED, "waiver:spof:^wiki$", NULL, NULL);
	ck_assert_int_eq(f->severity, SEVERITY_WARNING);
	ck_assert_str_eq(msg(&fl, f), "waiver for 'spof' on services matching "
	    "'^wiki$' expired on 2026-05-31; it no longer applies");
	ck_assert_uint_eq(f->mark.line, 220);
	ck_assert_uint_eq(count_rule(&fl, RULE_WAIVER_EXPIRED), 1);

	findings_count(&fl, &fc);
	ck_assert_uint_eq(fc.waived, 3);
	ck_assert_uint_eq(fc.errors, 0);	/* deploy is tier 3: a warning */
	ck_assert_uint_eq(fc.warnings, 2);
	ck_assert_uint_eq(fc.notes, 1);
	ck_assert_uint_eq(fl.n, 6);
	/* The waiver-expired finding sorts last (line 220). */
	ck_assert_int_eq(fl.v[fl.n - 1].rule, RULE_WAIVER_EXPIRED);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_bad_regex)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl;
	struct diag_list	 dl;
	struct policy		*p;

	p = fx_policy(inv, "broken", 100);
	a = fx_analyse(inv);
	p = &inv->policies[0];
	p->id_regex = strdup("(pay");
	p->id_regex_mark.file = 0;
	p->id_regex_mark.line = 102;
	p->id_regex_mark.column = 11;
	diag_list_init(&dl);
	ck_assert_int_eq(findings_compute(a, TODAY, &fl, &dl), -1);
	ck_assert_uint_eq(fl.n, 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "inventory.yaml");
	ck_assert_uint_eq(dl.v[0].line, 102);
	ck_assert_uint_eq(dl.v[0].column, 11);
	ck_assert_str_eq(dl.v[0].message, "invalid regular expression '(pay' "
	    "in policy 'broken': missing closing parenthesis at offset 4");
	diag_list_free(&dl);
	release(inv, a, &fl);
}
END_TEST

/*
 * The regex budget: each distinct regex is matched once per service (the
 * same regex in 600 policies and 600 waivers costs one pass), and more
 * distinct regexes x services than the budget allows is an error at the
 * first regex, before any matching.
 */
START_TEST(test_regex_budget)
{
	struct inventory	*inv = policy_inventory();
	struct analysis		*a;
	struct findings		 fl;
	struct diag_list	 dl;
	struct policy		*p;
	struct waiver		*w;
	const struct finding	*f;
	char			 id[32];
	size_t			 i, n;

	for (i = 0; i < 996; i++) {
		snprintf(id, sizeof id, "svc-%zu", i);
		fx_service(inv, id, SERVICE_APP, 4, "h1", 0, NULL, NULL,
		    (unsigned)(200 + i));
	}
	for (i = 0; i < 600; i++) {
		snprintf(id, sizeof id, "same-%zu", i);
		p = fx_policy(inv, id, (unsigned)(2000 + i));
		p->id_regex = strdup("^pay-");
		p->survive = 1u << KIND_HOST;
		w = fx_waiver(inv, "spof", "^(a+)+$", "r", INT32_MIN,
		    (unsigned)(3000 + i));
		(void)w;
	}
	a = fx_analyse(inv);
	diag_list_init(&dl);
	ck_assert_int_eq(findings_compute(a, TODAY, &fl, &dl), 0);
	ck_assert_uint_eq(dl.n, 0);
	/* Each of the 600 policies selects the two pay- services (one
	 * finding each, naming every policy), and nothing else. */
	f = find(&fl, RULE_SPOF, "service:pay-api", "host:h1", NULL);
	ck_assert_int_eq(strncmp(f->policy, "same-0,same-1,", 14), 0);
	ck_assert_ptr_nonnull(strstr(f->policy, ",same-599"));
	f = find(&fl, RULE_SPOF, "service:pay-db", "host:h1", NULL);
	ck_assert_ptr_nonnull(strstr(f->policy, ",same-599"));
	for (i = 0, n = 0; i < fl.n; i++)
		n += fl.v[i].policy != NULL &&
		    strncmp(fl.v[i].policy, "same-", 5) == 0;
	ck_assert_uint_eq(n, 2);
	findings_free(&fl);

	/* 1,002 different regexes (1,001 new, ^(a+)+$ left in 199 waivers)
	 * x 1,000 services: over the budget. */
	for (i = 0; i < 1001; i++) {
		snprintf(id, sizeof id, "^svc-%zu$", i);
		if (i < 600) {
			free(inv->policies[i].id_regex);
			inv->policies[i].id_regex = strdup(id);
		} else {
			free(inv->waivers[i - 600].service_regex);
			inv->waivers[i - 600].service_regex = strdup(id);
		}
	}
	ck_assert_int_eq(findings_compute(a, TODAY, &fl, &dl), -1);
	ck_assert_uint_eq(fl.n, 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_uint_eq(dl.v[0].line, inv->policies[0].id_regex_mark.line);
	ck_assert_str_eq(dl.v[0].message, "1002 different regular "
	    "expressions in policies and waivers, each matched against 1000 "
	    "services, make 1002000 matches, more than the budget of 1000000; "
	    "use fewer expressions (or tiers, kinds and owners)");
	diag_list_free(&dl);
	release(inv, a, &fl);
}
END_TEST

START_TEST(test_service_order)
{
	struct inventory	*inv = fx_quorum_and_power();
	uint32_t		*order;
	const char		*want[] = { "a", "b", "deploy", "pair",
	    "quorum", "quorum-tight", "saas", "search", "web" };
	size_t			 i;

	order = findings_service_order(inv);
	for (i = 0; i < 9; i++)
		ck_assert_str_eq(inventory_str(inv,
		    inv->services[order[i]].e.id), want[i]);
	free(order);
	inventory_free(inv);
}
END_TEST

Suite *
suite_findings(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("findings");
	tc = tcase_create("rules");
	tcase_add_test(tc, test_rule_ids);
	tcase_add_test(tc, test_date);
	tcase_add_test(tc, test_default_spof);
	tcase_add_test(tc, test_many_services_in_order);
	tcase_add_test(tc, test_many_services_few_findings);
	tcase_add_test(tc, test_default_severity_by_tier);
	tcase_add_test(tc, test_single_site_tool);
	tcase_add_test(tc, test_single_site_tool_two_sites);
	tcase_add_test(tc, test_recovery_blocked_down);
	tcase_add_test(tc, test_recovery_blocked_degraded);
	tcase_add_test(tc, test_cycle);
	tcase_add_test(tc, test_tier_inversion);
	tcase_add_test(tc, test_service_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("policies");
	tcase_add_test(tc, test_policy_selectors);
	tcase_add_test(tc, test_policy_overlap);
	tcase_add_test(tc, test_policy_empty_section);
	tcase_add_test(tc, test_policy_never_hides);
	tcase_add_test(tc, test_waivers);
	tcase_add_test(tc, test_bad_regex);
	tcase_add_test(tc, test_regex_budget);
	suite_add_tcase(s, tc);
	return s;
}
