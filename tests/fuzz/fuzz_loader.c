/*
 * fuzz_loader.c -- libFuzzer target: arbitrary bytes as one inventory file.
 *
 * The bytes go through loader_load_buffer() and, when they load, through
 * inventory_resolve(), analysis_create() and findings_compute(), exactly
 * as `faultline check` runs them.  Whatever the bytes, nothing may crash,
 * leak, hang or grow without bound (run with -rss_limit_mb=512
 * -timeout=1), and every diagnostic must point inside the input: a line
 * no further than one past the last line of the buffer (libyaml puts the
 * end of a stream that does not end in a line break on the next line).
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
 * Lines in the buffer as YAML counts them (CR, LF, CR LF, NEL, LS and PS
 * each end a line), counting a last line without a break.
 */
static size_t
count_lines(const uint8_t *data, size_t size)
{
	size_t	i, n = 1;

	for (i = 0; i < size; i++) {
		if (data[i] == '\n')
			n++;
		else if (data[i] == '\r' && (i + 1 == size ||
		    data[i + 1] != '\n'))
			n++;
		else if (data[i] == 0xc2 && i + 1 < size && data[i + 1] == 0x85)
			n++;
		else if (data[i] == 0xe2 && i + 2 < size &&
		    data[i + 1] == 0x80 && (data[i + 2] == 0xa8 ||
		    data[i + 2] == 0xa9))
			n++;
	}
	return n;
}

/* Every diagnostic about the input must point inside it. */
static void
check_marks(const struct diag_list *dl, const uint8_t *data, size_t size)
{
	size_t			 i, lines = count_lines(data, size);
	const struct diag	*d;

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		if (d->message == NULL || d->message[0] == '\0') {
			fprintf(stderr, "fuzz_loader: empty diagnostic\n");
			abort();
		}
		if (d->file == NULL || strcmp(d->file, FUZZ_FILE) != 0)
			continue;
		if (d->line > lines + 1) {
			fprintf(stderr, "fuzz_loader: %s:%u:%u: %s: line past "
			    "the end of the input (%zu lines)\n", d->file,
			    d->line, d->column, d->message, lines);
			abort();
		}
	}
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
