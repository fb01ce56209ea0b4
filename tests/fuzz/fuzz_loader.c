/*
 * fuzz_loader.c -- libFuzzer target: arbitrary bytes as one inventory file.
 *
 * The bytes go through loader_load_buffer() and, when they load, through
 * inventory_resolve(), analysis_create() and findings_compute(), exactly
 * as `faultline check` runs them.  Whatever the bytes, nothing may crash,
 * leak, hang or grow without bound (run with -rss_limit_mb=512
 * -timeout=1), and every diagnostic must point inside the input: at most
 * its last line, which is the empty one after a final line break (libyaml
 * puts the end of a stream without one on the next line; the loader moves
 * such a mark back after the last character).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "diag.h"
#include "findings.h"
#include "inventory.h"
#include "loader.h"

#define FUZZ_FILE	"fuzz.yaml"
#define FUZZ_TODAY	20000		/* 2024-10-04, for waivers */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The length of the line break at data[i] as YAML counts them (CR LF, CR,
 * LF, NEL, LS and PS each end a line), or 0.
 */
static size_t
break_len(const uint8_t *data, size_t i, size_t size)
{
	if (data[i] == '\n')
		return 1;
	if (data[i] == '\r')
		return i + 1 < size && data[i + 1] == '\n' ? 2 : 1;
	if (data[i] == 0xc2 && i + 1 < size && data[i + 1] == 0x85)
		return 2;
	if (data[i] == 0xe2 && i + 2 < size && data[i + 1] == 0x80 &&
	    (data[i + 2] == 0xa8 || data[i + 2] == 0xa9))
		return 3;
	return 0;
}

/*
 * The characters of every line (UTF-8 lead bytes and invalid bytes, not
 * counting the byte order mark), into a fresh array; *nlines receives the
 * number of lines, counting a last line without a break.
 */
static size_t *
line_widths(const uint8_t *data, size_t size, size_t *nlines)
{
	size_t	*w, n = 1, i, k;

	for (i = 0; i < size; i += k)
		if ((k = break_len(data, i, size)) != 0)
			n++;
		else
			k = 1;
	w = calloc(n, sizeof *w);
	if (w == NULL)
		abort();
	i = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	for (n = 0; i < size; i += k)
		if ((k = break_len(data, i, size)) != 0)
			n++;
		else {
			k = 1;
			if ((data[i] & 0xc0) != 0x80)
				w[n]++;
		}
	*nlines = n + 1;
	return w;
}

/*
 * Every diagnostic about the input must point inside it: a line of it, and
 * a column no further than one past that line's last character.
 */
static void
check_marks(const struct diag_list *dl, const uint8_t *data, size_t size)
{
	size_t			 i, lines, *width;
	const struct diag	*d;

	width = line_widths(data, size, &lines);
	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		if (d->message == NULL || d->message[0] == '\0') {
			fprintf(stderr, "fuzz_loader: empty diagnostic\n");
			abort();
		}
		if (d->file == NULL || strcmp(d->file, FUZZ_FILE) != 0)
			continue;
		if (d->line > lines) {
			fprintf(stderr, "fuzz_loader: %s:%u:%u: %s: line past "
			    "the end of the input (%zu lines)\n", d->file,
			    d->line, d->column, d->message, lines);
			abort();
		}
		if (d->line > 0 && d->column > width[d->line - 1] + 1) {
			fprintf(stderr, "fuzz_loader: %s:%u:%u: %s: column past "
			    "the end of the line (%zu characters)\n", d->file,
			    d->line, d->column, d->message, width[d->line - 1]);
			abort();
		}
	}
	free(width);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory	*inv = inventory_create();
	struct diag_list	 dl;
	struct analysis		*a;
	struct findings		 f;
	int			 ok;

	diag_list_init(&dl);
	memset(&f, 0, sizeof f);
	ok = loader_load_buffer(inv, FUZZ_FILE, data, size, &dl) == 0 &&
	    inventory_resolve(inv, &dl) == 0;
	if (ok != (dl.errors == 0)) {
		fprintf(stderr, "fuzz_loader: status %d with %zu errors\n", ok,
		    dl.errors);
		abort();
	}
	if (ok && (a = analysis_create(inv, &dl)) != NULL) {
		findings_compute(a, FUZZ_TODAY, &f, &dl);
		findings_free(&f);
		analysis_free(a);
	}
	check_marks(&dl, data, size);
	diag_list_free(&dl);
	inventory_free(inv);
	return 0;
}
