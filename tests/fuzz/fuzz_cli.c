/*
 * fuzz_cli.c -- libFuzzer target: the commands themselves (check, whatif,
 * diff, graph, report) on arbitrary bytes as one inventory file, written
 * with -o through the outfile module.
 *
 * The first two bytes choose the command and its options (format, view,
 * --fail and --focus REFs from a fixed list that includes regexes with
 * ':' and backtracking ones, -o FILE or "-o -"); the rest is the inventory
 * file.  Whatever the bytes: no crash, leak or hang (run with
 * -rss_limit_mb=512 -timeout=1), an exit status of 0, 1 or 2, and no file
 * left in the output directory but the output itself -- never a temporary
 * file.  Graphviz layouts (graph -o .svg, the report's diagram) run only
 * when the inventory is small, so that a brace range of thousands of
 * hosts cannot make a layout the slow unit.  Run with -close_fd_mask=3:
 * the commands' own stdout and stderr are not the fuzzer's log.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "commands.h"
#include "diag.h"
#include "inventory.h"
#include "loader.h"

#define LAYOUT_MAX_COMPONENTS	60	/* lay out only this small */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	dir[64];
static char	inv_path[128];

static const char *const refs[] = {
	"site:~.", "~^h", "host:h1", "~(?:a|b)", "power:~.*", "~(a+)+$",
	"rack:~^r", "service:~.", "domain:~.", "h1", "~[", "bogus:x",
	"~(?:pg|ea)-", "site:s1", "~^(a|aa)+$", "~"
};
#define NREFS	(sizeof refs / sizeof refs[0])

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	strcpy(dir, "/tmp/fuzz_cli-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(inv_path, sizeof inv_path, "%s/inventory.yaml", dir);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	setenv("NO_COLOR", "1", 1);
	unsetenv("GITHUB_STEP_SUMMARY");
	return 0;
}

/* The number of components of the inventory, or 0 when it does not load. */
static size_t
components(const uint8_t *data, size_t size)
{
	struct inventory	*inv = inventory_create();
	struct diag_list	 dl;
	size_t			 n = 0;
	int			 k;

	diag_list_init(&dl);
	if (loader_load_buffer(inv, "inventory.yaml", data, size,
	    &dl) == 0)
		for (k = 0; k < KIND_COUNT; k++)
			n += inventory_count(inv, (enum entity_kind)k);
	diag_list_free(&dl);
	inventory_free(inv);
	return n;
}

/* Every name in the directory must be the inventory, the output or (a
 * Markdown report's) sidecar diagram. */
static void
check_leftovers(const char *output, const char *sidecar)
{
	DIR		*d;
	struct dirent	*de;
	const char	*base = output != NULL ? strrchr(output, '/') : NULL;

	if ((d = opendir(dir)) == NULL)
		abort();
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, "inventory.yaml") == 0 ||
		    (base != NULL && strcmp(de->d_name, base + 1) == 0) ||
		    (sidecar != NULL && strcmp(de->d_name, sidecar) == 0))
			continue;
		fprintf(stderr, "fuzz_cli: %s left in the output directory\n",
		    de->d_name);
		abort();
	}
	closedir(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct command_options	 o;
	const char		*paths[2], *fail[2];
	char			 out[160];
	const char		*ext, *sidecar;
	FILE			*fp;
	uint8_t			 sel, opt;
	int			 which, status, small;

	if (size < 2)
		return 0;
	sel = data[0];
	opt = data[1];
	data += 2;
	size -= 2;
	if ((fp = fopen(inv_path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		abort();
	if (fclose(fp) != 0)
		abort();
	small = components(data, size) <= LAYOUT_MAX_COMPONENTS;

	memset(&o, 0, sizeof o);
	paths[0] = paths[1] = inv_path;
	o.paths = paths;
	o.npaths = 1;
	o.fail_on = (enum severity)(opt >> 6 & 1 ? SEVERITY_WARNING :
	    SEVERITY_ERROR);
	fail[0] = refs[opt % NREFS];
	fail[1] = refs[(opt >> 4) % NREFS];
	out[0] = '\0';
	switch ((which = sel % 5)) {
	case 0:
		o.format = (enum output_format)(opt % 5);
		ext = "out";
		break;
	case 1:
		o.format = opt & 1 ? FORMAT_JSON : FORMAT_TEXT;
		o.fail = fail;
		o.nfail = 1 + (sel >> 7);
		ext = "out";
		break;
	case 2:
		o.format = opt & 1 ? FORMAT_JSON : FORMAT_TEXT;
		o.npaths = 2;
		ext = "out";
		break;
	case 3:
		o.view = opt & 1 ? VIEW_PLACEMENT : VIEW_SERVICES;
		if (opt & 2) {
			o.focus = &fail[1];
			o.nfocus = 1;
		}
		if (opt & 4) {
			o.fail = fail;
			o.nfail = 1;
		}
		ext = small && (sel & 0x40) ? "svg" : "dot";
		break;
	default:
		if (!small)
			return 0;
		ext = opt & 1 ? "html" : "md";
		break;
	}
	if ((sel & 0x20) && which != 4)
		o.output = "-";
	else {
		snprintf(out, sizeof out, "%s/out.%s", dir, ext);
		o.output = out;
	}
	switch (which) {
	case 0:
		status = cmd_check(&o);
		break;
	case 1:
		status = cmd_whatif(&o);
		break;
	case 2:
		status = cmd_diff(&o);
		break;
	case 3:
		status = cmd_graph(&o);
		break;
	default:
		status = cmd_report(&o);
		break;
	}
	if (status < 0 || status > 2) {
		fprintf(stderr, "fuzz_cli: exit status %d\n", status);
		abort();
	}
	fflush(stdout);
	clearerr(stdout);
	sidecar = out[0] != '\0' && strcmp(ext, "md") == 0 ? "out.svg" : NULL;
	check_leftovers(out[0] != '\0' ? out : NULL, sidecar);
	if (out[0] != '\0')
		unlink(out);
	if (sidecar != NULL) {
		snprintf(out, sizeof out, "%s/%s", dir, sidecar);
		unlink(out);
	}
	return 0;
}
