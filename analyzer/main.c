/*
 * main.c -- the faultline command line: parse arguments, hand them to the
 * subcommand, and exit with its status.  The only file that prints usage
 * or calls exit.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "commands.h"
#include "diag.h"
#include "loader.h"
#include "out_dot.h"
#include "xalloc.h"

#define EXIT_USAGE 2

static const char usage_text[] =
"usage: faultline COMMAND [PATH...] [OPTIONS]\n"
"\n"
"Find what a single fault takes down in an inventory of sites, power\n"
"domains, racks, hosts and services.\n"
"\n"
"commands:\n"
"  check   validate the inventory and report single points of failure\n"
"  whatif  fail components and show what goes down, degrades or cannot recover\n"
"  diff    compare the findings of two inventories: new, resolved, unchanged\n"
"  graph   draw services or placement with Graphviz (DOT, SVG, PNG, PDF)\n"
"  report  write an audit report (HTML or Markdown) of the inventory\n"
"  import  write an inventory from NetBox or a Backstage catalog\n"
"\n"
"Each PATH is an inventory file or a directory of *.yaml files; without\n"
"one, the bundled example inventory is read.\n"
"Run 'faultline COMMAND --help' for the options of a command.\n"
"\n"
"  -h, --help     show this help\n"
"  -V, --version  show the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings,\n"
"2 invalid inventory, unreadable file or bad usage.\n";

/* The sections of an inventory, as `--help` lists their keys. */
static const char *const format_sections[] = {
	"sites", "power", "domains", "racks", "hosts", "services", "standby",
	"depends_on", "policies", "select", "waivers", "meta", "extend"
};

static const char format_notes[] =
"  (standby and depends_on entries are inside services, select inside\n"
"  policies; x- keys are ignored, <<: merges an anchor's keys)\n"
"values: kind app|data|platform|tool|external; tier 1..4; min_up >= 1;\n"
"  in (ALL-of) and fed_by (ANY-of) name power domains or domains; on names a\n"
"  host; rto 30s|30m|3h|2d; survive site|power|rack|host|domain or a domain\n"
"  type; expires YYYY-MM-DD or never; granted YYYY-MM-DD.\n"
"The README and schemas/inventory.schema.json describe every key.\n";

/*
 * The keys of every section, from the loader's own tables (so the list
 * cannot drift from what it accepts), wrapped at 78 columns.
 */
static void
print_format(FILE *fp)
{
	const char	*keys[32];
	size_t		 i, j, n, col;

	fputs("\ninventory keys (a file maps these sections; also faultline: 1):\n",
	    fp);
	for (i = 0; i < sizeof format_sections / sizeof *format_sections;
	    i++) {
		n = loader_section_keys(format_sections[i], keys, 32);
		col = (size_t)fprintf(fp, "  %-12s", format_sections[i]);
		for (j = 0; j < n; j++) {
			if (col + 1 + strlen(keys[j]) > 78)
				col = (size_t)fprintf(fp, "\n%14s", "");
			col += (size_t)fprintf(fp, " %s", keys[j]);
		}
		fputc('\n', fp);
	}
	fputs(format_notes, fp);
}

static const char check_usage[] =
"usage: faultline check [PATH...] [--format text|json|sarif|junit|github]\n"
"                       [--fail-on error|warning|never] [--baseline FILE]\n"
"                       [--summary] [-o FILE]\n"
"\n"
"Validate the inventory and report findings: single points of failure\n"
"(spof), single-site tools, blocked recovery, failover loops, dependency\n"
"cycles, tier inversions and expired waivers.  The root causes (the\n"
"causes findings share, worst first) lead every output.\n"
"\n"
"  -f, --format FORMAT  text (default), json, sarif (SARIF 2.1.0), junit\n"
"                       (JUnit XML) or github (GitHub Actions annotations)\n"
"      --fail-on LEVEL  exit 1 when a finding is at or above LEVEL:\n"
"                       error (default), warning, or never\n"
"      --baseline FILE  a previous 'check --format json': only findings not\n"
"                       in it count for the exit status (matched by rule,\n"
"                       subject and cause, never by line)\n"
"      --summary        text: print only the root causes and the summary\n"
"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
"  -h, --help           show this help\n";

