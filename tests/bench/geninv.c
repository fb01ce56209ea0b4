/*
 * geninv.c -- writes a large, deterministic inventory for `make bench`.
 *
 * Usage: geninv [--sites N] [--racks N] [--hosts N] [--services N]
 *               [--seed N] [--profile healthy|unhealthy] DIR
 *
 * Writes a directory of format-1 YAML files (the inventory format of the
 * README): sites.yaml, power.yaml (shared grids; per site a utility feed, a
 * generator and two UPS fed by both), racks-N.yaml, hosts-NN.yaml (about
 * 100,000 hosts per file, one flow mapping per line, explicit ids so the
 * parse is real) and services-NN.yaml (10,000 services per file).
 * Defaults: 20 sites, 5,000 racks, 1,000,000 hosts, 50,000 services.
 *
 * Services come in layers by index -- apps, then platform services and
 * tools, then data stores, then core services and external vendors -- and
 * hard dependencies point to higher indexes (mostly the next layers down),
 * so the graph is acyclic except for a few deliberate cycles.  Each host is
 * used by about one service; most services span two or three sites, and
 * within a site a service's hosts sit in different racks.
 *
 * Two profiles share the sites, power, racks, hosts, the services' kinds,
 * tiers, owners and ids; they differ in placement, dependencies and
 * recovery:
 *   healthy    (the default, the inventory `make bench` has always timed)
 *              as above: 15% of the services in one site, about 2.0 hard
 *              and 0.35 soft dependencies each, a few cycles, 60% of the
 *              non-tools with a recovery list.
 *   unhealthy  a neglected estate: a quarter of the services (each
 *              non-external one with probability 1/4) in one site on 1-3
 *              hosts, the others over 2 or 3 sites sharing the remaining
 *              hosts; 0-4 dependencies each (uniform; 85% hard, 15% soft;
 *              always to a higher index, so acyclic); half of the services,
 *              tools included, name 1-2 tools as recovery.
 *
 * The output depends only on the parameters and the seed: every random
 * choice comes from our own generator (splitmix64), seeded per service, so
 * the same command writes the same bytes on every machine.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

#define HOSTS_PER_FILE 100000UL
#define SERVICES_PER_FILE 10000UL
#define RACKS_PER_FILE 2000UL
#define MAX_DEPS 12

enum kind {
	KIND_APP,
	KIND_PLATFORM,
	KIND_TOOL,
	KIND_DATA,
	KIND_EXTERNAL
};

static const char *kind_names[] = {
	"app", "platform", "tool", "data", "external"
};

struct site_name {
	const char	*id;
	const char	*name;
	const char	*region;
};

static const struct site_name site_names[] = {
	{ "pangyo", "Pangyo IDC", "capital" },
	{ "gasan", "Gasan IDC", "capital" },
	{ "ansan", "Ansan IDC", "capital" },
	{ "sangam", "Sangam IDC", "capital" },
	{ "mokdong", "Mokdong IDC", "capital" },
	{ "chuncheon", "Chuncheon IDC", "central" },
	{ "daejeon", "Daejeon IDC", "central" },
	{ "busan", "Busan IDC", "south" },
	{ "gwangju", "Gwangju IDC", "south" },
	{ "incheon", "Incheon IDC", "capital" },
	{ "suwon", "Suwon IDC", "capital" },
	{ "ilsan", "Ilsan IDC", "capital" },
	{ "yongin", "Yongin IDC", "capital" },
	{ "gimpo", "Gimpo IDC", "capital" },
	{ "ochang", "Ochang IDC", "central" },
	{ "sejong", "Sejong IDC", "central" },
	{ "jeju", "Jeju IDC", "south" },
	{ "ulsan", "Ulsan IDC", "south" },
	{ "tokyo", "Tokyo DC", "overseas" },
	{ "singapore", "Singapore DC", "overseas" },
	{ "osaka", "Osaka DC", "overseas" },
	{ "frankfurt", "Frankfurt DC", "overseas" },
};
#define NSITE_NAMES (sizeof site_names / sizeof site_names[0])

static const char *domains[] = {
	"talk", "pay", "map", "shop", "mail", "music", "search", "ads",
	"bank", "games", "news", "ride", "photo", "video", "cafe", "blog",
	"webtoon", "gift", "calendar", "drive", "notify", "feed", "billing",
	"emoticon"
};
#define NDOMAINS (sizeof domains / sizeof domains[0])

/* Role words by kind; core services and vendors use their own lists. */
static const char *app_roles[] = {
	"api", "web", "worker", "frontend", "batch", "push", "bff", "consumer"
};
static const char *platform_roles[] = {
	"gateway", "config", "registry", "mq", "scheduler", "router",
	"ratelimit", "flags"
};
static const char *tool_roles[] = {
	"deploy", "monitoring", "admin-console", "ci", "logging", "paging",
	"bastion", "sso", "metrics", "tracing", "alerting", "runbook"
};
static const char *data_roles[] = {
	"db", "cache", "kafka", "store", "index", "blob", "redis", "mysql"
};
static const char *core_roles[] = {
	"auth", "dns", "idp", "kms", "ntp", "discovery", "secrets", "ldap"
};
static const char *vendor_roles[] = {
	"sms", "pg", "cdn", "email", "maps", "push-relay", "kyc", "fx-rates"
};
#define NROLES 8
#define NTOOL_ROLES (sizeof tool_roles / sizeof tool_roles[0])

