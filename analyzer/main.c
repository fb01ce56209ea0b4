/*
 * main.c -- the faultline command line: parse arguments, hand them to the
 * subcommand, and exit with its status.  The only file that prints usage
 * or calls exit.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cmd_diff.h"
#include "commands.h"
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

static const char check_usage[] =
"usage: faultline check [PATH...] [--format text|json|sarif|junit|github]\n"
"                       [--fail-on error|warning|never] [--baseline FILE] [-o FILE]\n"
"\n"
"Validate the inventory and report findings: single points of failure\n"
"(spof), single-site tools, blocked recovery, dependency cycles, tier\n"
"inversions and expired waivers.\n"
"\n"
"  -f, --format FORMAT  text (default), json, sarif (SARIF 2.1.0), junit\n"
"                       (JUnit XML) or github (GitHub Actions annotations)\n"
"      --fail-on LEVEL  exit 1 when a finding is at or above LEVEL:\n"
"                       error (default), warning, or never\n"
"      --baseline FILE  a previous 'check --format json': only findings not\n"
"                       in it count for the exit status (matched by rule,\n"
"                       subject and cause, never by line)\n"
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
"                      [--fail-on error|warning|never] [-o FILE]\n"
"\n"
"Compare the findings of two inventories (files or directories), matched\n"
"by rule, subject and cause, never by line: the findings new in NEW, those\n"
"resolved since OLD, and how many are unchanged.\n"
"\n"
"  -f, --format FORMAT  text (default) or json\n"
"      --fail-on LEVEL  exit 1 when NEW adds a finding at or above LEVEL\n"
"                       that is not waived: error (default), warning, never\n"
"  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
"  -h, --help           show this help\n";

static int
usage_error(const char *usage, const char *fmt, const char *arg)
{
	fputs("faultline: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

static int
parse_format(const char *s, enum output_format *format)
{
	if (strcmp(s, "text") == 0)
		*format = FORMAT_TEXT;
	else if (strcmp(s, "json") == 0)
		*format = FORMAT_JSON;
	else if (strcmp(s, "sarif") == 0)
		*format = FORMAT_SARIF;
	else if (strcmp(s, "junit") == 0)
		*format = FORMAT_JUNIT;
	else if (strcmp(s, "github") == 0)
		*format = FORMAT_GITHUB;
	else
		return -1;
	return 0;
}

static int
run_command(const char *name, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'L' },
		{ "fail", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct command_options	 opts;
	const char		*usage;
	const char		**fail;
	int			 whatif, diff, ch, status;
	size_t			 nfail = 0;

	whatif = strcmp(name, "whatif") == 0;
	diff = strcmp(name, "diff") == 0;
	usage = whatif ? whatif_usage : diff ? diff_usage : check_usage;
	memset(&opts, 0, sizeof opts);
	opts.fail_on = SEVERITY_ERROR;
	fail = xcalloc((size_t)argc, sizeof *fail);
	optind = 1;
	opterr = 0;
	status = -1;
	while (status == -1 &&
	    (ch = getopt_long(argc, argv, ":f:F:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (parse_format(optarg, &opts.format) != 0 ||
			    ((whatif || diff) && opts.format != FORMAT_TEXT &&
			    opts.format != FORMAT_JSON))
				status = usage_error(usage,
				    "unknown format '%s'", optarg);
			break;
		case 'B':
			if (whatif || diff)
				status = usage_error(usage,
				    "unknown option '%s'", "--baseline");
			else
				opts.baseline = optarg;
			break;
		case 'L':
			if (whatif)
				status = usage_error(usage,
				    "unknown option '%s'", "--fail-on");
			else if (strcmp(optarg, "never") == 0)
				opts.fail_on = SEVERITY_NONE;
			else if (inventory_severity_parse(optarg) == -1)
				status = usage_error(usage,
				    "unknown --fail-on level '%s'", optarg);
			else
				opts.fail_on = (enum severity)
				    inventory_severity_parse(optarg);
			break;
		case 'F':
			if (!whatif)
				status = usage_error(usage,
				    "unknown option '%s'", "--fail");
			else
				fail[nfail++] = optarg;
			break;
		case 'o':
			opts.output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			status = 0;
			break;
		case ':':
			status = usage_error(usage, "option '%s' needs a value",
			    argv[optind - 1]);
			break;
		default:
			status = usage_error(usage, "unknown option '%s'",
			    argv[optind - 1]);
			break;
		}
	}
	if (status == -1 && whatif && nfail == 0)
		status = usage_error(usage, "%s", "whatif needs at least one "
		    "--fail REF");
	if (status == -1 && diff && argc - optind != 2)
		status = usage_error(usage, "%s", "diff needs two paths, OLD "
		    "and NEW");
	if (status == -1) {
		opts.paths = (const char *const *)argv + optind;
		opts.npaths = (size_t)(argc - optind);
		opts.fail = fail;
		opts.nfail = nfail;
		status = whatif ? cmd_whatif(&opts) : diff ? cmd_diff(&opts) :
		    cmd_check(&opts);
	}
	free(fail);
	return status;
}

int
main(int argc, char **argv)
{
	const char	*cmd;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("faultline %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (strcmp(cmd, "check") == 0 || strcmp(cmd, "whatif") == 0 ||
	    strcmp(cmd, "diff") == 0)
		return run_command(cmd, argc - 1, argv + 1);
	fprintf(stderr, "faultline: unknown command '%s'\n", cmd);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}
