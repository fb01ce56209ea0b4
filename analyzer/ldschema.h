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

/* A reader into inv, for one file after another. */
struct ldschema	*ldschema_create(struct inventory *);
void		 ldschema_free(struct ldschema *);

/* Read the events of an open file; fileno is its index in inv->files. */
void		 ldschema_file(struct ldschema *, struct yamlev *,
		    uint32_t fileno);

/* See loader_section_keys(). */
size_t		 ldschema_section_keys(const char *, const char **, size_t);

#endif