/* RNG streams: each service draws each kind of choice from its own stream. */
enum stream {
	STREAM_SHAPE,
	STREAM_HOSTS,
	STREAM_HARD,
	STREAM_SOFT,
	STREAM_RECOVERY,
	STREAM_PROFILE		/* unhealthy: which services are small */
};

struct rng {
	uint64_t	s;
};

struct gen {
	unsigned long	 nsites, nracks, nhosts, nservices;
	uint64_t	 seed;
	const char	*dir;
	int		 unhealthy;	/* the unhealthy profile */

	int		 hwidth, rwidth, swidth;
	char		**site_id;
	unsigned long	*site_first;	/* first host of each site */
	unsigned long	*site_count;	/* hosts in each site */
	unsigned long	*site_cursor;	/* hosts handed out so far, per site */
	unsigned long	*site_stride;	/* step between hosts handed out */
	unsigned long	*live;		/* sites that have hosts */
	unsigned long	 nlive;
	unsigned long	 ngrids;

	/* Layer bounds: [0,l1) apps, [l1,l2) platform and tools, [l2,l3)
	 * data, [l3,lext) core, [lext,nservices) external vendors. */
	unsigned long	 l1, l2, l3, lext;
	unsigned char	*kind, *domain, *role, *tier;
	unsigned long	*tools;
	unsigned long	 ntools;
	unsigned long	 mean_hosts;	/* hosts per multi-host service */
	unsigned char	*small;		/* unhealthy: one site, 1-3 hosts */
	unsigned long	 nsmall;

	unsigned long	 ncycles;
	unsigned long	 cycle_base[64];
	unsigned long	 cycle_len[64];

	unsigned long	 nfiles;
	unsigned long long bytes;
	unsigned long long nhard, nsoft, nrecovery, nruns;
	unsigned long	 nsingle;	/* services placed in one site */
};

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

/* A number in [0, n); 0 when n is 0.  The modulo bias is negligible. */
static unsigned long
rng_below(struct rng *r, unsigned long n)
{
	if (n == 0)
		return 0;
	return (unsigned long)(rng_next(r) % n);
}

static int
rng_percent(struct rng *r, unsigned int p)
{
	return rng_below(r, 100) < p;
}

static void
rng_for(struct rng *r, const struct gen *g, unsigned long i, enum stream st)
{
	r->s = mix64(g->seed ^ mix64((uint64_t)i * 8 + (uint64_t)st + 1));
}

