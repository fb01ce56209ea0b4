/*
 * loadpool.h -- load inventory files on several threads, in file order;
 * private to loader.c.
 *
 * The loader opens each file in order and hands it to the pool; the pool
 * reads, parses and loads it on whichever thread is free, each file into
 * an inventory of its own, and appends those to the inventory in file
 * order (inventory_append()), diagnostics included.  The inventory and
 * the diagnostics come out exactly as if the files had been loaded one
 * after another, but for one thing: a file that cannot be read is still
 * among the inventory's files (its index is given when it is added).
 */
#ifndef FAULTLINE_LOADPOOL_H
#define FAULTLINE_LOADPOOL_H

#include <stddef.h>

#include "diag.h"
#include "inventory.h"

struct loadpool;

/*
 * A pool loading into inv and reporting into dl; nfiles is how many files
 * may be added, at most (threads are used only for two or more).
 */
struct loadpool	*loadpool_create(struct inventory *, struct diag_list *,
		    size_t nfiles);
/*
 * Load the file open on fd (the pool closes it): path names it, hint is
 * its size when known (else 0), limit the most bytes to read.  Files are
 * appended in the order they are added.  May load earlier files first.
 */
void		 loadpool_add(struct loadpool *, const char *path, int fd,
		    size_t hint, size_t limit);
/* Load and append every file added so far. */
void		 loadpool_sync(struct loadpool *);
/* Load and append every file added, stop the threads and free the pool. */
void		 loadpool_finish(struct loadpool *);

#endif
