/*
 * loader.h -- read inventory files (YAML, format 1) into an inventory.
 *
 * Streaming: libyaml's event API, never its document loader, so memory is
 * proportional to the inventory and hostile files (alias bombs, deep
 * nesting, huge scalars, invalid UTF-8) are refused early with a mark
 * (yamlev.h has those limits).  Every problem is appended to the
 * diagnostics list; loading goes on after an error where it can, so one
 * run reports all of them.
 */
#ifndef FAULTLINE_LOADER_H
#define FAULTLINE_LOADER_H

#include <stddef.h>

#include "diag.h"
#include "inventory.h"

/* Limits against hostile input (more in yamlev.h). */
#define LOADER_MAX_STREAM	(64 << 20)	/* bytes read from a FIFO */
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define LOADER_MAX_NAMES	1000000		/* names from the brace ranges of a scalar */
/*
 * Bytes of names from brace ranges, per file: at most
 * LOADER_EXPANSION_PER_BYTE for each byte of the file, or
 * LOADER_MIN_FILE_EXPANSION for a small file, so memory stays proportional
 * to the input (a 65-byte line must not make a million hosts, nor a long
 * pattern gigabytes of ids).
 */
#define LOADER_MIN_FILE_EXPANSION	(4 << 20)
#define LOADER_EXPANSION_PER_BYTE	256
#else
/*
 * Fuzzing builds (libFuzzer's convention): a million names is a legitimate
 * inventory, but takes more than the fuzzer's one second under the
 * sanitizers; the limits shrink so that every input still exercises them.
 */
#define LOADER_MAX_NAMES		10000
#define LOADER_MIN_FILE_EXPANSION	(64 << 10)
#define LOADER_EXPANSION_PER_BYTE	16
#endif

/*
 * Load each path (a file, or a directory read recursively for *.yaml and
 * *.yml in sorted path order) into inv.  Returns 0 when no error was
 * reported, -1 otherwise.  Does not resolve references: call
 * inventory_resolve() after.
 */
int	loader_load_paths(struct inventory *, const char *const *, size_t,
	    struct diag_list *);
/* Load one file's contents from memory; name is used in marks. */
int	loader_load_buffer(struct inventory *, const char *name,
	    const unsigned char *, size_t, struct diag_list *);

/*
 * The keys accepted in the entries of a section (merge keys and x- keys
 * aside), for the schema consistency test: up to max of them into keys,
 * in the loader's order; returns how many, 0 for an unknown section.
 * section is "top", "sites", "power", "domains", "racks", "hosts",
 * "services", "depends_on", "standby", "policies", "select", "waivers",
 * "meta" or "extend".
 */
size_t	loader_section_keys(const char *section, const char **keys,
	    size_t max);

#endif