static const char whatif_usage[] =
"usage: faultline whatif [PATH...] --fail REF [--fail REF...] [--format text|json]\n"
"\n"
"Fail the named components at once and show which services go down,\n"
"degrade, or cannot be recovered because a recovery tool is down.\n"
"REF is kind:id (site:pangyo, host:pg-talk-01), a bare id unique across\n"
"kinds, or a PCRE2 pattern after '~' (host:~^pg-).\n"
"\n"
"  -F, --fail REF       a component to fail (repeatable; at least one)\n"
"  -f, --format FORMAT  text (default) or json\n"
"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
"  -h, --help           show this help\n";

static const char diff_usage[] =
"usage: faultline diff OLD_PATH NEW_PATH [--format text|json]\n"
"                      [--fail-on error|warning|never] [--allow-missing-base]\n"
"                      [-o FILE]\n"
"\n"
"Compare the findings of two inventories (files or directories), matched\n"
"by rule, subject and cause, never by line: the findings new in NEW, those\n"
"resolved since OLD, and how many are unchanged.\n"
"\n"
"  -f, --format FORMAT  text (default) or json\n"
"      --fail-on LEVEL  exit 1 when NEW adds a finding at or above LEVEL\n"
"                       that is not waived: error (default), warning, never\n"
"      --allow-missing-base  an OLD_PATH without inventory files (the pull\n"
"                       request that adds the inventory) counts as empty\n"
"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
"  -h, --help           show this help\n";

static const char graph_usage[] =
"usage: faultline graph [PATH...] [--view services|placement] [--focus REF...]\n"
"                       [--fail REF...] [--size slide|a4|poster]\n"
"                       [--collapse auto|owner|kind|none]\n"
"                       [--edges blocked|all|none] [-o FILE.dot|.gv|.svg|.png|.pdf]\n"
"\n"
"Draw the inventory with Graphviz: DOT on stdout without -o, else the\n"
"format of the -o extension.  Every drawing has a title (the inventory's\n"
"meta name, else its paths), a caption (view, focus, failed components and\n"
"the date: SOURCE_DATE_EPOCH when set, else today in UTC) and a legend of\n"
"what it uses.  Node names and SVG ids are the components' kind:id.\n"
"\n"
"      --view VIEW      services (default): services and their dependencies,\n"
"                       grouped by site, red when a site, power domain or\n"
"                       domain is a single point, orange when only a rack or\n"
"                       host is, green when none; placement: a cluster per\n"
"                       site with power, domains, racks and hosts, the\n"
"                       single points that are some service's most specific\n"
"                       cause drawn bold with how many services they take down\n"
"      --focus REF      keep only what REF needs (dependencies, recovery and\n"
"                       failover tools, placement down to sites and power)\n"
"                       and what needs it (repeatable: around all of them)\n"
"  -F, --fail REF       colour the scenario where REF fails (repeatable); the\n"
"                       services view points the services it hits at a\n"
"                       \"failed\" node\n"
"      --size SIZE      the page: slide (default; 16:9, 1920x1080 px),\n"
"                       a4 (landscape) or poster; sets the aspect ratio,\n"
"                       the size and how many nodes stay readable\n"
"      --collapse HOW   auto (default): collapse only as far as the page needs\n"
"                       (hosts to a count per rack, racks and power per site,\n"
"                       then services by owner, then by kind); owner or kind:\n"
"                       group the services so; none: draw everything.  A note\n"
"                       on stderr says what was collapsed, including racks of\n"
"                       more than 3 hosts drawn as a count\n"
"      --edges WHICH    recovery and failover edges: blocked (default): only\n"
"                       those one fault (or the --fail scenario) breaks, the\n"
"                       tool going down with the service; all; none\n"
"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
"  -h, --help           show this help\n";