static int
digits(unsigned long n)
{
	int	d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static unsigned long
gcd(unsigned long a, unsigned long b)
{
	unsigned long	t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static unsigned long
rack_site(const struct gen *g, unsigned long r)
{
	return (unsigned long)((uint64_t)r * g->nsites / g->nracks);
}

static unsigned long
host_rack(const struct gen *g, unsigned long h)
{
	return (unsigned long)((uint64_t)h * g->nracks / g->nhosts);
}

static void
host_id(const struct gen *g, unsigned long h, char *buf, size_t len)
{
	snprintf(buf, len, "%s-h%0*lu",
	    g->site_id[rack_site(g, host_rack(g, h))], g->hwidth, h + 1);
}

static void
rack_id(const struct gen *g, unsigned long r, char *buf, size_t len)
{
	snprintf(buf, len, "%s-r%0*lu", g->site_id[rack_site(g, r)],
	    g->rwidth, r + 1);
}

static void
service_id(const struct gen *g, unsigned long i, char *buf, size_t len)
{
	const char	*dom, *role;

	switch (g->kind[i]) {
	case KIND_APP:
		role = app_roles[g->role[i]];
		break;
	case KIND_TOOL:
		role = tool_roles[g->role[i] % NTOOL_ROLES];
		break;
	case KIND_DATA:
		role = data_roles[g->role[i]];
		break;
	case KIND_EXTERNAL:
		role = vendor_roles[g->role[i]];
		break;
	default:
		role = i >= g->l3 ? core_roles[g->role[i]] :
		    platform_roles[g->role[i]];
		break;
	}
	if (g->kind[i] == KIND_EXTERNAL)
		dom = "vendor";
	else if (i >= g->l3)
		dom = "core";
	else
		dom = domains[g->domain[i]];
	snprintf(buf, len, "%s-%s-%0*lu", dom, role, g->swidth, i + 1);
}

static const char *
service_owner(const struct gen *g, unsigned long i)
{
	if (g->kind[i] == KIND_EXTERNAL)
		return "partners";
	if (i >= g->l3)
		return "sre";
	return domains[g->domain[i]];
}

static FILE *
out_open(struct gen *g, const char *name, char *path, size_t len)
{
	FILE	*f;

	snprintf(path, len, "%s/%s", g->dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "geninv: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	fprintf(f, "# Generated by geninv (seed %" PRIu64 "%s) for make bench; "
	    "do not edit.\nfaultline: 1\n", g->seed,
	    g->unhealthy ? ", profile unhealthy" : "");
	return f;
}

static void
out_close(struct gen *g, FILE *f, const char *path)
{
	long	size;

	fflush(f);
	size = ftell(f);
	if (ferror(f) || fclose(f) != 0 || size < 0) {
		fprintf(stderr, "geninv: %s: write error\n", path);
		exit(1);
	}
	g->nfiles++;
	g->bytes += (unsigned long long)size;
}

static void
setup_sites(struct gen *g)
{
	unsigned long	 s, h, site;
	char		 buf[64];

	g->site_id = xcalloc(g->nsites, sizeof *g->site_id);
	for (s = 0; s < g->nsites; s++) {
		if (s < NSITE_NAMES)
			g->site_id[s] = xstrdup(site_names[s].id);
		else {
			snprintf(buf, sizeof buf, "dc-%03lu", s + 1);
			g->site_id[s] = xstrdup(buf);
		}
	}
	g->site_first = xcalloc(g->nsites, sizeof *g->site_first);
	g->site_count = xcalloc(g->nsites, sizeof *g->site_count);
	g->site_cursor = xcalloc(g->nsites, sizeof *g->site_cursor);
	g->site_stride = xcalloc(g->nsites, sizeof *g->site_stride);
	g->live = xcalloc(g->nsites, sizeof *g->live);

	/* Hosts fill racks in order and racks fill sites in order, so each
	 * site owns one contiguous range of hosts. */
	for (h = 0; h < g->nhosts; h++) {
		site = rack_site(g, host_rack(g, h));
		if (g->site_count[site]++ == 0)
			g->site_first[site] = h;
	}
	/* A site hands its hosts out a rack apart (stride coprime with the
	 * site's host count, so every host comes once per round): a service
	 * spreads over racks, as anti-affinity rules place real services. */
	for (s = 0; s < g->nsites; s++) {
		if (g->site_count[s] == 0)
			continue;
		g->live[g->nlive++] = s;
		g->site_stride[s] = g->nhosts / g->nracks + 1;
		while (gcd(g->site_stride[s], g->site_count[s]) != 1)
			g->site_stride[s]++;
	}
	g->ngrids = (g->nsites + 4) / 5;
}

static void
setup_services(struct gen *g)
{
	unsigned long	 i, n, nservers;
	unsigned int	 r;
	struct rng	 rng;

	n = g->nservices;
	g->l1 = n * 55 / 100;
	g->l2 = n * 80 / 100;
	g->l3 = n * 97 / 100;
	g->lext = n - n / 200;
	g->kind = xmalloc(n);
	g->domain = xmalloc(n);
	g->role = xmalloc(n);
	g->tier = xmalloc(n);
	g->tools = xcalloc(n, sizeof *g->tools);
	g->small = xcalloc(n, 1);
	nservers = 0;
	for (i = 0; i < n; i++) {
		rng_for(&rng, g, i, STREAM_SHAPE);
		g->domain[i] = (unsigned char)rng_below(&rng, NDOMAINS);
		g->role[i] = (unsigned char)rng_below(&rng, NROLES);
		r = (unsigned int)rng_below(&rng, 100);
		if (i < g->l1) {
			g->kind[i] = KIND_APP;
			g->tier[i] = r < 10 ? 1 : r < 35 ? 2 : r < 80 ? 3 : 4;
		} else if (i < g->l2) {
			if (rng_percent(&rng, 20)) {
				g->kind[i] = KIND_TOOL;
				g->role[i] = (unsigned char)rng_below(&rng,
				    NTOOL_ROLES);
				g->tier[i] = r < 50 ? 2 : 3;
				g->tools[g->ntools++] = i;
			} else {
				g->kind[i] = KIND_PLATFORM;
				g->tier[i] = r < 20 ? 1 : r < 60 ? 2 :
				    r < 90 ? 3 : 4;
			}
		} else if (i < g->l3) {
			g->kind[i] = KIND_DATA;
			g->tier[i] = r < 30 ? 1 : r < 80 ? 2 : 3;
		} else if (i < g->lext) {
			g->kind[i] = KIND_PLATFORM;
			g->tier[i] = 1;
		} else {
			g->kind[i] = KIND_EXTERNAL;
			g->tier[i] = 2;
		}
		if (g->kind[i] != KIND_EXTERNAL)
			nservers++;
		if (g->unhealthy && g->kind[i] != KIND_EXTERNAL) {
			rng_for(&rng, g, i, STREAM_PROFILE);
			if (rng_percent(&rng, 25)) {
				g->small[i] = 1;
				g->nsmall++;
			}
		}
	}
	/* The small services take about two hosts each; the others share
	 * the rest. */
	if (g->unhealthy && nservers > g->nsmall &&
	    g->nhosts > 2 * g->nsmall)
		g->mean_hosts = (g->nhosts - 2 * g->nsmall) /
		    (nservers - g->nsmall);
	else
		g->mean_hosts = nservers != 0 ? g->nhosts / nservers : 1;
	if (g->mean_hosts == 0)
		g->mean_hosts = 1;
	if (g->unhealthy)
		return;

	/* A few deliberate hard-dependency cycles of two and three
	 * services among the platform services. */
	if (n >= 1000)
		g->ncycles = n / 10000 < 2 ? 2 : n / 10000;
	else
		g->ncycles = g->l2 - g->l1 >= 3 ? 1 : 0;
	if (g->ncycles > 64)
		g->ncycles = 64;
	for (i = 0; i < g->ncycles; i++) {
		g->cycle_base[i] = g->l1 + (i + 1) * (g->l2 - g->l1) /
		    (g->ncycles + 1);
		g->cycle_len[i] = 2 + i % 2;
		if (g->cycle_base[i] + g->cycle_len[i] > g->l2)
			g->cycle_len[i] = 0;
	}
}

static void
write_sites(struct gen *g)
{
	FILE		*f;
	char		 path[PATH_MAX];
	unsigned long	 s;

	f = out_open(g, "sites.yaml", path, sizeof path);
	fputs("sites:\n", f);
	for (s = 0; s < g->nsites; s++) {
		fprintf(f, "  - id: %s\n", g->site_id[s]);
		if (s < NSITE_NAMES) {
			fprintf(f, "    name: %s\n    region: %s\n",
			    site_names[s].name, site_names[s].region);
		} else
			fprintf(f, "    name: Data center %lu\n", s + 1);
	}
	out_close(g, f, path);
}

static void
write_power(struct gen *g)
{
	FILE		*f;
	char		 path[PATH_MAX];
	const char	*id;
	unsigned long	 s, k;

	f = out_open(g, "power.yaml", path, sizeof path);
	fputs("power:\n", f);
	for (k = 0; k < g->ngrids; k++)
		fprintf(f, "  - id: grid-%02lu\n    name: Utility grid %lu\n",
		    k + 1, k + 1);
	for (s = 0; s < g->nsites; s++) {
		id = g->site_id[s];
		fprintf(f, "  - id: %s-utility\n    site: %s\n", id, id);
		if (s % 3 != 2)
			fprintf(f, "    fed_by: [grid-%02lu]\n",
			    s % g->ngrids + 1);
		fprintf(f, "  - id: %s-generator\n    site: %s\n", id, id);
		fprintf(f, "  - id: %s-ups-a\n    site: %s\n"
		    "    fed_by: [%s-utility, %s-generator]\n", id, id, id, id);
		fprintf(f, "  - id: %s-ups-b\n    site: %s\n"
		    "    fed_by: [%s-utility, %s-generator]\n", id, id, id, id);
	}
	out_close(g, f, path);
}

static void
write_racks(struct gen *g)
{
	FILE		*f = NULL;
	char		 path[PATH_MAX], name[64], rid[64];
	const char	*site;
	unsigned long	 r;

	for (r = 0; r < g->nracks; r++) {
		if (r % RACKS_PER_FILE == 0) {
			if (f != NULL)
				out_close(g, f, path);
			snprintf(name, sizeof name, "racks-%lu.yaml",
			    r / RACKS_PER_FILE + 1);
			f = out_open(g, name, path, sizeof path);
			fputs("racks:\n", f);
		}
		site = g->site_id[rack_site(g, r)];
		rack_id(g, r, rid, sizeof rid);
		fprintf(f, "  - id: %s\n    site: %s\n", rid, site);
		/* One rack in twenty hangs on a single UPS. */
		if (r % 20 == 5)
			fprintf(f, "    power: [%s-ups-a]\n", site);
		else
			fprintf(f, "    power: [%s-ups-a, %s-ups-b]\n", site,
			    site);
	}
	if (f != NULL)
		out_close(g, f, path);
}

static void
write_hosts(struct gen *g)
{
	FILE		*f = NULL;
	char		 path[PATH_MAX], name[64], hid[64], rid[64];
	const char	*site;
	unsigned long	 h, r;

	for (h = 0; h < g->nhosts; h++) {
		if (h % HOSTS_PER_FILE == 0) {
			if (f != NULL)
				out_close(g, f, path);
			snprintf(name, sizeof name, "hosts-%02lu.yaml",
			    h / HOSTS_PER_FILE + 1);
			f = out_open(g, name, path, sizeof path);
			fputs("hosts:\n", f);
		}
		r = host_rack(g, h);
		site = g->site_id[rack_site(g, r)];
		host_id(g, h, hid, sizeof hid);
		rack_id(g, r, rid, sizeof rid);
		/* Mostly the rack alone; some name their site as well, and
		 * a few have their own feed on top of the rack's. */
		if (h % 50 == 7)
			fprintf(f, "  - {id: %s, rack: %s, power: [%s-ups-b]}\n",
			    hid, rid, site);
		else if (h % 10 == 3)
			fprintf(f, "  - {id: %s, site: %s, rack: %s}\n", hid,
			    site, rid);
		else
			fprintf(f, "  - {id: %s, rack: %s}\n", hid, rid);
	}
	if (f != NULL)
		out_close(g, f, path);
}

/* A random service in [lo, hi), or ULONG_MAX when the range is empty. */
static unsigned long
pick(struct rng *r, unsigned long lo, unsigned long hi)
{
	if (lo >= hi)
		return ULONG_MAX;
	return lo + rng_below(r, hi - lo);
}

static int
add_dep(unsigned long *deps, size_t *n, unsigned long self, unsigned long d)
{
	size_t	i;

	if (d == ULONG_MAX || d == self || *n == MAX_DEPS)
		return 0;
	for (i = 0; i < *n; i++) {
		if (deps[i] == d)
			return 0;
	}
	deps[(*n)++] = d;
	return 1;
}

static unsigned long
min_ul(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

/* The hard dependencies of service i, layer by layer, then cycle edges. */
static size_t
hard_deps(const struct gen *g, unsigned long i, unsigned long *deps)
{
	struct rng	 r;
	size_t		 n = 0;
	unsigned long	 c, b, len, end;

	if (g->kind[i] == KIND_EXTERNAL)
		return 0;
	rng_for(&r, g, i, STREAM_HARD);
	if (i < g->l1) {
		add_dep(deps, &n, i, pick(&r, g->l1, g->l2));
		add_dep(deps, &n, i, pick(&r, g->l2, g->l3));
		if (rng_percent(&r, 30))
			add_dep(deps, &n, i, pick(&r, g->l3, g->nservices));
		if (rng_percent(&r, 10))
			add_dep(deps, &n, i, pick(&r, i + 1,
			    min_ul(i + 51, g->l1)));
	} else if (i < g->l2) {
		add_dep(deps, &n, i, pick(&r, g->l2, g->l3));
		if (rng_percent(&r, 50))
			add_dep(deps, &n, i, pick(&r, g->l2, g->l3));
		if (rng_percent(&r, 40))
			add_dep(deps, &n, i, pick(&r, g->l3, g->nservices));
		if (rng_percent(&r, 5))
			add_dep(deps, &n, i, pick(&r, i + 1,
			    min_ul(i + 51, g->l2)));
	} else if (i < g->l3) {
		if (rng_percent(&r, 70))
			add_dep(deps, &n, i, pick(&r, g->l3, g->nservices));
		if (rng_percent(&r, 30))
			add_dep(deps, &n, i, pick(&r, i + 1,
			    min_ul(i + 21, g->l3)));
	} else {
		if (rng_percent(&r, 40))
			add_dep(deps, &n, i, pick(&r, i + 1,
			    min_ul(i + 21, g->lext)));
	}
	for (c = 0; c < g->ncycles; c++) {
		b = g->cycle_base[c];
		len = g->cycle_len[c];
		if (len == 0 || i < b || i >= b + len)
			continue;
		end = b + len - 1;
		add_dep(deps, &n, i, i == end ? b : i + 1);
	}
	return n;
}

/* The unhealthy profile's dependency target for service i: a service of a
 * lower layer, or now and then a nearby one of its own layer; ULONG_MAX
 * when the chosen range is empty.  Always a higher index, so the graph is
 * acyclic.  The same-layer shares keep the chains short (fewer than one
 * same-layer edge per service in each layer). */
static unsigned long
unhealthy_target(const struct gen *g, unsigned long i, struct rng *r)
{
	unsigned int	roll = (unsigned int)rng_below(r, 100);

	if (i < g->l1) {
		if (roll < 40)
			return pick(r, g->l1, g->l2);
		if (roll < 75)
			return pick(r, g->l2, g->l3);
		if (roll < 90)
			return pick(r, g->l3, g->nservices);
		return pick(r, i + 1, min_ul(i + 51, g->l1));
	}
	if (i < g->l2) {
		if (roll < 55)
			return pick(r, g->l2, g->l3);
		if (roll < 85)
			return pick(r, g->l3, g->nservices);
		return pick(r, i + 1, min_ul(i + 51, g->l2));
	}
	if (i < g->l3) {
		if (roll < 75)
			return pick(r, g->l3, g->nservices);
		return pick(r, i + 1, min_ul(i + 21, g->l3));
	}
	if (roll < 70)
		return pick(r, g->lext, g->nservices);
	return pick(r, i + 1, min_ul(i + 21, g->lext));
}

/* The unhealthy profile's dependencies of service i: 0-4 of them, each
 * hard with probability 85%; the hard ones first in deps.  Returns the
 * number of dependencies and sets *nhard. */
static size_t
unhealthy_deps(const struct gen *g, unsigned long i, unsigned long *deps,
    size_t *nhard)
{
	struct rng	 r;
	unsigned long	 soft[4], d;
	size_t		 n = 0, nsoft = 0, j, k, want;

	*nhard = 0;
	if (g->kind[i] == KIND_EXTERNAL)
		return 0;
	rng_for(&r, g, i, STREAM_HARD);
	want = rng_below(&r, 5);
	for (k = 0; k < want; k++) {
		d = unhealthy_target(g, i, &r);
		if (rng_percent(&r, 85))
			add_dep(deps, &n, i, d);
		else if (d != ULONG_MAX)
			soft[nsoft++] = d;
	}
	/* A target drawn both hard and soft stays hard. */
	*nhard = n;
	for (j = 0; j < nsoft; j++)
		add_dep(deps, &n, i, soft[j]);
	return n;
}

static void
write_list(FILE *f, const struct gen *g, const unsigned long *v, size_t n)
{
	char	buf[128];
	size_t	i;

	fputc('[', f);
	for (i = 0; i < n; i++) {
		service_id(g, v[i], buf, sizeof buf);
		fprintf(f, "%s%s", i ? ", " : "", buf);
	}
	fputs("]\n", f);
}

/* Picks the hosts of service i from two or three sites and writes runs_on
 * and min_up. */
static void
write_placement(FILE *f, struct gen *g, unsigned long i)
{
	struct rng	 r;
	unsigned long	 n, k, want, j, s, c, h, total, sites[3], minup;
	unsigned int	 roll;
	char		 hid[64];
	int		 first = 1;

	rng_for(&r, g, i, STREAM_HOSTS);
	if (g->small[i])
		n = 1 + rng_below(&r, 3);
	else
		n = g->mean_hosts < 2 ? 1 :
		    2 + rng_below(&r, 2 * g->mean_hosts - 3);
	roll = (unsigned int)rng_below(&r, 100);
	if (g->small[i])
		want = 1;
	else if (i >= g->l3)
		want = 3;
	else if (g->unhealthy)
		want = roll < 65 ? 2 : 3;
	else
		want = roll < 15 ? 1 : roll < 70 ? 2 : 3;
	want = min_ul(min_ul(want, g->nlive), n);
	if (want == 1)
		g->nsingle++;
	k = 0;
	while (k < want) {
		s = g->live[rng_below(&r, g->nlive)];
		for (j = 0; j < k && sites[j] != s; j++)
			;
		if (j == k)
			sites[k++] = s;
	}

	fputs("    runs_on: [", f);
	total = 0;
	for (j = 0; j < k; j++) {
		s = sites[j];
		c = min_ul(n / k + (j < n % k), g->site_count[s]);
		while (c-- > 0) {
			h = g->site_first[s] + (unsigned long)((uint64_t)
			    g->site_cursor[s] * g->site_stride[s] %
			    g->site_count[s]);
			if (++g->site_cursor[s] == g->site_count[s])
				g->site_cursor[s] = 0;
			host_id(g, h, hid, sizeof hid);
			fprintf(f, "%s%s", first ? "" : ", ", hid);
			first = 0;
			total++;
		}
	}
	fputs("]\n", f);
	g->nruns += total;

	roll = (unsigned int)rng_below(&r, 100);
	if (i >= g->l3)
		minup = roll < 50 ? total / 2 + 1 : 1;
	else
		minup = roll < 70 ? 1 : roll < 90 || k < 3 ? 2 :
		    total / 2 + 1;
	if (minup > total)
		minup = total;
	if (minup > 1)
		fprintf(f, "    min_up: %lu\n", minup);
}

static void
write_service(FILE *f, struct gen *g, unsigned long i)
{
	struct rng	 r;
	unsigned long	 deps[MAX_DEPS], rec[2], d;
	size_t		 nhard, n, j, nrec;
	char		 buf[128];
	int		 block;

	service_id(g, i, buf, sizeof buf);
	fprintf(f, "  - id: %s\n    kind: %s\n", buf, kind_names[g->kind[i]]);
	if (g->tier[i] != 3)
		fprintf(f, "    tier: %u\n", g->tier[i]);
	fprintf(f, "    owner: %s\n", service_owner(g, i));
	if (g->kind[i] != KIND_EXTERNAL)
		write_placement(f, g, i);

	if (g->unhealthy)
		n = unhealthy_deps(g, i, deps, &nhard);
	else
		n = nhard = hard_deps(g, i, deps);
	if (!g->unhealthy && g->kind[i] != KIND_EXTERNAL) {
		rng_for(&r, g, i, STREAM_SOFT);
		if (rng_percent(&r, 30))
			add_dep(deps, &n, i, pick(&r, i + 1, g->nservices));
		if (rng_percent(&r, 5))
			add_dep(deps, &n, i, pick(&r, i + 1, g->nservices));
	}
	g->nhard += nhard;
	g->nsoft += n - nhard;
	if (n != 0) {
		/* Every fourth service writes its dependencies as a block
		 * list, the others as a flow list. */
		block = i % 4 == 0;
		fputs(block ? "    depends_on:\n" : "    depends_on: [", f);
		for (j = 0; j < n; j++) {
			service_id(g, deps[j], buf, sizeof buf);
			if (block && j < nhard)
				fprintf(f, "      - %s\n", buf);
			else if (block)
				fprintf(f, "      - service: %s\n"
				    "        soft: true\n", buf);
			else if (j < nhard)
				fprintf(f, "%s%s", j ? ", " : "", buf);
			else
				fprintf(f, "%s{service: %s, soft: true}",
				    j ? ", " : "", buf);
		}
		if (!block)
			fputs("]\n", f);
	}

	nrec = 0;
	if (g->unhealthy && g->kind[i] != KIND_EXTERNAL && g->ntools != 0) {
		/* Half of the services, tools included, name 1-2 tools;
		 * never themselves. */
		rng_for(&r, g, i, STREAM_RECOVERY);
		if (rng_percent(&r, 50)) {
			d = g->tools[rng_below(&r, g->ntools)];
			if (d != i)
				rec[nrec++] = d;
			if (rng_percent(&r, 30)) {
				d = g->tools[rng_below(&r, g->ntools)];
				if (d != i && (nrec == 0 || d != rec[0]))
					rec[nrec++] = d;
			}
		}
	} else if (g->kind[i] != KIND_EXTERNAL && g->ntools != 0) {
		rng_for(&r, g, i, STREAM_RECOVERY);
		if (g->kind[i] == KIND_TOOL) {
			if (rng_percent(&r, 25)) {
				d = g->tools[rng_below(&r, g->ntools)];
				if (d != i)
					rec[nrec++] = d;
			}
		} else if (rng_percent(&r, 60)) {
			rec[nrec++] = g->tools[rng_below(&r, g->ntools)];
			if (rng_percent(&r, 30)) {
				d = g->tools[rng_below(&r, g->ntools)];
				if (d != rec[0])
					rec[nrec++] = d;
			}
		}
	}
	if (nrec != 0) {
		fputs("    recovery: ", f);
		write_list(f, g, rec, nrec);
		g->nrecovery += nrec;
	}
}

static void
write_services(struct gen *g)
{
	FILE		*f = NULL;
	char		 path[PATH_MAX], name[64];
	unsigned long	 i;

	for (i = 0; i < g->nservices; i++) {
		if (i % SERVICES_PER_FILE == 0) {
			if (f != NULL)
				out_close(g, f, path);
			snprintf(name, sizeof name, "services-%02lu.yaml",
			    i / SERVICES_PER_FILE + 1);
			f = out_open(g, name, path, sizeof path);
			fputs("services:\n", f);
		}
		write_service(f, g, i);
	}
	if (f != NULL)
		out_close(g, f, path);
}

static unsigned long
parse_count(const char *opt, const char *s, unsigned long max)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v == 0 || v > max ||
	    *s == '-') {
		fprintf(stderr, "geninv: --%s: expected a number from 1 to "
		    "%lu, not \"%s\"\n", opt, max, s);
		exit(2);
	}
	return v;
}

static void
usage(void)
{
	fputs("usage: geninv [--sites N] [--racks N] [--hosts N] "
	    "[--services N] [--seed N] [--profile healthy|unhealthy] DIR\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sites", required_argument, NULL, 's' },
		{ "racks", required_argument, NULL, 'r' },
		{ "hosts", required_argument, NULL, 'H' },
		{ "services", required_argument, NULL, 'v' },
		{ "seed", required_argument, NULL, 'S' },
		{ "profile", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct gen	 g;
	unsigned long	 s;
	int		 ch;

	memset(&g, 0, sizeof g);
	g.nsites = 20;
	g.nracks = 5000;
	g.nhosts = 1000000;
	g.nservices = 50000;
	g.seed = 20221015;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			g.nsites = parse_count("sites", optarg, 10000);
			break;
		case 'r':
			g.nracks = parse_count("racks", optarg, 10000000);
			break;
		case 'H':
			g.nhosts = parse_count("hosts", optarg, 100000000);
			break;
		case 'v':
			g.nservices = parse_count("services", optarg,
			    10000000);
			break;
		case 'S':
			g.seed = parse_count("seed", optarg, ULONG_MAX);
			break;
		case 'p':
			if (strcmp(optarg, "healthy") == 0)
				g.unhealthy = 0;
			else if (strcmp(optarg, "unhealthy") == 0)
				g.unhealthy = 1;
			else {
				fprintf(stderr, "geninv: --profile: expected "
				    "healthy or unhealthy, not \"%s\"\n",
				    optarg);
				return 2;
			}
			break;
		default:
			usage();
		}
	}
	if (optind + 1 != argc)
		usage();
	g.dir = argv[optind];
	if (mkdir(g.dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "geninv: %s: %s\n", g.dir, strerror(errno));
		return 1;
	}
	g.hwidth = digits(g.nhosts) < 7 ? 7 : digits(g.nhosts);
	g.rwidth = digits(g.nracks) < 4 ? 4 : digits(g.nracks);
	g.swidth = digits(g.nservices) < 5 ? 5 : digits(g.nservices);

	setup_sites(&g);
	setup_services(&g);
	write_sites(&g);
	write_power(&g);
	write_racks(&g);
	write_hosts(&g);
	write_services(&g);

	printf("geninv: %s: %s profile, %lu files, %llu bytes: %lu sites, "
	    "%lu power, %lu racks, %lu hosts, %lu services (%lu tools, %lu "
	    "in one site, %lu of them on 1-3 hosts); %llu runs_on entries, "
	    "%llu hard and %llu soft dependencies, %lu cycles, %llu recovery "
	    "tools\n", g.dir, g.unhealthy ? "unhealthy" : "healthy",
	    g.nfiles, g.bytes, g.nsites, g.ngrids + 4 * g.nsites, g.nracks,
	    g.nhosts, g.nservices, g.ntools, g.nsingle, g.nsmall, g.nruns,
	    g.nhard, g.nsoft, g.ncycles, g.nrecovery);

	for (s = 0; s < g.nsites; s++)
		free(g.site_id[s]);
	free(g.site_id);
	free(g.site_first);
	free(g.site_count);
	free(g.site_cursor);
	free(g.site_stride);
	free(g.live);
	free(g.kind);
	free(g.domain);
	free(g.role);
	free(g.tier);
	free(g.tools);
	free(g.small);
	return 0;
}
