/*
 * out_rootcause.h -- the words of a root cause, shared by every renderer:
 * "rack pg-ops-r1: 7 tools down, recovery of 23 services blocked".
 */
#ifndef FAULTLINE_OUT_ROOTCAUSE_H
#define FAULTLINE_OUT_ROOTCAUSE_H

#include <stddef.h>

#include "rootcause.h"

/* "rack pg-ops-r1" of a cause "rack:pg-ops-r1", into buf; returns buf. */
const char	*out_rootcause_name(const struct root_cause *, char *buf,
		    size_t size);
/* What the cause does, "7 tools down, recovery of 23 services blocked",
 * into buf (truncated to size); returns buf. */
const char	*out_rootcause_effects(const struct root_cause *, char *buf,
		    size_t size);

#endif