static const char report_usage[] =
"usage: faultline report [PATH...] -o FILE.html|FILE.md [--map NAME...]\n"
"\n"
"Write a self-contained audit report: an executive summary, scope and\n"
"method, a verdict per policy and rule, the files analysed with their\n"
"SHA-256 and the inventory's content digest, the site and power loss\n"
"matrix, every finding by severity, recovery readiness, fan-in, waivers\n"
"and the services diagram.  HTML or Markdown by the extension of FILE\n"
"(Markdown writes the diagram beside it as FILE.svg).  The time is\n"
"SOURCE_DATE_EPOCH when set, so the same input gives the same bytes; the\n"
"git commit of the inventory is shown unless FAULTLINE_NO_GIT is set.\n"
"\n"
"  -o, --output FILE    the report (required): .html, .htm or .md\n"
"  -m, --map NAME       add a regulatory mapping section (repeatable):\n"
"                       dora, iso27001, kr-digital, or a mapping file's path\n"
"  -h, --help           show this help\n";

static const char import_usage[] =
"usage: faultline import netbox [PATH...] [--url URL] [-o FILE]\n"
"       faultline import backstage PATH... [-o FILE]\n"
"\n"
"Write an inventory from what you already keep.  netbox: sites, locations,\n"
"racks, power panels and feeds, PDUs, devices, clusters and virtual\n"
"machines; each PATH is a JSON file or a directory of *.json files: pages\n"
"of the REST API (any number per endpoint) or a dumpdata export.\n"
"backstage: Components and Resources of a software catalog as services;\n"
"each PATH is a catalog file (catalog-info.yaml) or a directory of\n"
"*.yaml and *.yml files.\n"
"The file starts with a comment saying what was imported from where and\n"
"when (SOURCE_DATE_EPOCH when set); a summary of what was written, left\n"
"out, not mapped and renamed goes to stderr.\n"
"\n"
"      --url URL        fetch NetBox's REST API live from URL (its web\n"
"                       root); the token is read from NETBOX_TOKEN\n"
"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 written, 2 unreadable or invalid input or bad usage.\n";

/* Options a command accepts. */
#define OPT_FORMAT	0x01
#define OPT_FAIL_ON	0x02
#define OPT_FAIL	0x04
#define OPT_BASELINE	0x08
#define OPT_VIEW	0x10
#define OPT_FOCUS	0x20
#define OPT_SUMMARY	0x40
#define OPT_ALLOW_MISSING 0x80
#define OPT_DRAW	0x100	/* --size, --collapse, --edges */
#define OPT_URL		0x200
#define OPT_MAP		0x400

#define FORMATS_TEXT_JSON ((1u << FORMAT_TEXT) | (1u << FORMAT_JSON))

struct command {
	const char	*name;
	const char	*usage;
	int		(*run)(const struct command_options *);
	unsigned	 options;	/* OPT_* */
	unsigned	 formats;	/* bit per enum output_format */
	int		 npaths;	/* exactly this many PATHs; -1: any */
	int		 need_fail;	/* at least one --fail */
	const char	*first;		/* the first PATH must be one of these
					 * words, '|'-separated; NULL: any */
};

static const struct command commands[] = {
	{ "check", check_usage, cmd_check,
	    OPT_FORMAT | OPT_FAIL_ON | OPT_BASELINE | OPT_SUMMARY,
	    FORMATS_TEXT_JSON | (1u << FORMAT_SARIF) | (1u << FORMAT_JUNIT) |
	    (1u << FORMAT_GITHUB), -1, 0, NULL },
	{ "whatif", whatif_usage, cmd_whatif, OPT_FORMAT | OPT_FAIL,
	    FORMATS_TEXT_JSON, -1, 1, NULL },
	{ "diff", diff_usage, cmd_diff, OPT_FORMAT | OPT_FAIL_ON |
	    OPT_ALLOW_MISSING,
	    FORMATS_TEXT_JSON, 2, 0, NULL },
	{ "graph", graph_usage, cmd_graph,
	    OPT_FAIL | OPT_VIEW | OPT_FOCUS | OPT_DRAW,
	    0, -1, 0, NULL },
	{ "report", report_usage, cmd_report, OPT_MAP, 0, -1, 0, NULL },
	{ "import", import_usage, cmd_import, OPT_URL, 0, -1, 0,
	    "netbox|backstage" },
};

