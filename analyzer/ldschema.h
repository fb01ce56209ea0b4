/*
 * ldschema.h -- the schema layer of the loader, private to loader.c: reads
 * the events of one inventory file (yamlev.h) into an inventory.
 *
 * Every problem is reported through the event reader, with its mark;
 * reading goes on after an error where it can, so one run reports all of
 * them.  References stay symbols: inventory_resolve() resolves them.
 */
#ifndef FAULTLINE_LDSCHEMA_H
#define FAULTLINE_LDSCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"
#include "yamlev.h"

struct ldschema;

/* A reader, for one file after another. */
struct ldschema	*ldschema_create(void);
void		 ldschema_free(struct ldschema *);

/*
 * Read the events of an open file into inv; fileno is the file's index in
 * the inventory its marks refer to (inv's own, or the one inv will be
 * appended to: inventory_append()).
 */
void		 ldschema_file(struct ldschema *, struct yamlev *,
		    struct inventory *inv, uint32_t fileno);

/* The message for a second meta section, with the file, line and column
 * of the first. */
#define LDSCHEMA_SECOND_META "a second 'meta' section; the first is at " \
	"%s:%u:%u (an inventory has at most one)"

/* See loader_section_keys(). */
size_t		 ldschema_section_keys(const char *, const char **, size_t);

#endif