static int
usage_error(const struct command *c, const char *fmt, const char *arg)
{
	char	*msg;

	msg = xasprintf(fmt, arg);
	diag_message(stderr, "%s", msg);
	free(msg);
	fputs(c->usage, stderr);
	return EXIT_USAGE;
}

static int
parse_format(const char *s, enum output_format *format)
{
	static const char *names[] = { "text", "json", "sarif", "junit",
	    "github" };
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i]) == 0) {
			*format = (enum output_format)i;
			return 0;
		}
	}
	return -1;
}

/* Which OPT_* a getopt character stands for (0: always allowed). */
static unsigned
option_bit(int ch)
{
	switch (ch) {
	case 'f':
		return OPT_FORMAT;
	case 'L':
		return OPT_FAIL_ON;
	case 'F':
		return OPT_FAIL;
	case 'B':
		return OPT_BASELINE;
	case 'v':
		return OPT_VIEW;
	case 'c':
		return OPT_FOCUS;
	case 'm':
		return OPT_MAP;
	case 'S':
		return OPT_SUMMARY;
	case 'A':
		return OPT_ALLOW_MISSING;
	case 'Z':
	case 'C':
	case 'E':
		return OPT_DRAW;
	case 'u':
		return OPT_URL;
	default:
		return 0;
	}
}

static const char *
option_name(const struct option *longopts, int ch)
{
	static char	name[32];

	for (; longopts->name != NULL; longopts++) {
		if (longopts->val == ch) {
			snprintf(name, sizeof name, "--%s", longopts->name);
			return name;
		}
	}
	return "?";
}

static int
parse_option(const struct command *c, int ch, const char *arg,
    struct command_options *opts, const char **fail, size_t *nfail,
    const char **focus, const char **maps)
{
	int	level;

	switch (ch) {
	case 'f':
		if (parse_format(arg, &opts->format) != 0 ||
		    (c->formats & (1u << opts->format)) == 0)
			return usage_error(c, "unknown format '%s'", arg);
		break;
	case 'L':
		if (strcmp(arg, "never") == 0)
			opts->fail_on = SEVERITY_NONE;
		else if ((level = inventory_severity_parse(arg)) != -1)
			opts->fail_on = (enum severity)level;
		else
			return usage_error(c, "unknown --fail-on level '%s'",
			    arg);
		break;
	case 'F':
		fail[(*nfail)++] = arg;
		break;
	case 'B':
		opts->baseline = arg;
		break;
	case 'v':
		if (strcmp(arg, "services") == 0)
			opts->view = VIEW_SERVICES;
		else if (strcmp(arg, "placement") == 0)
			opts->view = VIEW_PLACEMENT;
		else
			return usage_error(c, "unknown view '%s'; expected "
			    "services or placement", arg);
		break;
	case 'c':
		focus[opts->nfocus++] = arg;
		break;
	case 'm':
		maps[opts->nmaps++] = arg;
		break;
	case 'Z':
		if ((opts->size = out_dot_size_parse(arg)) < 0)
			return usage_error(c, "unknown --size '%s'; expected "
			    "slide, a4 or poster", arg);
		break;
	case 'C':
		if ((opts->collapse = out_dot_collapse_parse(arg)) < 0)
			return usage_error(c, "unknown --collapse '%s'; "
			    "expected auto, owner, kind or none", arg);
		break;
	case 'E':
		if ((opts->edges = out_dot_edges_parse(arg)) < 0)
			return usage_error(c, "unknown --edges '%s'; expected "
			    "blocked, all or none", arg);
		break;
	case 'o':
		opts->output = arg;
		break;
	case 'S':
		opts->summary = 1;
		break;
	case 'A':
		opts->allow_missing_base = 1;
		break;
	case 'u':
		opts->url = arg;
		break;
	}
	return -1;
}

/* Whether word is one of the '|'-separated words. */
static int
first_word_ok(const char *words, const char *word)
{
	size_t	len;

	if (word == NULL)
		return 0;
	len = strlen(word);
	while (*words != '\0') {
		if (strncmp(words, word, len) == 0 &&
		    (words[len] == '|' || words[len] == '\0'))
			return 1;
		words += strcspn(words, "|");
		words += *words == '|';
	}
	return 0;
}

static int
run_command(const struct command *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'L' },
		{ "fail", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "view", required_argument, NULL, 'v' },
		{ "focus", required_argument, NULL, 'c' },
		{ "map", required_argument, NULL, 'm' },
		{ "summary", no_argument, NULL, 'S' },
		{ "allow-missing-base", no_argument, NULL, 'A' },
		{ "size", required_argument, NULL, 'Z' },
		{ "collapse", required_argument, NULL, 'C' },
		{ "edges", required_argument, NULL, 'E' },
		{ "url", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct command_options	 opts;
	const char		**fail, **focus, **maps;
	size_t			 nfail = 0;
	unsigned		 bit;
	int			 ch, status = -1;

	memset(&opts, 0, sizeof opts);
	opts.fail_on = SEVERITY_ERROR;
	fail = xcalloc((size_t)argc, sizeof *fail);
	focus = xcalloc((size_t)argc, sizeof *focus);
	opts.focus = focus;
	maps = xcalloc((size_t)argc, sizeof *maps);
	opts.maps = maps;
	optind = 1;
	opterr = 0;
	while (status == -1 &&
	    (ch = getopt_long(argc, argv, ":f:F:m:o:h", longopts, NULL)) != -1) {
		bit = option_bit(ch);
		if (ch == 'h') {
			fputs(c->usage, stdout);
			status = 0;
		} else if (ch == ':')
			status = usage_error(c, "option '%s' needs a value",
			    argv[optind - 1]);
		else if (ch == '?')
			status = usage_error(c, "unknown option '%s'",
			    argv[optind - 1]);
		else if (bit != 0 && (c->options & bit) == 0)
			status = usage_error(c, "%s takes no such option",
			    option_name(longopts, ch));
		else
			status = parse_option(c, ch, optarg, &opts, fail,
			    &nfail, focus, maps);
	}
	if (status == -1 && c->need_fail && nfail == 0)
		status = usage_error(c, "%s needs at least one --fail REF",
		    c->name);
	if (status == -1 && c->npaths != -1 && argc - optind != c->npaths)
		status = usage_error(c, "%s needs two paths, OLD and NEW",
		    c->name);
	if (status == -1 && c->first != NULL && !first_word_ok(c->first,
	    optind < argc ? argv[optind] : NULL))
		status = usage_error(c, "%s needs a source first: netbox or "
		    "backstage", c->name);
	if (status == -1) {
		opts.paths = (const char *const *)argv + optind;
		opts.npaths = (size_t)(argc - optind);
		opts.fail = fail;
		opts.nfail = nfail;
		status = c->run(&opts);
	}
	free(fail);
	free(focus);
	free(maps);
	return status;
}

/*
 * Flush stdout and close it: a write error (a full disk, a closed pipe
 * reader's EPIPE is a signal, not this) makes the status 2 with a message,
 * unless the command already failed with 2 and said why.
 */
static int
finish(int status)
{
	int	bad, saved;

	errno = 0;
	bad = fflush(stdout) != 0 || ferror(stdout);
	saved = errno != 0 ? errno : EIO;
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (!bad)
		return status;
	if (status != EXIT_USAGE)
		diag_message(stderr, "cannot write standard output: %s",
		    strerror(saved));
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	const char	*cmd;
	size_t		 i;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	xalloc_huge_heap();
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		print_format(stdout);
		return finish(0);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("faultline %s\n", PACKAGE_VERSION);
		return finish(0);
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return finish(run_command(&commands[i], argc - 1,
			    argv + 1));
	diag_message(stderr, "unknown command '%s'", cmd);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}
